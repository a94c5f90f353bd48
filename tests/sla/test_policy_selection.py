"""Which rule of a policy set picks a ticket's policy: conditions, order, versions, edges."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    Assigned,
    AttributesChanged,
    BusinessCalendar,
    ClockState,
    Condition,
    Created,
    EventLogError,
    Metric,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    PriorityChanged,
    PriorityScheme,
    Resolved,
    SLAPolicy,
    StatusChanged,
    TicketFacts,
)
from tests.sla.helpers import CENTRAL, DESK, H, central, hours_policy

FAST, SLOW = hours_policy("fast", resolution=2), hours_policy("slow", resolution=8)
TIERED = SLAPolicy(
    name="tiered",
    scheme=FOUR_TIER,
    calendar=DESK,
    targets={"resolution": {"Critical": H, "High": 2 * H, "Medium": 4 * H, "Low": 8 * H}},
)
GOLD_FACTS = TicketFacts(
    priority="High",
    channel="phone",
    attributes={"plan": "gold", "region": "eu"},
    tags={"vip", "new"},
    team="Tier 2",
)


@pytest.mark.parametrize(
    ("condition", "matches"),
    [
        (Condition(), True),
        (Condition(priorities={"High", "Critical"}), True),
        (Condition(priorities={"Low"}), False),
        (Condition(channels={"phone"}), True),
        (Condition(channels={"email", "chat"}), False),
        (Condition(teams={"Tier 2"}), True),
        (Condition(teams={"Tier 1"}), False),
        (Condition(attributes={"plan": ["gold", "silver"]}), True),
        (Condition(attributes={"plan": "gold", "region": "us"}), False),
        (Condition(attributes={"account": "acme"}), False),
        (Condition(tags={"vip"}), True),
        (Condition(tags={"vip", "angry"}), False),
        (Condition(priorities={"High"}, channels={"phone"}, teams={"Tier 2"}, tags={"new"}), True),
        (Condition(priorities={"High"}, channels={"phone"}, teams={"Tier 3"}), False),
    ],
)
def test_a_condition_matches_when_every_given_part_holds(condition: Condition, matches: bool):
    assert matches == condition.matches(GOLD_FACTS)


def test_a_new_ticket_has_no_team_so_a_team_condition_waits_for_an_assignment() -> None:
    created = Created(at=central(16, 9), priority="High", channel="phone")
    assert not Condition(teams={"Tier 2"}).matches(created)
    assigned = TicketFacts.from_created(created).updated(Assigned(at=central(16, 9), team="Tier 2"))
    assert Condition(teams={"Tier 2"}).matches(assigned)
    assert "" == TicketFacts.from_created(created).team


def test_a_condition_says_every_part_in_words_sorted() -> None:
    condition = Condition(
        priorities={"High", "Critical"},
        channels={"phone", "email"},
        attributes={"region": "eu", "plan": ["silver", "gold"]},
        tags={"vip", "new"},
        teams={"Tier 2", "Tier 1"},
    )
    expected = (
        "priority in [Critical, High] and channel in [email, phone] and plan in [gold, silver] "
        "and region in [eu] and tagged new, vip and team in [Tier 1, Tier 2]"
    )
    assert expected == condition.describe()


def test_conditions_given_in_another_order_are_equal() -> None:
    one = Condition(attributes={"region": "eu", "plan": ["silver", "gold"]})
    other = Condition(attributes=[("plan", ["gold", "silver"]), ("region", ["eu"])])
    assert one == other
    assert hash(one) == hash(other)


def test_priorities_are_levels_or_their_names() -> None:
    assert Condition(priorities={"High"}) == Condition(priorities=[FOUR_TIER["High"]])


RULES = PolicySet(
    [
        PolicyRule(name="phone", policy=FAST, when=Condition(channels={"phone"})),
        PolicyRule(name="vip", policy=FAST, when=Condition(tags={"vip"})),
        PolicyRule(name="rest", policy=SLOW),
    ]
)


def test_the_first_matching_rule_picks_and_the_selection_names_it() -> None:
    created = Created(at=central(16, 9), priority="High", channel="email", tags={"vip"})
    selection = RULES.select(created)
    assert ("vip", 1, FAST, Condition(tags={"vip"}), None) == (
        selection.rule,
        selection.index,
        selection.policy,
        selection.condition,
        selection.effective,
    )
    assert "rule 1 'vip' (tagged vip)" == selection.describe()
    assert "rest" == RULES.select(Created(at=central(16, 9), priority="High")).rule


def test_no_matching_rule_is_an_event_log_error_at_the_event_that_needed_one() -> None:
    rules = PolicySet(
        [PolicyRule(name="gold", policy=FAST, when=Condition(attributes={"plan": "gold"}))]
    )
    silver = Created(at=central(16, 9), priority="High", attributes={"plan": "silver"})
    with pytest.raises(EventLogError) as raised:
        rules.select(silver)
    assert (0, "no policy rule matches this ticket") == (raised.value.index, raised.value.reason)
    gold = Created(at=central(16, 9), priority="High", attributes={"plan": "gold"})
    events = [
        gold,
        AgentReplied(at=central(16, 10)),
        AttributesChanged(at=central(16, 11), attributes={"plan": "silver"}),
    ]
    with pytest.raises(EventLogError) as raised:
        rules.evaluate(events, central(16, 12))
    assert (2, "no policy rule matches this ticket") == (raised.value.index, raised.value.reason)


def test_a_selection_evaluates_under_its_policy_without_picking_again() -> None:
    created = Created(at=central(16, 9), priority="High", channel="phone")
    selection = RULES.select(created)
    events = [created, AttributesChanged(at=central(16, 10), channel="email")]
    report = selection.evaluate(events, central(16, 12))
    assert ("fast", selection, central(16, 11)) == (
        report.policy.name,
        report.rule,
        report[Metric.RESOLUTION].due_at,
    )
    assert "slow" == RULES.evaluate(events, central(16, 12)).policy.name


def test_a_selection_and_a_policy_set_can_leave_out_later_events() -> None:
    created = Created(at=central(16, 9), priority="High", channel="phone")
    events = [created, Resolved(at=central(16, 10)), AgentReplied(at=central(16, 14))]
    for chooser in (RULES, RULES.select(created), PolicySet(RULES.rules, reselect="at_creation")):
        with pytest.raises(EventLogError, match="after now"):
            chooser.evaluate(events, central(16, 12))
        report = chooser.evaluate(events, central(16, 12), ignore_later=True)
        assert (True, ClockState.ACHIEVED) == (report.resolved, report[Metric.RESOLUTION].state)


def opened(at: dt.datetime) -> Created:
    return Created(at=at, priority="High")


NEW_YEAR = dt.datetime(2027, 1, 1, tzinfo=CENTRAL)
MID_YEAR = dt.datetime(2027, 7, 1, tzinfo=CENTRAL)


def contract(name: str, effective: dt.datetime) -> PolicyVersion:
    return PolicyVersion(effective=effective, rules=[PolicyRule(name=name, policy=FAST)])


def test_a_version_applies_from_its_effective_instant_on() -> None:
    rules = PolicySet(
        [PolicyRule(name="2026", policy=SLOW)],
        versions=[contract("july", MID_YEAR), contract("january", NEW_YEAR)],
    )
    just_before = NEW_YEAR - dt.timedelta(microseconds=1)
    assert ["2026", "january", "january", "july"] == [
        rules.select(opened(at)).rule
        for at in (just_before, NEW_YEAR, MID_YEAR - dt.timedelta(microseconds=1), MID_YEAR)
    ]
    selection = rules.select(opened(NEW_YEAR))
    assert (NEW_YEAR, 0) == (selection.effective, selection.index)
    assert f"rule 0 'january' of the version of {NEW_YEAR} (always)" == selection.describe()


def test_facts_without_an_instant_are_judged_by_the_first_version() -> None:
    rules = PolicySet([PolicyRule(name="2026", policy=SLOW)], versions=[contract("2027", NEW_YEAR)])
    facts = TicketFacts.from_created(opened(MID_YEAR))
    assert "2026" == rules.select(facts).rule
    assert "2027" == rules.select(facts, at=MID_YEAR).rule
    assert "2026" == rules.select(opened(MID_YEAR), at=central(20, 9)).rule


def test_versions_given_in_any_order_make_one_set() -> None:
    first = [PolicyRule(name="2026", policy=SLOW)]
    january, july = contract("january", NEW_YEAR), contract("july", MID_YEAR)
    assert PolicySet(first, versions=[july, january]) == PolicySet(first, versions=[january, july])
    assert (january, july) == PolicySet(first, versions=[july, january]).versions


@pytest.mark.parametrize(
    ("settings", "switches"),
    [
        ({}, True),
        ({"reselect": "at_creation"}, False),
        ({"reselect": "at_creation", "versions": True}, False),
        ({"reselect": "at_creation", "versions": True, "follow_version": "current"}, True),
        ({"reselect": "at_creation", "follow_version": "current"}, False),
    ],
)
def test_a_set_switches_policy_only_when_it_picks_again_or_follows_new_versions(
    settings: dict[str, object], switches: bool
) -> None:
    if settings.pop("versions", False):
        settings["versions"] = [contract("2027", NEW_YEAR)]
    rules = PolicySet([PolicyRule(name="2026", policy=SLOW)], **settings)  # type: ignore[arg-type]
    assert switches == rules.switches


def test_a_priority_change_retargets_within_the_rule_that_reads_the_priority() -> None:
    """The same rule picks again: the clock takes the new level's target, as without a set."""
    rules = PolicySet(
        [
            PolicyRule(
                name="urgent", policy=TIERED, when=Condition(priorities={"Critical", "High"})
            ),
            PolicyRule(name="rest", policy=TIERED),
        ]
    )
    critical = Created(at=central(16, 9), priority="Critical")
    events = [critical, PriorityChanged(at=central(16, 9, 30), priority="High")]
    report = rules.evaluate(events, central(16, 10))
    assert TIERED.evaluate(events, central(16, 10)).metrics == report.metrics
    assert ("urgent", "High", central(16, 11)) == (
        report.rule.rule if report.rule else None,
        report.priority,
        report[Metric.RESOLUTION].due_at,
    )
    lowered = [*events, PriorityChanged(at=central(16, 10), priority="Low")]
    report = rules.evaluate(lowered, central(16, 10))
    assert ("rest", central(16, 17)) == (
        report.rule.rule if report.rule else None,
        report[Metric.RESOLUTION].due_at,
    )
    assert ["urgent", "rest"] == [span.rule.rule for span in report.policy_spans if span.rule]


