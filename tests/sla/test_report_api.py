"""The report answers users' questions directly: names, one timezone, shorthand, "as of"."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import (
    AgentReplied,
    ClockState,
    Closed,
    Created,
    CustomerReplied,
    EventLogError,
    Metric,
    OnReopen,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
    Target,
    TargetRange,
)
from tests.sla.helpers import CENTRAL, DESK, H, central, desk_policy

POLICY = desk_policy()
OPENED = Created(at=central(16, 9), priority="High")


def test_a_metric_report_answers_for_its_current_cycle() -> None:
    events = [OPENED, StatusChanged(at=central(16, 10), status="waiting_on_customer")]
    report = POLICY.evaluate(events, central(16, 12))
    metric = report[Metric.FIRST_RESPONSE]
    cycle = metric.current
    assert cycle is not None
    assert (cycle.due_at, cycle.goal_at, cycle.goal_met) == (
        metric.due_at,
        metric.goal_at,
        metric.goal_met,
    )
    assert (cycle.started_at, cycle.elapsed, cycle.remaining, cycle.paused) == (
        metric.started_at,
        metric.elapsed,
        metric.remaining,
        metric.paused,
    )
    assert cycle.explain() == metric.explain()
    resolution = report[Metric.RESOLUTION]
    assert (ClockState.PAUSED, dt.timedelta(hours=2)) == (resolution.state, resolution.paused)


def test_a_metric_without_a_cycle_answers_none() -> None:
    report = POLICY.evaluate([OPENED], central(16, 10))
    waiting = report[Metric.NEXT_RESPONSE]
    assert (ClockState.PENDING, None, None, (), ()) == (
        waiting.state,
        waiting.due_at,
        waiting.elapsed,
        waiting.warnings,
        waiting.explain(),
    )
    assert not waiting.is_open


def test_due_at_is_the_deadline_and_breached_at_when_it_passed() -> None:
    report = POLICY.evaluate([OPENED], central(16, 14))
    first = report[Metric.FIRST_RESPONSE]
    assert (ClockState.BREACHED, central(16, 13), central(16, 13)) == (
        first.state,
        first.due_at,
        first.breached_at,
    )
    running = POLICY.evaluate([OPENED], central(16, 10))[Metric.FIRST_RESPONSE]
    assert (central(16, 13), None) == (running.due_at, running.breached_at)


def test_the_old_breach_at_names_still_work_and_warn() -> None:
    report = POLICY.evaluate([OPENED], central(16, 10))
    metric = report[Metric.FIRST_RESPONSE]
    with pytest.warns(DeprecationWarning, match="due_at"):
        assert metric.due_at == metric.breach_at  # type: ignore[attr-defined,unused-ignore]
    with pytest.warns(DeprecationWarning, match="due_at"):
        assert metric.due_at == metric.current.breach_at  # type: ignore[union-attr,unused-ignore]
    with pytest.warns(DeprecationWarning, match="due_us"):
        assert metric.current.due_us == metric.current.breach_us  # type: ignore[union-attr,unused-ignore]


def test_every_datetime_of_a_report_is_in_the_policy_calendars_timezone() -> None:
    """A Critical target runs on a 24x7 calendar, and now is in UTC: one zone all the same."""
    critical = Created(at=central(16, 9), priority="Critical")
    now = central(16, 9, 30).astimezone(dt.UTC)
    report = POLICY.evaluate([critical, AgentReplied(at=central(16, 9, 20))], now)
    first = report[Metric.FIRST_RESPONSE]
    instants = [report.now, first.started_at, first.due_at, first.stopped_at, report.next_change_at]
    instants += [segment.start for segment in first.explain()]
    instants += [segment.end for segment in first.explain()]
    assert {"America/Chicago"} == {str(at.tzinfo) for at in instants if at is not None}
    assert CENTRAL is report.tz


def test_a_metric_the_policy_does_not_measure_is_not_applicable() -> None:
    """Not listed and listed without a target are one idea: not applicable."""
    only_first = POLICY.with_settings(
        targets={Metric.FIRST_RESPONSE: dict.fromkeys(["Critical", "High", "Medium", "Low"], H)}
    )
    report = only_first.evaluate([OPENED], central(16, 10))
    missing = report[Metric.RESOLUTION]
    assert (Metric.RESOLUTION, ClockState.NOT_APPLICABLE, ()) == (
        missing.metric,
        missing.state,
        missing.cycles,
    )
    assert Metric.RESOLUTION not in report
    low = POLICY.evaluate([Created(at=central(16, 9), priority="Low")], central(16, 10))
    assert ClockState.NOT_APPLICABLE == low["resolution"].state


def test_earliest_due_at_is_the_earliest_open_deadline_overdue_or_not() -> None:
    events = [OPENED, AgentReplied(at=central(16, 9, 30)), CustomerReplied(at=central(16, 10))]
    report = POLICY.evaluate(events, central(16, 11))
    open_due = [
        metric.due_at for metric in report.metrics if metric.is_open and metric.due_at is not None
    ]
    assert min(open_due) == report.earliest_due_at
    assert central(16, 13) == report.earliest_due_at  # escalation, 4 hours from 09:00
    overdue = POLICY.evaluate(events, central(17, 12))
    assert central(16, 13) == overdue.earliest_due_at
    resolved = POLICY.evaluate([*events, Resolved(at=central(16, 12))], central(16, 12))
    assert resolved.earliest_due_at is None


def test_target_shorthand_is_the_long_form() -> None:
    assert Target(duration=dt.timedelta(hours=2)) == Target.hours(2)
    assert Target(duration=dt.timedelta(minutes=15), calendar="24x7") == Target.minutes(
        15, calendar="24x7"
    )
    assert Target(business_days=1) == Target.workdays(1)
    assert TargetRange(goal=Target.hours(2), breach=Target.hours(4)) == TargetRange(
        goal=dt.timedelta(hours=2), breach="PT4H"
    )


def test_with_pauses_extends_and_with_settings_replaces() -> None:
    extended = POLICY.with_pauses({Metric.RESOLUTION: ["on_hold"], "escalation": ["on_hold"]})
    assert frozenset({"waiting_on_customer", "on_hold"}) == extended.pauses(Metric.RESOLUTION)
    assert frozenset({"on_hold"}) == extended.pauses(Metric.ESCALATION)
    assert frozenset({"waiting_on_customer"}) == extended.pauses(Metric.PERIODIC_UPDATE)
    replaced = POLICY.with_settings(paused_by={Metric.RESOLUTION: ["on_hold"]})
    assert frozenset({"on_hold"}) == replaced.pauses(Metric.RESOLUTION)
    assert frozenset() == replaced.pauses(Metric.PERIODIC_UPDATE)


def test_with_settings_applies_each_setting_from_its_text() -> None:
    changed = POLICY.with_settings(
        name="night",
        on_priority_change="restart",
        on_reopen="NEW_CYCLE",
        out_of_hours="wait_for_opening",
        internal_note_is_response="true",
        statuses=["open", "waiting_on_customer"],
        calendar=DESK.with_holidays([dt.date(2026, 11, 26)]),
    )
    assert ("night", "restart", OnReopen.NEW_CYCLE, "wait_for_opening", True) == (
        changed.name,
        changed.on_priority_change.value,
        changed.on_reopen,
        changed.out_of_hours.value,
        changed.internal_note_is_response,
    )
    assert ("open", "waiting_on_customer") == changed.statuses
    assert changed.calendar != POLICY.calendar
    assert POLICY == POLICY.with_settings()
    assert not POLICY.with_settings(internal_note_is_response="false").internal_note_is_response


def test_ignore_later_evaluates_as_of_an_instant_from_a_longer_log() -> None:
    events = [OPENED, AgentReplied(at=central(16, 10)), Resolved(at=central(17, 9))]
    with pytest.raises(EventLogError, match="after now"):
        POLICY.evaluate(events, central(16, 12))
    as_of = POLICY.evaluate(events, central(16, 12), ignore_later=True)
    assert as_of == POLICY.evaluate(events[:2], central(16, 12))
    assert not as_of.resolved


def test_a_closed_ticket_may_be_reopened_and_its_clocks_resume() -> None:
    """A workflow may allow a reopen after closing; resolution resumes as after a resolve."""
    events = [OPENED, Closed(at=central(16, 15)), Reopened(at=central(18, 9))]
    cycle = POLICY.evaluate(events, central(18, 9))[Metric.RESOLUTION]
    # 6 of 8 hours used before the close; 2 left after the reopen on Wednesday
    assert (ClockState.RUNNING, central(18, 11)) == (cycle.state, cycle.due_at)
    again = [*events, Closed(at=central(18, 10)), SurveyAnswered(at=central(18, 11), score=5)]
    report = POLICY.evaluate(again, central(18, 12))
    assert (ClockState.ACHIEVED, True) == (report[Metric.RESOLUTION].state, report.resolved)
    new_cycle = POLICY.with_settings(on_reopen="new_cycle").evaluate(events, central(18, 9))
    assert [ClockState.ACHIEVED, ClockState.RUNNING] == [
        cycle.state for cycle in new_cycle[Metric.RESOLUTION].cycles
    ]
