"""Broken documents: every problem is collected into one ConfigError, each at its exact path."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    AuthzPolicy,
    BusinessCalendar,
    Calendar,
    ConfigError,
    Created,
    Event,
    PolicySet,
    PriorityMatrix,
    TriageRules,
    from_dict,
    from_json,
    to_dict,
)
from tests.fuzz import verdict_time
from tests.serialization.test_coverage import FEW, STORED

V = {"schema_version": 1}
POLICY = {
    "name": "desk",
    "scheme": {"name": "desk", "levels": ["High", "Low"]},
    "calendar": {"timezone": "UTC", "hours": "Daily 09:00-17:00"},
    "targets": {"High": {"first_response": "PT1H"}, "Low": {"first_response": None}},
}


def _with_targets(targets: dict[str, object]) -> dict[str, object]:
    return {**V, "rules": [{"name": "all", "policy": {**POLICY, "targets": targets}}]}


BROKEN = [
    pytest.param(
        BusinessCalendar,
        {
            **V,
            "timezone": "Mars/Base",
            "hours": "Mon 9-5",
            "holidays": {"country": "XX", "added": ["2026-13-01", 5]},
            "overrides": {"Christmas": "closed", "2026-01-01": "sometimes"},
            "colour": "red",
        },
        {
            ("timezone", "config.invalid"),
            ("hours", "config.invalid"),
            ("holidays.country", "config.invalid"),
            ("holidays.added[0]", "config.invalid"),
            ("holidays.added[1]", "config.invalid"),
            ("overrides.Christmas", "config.invalid"),
            ('overrides["2026-01-01"]', "config.invalid"),
            ("colour", "config.unknown_key"),
        },
        id="calendar: every field at once",
    ),
    pytest.param(
        BusinessCalendar,
        V,
        {("timezone", "config.missing"), ("hours", "config.missing")},
        id="calendar: required keys",
    ),
    pytest.param(
        BusinessCalendar,
        {**V, "timezone": "UTC", "hours": "Daily closed"},
        {("hours", "config.invalid")},
        id="calendar: never open",
    ),
    pytest.param(
        BusinessCalendar,
        {
            **V,
            "timezone": "UTC",
            "hours": "Daily 09:00-17:00",
            "holidays": {"market": "NYSE", "country": "US"},
        },
        {("holidays.market", "config.invalid")},
        id="calendar: a country and a market",
    ),
    pytest.param(
        BusinessCalendar,
        {
            **V,
            "timezone": "UTC",
            "hours": "Daily 09:00-17:00",
            "holidays": {"country": "US", "subdiv": "ZZ"},
        },
        {("holidays.subdiv", "config.invalid")},
        id="calendar: unknown subdivision",
    ),
    pytest.param(
        Calendar,
        {**V, "kind": "both", "left": {"timezone": "UTC"}, "right": 7},
        {("kind", "config.invalid"), ("left.hours", "config.missing"), ("right", "config.invalid")},
        id="combined calendar",
    ),
    pytest.param(
        TriageRules,
        {
            **V,
            "scheme": {"name": "x", "levels": ["A", {"name": "B", "rank": "high"}, "A"]},
            "rules": [{"name": "r", "level": "A", "when": {"colour": 1, "service": ["dead"]}}, 7],
            "default": "B",
        },
        {
            ("scheme.levels[1].rank", "config.invalid"),
            ("rules[0].when.colour", "config.unknown_key"),
            ("rules[0].when.service[0]", "config.invalid"),
            ("rules[1]", "config.invalid"),
        },
        id="triage rules: nested problems",
    ),
    pytest.param(
        TriageRules,
        {**V, "scheme": {"name": "x", "levels": ["A", "A"]}, "rules": [], "default": "A"},
        {("scheme.levels", "config.invalid")},
        id="triage rules: duplicate level",
    ),
    pytest.param(
        TriageRules,
        {
            **V,
            "scheme": {"name": "x", "levels": ["A"]},
            "rules": [{"name": "r", "level": "Z"}],
            "default": "A",
        },
        {("rules[0].level", "config.invalid")},
        id="triage rules: unknown level",
    ),
    pytest.param(
        PriorityMatrix,
        {
            **V,
            "scheme": {"name": "x", "levels": ["A", "B"]},
            "impacts": ["i", "j"],
            "urgencies": ["u", "v"],
            "rows": [["A", "C"], ["B"]],
        },
        {("rows[0][1]", "config.invalid"), ("rows[1]", "config.invalid")},
        id="matrix: cells",
    ),
    pytest.param(
        PriorityMatrix,
        {
            **V,
            "scheme": {"name": "x", "levels": ["A", "B"]},
            "impacts": ["i", "j"],
            "urgencies": ["u"],
            "rows": [["B"], ["A"]],
            "monotonic": True,
        },
        {("rows", "config.invalid")},
        id="matrix: not monotonic",
    ),
    pytest.param(
        AuthzPolicy,
        {
            **V,
            "rules": [{"id": "q", "effect": "maybe", "actions": "x", "up_to": 1.5}],
            "accounts": [{"id": "a", "contacts": [{"id": "c", "account": "a", "roles": [1]}]}],
            "staff": [{"id": "s", "accounts": None, "name": None}],
        },
        {
            ("rules[0].effect", "config.invalid"),
            ("rules[0].actions", "config.invalid"),
            ("rules[0].up_to", "config.invalid"),
            ("accounts[0].contacts[0].roles[0]", "config.invalid"),
            ("staff[0].name", "config.invalid"),
        },
        id="authz policy: nested fields",
    ),
    pytest.param(
        PolicySet,
        _with_targets(
            {
                "High": {
                    "first_response": {"goal": {"duration": "PT5H"}, "breach": "PT4H"},
                    "resolution": "PT1X",
                },
                "Low": {"first_response": None, "resolution": {"business_days": -1}},
            }
        ),
        {
            ("rules[0].policy.targets.High.first_response.goal", "config.invalid"),
            ("rules[0].policy.targets.High.resolution", "config.invalid"),
            ("rules[0].policy.targets.Low.resolution.business_days", "config.invalid"),
        },
        id="policy set: target cells",
    ),
    pytest.param(
        PolicySet,
        _with_targets({"High": {"first_response": "PT1H"}, "Mid": {"first_response": "PT1H"}}),
        {("rules[0].policy.targets.Mid.first_response", "config.invalid")},
        id="policy set: a level the scheme lacks",
    ),
    pytest.param(
        PolicySet,
        _with_targets({"High": {"first_response": "PT1H"}, "Low": {}}),
        {("rules[0].policy.targets.Low.first_response", "config.invalid")},
        id="policy set: a level without the metric",
    ),
    pytest.param(
        PolicySet,
        _with_targets({**POLICY["targets"], "Hihg": {}}),  # type: ignore[dict-item]
        {("rules[0].policy.targets.Hihg", "config.invalid")},
        id="policy set: an empty row for a level the scheme lacks (it was ignored)",
    ),
    pytest.param(
        PolicySet,
        _with_targets(
            {
                "High": {"first_response": "PT1H", "FIRST_RESPONSE": "PT2H"},
                "Low": {"first_response": None},
            }
        ),
        {("rules[0].policy.targets.High.FIRST_RESPONSE", "config.invalid")},
        id="policy set: one metric in two spellings (the later silently won)",
    ),
    pytest.param(
        PolicySet,
        {**V, "rules": [{"name": "all", "policy": POLICY, "when": {"channels": ["fax"]}}], "x": 1},
        {("rules[0].when.channels[0]", "config.invalid"), ("x", "config.unknown_key")},
        id="policy set: condition and unknown key",
    ),
    pytest.param(
        list[Event],
        {
            **V,
            "events": [
                {"type": "created", "at": "2026-01-01T09:00:00", "priority": "High"},
                {"type": "shouted", "at": "2026-01-01T09:00:00Z"},
                {"at": "2026-01-01T09:00:00Z"},
                {"type": "survey_answered", "at": "2026-01-01T10:00:00Z", "score": 9},
                {"type": "closed", "at": "2026-01-01T11:00:00Z", "note": "bye"},
            ],
        },
        {
            ("events[0].at", "config.invalid"),
            ("events[1].type", "config.invalid"),
            ("events[2].type", "config.missing"),
            ("events[3].score", "config.invalid"),
            ("events[4].note", "config.unknown_key"),
        },
        id="event log",
    ),
    pytest.param(
        Created,
        {**V, "type": "closed", "at": "2026-01-01T09:00:00Z"},
        {("type", "config.invalid")},
        id="event of another type",
    ),
    pytest.param(BusinessCalendar, [1, 2], {("", "config.invalid")}, id="not an object"),
    pytest.param(
        BusinessCalendar,
        {"schema_version": 99, "timezone": "UTC"},
        {("schema_version", "config.version")},
        id="a newer version",
    ),
    pytest.param(
        BusinessCalendar,
        {"schema_version": "1", "timezone": "UTC"},
        {("schema_version", "config.version")},
        id="a version that is not a number",
    ),
    pytest.param(
        BusinessCalendar,
        {"timezone": "UTC", "hours": "Daily 09:00-17:00"},
        {("schema_version", "config.version")},
        id="no version",
    ),
    pytest.param(
        list[Event],
        {**V, "events": [{"type": ["created"]}, {"type": {"created": 1}}]},
        {("events[0].type", "config.invalid"), ("events[1].type", "config.invalid")},
        id="an event type that is not text (it said: unhashable type 'list')",
    ),
]


@pytest.mark.parametrize(("kind", "document", "expected"), BROKEN)
def test_every_problem_is_reported_at_its_path(kind, document, expected):
    with pytest.raises(ConfigError) as caught:
        from_dict(kind, document)
    assert expected == {(issue.path, issue.code) for issue in caught.value.issues}
    assert len(expected) == len(caught.value.issues)


def test_the_message_lists_the_problems():
    with pytest.raises(ConfigError) as caught:
        from_dict(BusinessCalendar, V)
    assert "2 problems: timezone: missing; hours: missing" == str(caught.value)
    assert "timezone" == caught.value.issues[0].path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', "appears twice"),
        ('{"a": NaN}', "NaN is not a number"),
        ('{"a": ', "malformed JSON at line 1 column 7"),
        ("[" * 100_000, "malformed JSON"),
        (b"\xff", "malformed JSON"),
        (None, "expected JSON text"),
    ],
)
def test_malformed_json_is_a_config_error(text, message):
    with pytest.raises(ConfigError, match=message) as caught:
        from_json(BusinessCalendar, text)
    assert {"config.syntax"} == {issue.code for issue in caught.value.issues}


def test_an_unknown_type_is_a_type_error():
    with pytest.raises(TypeError, match="no plain data form"):
        from_dict(dict, {})
    with pytest.raises(TypeError, match="no plain data form"):
        to_dict(object())


def _load_or_reject(kind: object, document: object) -> None:
    """Load the document, or fail with a ConfigError that lists at least one problem."""
    issues: tuple[object, ...] = ("loaded",)
    try:
        from_dict(kind, document)
    except ConfigError as error:
        issues = error.issues
    assert issues


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("kind", STORED, ids=lambda kind: kind.__name__)
@FEW
@given(document=JSON)
def test_random_documents_raise_only_config_errors(kind, document):
    """Any JSON value is loaded or rejected with a ConfigError listing at least one problem."""
    for candidate in (
        document,
        {**V, "x": document} if not isinstance(document, dict) else {**V, **document},
    ):
        _load_or_reject(kind, candidate)


def _mutations(document: object) -> st.SearchStrategy[object]:
    """The document with one value somewhere replaced by a random JSON value."""
    paths: list[tuple[object, ...]] = []

    def walk(node: object, path: tuple[object, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(document, ())

    def replace(path: tuple[object, ...], value: object) -> object:
        copy = json.loads(json.dumps(document))
        if not path:
            return value
        node = copy
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return copy

    return st.builds(replace, st.sampled_from(paths), JSON)


@pytest.mark.parametrize("kind", STORED, ids=lambda kind: kind.__name__)
@FEW
@given(data=st.data())
def test_mutated_documents_raise_only_config_errors(kind, data):
    """A stored type's document with one value replaced loads or fails with a ConfigError."""
    document = to_dict(data.draw(st.from_type(kind)))
    mutated = data.draw(_mutations(document))
    _load_or_reject(kind, mutated)


@pytest.mark.parametrize("kind", STORED, ids=lambda kind: kind.__name__)
def test_a_megabyte_of_text_gets_a_verdict_quickly(kind):
    """Huge text anywhere is rejected unread: a ConfigError well within 100 ms."""
    huge = "7" * 1_000_000
    for document in (huge, {**V, "name": huge, "timezone": huge, "hours": huge}):
        with pytest.raises(ConfigError):
            from_dict(kind, document)
        assert verdict_time(lambda: from_dict(kind, document), ConfigError) < 0.1  # noqa: B023


def test_a_megabyte_key_is_its_own_problem_at_a_short_path():
    """A huge unknown key or override date is reported as such, its path shortened."""
    huge = "k" * 1_000_000
    document = {**V, "timezone": "UTC", "hours": "Daily 09:00-17:00", huge: 1}
    with pytest.raises(ConfigError) as caught:
        from_dict(BusinessCalendar, {**document, "overrides": {huge: "closed"}})
    issues = caught.value.issues
    assert ["config.invalid", "config.unknown_key"] == sorted(issue.code for issue in issues)
    assert [] == [issue.path for issue in issues if len(issue.path) > 100]
    assert all("1000000 characters" in issue.path for issue in issues)