def test_a_ticket_moved_to_a_policy_of_another_scheme_must_fit_it() -> None:
    two_tier = SLAPolicy(
        name="two tier",
        scheme=PriorityScheme.from_names("two", ["Urgent", "Normal"]),
        calendar=DESK,
        targets={},
    )
    rules = PolicySet(
        [
            PolicyRule(name="other", policy=two_tier, when=Condition(attributes={"plan": "x"})),
            PolicyRule(name="rest", policy=SLOW),
        ]
    )
    events = [
        opened(central(16, 9)),
        AttributesChanged(at=central(16, 10), attributes={"plan": "x"}),
    ]
    with pytest.raises(EventLogError) as raised:
        rules.evaluate(events, central(16, 11))
    assert 1 == raised.value.index
    assert "priority 'High' is not a level of scheme 'two' (Urgent, Normal)" == raised.value.reason


def test_a_ticket_moved_to_a_policy_without_its_status_is_an_error() -> None:
    short = SLOW.with_settings(name="short", statuses=["open"], paused_by={})
    rules = PolicySet(
        [
            PolicyRule(name="short", policy=short, when=Condition(attributes={"plan": "x"})),
            PolicyRule(name="rest", policy=SLOW),
        ]
    )
    events = [
        opened(central(16, 9)),
        StatusChanged(at=central(16, 9, 30), status="on_hold"),
        AttributesChanged(at=central(16, 10), attributes={"plan": "x"}),
    ]
    with pytest.raises(EventLogError) as raised:
        rules.evaluate(events, central(16, 11))
    assert (2, "status 'on_hold' is not one of the statuses of policy 'short'") == (
        raised.value.index,
        raised.value.reason,
    )


