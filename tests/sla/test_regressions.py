"""One test per bug class that popular helpdesks ship (see issue 4)."""

from __future__ import annotations

import datetime as dt

from servicedesk_core import (
    AgentReplied,
    ClockState,
    Created,
    Metric,
    OnPriorityChange,
    OutOfHoursStart,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
)
from tests.sla.helpers import H, central, desk_policy

POLICY = desk_policy()
UPDATE = Metric.PERIODIC_UPDATE
RES = Metric.RESOLUTION


def test_update_time_sla_does_not_escalate_an_answered_ticket() -> None:
    """A public reply restarts the update clock; the old cycle is achieved, not breached."""
    events = [
        Created(at=central(16, 9), priority="High"),
        AgentReplied(at=central(16, 12, 59)),
    ]
    report = POLICY.evaluate(events, central(16, 14))
    first, second = report[UPDATE].cycles
    assert (first.state, second.state) == (ClockState.ACHIEVED, ClockState.RUNNING)
    assert UPDATE not in report.breached


def test_update_time_sla_does_not_escalate_a_resolved_ticket() -> None:
    events = [Created(at=central(16, 9), priority="High"), Resolved(at=central(16, 10))]
    report = POLICY.evaluate(events, central(20, 9))
    assert report[UPDATE].state == ClockState.ACHIEVED
    assert report.next_change_at is None


def test_update_time_sla_is_not_reset_by_an_internal_note() -> None:
    events = [
        Created(at=central(16, 9), priority="High"),
        AgentReplied(at=central(16, 12), public=False),
    ]
    assert tuple(m for m in POLICY.evaluate(events, central(16, 13)).breached if m is UPDATE) == (
        Metric.PERIODIC_UPDATE,
    )


def test_pending_time_is_not_lost_when_the_sla_changes() -> None:
    """Paused time stays excluded when a priority change re-targets the clock."""
    events = [
        Created(at=central(16, 9), priority="High"),
        StatusChanged(at=central(16, 10), status="waiting_on_customer"),
        StatusChanged(at=central(17, 10), status="open"),
        PriorityChanged(at=central(17, 11), priority="Medium"),
    ]
    for mode in (OnPriorityChange.RECOMPUTE, OnPriorityChange.KEEP_ELAPSED):
        cycle = desk_policy(on_priority_change=mode).evaluate(events, central(17, 11))[RES]
        # 2 hours counted (Mon 9-10, Tue 10-11); Medium is 3 business days = 30 hours
        assert cycle.elapsed == 2 * H
        assert cycle.remaining == 28 * H


def test_reopened_ticket_deadline_excludes_the_time_it_was_resolved() -> None:
    events = [
        Created(at=central(16, 9), priority="High"),
        Resolved(at=central(16, 15)),
        Reopened(at=central(18, 9)),
    ]
    cycle = POLICY.evaluate(events, central(18, 9))[RES].current
    # 6 of 8 hours used before the resolution; 2 left after the reopen on Wednesday
    assert (ClockState.RUNNING, central(18, 11)) == (cycle.state, cycle.due_at)
    naive_deadline = central(17, 9)  # eight business hours from the original start
    assert naive_deadline < cycle.due_at


def test_warnings_land_inside_business_hours_not_at_midnight() -> None:
    friday_evening = Created(at=central(20, 16), priority="High")
    report = POLICY.evaluate([friday_evening], central(23, 12))
    for metric in (UPDATE, Metric.ESCALATION):
        (warning,) = report[metric].current.warnings
        assert central(23, 8) == warning.at  # 1 hour on Friday, 1 hour on Monday
        assert POLICY.calendar.is_open(warning.at)


def test_next_change_at_is_when_the_report_changes() -> None:
    events = [Created(at=central(20, 16, 30), priority="High")]
    report = POLICY.evaluate(events, central(20, 16, 45))
    change = report.next_change_at
    assert central(23, 8, 30) == change  # the warnings at 50% of 4 hours
    just_before = POLICY.evaluate(events, change - dt.timedelta(microseconds=1))
    at_change = POLICY.evaluate(events, change)
    assert just_before[UPDATE].current.warnings == ()
    assert len(at_change[UPDATE].current.warnings) == 1


def test_a_clock_waiting_for_the_opening_says_when_it_starts_paused() -> None:
    """Created on Sunday, put on hold before the desk opens: pending now, paused at 07:00 Monday."""
    policy = desk_policy(out_of_hours=OutOfHoursStart.WAIT_FOR_OPENING)
    events = [
        Created(at=central(15, 10), priority="High"),  # Sunday
        StatusChanged(at=central(15, 11), status="waiting_on_customer"),
    ]
    report = policy.evaluate(events, central(15, 12))
    assert ClockState.PENDING == report[RES].state
    assert central(16, 7) == report.next_change_at
    assert ClockState.PAUSED == policy.evaluate(events, central(16, 7))[RES].state
