"""One door, one test: SLA constructors fed junk raise only their documented errors.

Wrong types, ``None``, random and very long strings: a ``ConfigError`` naming a
field (or ``NaiveDatetimeError`` for a naive instant), never a raw ``TypeError``
or ``AttributeError`` from inside.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    AttributesChanged,
    Condition,
    ConfigError,
    Created,
    CustomerReplied,
    EventLogError,
    Metric,
    MetricDefinition,
    NaiveDatetimeError,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    PriorityChanged,
    SLAPolicy,
    StatusChanged,
    Target,
    TargetRange,
    TicketFacts,
    WarningThreshold,
    evaluate,
    evaluate_many,
)
from tests.fuzz import JUNK, some_datetime
from tests.sla.helpers import DESK, H, desk_policy

POLICY = desk_policy()
AT = some_datetime()

PLAUSIBLE: st.SearchStrategy[Any] = st.one_of(
    JUNK,
    st.sampled_from(
        ["", "High", "PT4H", "4h", "true", "false", "recompute", "open", "resolution", H, 0.5, 1]
    ),
)
"""Junk, and the plain forms a host would send (some right, some wrong)."""
KEYS: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.integers(), st.text(max_size=10), st.sampled_from(["resolution", "High", "x"])
)


def fields_of(cls: type) -> list[str]:
    return [field.name for field in attrs.fields(cls) if field.init]


def some_of(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(fields_of(cls)), PLAUSIBLE, max_size=4)


def raises_only_documented(build: Any) -> None:
    try:
        build()
    except NaiveDatetimeError:
        pass
    except ConfigError as error:
        if not error.field:
            raise AssertionError(f"no field named: {error}") from error


@given(some_of(SLAPolicy))
def test_policy_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    base = {"name": "p", "scheme": FOUR_TIER, "calendar": DESK, "targets": {}}
    raises_only_documented(lambda: SLAPolicy(**{**base, **fields}))


@given(some_of(SLAPolicy))
def test_with_settings_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(lambda: POLICY.with_settings(**fields))


@given(PLAUSIBLE, PLAUSIBLE)
def test_with_pauses_from_junk_raises_only_config_error(metric: Any, statuses: Any) -> None:
    raises_only_documented(lambda: POLICY.with_pauses([(metric, statuses)]))
    raises_only_documented(lambda: POLICY.with_pauses(statuses))


@given(st.dictionaries(KEYS, st.dictionaries(KEYS, PLAUSIBLE, max_size=3) | PLAUSIBLE, max_size=3))
def test_targets_from_junk_raise_only_config_error(targets: Any) -> None:
    raises_only_documented(
        lambda: SLAPolicy(name="p", scheme=FOUR_TIER, calendar=DESK, targets=targets)
    )


@given(some_of(Target))
def test_target_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(lambda: Target(**fields))


@given(PLAUSIBLE, PLAUSIBLE)
def test_target_shorthand_from_junk_raises_only_config_error(amount: Any, calendar: Any) -> None:
    raises_only_documented(lambda: Target.hours(amount, calendar=calendar))
    raises_only_documented(lambda: Target.minutes(amount))
    raises_only_documented(lambda: Target.workdays(amount, end_of_day=calendar))


@given(some_of(TargetRange))
def test_target_range_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(lambda: TargetRange(**{"breach": H, **fields}))
    raises_only_documented(lambda: TargetRange.of(fields.get("goal")))


@given(PLAUSIBLE, PLAUSIBLE)
def test_warning_from_junk_raises_only_config_error(fraction: Any, before: Any) -> None:
    raises_only_documented(lambda: WarningThreshold(fraction))
    raises_only_documented(lambda: WarningThreshold(before=before))


@given(some_of(Condition))
def test_condition_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(lambda: Condition(**fields))


@given(some_of(PolicyRule), PLAUSIBLE)
def test_rules_and_sets_from_junk_raise_only_config_error(fields: dict[str, Any], rules: Any):
    raises_only_documented(lambda: PolicyRule(**{"name": "r", "policy": POLICY, **fields}))
    raises_only_documented(lambda: PolicySet(rules))


@given(some_of(MetricDefinition))
def test_metric_definition_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(lambda: MetricDefinition(**{"name": "m", **fields}))


@given(some_of(PolicyVersion), some_of(PolicySet))
def test_versions_and_set_settings_from_junk_raise_only_config_error(
    version: dict[str, Any], settings: dict[str, Any]
) -> None:
    rules = [PolicyRule(name="r", policy=POLICY)]
    raises_only_documented(
        lambda: PolicyVersion(**{"effective": some_datetime(), "rules": rules, **version})
    )
    raises_only_documented(lambda: PolicySet(**{"rules": rules, **settings}))


@given(some_of(TicketFacts))
def test_ticket_facts_from_junk_raise_only_config_error(fields: dict[str, Any]) -> None:
    raises_only_documented(
        lambda: TicketFacts(**{"priority": "High", "channel": "email", **fields})
    )


EVENTS = [
    Created,
    AgentReplied,
    CustomerReplied,
    StatusChanged,
    PriorityChanged,
    AttributesChanged,
]


@given(st.sampled_from(EVENTS), st.data())
def test_events_from_junk_raise_only_documented_errors(kind: type, data: st.DataObject) -> None:
    fields = data.draw(some_of(kind))
    base = {"at": some_datetime(), "priority": "High", "status": "open"}
    wanted = {name: value for name, value in base.items() if name in fields_of(kind)}
    raises_only_documented(lambda: kind(**{**wanted, **fields}))


def test_plain_forms_are_converted_at_construction() -> None:
    """Text from a database or JSON becomes the typed value once, or a ConfigError names it."""
    created = Created(
        at="2026-03-02T09:00:00+00:00", priority=FOUR_TIER["High"], channel="EMAIL", tags=["vip"]
    )
    assert ("High", "email", frozenset({"vip"})) == (
        created.priority,
        created.channel.value,
        created.tags,
    )
    assert not AgentReplied(at=some_datetime(), public="false").public
    assert not CustomerReplied(at=some_datetime(), awaits_answer="no").awaits_answer
    policy = SLAPolicy(
        name="p",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={
            "resolution": {FOUR_TIER["High"]: "PT8H", "Critical": None, "Medium": None, "Low": None}
        },
        paused_by={"resolution": ["on_hold"]},
        internal_note_is_response="false",
    )
    assert (H * 8, frozenset({"on_hold"}), False) == (
        policy.target(Metric.RESOLUTION, "High").breach.duration,  # type: ignore[union-attr]
        policy.pauses(Metric.RESOLUTION),
        policy.internal_note_is_response,
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: POLICY.with_settings(on_reopen="sometimes"), "on_reopen"),
        (lambda: Created(at=AT, priority="H", attributes=[("a", "1"), ("a", "2")]), "attributes"),
        (lambda: Condition(attributes=[("plan", ["gold"]), ("plan", ["x"])]), "attributes"),
        (
            lambda: POLICY.with_settings(internal_note_is_response="maybe"),
            "internal_note_is_response",
        ),
        (lambda: POLICY.with_settings(out_of_hours=3), "out_of_hours"),
        (lambda: POLICY.with_settings(on_priority_change="x"), "on_priority_change"),
        (lambda: POLICY.with_settings(statuses="open"), "statuses"),
        (lambda: Target(duration="4 hours"), "duration"),
        (lambda: Created(at=some_datetime(), priority="High", channel="fax"), "channel"),
        (lambda: Created(at=some_datetime(), priority="High", tags="vip"), "tags"),
    ],
)
def test_a_bad_plain_form_is_a_config_error_naming_its_field(build: Any, field: str) -> None:
    with pytest.raises(ConfigError) as raised:
        build()
    assert field == raised.value.field


@given(JUNK, st.one_of(JUNK, st.lists(JUNK, max_size=3)))
def test_evaluate_and_evaluate_many_from_junk_raise_only_documented_errors(
    policy: Any, log: Any
) -> None:
    """A junk policy or log: a ConfigError naming ``policy``, ``events`` or ``logs``, or an
    EventLogError for a log of junk events; never a raw error from inside the replay."""
    for build in (
        lambda: evaluate(policy, [Created(at=AT, priority="High")], AT),
        lambda: evaluate(POLICY, log, AT),
        lambda: evaluate_many(POLICY, log, AT),
        lambda: evaluate_many(POLICY, [log], AT),
        lambda: evaluate_many(PolicySet([PolicyRule(name="all", policy=POLICY)]), [log], AT),
    ):
        try:
            build()
        except ConfigError as error:
            if error.field not in {"policy", "events", "logs"}:
                raise AssertionError(f"not the argument's name: {error.field}") from error
        except EventLogError:
            pass