VENDOR = MetricDefinition(
    name="vendor_wait", start_statuses={"waiting_on_vendor"}, stop_statuses={"open"}
)


def test_a_custom_metric_of_one_policy_of_a_set_stops_when_the_ticket_leaves_it() -> None:
    """Metrics are reported built-in ones first, then custom ones; the other policy's clock
    of a custom metric it does not define is measured as its owner defines it."""
    vendor = SLOW.with_settings(
        name="vendor",
        custom_metrics=[VENDOR],
        targets={
            "vendor_wait": dict.fromkeys(FOUR_TIER.names, H),
            Metric.RESOLUTION: dict.fromkeys(FOUR_TIER.names, 8 * H),
        },
    )
    rules = PolicySet(
        [
            PolicyRule(name="vendor", policy=vendor, when=Condition(tags={"vendor"})),
            PolicyRule(name="rest", policy=FAST),
        ]
    )
    created = Created(at=central(16, 9), priority="High", tags={"vendor"})
    events = [
        created,
        StatusChanged(at=central(16, 9), status="waiting_on_vendor"),
        AttributesChanged(at=central(16, 9, 30), tags_removed={"vendor"}),
    ]
    report = rules.evaluate(events, central(16, 11))
    assert [Metric.RESOLUTION, "vendor_wait"] == [metric.metric for metric in report.metrics]
    vendor_wait = report["vendor_wait"]
    assert (ClockState.CANCELLED, central(16, 9, 30)) == (
        vendor_wait.state,
        vendor_wait.stopped_at,
    )
    assert (central(16, 11), "fast") == (report[Metric.RESOLUTION].due_at, report.policy.name)
    dropped = PolicySet(rules.rules, on_policy_change="drop").evaluate(events, central(16, 11))
    assert [Metric.RESOLUTION] == [metric.metric for metric in dropped.metrics]


