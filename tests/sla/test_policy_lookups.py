"""A policy answers what it measures, with which target, on which calendar, paused by what."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import (
    FOUR_TIER,
    BusinessCalendar,
    Metric,
    MetricDefinition,
    OnReopen,
    SLAPolicy,
    Target,
    TargetRange,
)
from servicedesk_core.sla import builtin_definition
from tests.sla.helpers import DESK, H

NIGHT = BusinessCalendar(timezone="America/Chicago", hours="Daily 18:00-24:00")
ALWAYS = BusinessCalendar.always_open(timezone="America/Chicago")
VENDOR = MetricDefinition(
    name="vendor_wait",
    start_statuses={"waiting_on_vendor"},
    stop_statuses={"open"},
    paused_by={"on_hold"},
)


def every_level(target: object) -> dict[str, object]:
    return dict.fromkeys(FOUR_TIER.names, target)


POLICY = SLAPolicy(
    name="desk",
    scheme=FOUR_TIER,
    calendar=DESK,
    calendars={"night": NIGHT},
    targets={
        "vendor_wait": every_level("PT2H"),
        Metric.RESOLUTION: {
            "Critical": Target(duration=H, calendar=ALWAYS),
            "High": Target(duration=2 * H, calendar="night"),
            "Medium": 8 * H,
            "Low": None,
        },
        Metric.FIRST_RESPONSE: every_level(H),
    },
    custom_metrics=[VENDOR],
)


def test_metrics_are_listed_built_in_ones_first_in_their_order() -> None:
    assert (Metric.FIRST_RESPONSE, Metric.RESOLUTION, "vendor_wait") == POLICY.metrics
    assert ["first_response", "resolution", "vendor_wait"] == [
        definition.name for definition in POLICY.definitions
    ]


def test_the_calendar_of_a_target_is_its_own_its_named_one_or_the_policys() -> None:
    assert [ALWAYS, NIGHT, DESK, DESK] == [
        POLICY.calendar_for(Metric.RESOLUTION, level) for level in FOUR_TIER.names
    ]
    assert DESK == POLICY.calendar_for(Metric.ESCALATION, "High")  # not measured at all


def test_a_level_without_a_target_and_a_metric_not_measured_have_no_target() -> None:
    assert POLICY.target(Metric.RESOLUTION, "Low") is None
    assert POLICY.target("escalation", "Low") is None
    assert TargetRange(breach=8 * H) == POLICY.target("resolution", "Medium")
    assert TargetRange(breach=2 * H) == POLICY.target("vendor_wait", "High")
    assert (True, True, False) == (
        POLICY.measures("resolution"),
        POLICY.measures("vendor_wait"),
        POLICY.measures(Metric.ESCALATION),
    )


def test_asking_for_an_unknown_level_or_metric_is_a_key_error_that_says_which() -> None:
    with pytest.raises(KeyError) as raised:
        POLICY.target(Metric.RESOLUTION, "P1")
    assert "'P1' is not a level of scheme 'four-tier'" == raised.value.args[0]
    with pytest.raises(KeyError) as raised:
        POLICY.definition("agent_idle")
    assert "policy 'desk' defines no metric 'agent_idle'" == raised.value.args[0]


def test_a_custom_metric_is_paused_by_its_own_statuses_unless_the_policy_says_otherwise() -> None:
    assert frozenset({"on_hold"}) == POLICY.pauses("vendor_wait")
    assert VENDOR == POLICY.definition("vendor_wait")
    told = POLICY.with_pauses({"vendor_wait": ["waiting_on_customer"]})
    assert frozenset({"on_hold", "waiting_on_customer"}) == told.pauses("vendor_wait")
    replaced = POLICY.with_settings(paused_by={"vendor_wait": ["waiting_on_customer"]})
    assert frozenset({"waiting_on_customer"}) == replaced.definition("vendor_wait").paused_by


def test_a_built_in_metric_is_measured_under_the_policys_settings() -> None:
    policy = POLICY.with_settings(on_reopen="new_cycle", paused_by={"resolution": ["on_hold"]})
    assert builtin_definition(
        Metric.RESOLUTION, paused_by=frozenset({"on_hold"}), on_reopen=OnReopen.NEW_CYCLE
    ) == policy.definition("resolution")
    assert frozenset() == policy.pauses(Metric.PERIODIC_UPDATE)


def test_settings_given_in_another_order_make_the_same_policy() -> None:
    """Mappings have no meaningful order: targets, pauses and calendars given either way."""
    one = SLAPolicy(
        name="p",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={"resolution": every_level(H), "first_response": every_level(H)},
        paused_by={"resolution": ["on_hold"], "first_response": ["waiting_on_customer"]},
        calendars={"night": NIGHT, "always": ALWAYS},
    )
    other = SLAPolicy(
        name="p",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={"first_response": every_level(H), "resolution": every_level(H)},
        paused_by={"first_response": ["waiting_on_customer"], "resolution": ["on_hold"]},
        calendars={"always": ALWAYS, "night": NIGHT},
    )
    assert one == other
    assert hash(one) == hash(other)
    assert (("always", ALWAYS), ("night", NIGHT)) == one.calendars
    assert [Metric.FIRST_RESPONSE, Metric.RESOLUTION] == [metric for metric, _ in one.paused_by]


def test_levels_and_metrics_may_be_given_as_objects_or_names() -> None:
    by_name = SLAPolicy(
        name="p", scheme=FOUR_TIER, calendar=DESK, targets={"resolution": every_level("PT1H")}
    )
    by_object = SLAPolicy(
        name="p",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={Metric.RESOLUTION: {level: dt.timedelta(hours=1) for level in FOUR_TIER}},
    )
    assert by_name == by_object
