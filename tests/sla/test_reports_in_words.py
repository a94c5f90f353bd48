"""Reports, explanations and settings say themselves in words a host can show as they are."""

from __future__ import annotations

import datetime as dt

from servicedesk_core import (
    BusinessCalendar,
    Condition,
    Created,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    Segment,
    SegmentKind,
    StatusChanged,
    Target,
    TargetRange,
    WarningThreshold,
)
from tests.sla.helpers import DESK, central, desk_policy

POLICY = desk_policy()
OPENED = Created(at=central(16, 9), priority="High")


def test_a_clock_running_into_the_evening_explains_the_closed_hours_up_to_now() -> None:
    segments = POLICY.evaluate([OPENED], central(16, 20))["resolution"].explain()
    assert (
        Segment(SegmentKind.COUNTED, central(16, 9), central(16, 17)),
        Segment(SegmentKind.OUT_OF_HOURS, central(16, 17), central(16, 20), "closed"),
    ) == segments


def test_a_closed_stretch_over_holidays_names_every_holiday_in_it() -> None:
    thanksgiving = [dt.date(2026, 11, 26), dt.date(2026, 11, 27)]
    policy = POLICY.with_settings(calendar=DESK.with_holidays(thanksgiving))
    opened = Created(at=central(25, 16), priority="High")
    segments = policy.evaluate([opened], central(30, 8))["resolution"].explain()
    assert (
        Segment(SegmentKind.COUNTED, central(25, 16), central(25, 17)),
        Segment(
            SegmentKind.HOLIDAY, central(25, 17), central(30, 7), "holiday 2026-11-26, 2026-11-27"
        ),
        Segment(SegmentKind.COUNTED, central(30, 7), central(30, 8)),
    ) == segments


def test_a_report_picked_by_a_rule_says_which_rule_picked_its_policy() -> None:
    rules = PolicySet([PolicyRule(name="all", policy=POLICY, when=Condition(channels={"portal"}))])
    report = rules.evaluate([OPENED], central(16, 10))
    assert [
        "policy 'desk' by rule 0 'all' (channel in [portal]); priority High, status open",
        "first_response: running, due at 2026-11-16T13:00:00-06:00, remaining 3:00:00",
        "next_response: pending",
    ] == report.describe().splitlines()[:3]
    assert [
        "2026-11-16T09:00:00-06:00 - now: policy 'desk' by rule 0 'all' (channel in [portal])"
    ] == [span.describe() for span in report.policy_spans]


def test_a_metric_definition_says_each_of_its_conditions() -> None:
    definition = MetricDefinition(
        name="m",
        start={"created"},
        stop={"resolved"},
        reset={"agent_response"},
        resume={"reopened"},
        start_statuses={"open"},
        stop_statuses={"on_hold"},
        paused_by={"waiting_on_vendor", "waiting_on_customer"},
    )
    assert (
        "starts on created or entering open; stops on resolved or entering on_hold; "
        "resets on agent_response; resumes on reopened; "
        "paused in waiting_on_customer, waiting_on_vendor"
    ) == definition.describe()


def test_a_target_says_which_calendar_it_runs_on() -> None:
    always = BusinessCalendar.always_open()
    assert [
        "1:00:00 business time",
        "1:00:00 business time on night",
        "1:00:00 business time on its own calendar",
        "end of 2 business days on its own calendar",
    ] == [
        Target.hours(1).describe(),
        Target.hours(1, calendar="night").describe(),
        Target.hours(1, calendar=always).describe(),
        Target.workdays(2, end_of_day=True, calendar=always).describe(),
    ]
    night = TargetRange(
        goal=Target.hours(1, calendar="night"),
        breach=Target.hours(2, calendar="night"),
        warnings=[0.5, WarningThreshold(before=dt.timedelta(minutes=15))],
    )
    assert (
        "goal 1:00:00 business time on night, breach 2:00:00 business time on night, "
        "warn at 50% of the target, warn at 0:15:00 before the breach"
    ) == night.describe()


def test_a_clock_waiting_for_the_opening_explains_only_its_own_life() -> None:
    """A pause on Friday night, before the desk opens on Monday, is not in the explanation."""
    waiting = desk_policy(out_of_hours="wait_for_opening")
    events = [
        Created(at=central(20, 18), priority="High"),
        StatusChanged(at=central(20, 19), status="waiting_on_customer"),
        StatusChanged(at=central(20, 20), status="open"),
        StatusChanged(at=central(23, 9), status="waiting_on_customer"),
        StatusChanged(at=central(23, 10), status="open"),
    ]
    assert (
        Segment(SegmentKind.COUNTED, central(23, 7), central(23, 9)),
        Segment(SegmentKind.PAUSED, central(23, 9), central(23, 10), "waiting_on_customer"),
        Segment(SegmentKind.COUNTED, central(23, 10), central(23, 11)),
    ) == waiting.evaluate(events, central(23, 11))["resolution"].explain()


def test_a_report_names_custom_metrics_in_its_lines() -> None:
    vendor = MetricDefinition(
        name="vendor_wait", start_statuses={"waiting_on_vendor"}, stop_statuses={"open"}
    )
    policy = POLICY.with_settings(
        custom_metrics=[vendor],
        targets={"vendor_wait": dict.fromkeys(["Critical", "High", "Medium", "Low"], "PT2H")},
    )
    events = [OPENED, StatusChanged(at=central(16, 10), status="waiting_on_vendor")]
    assert [
        "policy 'desk'; priority High, status waiting_on_vendor",
        "vendor_wait: running, due at 2026-11-16T12:00:00-06:00, remaining 1:00:00",
    ] == policy.evaluate(events, central(16, 11)).describe().splitlines()
