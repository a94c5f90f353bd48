"""Every bad SLA setting is a ConfigError that names its field and says what is wrong.

A host shows ``error.field`` next to the form input and ``error.message`` as the
hint, so both are part of the behaviour: the field is the path the user wrote
(``targets.resolution.High``, ``rules[p1].when.priorities``), the message says
what was expected or what clashes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from servicedesk_core import (
    FOUR_TIER,
    Condition,
    ConfigError,
    Metric,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    SLAPolicy,
    Target,
    TargetRange,
    TicketFacts,
    WarningThreshold,
)
from tests.sla.helpers import DESK, H, desk_policy

DESK_POLICY = desk_policy()
RULE = PolicyRule(name="a", policy=DESK_POLICY)
VENDOR = MetricDefinition(
    name="vendor_wait", start_statuses={"waiting_on_vendor"}, stop_statuses={"open"}
)
SIGNALS = (
    "'created', 'agent_response', 'customer_message', 'customer_follow_up', 'priority_changed', "
    "'assigned', 'escalated', 'resolved', 'reopened', 'closed'"
)
STATUSES = "['open', 'waiting_on_customer', 'waiting_on_vendor', 'on_hold']"
LONG = "x" * 201


def policy(**settings: Any) -> SLAPolicy:
    return SLAPolicy(
        **{"name": "p", "scheme": FOUR_TIER, "calendar": DESK, "targets": {}, **settings}
    )


def every_level(target: object) -> dict[str, object]:
    return dict.fromkeys(FOUR_TIER.names, target)


def definition(**fields: Any) -> MetricDefinition:
    return MetricDefinition(**{"name": "m", "start": {"created"}, "stop": {"resolved"}, **fields})


def facts(**fields: Any) -> TicketFacts:
    return TicketFacts(**{"priority": "High", "channel": "email", **fields})


def policy_set(**settings: Any) -> PolicySet:
    return PolicySet([RULE], **settings)


def version(at: str, name: str) -> PolicyVersion:
    return PolicyVersion(effective=at, rules=[PolicyRule(name=name, policy=DESK_POLICY)])


Case = tuple[Callable[[], object], str, str]

POLICY_CASES: dict[str, Case] = {
    "blank name": (lambda: policy(name=" "), "name", "expected non-blank text"),
    "scheme not a scheme": (
        lambda: policy(scheme="FOUR_TIER"),
        "scheme",
        "expected a PriorityScheme, got str 'FOUR_TIER'",
    ),
    "blank metric": (
        lambda: policy(targets={"": every_level(H)}),
        "targets",
        "expected non-blank text",
    ),
    "metric name too long": (
        lambda: policy(targets={LONG: every_level(H)}),
        "targets",
        "text of 201 characters is longer than 200",
    ),
    "metric not text": (
        lambda: policy(targets={42: every_level(H)}),
        "targets",
        "expected text, got int 42",
    ),
    "unknown metric": (
        lambda: policy(targets={"vendor_wait": every_level(H)}),
        "targets",
        "unknown metric 'vendor_wait': not built in, and not one of the policy's custom metrics []",
    ),
    "blank level": (
        lambda: policy(targets={"resolution": {"": H}}),
        "targets.resolution",
        "expected non-blank text",
    ),
    "level listed twice": (
        lambda: policy(targets={"resolution": [("High", H), *every_level(H).items()]}),
        "targets.resolution",
        "a level is listed twice",
    ),
    "unknown level": (
        lambda: policy(targets={"resolution": {**every_level(H), "P1": H}}),
        "targets.resolution.P1",
        "'P1' is not a level of scheme 'four-tier'",
    ),
    "missing level": (
        lambda: policy(targets={"resolution": {"Critical": H, "High": H, "Low": None}}),
        "targets.resolution.Medium",
        "no target (write None for a level without one)",
    ),
    "target not a target": (
        lambda: policy(targets={"resolution": {**every_level(H), "High": 42}}),
        "targets.resolution.High",
        "expected a TargetRange, Target, duration or None, got int 42",
    ),
    "unknown target calendar": (
        lambda: policy(targets={"resolution": every_level(Target(duration=H, calendar="night"))}),
        "targets.resolution.Critical.calendar",
        "unknown calendar 'night'; known: []",
    ),
    "no statuses": (lambda: policy(statuses=[]), "statuses", "a policy needs at least one status"),
    "duplicate status": (
        lambda: policy(statuses=["open", "open"]),
        "statuses",
        "duplicate statuses in ('open', 'open')",
    ),
    "blank status": (
        lambda: policy(statuses=["open", ""]),
        "statuses[1]",
        "expected non-blank text",
    ),
    "blank pause metric": (
        lambda: policy(paused_by={"": ["open"]}),
        "paused_by",
        "expected non-blank text",
    ),
    "blank pause status": (
        lambda: policy(paused_by={"resolution": [""]}),
        "paused_by.resolution[0]",
        "expected non-blank text",
    ),
    "unknown pause status": (
        lambda: policy(paused_by={"resolution": ["snoozed"]}),
        "paused_by.resolution",
        f"unknown statuses ['snoozed']; known: {STATUSES}",
    ),
    "pauses of an unknown metric": (
        lambda: policy(paused_by={"vendor_wait": ["open"]}),
        "paused_by",
        "unknown metric 'vendor_wait'",
    ),
    "default pauses of a measured metric, statuses replaced": (
        lambda: policy(statuses=["new", "open"], targets={"resolution": every_level(H)}),
        "paused_by.resolution",
        "unknown statuses ['waiting_on_customer']; known: ['new', 'open']",
    ),
    "blank calendar name": (
        lambda: policy(calendars={"": DESK}),
        "calendars",
        "expected non-blank text",
    ),
    "named calendar not a calendar": (
        lambda: policy(calendars={"night": "Mon-Fri 18:00-24:00"}),
        "calendars.night",
        "expected a Calendar, got str 'Mon-Fri 18:00-24:00'",
    ),
    "next response from opening not a boolean": (
        lambda: policy(next_response_from_opening="maybe"),
        "next_response_from_opening",
        "expected true or false, got str 'maybe'",
    ),
    "custom metric not a definition": (
        lambda: policy(custom_metrics=["vendor_wait"]),
        "custom_metrics[0]",
        "expected a MetricDefinition, got str 'vendor_wait'",
    ),
    "custom metric named like a built-in one": (
        lambda: policy(custom_metrics=[definition(name="resolution")]),
        "custom_metrics[0]",
        "'resolution' is a built-in metric",
    ),
    "custom metric defined twice": (
        lambda: policy(custom_metrics=[VENDOR, VENDOR]),
        "custom_metrics[1]",
        "'vendor_wait' is defined twice",
    ),
    "custom metric with an unknown status": (
        lambda: policy(
            statuses=["open", "waiting_on_vendor"],
            custom_metrics=[definition(stop_statuses={"closed"})],
        ),
        "custom_metrics[0]",
        "unknown statuses ['closed']; known: ['open', 'waiting_on_vendor']",
    ),
    "a metric's targets given twice": (
        lambda: SLAPolicy(
            name="p",
            scheme=FOUR_TIER,
            calendar=DESK,
            targets={
                "resolution": dict.fromkeys(FOUR_TIER.names, H),
                Metric.RESOLUTION: dict.fromkeys(FOUR_TIER.names, 2 * H),
            },
        ),
        "targets",
        "<Metric.RESOLUTION: 'resolution'> is given twice",
    ),
    "a metric's pauses given twice": (
        lambda: attrs.evolve(DESK_POLICY, paused_by={"resolution": [], Metric.RESOLUTION: []}),
        "paused_by",
        "<Metric.RESOLUTION: 'resolution'> is given twice",
    ),
}

SELECTION_CASES: dict[str, Case] = {
    "blank rule name": (
        lambda: PolicyRule(name="", policy=DESK_POLICY),
        "name",
        "expected non-blank text",
    ),
    "rule name too long": (
        lambda: PolicyRule(name=LONG, policy=DESK_POLICY),
        "name",
        "text of 201 characters is longer than 200",
    ),
    "rule policy not a policy": (
        lambda: PolicyRule(name="r", policy="desk"),
        "policy",
        "expected an SLAPolicy, got str 'desk'",
    ),
    "rule condition not a condition": (
        lambda: PolicyRule(name="r", policy=DESK_POLICY, when="always"),
        "when",
        "expected a Condition, got str 'always'",
    ),
    "rule priorities not levels of its policy's scheme": (
        lambda: PolicyRule(
            name="p1", policy=DESK_POLICY, when=Condition(priorities={"P1", "High", "P0"})
        ),
        "rules[p1].when.priorities",
        "priorities ['P0', 'P1'] are not levels of scheme 'four-tier'",
    ),
    "blank priority": (
        lambda: Condition(priorities=[""]),
        "priorities[0]",
        "expected non-blank text",
    ),
    "unknown channel": (
        lambda: Condition(channels=["email", "fax"]),
        "channels[1]",
        "expected one of 'phone', 'email', 'portal', 'chat', got str 'fax'",
    ),
    "blank tag": (lambda: Condition(tags=[""]), "tags[0]", "expected non-blank text"),
    "blank team": (lambda: Condition(teams=[""]), "teams[0]", "expected non-blank text"),
    "blank attribute name": (
        lambda: Condition(attributes={"": "gold"}),
        "attributes",
        "expected non-blank text",
    ),
    "lone attribute value too long": (
        lambda: Condition(attributes={"plan": "x" * 20_000}),
        "attributes.plan",
        "text of 20000 characters is longer than 10000",
    ),
    "attribute value not text": (
        lambda: Condition(attributes={"plan": ["gold", 1]}),
        "attributes.plan[1]",
        "expected text, got int 1",
    ),
    "rule not a rule": (
        lambda: PolicySet([RULE, "r"]),
        "rules[1]",
        "expected a PolicyRule, got str 'r'",
    ),
    "no rules": (lambda: PolicySet([]), "rules", "a policy set needs at least one rule"),
    "rule names repeat": (
        lambda: PolicySet([RULE, RULE]),
        "rules",
        "rule names repeat: ['a']",
    ),
    "rule names repeat, each named once": (
        lambda: PolicySet([RULE, attrs.evolve(RULE, name="b"), RULE, RULE]),
        "rules",
        "rule names repeat: ['a']",
    ),
    "version without rules": (
        lambda: PolicyVersion(effective="2027-01-01T00:00:00Z", rules=[]),
        "versions",
        "a policy set needs at least one rule",
    ),
    "version rule names repeat": (
        lambda: PolicyVersion(effective="2027-01-01T00:00:00Z", rules=[RULE, RULE]),
        "versions",
        "rule names repeat: ['a']",
    ),
    "effective without offset": (
        lambda: PolicyVersion(effective="2027-01-01", rules=[RULE]),
        "effective",
        "'2027-01-01' has no UTC offset; add one (+00:00) or a Z",
    ),
    "version not a version": (
        lambda: policy_set(versions=["2027"]),
        "versions[0]",
        "expected a PolicyVersion, got str '2027'",
    ),
    "two versions at one instant": (
        lambda: policy_set(
            versions=[
                version("2027-01-01T00:00:00Z", "a"),
                version("2026-12-31T18:00:00-06:00", "b"),
            ]
        ),
        "versions",
        "two versions take effect at one instant",
    ),
    "unknown reselect": (
        lambda: policy_set(reselect="never"),
        "reselect",
        "expected one of 'on_change', 'at_creation', got str 'never'",
    ),
    "unknown on policy change": (
        lambda: policy_set(on_policy_change="keep"),
        "on_policy_change",
        "expected one of 'stop', 'drop', got str 'keep'",
    ),
    "unknown follow version": (
        lambda: policy_set(follow_version="latest"),
        "follow_version",
        "expected one of 'at_creation', 'current', got str 'latest'",
    ),
}

DEFINITION_CASES: dict[str, Case] = {
    "blank definition name": (lambda: definition(name=""), "name", "expected non-blank text"),
    "definition name too long": (
        lambda: definition(name=LONG),
        "name",
        "text of 201 characters is longer than 200",
    ),
    "unknown start signal": (
        lambda: definition(start={"born"}),
        "start[0]",
        f"expected one of {SIGNALS}, got str 'born'",
    ),
    "unknown stop signal": (
        lambda: definition(stop={"done"}),
        "stop[0]",
        f"expected one of {SIGNALS}, got str 'done'",
    ),
    "unknown reset signal": (
        lambda: definition(reset={"again"}),
        "reset[0]",
        f"expected one of {SIGNALS}, got str 'again'",
    ),
    "unknown resume signal": (
        lambda: definition(resume={"on"}),
        "resume[0]",
        f"expected one of {SIGNALS}, got str 'on'",
    ),
    "blank start status": (
        lambda: definition(start_statuses={""}),
        "start_statuses[0]",
        "expected non-blank text",
    ),
    "blank stop status": (
        lambda: definition(stop_statuses={""}),
        "stop_statuses[0]",
        "expected non-blank text",
    ),
    "status too long": (
        lambda: definition(stop_statuses={LONG}),
        "stop_statuses[0]",
        "text of 201 characters is longer than 200",
    ),
    "blank pause status": (
        lambda: definition(paused_by=[""]),
        "paused_by[0]",
        "expected non-blank text",
    ),
    "nothing starts the clock": (
        lambda: definition(start=()),
        "start",
        "nothing starts the clock",
    ),
    "nothing stops the clock": (
        lambda: definition(stop=()),
        "stop",
        "nothing stops the clock",
    ),
}

FACTS_CASES: dict[str, Case] = {
    "blank priority": (lambda: facts(priority=""), "priority", "expected non-blank text"),
    "priority too long": (
        lambda: facts(priority=LONG),
        "priority",
        "text of 201 characters is longer than 200",
    ),
    "unknown channel": (
        lambda: facts(channel="fax"),
        "channel",
        "expected one of 'phone', 'email', 'portal', 'chat', got str 'fax'",
    ),
    "blank attribute name": (
        lambda: facts(attributes={"": "gold"}),
        "attributes",
        "expected non-blank text",
    ),
    "attribute value not text": (
        lambda: facts(attributes={"plan": 3}),
        "attributes.plan",
        "expected text, got int 3",
    ),
    "blank tag": (lambda: facts(tags=["vip", ""]), "tags[1]", "expected non-blank text"),
    "attribute value too long": (
        lambda: facts(attributes={"plan": "x" * 1001}),
        "attributes.plan",
        "text of 1001 characters is longer than 1000",
    ),
    "team not text": (lambda: facts(team=3), "team", "expected text, got int 3"),
    "team too long": (
        lambda: facts(team=LONG),
        "team",
        "text of 201 characters is longer than 200",
    ),
}

TARGET_CASES: dict[str, Case] = {
    "neither duration nor days": (
        lambda: Target(),
        "duration",
        "give exactly one of duration and business_days",
    ),
    "zero duration": (lambda: Target(duration="PT0S"), "duration", "must be positive, got 0:00:00"),
    "days not an integer": (
        lambda: Target(business_days="one"),
        "business_days",
        "expected an integer, got str 'one'",
    ),
    "zero days": (lambda: Target(business_days=0), "business_days", "must be at least 1, got 0"),
    "negative days": (
        lambda: Target(business_days=-1),
        "business_days",
        "must be at least 1, got -1",
    ),
    "negative days by the end of the day": (
        lambda: Target(business_days=-1, end_of_day=True),
        "business_days",
        "must be at least 0, got -1",
    ),
    "end of day of a duration": (
        lambda: Target(duration=H, end_of_day=True),
        "end_of_day",
        "only business-days targets end of day",
    ),
    "end of day not a boolean": (
        lambda: Target(business_days=1, end_of_day="maybe"),
        "end_of_day",
        "expected true or false, got str 'maybe'",
    ),
    "calendar neither a calendar nor a name": (
        lambda: Target(duration=H, calendar=3),
        "calendar",
        "expected a calendar or a calendar name, got int 3",
    ),
    "blank calendar name": (
        lambda: Target(duration=H, calendar=""),
        "calendar",
        "expected non-blank text",
    ),
    "no hours": (lambda: Target.hours(0), "hours", "must be greater than 0, got 0"),
    "more hours than a century": (
        lambda: Target.hours(24 * 366 * 100 + 1),
        "hours",
        "must be at most 878400, got 878401.0",
    ),
    "no minutes": (lambda: Target.minutes(0), "minutes", "must be greater than 0, got 0"),
    "warning fraction not a number": (
        lambda: WarningThreshold("most"),
        "warnings",
        "expected a number, got str 'most'",
    ),
    "warning before not a duration": (
        lambda: WarningThreshold(before="30 minutes"),
        "warnings",
        "expected a duration (timedelta or ISO 8601 such as 'PT4H'), got str '30 minutes'",
    ),
    "warning neither fraction nor before": (
        lambda: WarningThreshold(),
        "warnings",
        "give exactly one of fraction and before",
    ),
    "warning fraction of the whole target": (
        lambda: WarningThreshold(1),
        "warnings",
        "a warning fraction is in (0, 1), got 1.0",
    ),
    "warning before nothing": (
        lambda: WarningThreshold(before=dt.timedelta(0)),
        "warnings",
        "must be positive, got 0:00:00",
    ),
    "warning not a threshold": (
        lambda: TargetRange(breach=H, warnings=[0.5, True]),
        "warnings[1]",
        "expected a WarningThreshold or a fraction, got bool True",
    ),
    "breach not a target": (
        lambda: TargetRange(breach=3),
        "breach",
        "expected a Target, a duration or its ISO text, got int 3",
    ),
    "goal not a target": (
        lambda: TargetRange(breach=H, goal=3),
        "goal",
        "expected a Target, a duration or its ISO text, got int 3",
    ),
    "goal on another calendar": (
        lambda: TargetRange(breach=Target(duration=H), goal=Target(duration=H, calendar="x")),
        "goal.calendar",
        "goal and breach run on one calendar",
    ),
    "goal after the breach": (
        lambda: TargetRange(breach=Target(duration=H), goal=Target(duration=2 * H)),
        "goal",
        "goal 2:00:00 business time comes after breach 1:00:00 business time",
    ),
    "warning before the start": (
        lambda: TargetRange(breach=Target(duration=H), warnings=[WarningThreshold(before=H)]),
        "warnings",
        "warning 1:00:00 before the breach is not after the start of a 1:00:00 business time "
        "target",
    ),
}

CASES = {
    f"{group}: {name}": case
    for group, cases in (
        ("policy", POLICY_CASES),
        ("selection", SELECTION_CASES),
        ("definition", DEFINITION_CASES),
        ("facts", FACTS_CASES),
        ("target", TARGET_CASES),
    )
    for name, case in cases.items()
}


@pytest.mark.parametrize(("build", "field", "message"), list(CASES.values()), ids=list(CASES))
def test_a_bad_setting_names_its_field_and_says_what_is_wrong(
    build: Callable[[], object], field: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        build()
    assert (field, message) == (raised.value.field, raised.value.message)
    assert f"{field}: {message}" == str(raised.value)


def test_a_bad_target_text_names_the_level_whose_target_it_is() -> None:
    """The range's own complaint (about its breach) is kept, under the level's path."""
    with pytest.raises(ConfigError, match="expected a duration") as raised:
        policy(targets={"resolution": {**every_level(H), "High": "4h"}})
    assert "targets.resolution.High" == raised.value.field


def test_default_pauses_of_metrics_a_policy_does_not_measure_need_not_match_its_statuses() -> None:
    """A workflow with its own statuses need not restate the pauses of metrics it leaves out."""
    own = policy(statuses=["new", "open"], targets={"first_response": every_level(H)})
    assert ("new", "open") == own.statuses
    assert frozenset({"waiting_on_customer"}) == own.pauses("resolution")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: policy(targets="resolution"), "targets"),
        (lambda: policy(targets={"resolution": "PT4H"}), "targets.resolution"),
        (lambda: policy(paused_by="on_hold"), "paused_by"),
        (lambda: policy(calendars=DESK), "calendars"),
        (lambda: Condition(attributes="gold"), "attributes"),
        (lambda: facts(attributes="gold"), "attributes"),
    ],
)
def test_a_mapping_setting_given_something_else_names_its_field(
    build: Callable[[], object], field: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        build()
    assert field == raised.value.field
    assert raised.value.message.startswith("expected ")


def test_a_goal_and_a_breach_of_different_kinds_are_not_compared() -> None:
    """Hours and business days have no common measure until a clock starts."""
    mixed = TargetRange(goal=Target.hours(1), breach=Target.workdays(1))
    assert "goal 1:00:00 business time, breach 1 business day" == mixed.describe()
    late = TargetRange(goal=Target.workdays(3), breach=Target.hours(1))
    assert "goal 3 business days, breach 1:00:00 business time" == late.describe()