def test_a_priority_change_retargets_under_rules_that_do_not_read_the_priority() -> None:
    rules = PolicySet(
        [
            PolicyRule(name="gold", policy=TIERED, when=Condition(attributes={"plan": "gold"})),
            PolicyRule(name="rest", policy=TIERED),
        ]
    )
    events = [opened(central(16, 9)), PriorityChanged(at=central(16, 9, 30), priority="Medium")]
    report = rules.evaluate(events, central(16, 10))
    assert TIERED.evaluate(events, central(16, 10)).metrics == report.metrics
    assert central(16, 13) == report[Metric.RESOLUTION].due_at


def test_rules_that_all_read_the_priority_pick_again_on_a_priority_change() -> None:
    rules = PolicySet(
        [
            PolicyRule(name="urgent", policy=FAST, when=Condition(priorities={"Critical", "High"})),
            PolicyRule(name="normal", policy=SLOW, when=Condition(priorities={"Medium", "Low"})),
        ]
    )
    events = [opened(central(16, 9)), PriorityChanged(at=central(16, 9, 30), priority="Low")]
    report = rules.evaluate(events, central(16, 10))
    assert ("slow", central(16, 17)) == (report.policy.name, report[Metric.RESOLUTION].due_at)


def test_a_change_of_attributes_keeps_the_channel_unless_it_names_one() -> None:
    rules = PolicySet(
        [
            PolicyRule(name="phone", policy=FAST, when=Condition(channels={"phone"})),
            PolicyRule(name="rest", policy=SLOW),
        ]
    )
    created = Created(at=central(16, 9), priority="High", channel="phone")
    plan = AttributesChanged(at=central(16, 9, 30), attributes={"plan": "gold"})
    assert "fast" == rules.evaluate([created, plan], central(16, 10)).policy.name
    facts = TicketFacts.from_created(created)
    assert (facts.channel, "gold") == (
        facts.updated(plan).channel,
        facts.updated(plan).attribute("plan"),
    )
    moved = AttributesChanged(at=central(16, 9, 30), channel="email")
    assert "slow" == rules.evaluate([created, moved], central(16, 10)).policy.name


