"""Triage rules: first match wins, a default, reasons, and malformed facts reported."""

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    ITIL,
    ConfigError,
    Issue,
    RequestFacts,
    RequestKind,
    Severity,
    Triage,
    TriageRule,
    TriageRules,
    UsersAffected,
)
from servicedesk_core.testing.strategies import request_facts, triage_rules

RULES = TriageRules(
    scheme=FOUR_TIER,
    rules=[
        TriageRule(name="outage", level="Critical", service="down", min_users="all"),
        TriageRule(name="vip", level="High", tags=["vip"], channels=["phone"]),
        TriageRule(name="broad", level="High", min_users="multiple", workaround=False),
        TriageRule(name="question", level="Low", kinds=["question", "cosmetic"]),
        TriageRule(name="one", level="Medium", max_users="single"),
    ],
    default="Low",
)


def classify(**facts: object) -> Triage:
    return RULES.classify(RequestFacts(**facts))  # type: ignore[arg-type]


def test_first_match_wins_and_names_the_rule_and_reasons() -> None:
    triage = classify(service_state="down", users_affected="all", has_workaround=False)
    assert triage.level.name == "Critical"
    assert RULES.rules[0] == triage.rule
    assert "outage" == triage.rule_name
    assert triage.reasons == ("users affected is all", "service is down")
    assert not triage.is_default


def test_default_lists_why_each_rule_missed() -> None:
    triage = classify(kind="change", users_affected="multiple", has_workaround=True)
    assert (FOUR_TIER["Low"], None, None, True) == (
        triage.level,
        triage.rule,
        triage.rule_name,
        triage.is_default,
    )
    assert triage.reasons == (
        "outage: users affected is multiple, not at least all",
        "vip: channel is unknown",
        "broad: a workaround exists",
        "question: request kind is change, not cosmetic or question",
        "one: users affected is multiple, not at most single",
        "no rule matched: default Low",
    )


@pytest.mark.parametrize(
    ("count", "size", "expected", "text"),
    [
        (1, None, "Medium", "users affected is single (1)"),
        (1, 1, "Critical", "users affected is all (1 of 1)"),
        (2, None, "High", "users affected is multiple (2)"),
        (9, 10, "High", "users affected is multiple (9 of 10)"),
        (10, 10, "Critical", "users affected is all (10 of 10)"),
    ],
)
def test_counts_are_judged_against_the_account_size(
    count: int, size: int | None, expected: str, text: str
) -> None:
    triage = classify(
        service_state="down", users_affected=count, account_size=size, has_workaround=False
    )
    assert expected == triage.level.name
    assert text == triage.reasons[0]
    assert triage.issues == ()


def test_more_users_than_the_account_has_is_reported_but_counts_as_all() -> None:
    triage = classify(service_state="down", users_affected=12, account_size=10)
    assert triage.level.name == "Critical"
    assert (
        Issue(
            Severity.WARNING,
            "facts.out_of_range",
            "users_affected",
            "12 users affected but the account has 10",
        ),
    ) == triage.issues


@pytest.mark.parametrize(
    ("facts", "code", "field"),
    [
        ({"users_affected": "12"}, "facts.wrong_type", "users_affected"),
        ({"users_affected": 12.0}, "facts.wrong_type", "users_affected"),
        ({"users_affected": True}, "facts.wrong_type", "users_affected"),
        ({"users_affected": "everyone"}, "facts.unknown_value", "users_affected"),
        ({"users_affected": 0}, "facts.out_of_range", "users_affected"),
        ({"account_size": "10"}, "facts.wrong_type", "account_size"),
        ({"account_size": 0}, "facts.out_of_range", "account_size"),
        ({"has_workaround": "no"}, "facts.wrong_type", "has_workaround"),
        ({"has_workaround": 0}, "facts.wrong_type", "has_workaround"),
        ({"service_state": "broken"}, "facts.unknown_value", "service_state"),
        ({"service_state": 1}, "facts.wrong_type", "service_state"),
        ({"kind": "bug"}, "facts.unknown_value", "kind"),
        ({"channel": 5}, "facts.wrong_type", "channel"),
        ({"tags": "vip"}, "facts.wrong_type", "tags"),
        ({"tags": [1, 2]}, "facts.wrong_type", "tags"),
        ({"colour": "red"}, "facts.unknown", "colour"),
        ({"channel": "p" * 201}, "facts.too_long", "channel"),
        ({"tags": ["v" * 201]}, "facts.too_long", "tags"),
    ],
)
def test_malformed_facts_are_reported_not_coerced(
    facts: dict[str, object], code: str, field: str
) -> None:
    triage = RULES.classify(facts)
    assert [(code, field)] == [(issue.code, issue.path) for issue in triage.issues]
    assert triage.is_default  # the malformed fact is unknown, so no rule can use it


def test_a_string_count_does_not_count_as_many_users() -> None:
    triage = RULES.classify({"service_state": "down", "users_affected": "40"})
    assert triage.issues[0].code == "facts.wrong_type"
    assert triage.issues[0].message == "expected a count of users as a number, got str '40'"
    assert triage.reasons[0] == "outage: users affected is unknown"


def test_facts_that_are_not_a_mapping_are_reported() -> None:
    triage = RULES.classify(["down"])  # type: ignore[arg-type]
    assert (triage.issues[0].code, triage.issues[0].path) == ("facts.wrong_type", "")
    assert triage.is_default


def test_enum_values_as_strings_are_the_enum_values() -> None:
    assert classify(service_state="down", users_affected="all") == RULES.classify(
        {"service_state": "down", "users_affected": "all"}
    )


def test_channels_and_all_tags_must_match() -> None:
    assert classify(channel="phone", tags={"vip", "voice"}).rule.name == "vip"  # type: ignore[union-attr]
    assert classify(channel="email", tags={"vip"}).is_default
    assert "vip: tags lack vip" in classify(channel="phone", tags={"voice"}).reasons


def test_a_rule_without_conditions_matches_everything() -> None:
    rules = TriageRules(scheme=ITIL, rules=[TriageRule(name="all", level="P3")], default="P5")
    triage = rules.classify({})
    assert (triage.level.name, triage.reasons) == ("P3", ("the rule has no conditions",))


def test_levels_resolve_through_the_scheme() -> None:
    assert FOUR_TIER["Critical"] == RULES.level_of(RULES.rules[0])
    assert FOUR_TIER["Low"] == RULES.default_level


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (
            lambda: TriageRules(
                scheme=ITIL, rules=[TriageRule(name="a", level="Urgent")], default="P5"
            ),
            "rules[0].level",
            "no level 'Urgent'",
        ),
        (
            lambda: TriageRules(
                scheme=ITIL, rules=[TriageRule(name="a", level=FOUR_TIER["Low"])], default="P5"
            ),
            "rules[0].level",
            "four-tier",
        ),
        (
            lambda: TriageRules(
                scheme=ITIL,
                rules=[TriageRule(name="a", level="P1"), TriageRule(name="a", level="P2")],
                default="P5",
            ),
            "rules[1].name",
            "duplicate rule name 'a'",
        ),
        (lambda: TriageRules(scheme=ITIL, rules=[], default="Low"), "default", "no level 'Low'"),
        (lambda: TriageRules(scheme=ITIL, rules=["a"], default="P5"), "rules[0]", "a TriageRule"),
        (lambda: TriageRule(name="a", level="P1", service="exploded"), "service", "'exploded'"),
        (lambda: TriageRule(name="a", level="P1", kinds=["bug"]), "kinds", "'bug'"),
        (lambda: TriageRule(name="a", level="P1", kinds=3), "kinds", "expected a list"),
        (lambda: TriageRule(name="a", level="P1", min_users="most"), "min_users", "'most'"),
        (lambda: TriageRule(name="a", level="P1", max_users=2), "max_users", "got int 2"),
        (
            lambda: TriageRule(name="a", level="P1", min_users="all", max_users="single"),
            "max_users",
            "more than",
        ),
        (lambda: TriageRule(name="a", level="P1", workaround="maybe"), "workaround", "'maybe'"),
        (lambda: TriageRule(name="a", level="P1", tags=[1]), "tags[0]", "expected text"),
        (lambda: TriageRule(name="a", level="P1", channels=5), "channels", "expected a list"),
        (lambda: TriageRule(name="", level="P1"), "name", "non-blank"),
        (lambda: TriageRule(name="a", level=None), "level", "expected text"),
    ],
)
def test_bad_rules_raise_config_error_naming_the_culprit(
    build: object, field: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build()  # type: ignore[operator]
    assert field == info.value.field


def test_rules_from_plain_data() -> None:
    rules = TriageRules.from_dict(
        FOUR_TIER,
        {
            "default": "Low",
            "rules": [
                {
                    "name": "outage",
                    "level": "Critical",
                    "description": "Everyone is down",
                    "when": {"service": "down", "min_users": "all"},
                },
                {"name": "questions", "level": "Low", "when": {"kinds": ["question"]}},
            ],
        },
    )
    assert attrs.evolve(RULES.rules[0], description="Everyone is down") == rules.rules[0]
    assert (
        rules.classify({"service_state": "down", "users_affected": "all"}).level.name == "Critical"
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"rules": []}, "default", "missing"),
        ({"default": "Low", "rules": [], "extra": 1}, "extra", "unknown key"),
        ({"default": "Low", "rules": "outage"}, "rules", "a list of rules"),
        ({"default": "Low", "rules": [3]}, "rules[0]", "a mapping"),
        (
            {"default": "Low", "rules": [{"name": "a", "level": "Low", "when": {"colour": 1}}]},
            "rules[0].when.colour",
            "unknown condition",
        ),
        (
            {
                "default": "Low",
                "rules": [
                    {"name": "a", "level": "Low"},
                    {"name": "b", "level": "Low", "when": {"service": "gone"}},
                ],
            },
            "rules[1].when.service",
            "got str 'gone'",
        ),
        ({"default": "Low", "rules": [{"level": "Low"}]}, "rules[0].name", "missing"),
        (
            {"default": "Low", "rules": [{"name": "a", "level": "Low", "if": {}}]},
            "rules[0].if",
            "unknown key",
        ),
        (
            {"default": "Low", "rules": [{"name": "a", "level": "Low", "when": 3}]},
            "rules[0].when",
            "a mapping",
        ),
        ({"default": "Low", "rules": [{"name": "a", "level": "Top"}]}, "rules[0].level", "'Top'"),
    ],
)
def test_rules_from_bad_data_name_the_culprit(
    data: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        TriageRules.from_dict(FOUR_TIER, data)
    assert field == info.value.field


def test_none_conditions_accept_anything_as_documented() -> None:
    rule = TriageRule(name="any", level="P1", service=None, kinds=None, channels=None, tags=None)
    assert TriageRule(name="any", level="P1") == rule


def test_condition_text_is_converted_once() -> None:
    rule = TriageRule(name="a", level="P1", workaround="false", min_users="ALL", kinds="Question")
    assert (False, UsersAffected.ALL) == (rule.workaround, rule.min_users)
    assert frozenset({RequestKind.QUESTION}) == rule.kinds


def test_rules_and_results_are_values() -> None:
    copy = pickle.loads(pickle.dumps(RULES))
    assert copy == RULES
    assert hash(RULES) == hash(copy)
    triage = classify(users_affected="single")
    assert triage == pickle.loads(pickle.dumps(triage))
    assert hash(RequestFacts(tags=["a"])) == hash(RequestFacts(tags=frozenset({"a"})))


def oracle_classify(rules: TriageRules, facts: RequestFacts) -> str:
    """Re-derive the answer with plain ifs, from the facts that are well formed."""
    users = facts.users_affected
    reach = {"single": 1, "multiple": 2, "all": 3}
    if isinstance(users, int):
        size = facts.account_size
        users = (
            "all" if size is not None and users >= size else "multiple" if users > 1 else "single"
        )
    for rule in rules.rules:
        checks = [
            rule.min_users is None or (users is not None and reach[users] >= reach[rule.min_users]),
            rule.max_users is None or (users is not None and reach[users] <= reach[rule.max_users]),
            rule.workaround is None or facts.has_workaround is rule.workaround,
            not rule.service or facts.service_state in rule.service,
            not rule.kinds or facts.kind in rule.kinds,
            not rule.channels or facts.channel in rule.channels,
            rule.tags <= facts.tags,
        ]
        if all(checks):
            return rule.name
    return ""


@given(triage_rules(), request_facts())
def test_classification_agrees_with_the_oracle(rules: TriageRules, facts: RequestFacts) -> None:
    triage = rules.classify(facts)
    assert triage.issues == ()
    assert oracle_classify(rules, facts) == (triage.rule.name if triage.rule else "")
    expected = rules.level_of(triage.rule) if triage.rule else rules.default_level
    assert expected == triage.level


@given(triage_rules(), request_facts(malformed=True))
def test_classification_is_deterministic_and_never_raises(
    rules: TriageRules, facts: RequestFacts
) -> None:
    first = rules.classify(facts)
    assert first == rules.classify(facts)
    as_mapping = {
        "users_affected": facts.users_affected,
        "account_size": facts.account_size,
        "has_workaround": facts.has_workaround,
        "service_state": facts.service_state,
        "kind": facts.kind,
        "channel": facts.channel,
        "tags": facts.tags,
    }
    assert first == rules.classify(as_mapping)
    assert first.level in rules.scheme
    assert first.reasons


@given(triage_rules(), request_facts(), st.randoms(use_true_random=False))
def test_order_of_tags_and_enum_spelling_do_not_matter(
    rules: TriageRules, facts: RequestFacts, random: object
) -> None:
    spelled = RequestFacts(
        users_affected=str(facts.users_affected)
        if facts.users_affected is not None and not isinstance(facts.users_affected, int)
        else facts.users_affected,
        account_size=facts.account_size,
        has_workaround=facts.has_workaround,
        service_state=None if facts.service_state is None else str(facts.service_state),
        kind=None if facts.kind is None else str(facts.kind),
        channel=facts.channel,
        tags=sorted(facts.tags),
    )
    assert rules.classify(facts) == rules.classify(spelled)


def test_rule_set_needs_a_scheme_and_a_list_of_rules() -> None:
    with pytest.raises(ConfigError) as info:
        TriageRules(scheme="four-tier", rules=[], default="Low")  # type: ignore[arg-type]
    assert info.value.field == "scheme"
    with pytest.raises(ConfigError) as info:
        TriageRules(scheme=FOUR_TIER, rules=RULES.rules[0], default="Low")
    assert info.value.field == "rules"
    with pytest.raises(ConfigError, match="expected a mapping"):
        TriageRules.from_dict(FOUR_TIER, ["default"])  # type: ignore[arg-type]