def test_a_new_policy_with_the_same_target_on_another_calendar_moves_the_deadline() -> None:
    """Friday 15:00, 4 hours to resolve: Monday 09:00 on the desk, Friday 19:00 around the clock."""
    always = BusinessCalendar.always_open(timezone="America/Chicago")
    on_call = hours_policy("on call", resolution=4).with_settings(calendar=always)
    rules = PolicySet(
        [
            PolicyRule(name="on call", policy=on_call, when=Condition(tags={"outage"})),
            PolicyRule(name="desk", policy=hours_policy("desk", resolution=4)),
        ]
    )
    events = [
        Created(at=central(20, 15), priority="High"),
        AttributesChanged(at=central(20, 16), tags_added={"outage"}),
    ]
    assert central(23, 9) == rules.evaluate(events[:1], central(20, 16))["resolution"].due_at
    assert central(20, 19) == rules.evaluate(events, central(20, 16))["resolution"].due_at


def test_a_ticket_that_follows_the_current_version_lives_through_each_new_one() -> None:
    versions = [
        PolicyVersion(effective=central(18, 0), rules=[PolicyRule(name="b", policy=TIERED)]),
        PolicyVersion(effective=central(19, 0), rules=[PolicyRule(name="c", policy=FAST)]),
    ]
    rules = PolicySet(
        [PolicyRule(name="a", policy=SLOW)], versions=versions, follow_version="current"
    )
    created = Created(at=central(17, 9), priority="High")
    quiet = rules.evaluate([created], central(20, 9))
    busy = rules.evaluate([created, AgentReplied(at=central(20, 9))], central(20, 9))
    for report in (quiet, busy):
        assert ["slow", "tiered", "fast"] == [span.policy.name for span in report.policy_spans]
        assert [central(17, 9), central(18, 0), central(19, 0)] == [
            span.start for span in report.policy_spans
        ]


def test_picking_again_stays_within_the_version_the_ticket_follows() -> None:
    """A ticket of the 2026 contract upgraded after the 2027 one took effect gets 2026's gold."""

    def rules(gold: SLAPolicy) -> list[PolicyRule]:
        return [
            PolicyRule(name="gold", policy=gold, when=Condition(attributes={"plan": "gold"})),
            PolicyRule(name="rest", policy=SLOW),
        ]

    new_contract = PolicyVersion(effective=central(18, 0), rules=rules(TIERED))
    events = [
        Created(at=central(17, 9), priority="High"),
        AttributesChanged(at=central(18, 9), attributes={"plan": "gold"}),
    ]
    for follow, policy, effective in (
        ("at_creation", "fast", None),
        ("current", "tiered", central(18, 0)),
    ):
        report = PolicySet(rules(FAST), versions=[new_contract], follow_version=follow).evaluate(
            events, central(18, 10)
        )
        assert (policy, effective) == (
            report.policy.name,
            report.rule.effective if report.rule else "no rule",
        )


def test_a_version_that_took_effect_before_now_applies_to_a_report_as_of_now() -> None:
    """Leaving out later events gives the report of the log cut at now, versions included."""
    versions = [PolicyVersion(effective=central(18, 0), rules=[PolicyRule(name="b", policy=FAST)])]
    rules = PolicySet(
        [PolicyRule(name="a", policy=SLOW)], versions=versions, follow_version="current"
    )
    events = [Created(at=central(17, 9), priority="High"), Resolved(at=central(19, 9))]
    as_of = rules.evaluate(events, central(18, 8), ignore_later=True)
    assert rules.evaluate(events[:1], central(18, 8)) == as_of
    assert ["slow", "fast"] == [span.policy.name for span in as_of.policy_spans]
