"""Each behaviour choice of a policy, pauses, cycles, goals, warnings and the trace."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    BusinessCalendar,
    ClockState,
    Closed,
    Created,
    CustomerReplied,
    Metric,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PriorityChanged,
    Reopened,
    Resolved,
    SegmentKind,
    SLAPolicy,
    StatusChanged,
    Target,
    TargetRange,
)
from tests.sla.helpers import CENTRAL, DESK, H, central, desk_policy

FR = Metric.FIRST_RESPONSE
NR = Metric.NEXT_RESPONSE
UPDATE = Metric.PERIODIC_UPDATE
RES = Metric.RESOLUTION
POLICY = desk_policy()
MONDAY_9 = central(16, 9)


def created(at: dt.datetime = MONDAY_9, priority: str = "High") -> Created:
    return Created(at=at, priority=priority)


# --- pauses ------------------------------------------------------------------------


def test_waiting_on_customer_pauses_resolution_and_resumes_with_what_is_left() -> None:
    events = [
        created(),
        StatusChanged(at=central(16, 10), status="waiting_on_customer"),
        StatusChanged(at=central(17, 9), status="open"),
    ]
    paused = POLICY.evaluate(events[:2], central(16, 12))[RES].current
    assert paused.state == ClockState.PAUSED
    assert paused.due_at is None
    assert paused.remaining == 7 * H
    resumed = POLICY.evaluate(events, central(17, 10))[RES].current
    assert resumed.state == ClockState.RUNNING
    assert central(17, 16) == resumed.due_at
    assert resumed.paused == 23 * H
    assert resumed.elapsed == 2 * H


def test_first_response_is_not_paused_by_default() -> None:
    events = [created(), StatusChanged(at=central(16, 10), status="waiting_on_customer")]
    first = POLICY.evaluate(events, central(16, 14))[FR].current
    assert first.state == ClockState.BREACHED
    assert central(16, 13) == first.due_at


# --- priority changes ------------------------------------------------------------


def raised_at(mode: OnPriorityChange, change: dt.datetime, start: dt.datetime = MONDAY_9):
    events = [created(start), PriorityChanged(at=change, priority="Critical")]
    return desk_policy(on_priority_change=mode).evaluate(events, change)[FR].current


@pytest.mark.parametrize(
    ("mode", "breach"),
    [
        (OnPriorityChange.RECOMPUTE, central(16, 10)),
        (OnPriorityChange.KEEP_ELAPSED, central(16, 10)),
        (OnPriorityChange.RESTART, central(16, 10, 30)),
        (OnPriorityChange.STRICTER, central(16, 10)),
    ],
)
def test_raising_the_priority_during_business_hours(mode: OnPriorityChange, breach) -> None:
    cycle = raised_at(mode, central(16, 9, 30))
    assert (breach, "Critical") == (cycle.due_at, cycle.priority)


def test_raising_to_a_24x7_target_out_of_hours_recompute_counts_the_night() -> None:
    cycle = raised_at(OnPriorityChange.RECOMPUTE, central(21, 10), start=central(20, 18))
    assert cycle.state == ClockState.BREACHED
    assert central(20, 19) == cycle.due_at
    assert central(21, 10) == cycle.breached_at


def test_raising_to_a_24x7_target_out_of_hours_keep_elapsed_does_not() -> None:
    cycle = raised_at(OnPriorityChange.KEEP_ELAPSED, central(21, 10), start=central(20, 18))
    assert cycle.state == ClockState.RUNNING
    assert central(21, 11) == cycle.due_at
    assert central(20, 18) == cycle.started_at


def test_restart_starts_a_fresh_clock_at_the_change() -> None:
    cycle = raised_at(OnPriorityChange.RESTART, central(16, 9, 30))
    assert central(16, 9, 30) == cycle.started_at


@pytest.mark.parametrize(
    ("mode", "priority", "breach"),
    [
        (OnPriorityChange.RECOMPUTE, "Low", central(18, 9)),
        (OnPriorityChange.RESTART, "Low", central(18, 9, 30)),
        (OnPriorityChange.STRICTER, "Critical", central(16, 10)),
    ],
)
def test_lowering_the_priority(mode: OnPriorityChange, priority: str, breach) -> None:
    events = [created(priority="Critical"), PriorityChanged(at=central(16, 9, 30), priority="Low")]
    cycle = desk_policy(on_priority_change=mode).evaluate(events, central(16, 9, 30))[FR].current
    assert (priority, breach) == (cycle.priority, cycle.due_at)


@pytest.mark.parametrize("mode", list(OnPriorityChange))
def test_a_breach_is_never_undone_by_lowering_the_priority(mode: OnPriorityChange) -> None:
    events = [created(priority="Critical"), PriorityChanged(at=central(16, 11), priority="Low")]
    cycle = desk_policy(on_priority_change=mode).evaluate(events, central(16, 12))[FR].current
    assert (cycle.state, cycle.priority) == (ClockState.BREACHED, "Critical")
    assert central(16, 10) == cycle.breached_at


def test_priority_change_to_a_level_without_target_is_not_applicable() -> None:
    events = [created(), PriorityChanged(at=central(16, 10), priority="Low")]
    report = POLICY.evaluate(events, central(16, 10))
    assert report[RES].state == ClockState.NOT_APPLICABLE
    assert report[RES].current.remaining is None
    assert report.priority == "Low"


# --- reopening ---------------------------------------------------------------------


def reopened_log() -> list:
    return [created(), Resolved(at=central(16, 11)), Reopened(at=central(17, 9))]


def test_reopen_resumes_resolution_by_default() -> None:
    report = POLICY.evaluate(reopened_log(), central(17, 10))
    (cycle,) = report[RES].cycles
    assert (ClockState.RUNNING, central(17, 15)) == (cycle.state, cycle.due_at)
    assert cycle.paused == 22 * H
    assert tuple(s.reason for s in cycle.explain() if s.kind is SegmentKind.PAUSED) == ("resolved",)


def test_reopen_new_cycle_keeps_the_first_as_it_ended() -> None:
    policy = desk_policy(on_reopen=OnReopen.NEW_CYCLE)
    first, second = policy.evaluate(reopened_log(), central(17, 10))[RES].cycles
    assert (ClockState.ACHIEVED, central(16, 11)) == (first.state, first.stopped_at)
    assert (ClockState.RUNNING, central(17, 17)) == (second.state, second.due_at)


def test_reopen_starts_a_new_periodic_update_cycle() -> None:
    cycles = POLICY.evaluate(reopened_log(), central(17, 10))[UPDATE].cycles
    assert [cycle.state for cycle in cycles] == [ClockState.ACHIEVED, ClockState.RUNNING]
    assert central(17, 13) == cycles[-1].due_at


# --- out of hours ------------------------------------------------------------------


def test_out_of_hours_count_starts_a_24x7_clock_at_creation() -> None:
    saturday = central(21, 2)
    cycle = POLICY.evaluate([created(saturday, "Critical")], saturday)[FR].current
    assert (ClockState.RUNNING, central(21, 3)) == (cycle.state, cycle.due_at)


def test_out_of_hours_wait_for_opening_starts_when_the_desk_opens() -> None:
    saturday = central(21, 2)
    policy = desk_policy(out_of_hours=OutOfHoursStart.WAIT_FOR_OPENING)
    report = policy.evaluate([created(saturday, "Critical")], saturday)
    cycle = report[FR].current
    assert (ClockState.PENDING, central(23, 7)) == (cycle.state, cycle.started_at)
    assert central(23, 8) == cycle.due_at
    assert central(23, 7) == report.next_change_at


# --- what counts as a response ---------------------------------------------------


def test_an_internal_note_is_not_a_response_by_default() -> None:
    events = [created(), AgentReplied(at=central(16, 10), public=False)]
    assert POLICY.evaluate(events, central(16, 10))[FR].state == ClockState.RUNNING


def test_an_internal_note_answers_when_the_policy_says_so() -> None:
    events = [created(), AgentReplied(at=central(16, 10), public=False)]
    policy = desk_policy(internal_note_is_response=True)
    assert policy.evaluate(events, central(16, 10))[FR].state == ClockState.ACHIEVED


def test_resolving_answers_the_first_response() -> None:
    events = [created(), Resolved(at=central(16, 10))]
    cycle = POLICY.evaluate(events, central(16, 10))[FR].current
    assert (ClockState.ACHIEVED, central(16, 10)) == (cycle.state, cycle.stopped_at)


def test_closing_an_unresolved_ticket_resolves_it() -> None:
    events = [created(), Closed(at=central(16, 10))]
    report = POLICY.evaluate(events, central(16, 12))
    assert report.resolved
    assert report[RES].state == ClockState.ACHIEVED


# --- next response cycles ----------------------------------------------------------


def conversation() -> list:
    return [
        created(),
        CustomerReplied(at=central(16, 9, 30)),  # before the first response: no cycle
        AgentReplied(at=central(16, 10)),
        CustomerReplied(at=central(16, 11)),
        AgentReplied(at=central(16, 12)),
        CustomerReplied(at=central(16, 13), awaits_answer=False),
        CustomerReplied(at=central(16, 16)),
        CustomerReplied(at=central(16, 16, 30)),  # the cycle is already open
    ]


def test_next_response_has_one_cycle_per_message_awaiting_an_answer() -> None:
    report = POLICY.evaluate(conversation(), central(17, 9))
    first, second = report[NR].cycles
    assert (ClockState.ACHIEVED, central(16, 11), central(16, 12)) == (
        first.state,
        first.started_at,
        first.stopped_at,
    )
    assert (ClockState.RUNNING, central(16, 16), central(17, 10)) == (
        second.state,
        second.started_at,
        second.due_at,
    )


def test_next_response_is_pending_before_any_customer_message() -> None:
    assert POLICY.evaluate([created()], MONDAY_9)[NR].state == ClockState.PENDING


# --- periodic updates ----------------------------------------------------------------


def test_each_public_reply_starts_a_new_update_cycle() -> None:
    events = [created(), AgentReplied(at=central(16, 12))]
    report = POLICY.evaluate(events, central(17, 10))
    first, second = report[UPDATE].cycles
    assert (ClockState.ACHIEVED, central(16, 13)) == (first.state, first.due_at)
    assert (ClockState.BREACHED, central(16, 16)) == (second.state, second.due_at)
    assert report[UPDATE].breaches == 1


# --- goals and warnings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "goal_met"),
    [(central(16, 10, 30), True), (central(16, 12), False)],
)
def test_goal_met_when_answered_before_the_goal(reply: dt.datetime, goal_met: bool) -> None:
    cycle = POLICY.evaluate([created(), AgentReplied(at=reply)], reply)[FR].current
    assert (ClockState.ACHIEVED, goal_met) == (cycle.state, cycle.goal_met)
    assert reply == cycle.achieved_at


def test_goal_passes_while_running() -> None:
    before = POLICY.evaluate([created()], central(16, 10, 59))[FR].current
    after = POLICY.evaluate([created()], central(16, 11))[FR].current
    assert (before.goal_met, after.goal_met) == (None, False)
    assert after.state == ClockState.RUNNING


def test_warnings_are_listed_with_their_instants_once_crossed() -> None:
    events = [created()]
    assert POLICY.evaluate(events, central(16, 10, 59))[UPDATE].current.warnings == ()
    (crossed,) = POLICY.evaluate(events, central(16, 11))[UPDATE].current.warnings
    assert (0.5, central(16, 11)) == (crossed.threshold.fraction, crossed.at)


# --- next_change_at --------------------------------------------------------------------


def test_next_change_at_is_the_earliest_goal_warning_or_breach() -> None:
    report = POLICY.evaluate([created()], central(16, 9, 30))
    assert central(16, 11) == report.next_change_at


def test_nothing_changes_once_everything_stopped() -> None:
    events = [created(), Resolved(at=central(16, 10))]
    assert POLICY.evaluate(events, central(16, 10)).next_change_at is None


def test_a_paused_clock_schedules_nothing() -> None:
    policy = desk_policy(paused_by={metric: {"on_hold"} for metric in Metric})
    events = [created(), StatusChanged(at=central(16, 9, 10), status="on_hold")]
    assert policy.evaluate(events, central(16, 9, 10)).next_change_at is None


# --- the trace -------------------------------------------------------------------------


def test_explain_lists_counted_paused_out_of_hours_and_holiday_segments() -> None:
    thanksgiving = dt.date(2026, 11, 26)
    desk = BusinessCalendar(timezone="America/Chicago", hours=DESK.hours, holidays=[thanksgiving])
    policy = desk_policy(calendar=desk)
    events = [
        created(central(24, 16)),
        StatusChanged(at=central(24, 16, 30), status="waiting_on_customer"),
        StatusChanged(at=central(25, 16), status="open"),
    ]
    cycle = policy.evaluate(events, central(27, 8))[RES].current
    kinds = [(segment.kind, segment.start, segment.end) for segment in cycle.explain()]
    assert [
        (SegmentKind.COUNTED, central(24, 16), central(24, 16, 30)),
        (SegmentKind.PAUSED, central(24, 16, 30), central(25, 16)),
        (SegmentKind.COUNTED, central(25, 16), central(25, 17)),
        (SegmentKind.HOLIDAY, central(25, 17), central(27, 7)),
        (SegmentKind.COUNTED, central(27, 7), central(27, 8)),
    ] == kinds
    counted = [s.duration for s in cycle.explain() if s.kind is SegmentKind.COUNTED]
    assert cycle.elapsed == sum(counted, dt.timedelta(0))
    assert central(27, 13, 30) == cycle.due_at


def test_explain_marks_nights_and_weekends_out_of_hours() -> None:
    cycle = POLICY.evaluate([created(central(20, 16))], central(23, 8))[RES].current
    assert [segment.kind for segment in cycle.explain()] == [
        SegmentKind.COUNTED,
        SegmentKind.OUT_OF_HOURS,
        SegmentKind.COUNTED,
    ]


# --- determinism ---------------------------------------------------------------------


def test_equal_instants_keep_their_order() -> None:
    at = central(16, 10)
    answered_first = [created(), AgentReplied(at=at), CustomerReplied(at=at)]
    asked_first = [created(), CustomerReplied(at=at), AgentReplied(at=at)]
    assert POLICY.evaluate(answered_first, at)[NR].state == ClockState.RUNNING
    assert POLICY.evaluate(asked_first, at)[NR].state == ClockState.PENDING


def test_evaluation_does_not_depend_on_event_identity() -> None:
    events = conversation()
    copies = [attrs.evolve(event) for event in events]
    assert all(copy is not event for copy, event in zip(copies, events, strict=True))
    assert POLICY.evaluate(events, central(17, 9)) == POLICY.evaluate(copies, central(17, 9))


# --- business days by the end of the day ---------------------------------------------

SPLIT = "Mon-Fri 09:00-12:00,13:00-17:00"


@pytest.mark.parametrize(
    ("hours", "created", "days", "due"),
    [
        ("Mon-Fri 07:00-17:00", dt.datetime(2026, 11, 16, 10), 1, dt.datetime(2026, 11, 17, 17)),
        ("Mon-Fri 07:00-17:00", dt.datetime(2026, 11, 20, 18), 0, dt.datetime(2026, 11, 23, 17)),
        (
            "Mon-Fri 09:00-12:00,13:00-17:00",
            dt.datetime(2026, 11, 16, 10),
            0,
            dt.datetime(2026, 11, 16, 17),
        ),
        (
            "Mon-Fri 09:00-12:00,13:00-17:00",
            dt.datetime(2026, 11, 16, 12, 30),
            0,
            dt.datetime(2026, 11, 16, 17),
        ),
        ("Mon-Fri 22:00-06:00", dt.datetime(2026, 11, 16, 23), 0, dt.datetime(2026, 11, 17, 6)),
        ("Mon-Fri 22:00-06:00", dt.datetime(2026, 11, 17, 1), 1, dt.datetime(2026, 11, 18, 6)),
        ("Mon-Fri 00:00-24:00", dt.datetime(2026, 11, 17, 1), 0, dt.datetime(2026, 11, 18, 0)),
    ],
)
def test_business_days_by_the_end_of_the_day(
    hours: str, created: dt.datetime, days: int, due: dt.datetime
) -> None:
    cal = BusinessCalendar(timezone="UTC", hours=hours)
    target = {"Critical": None, "High": None, "Medium": None}
    target["Low"] = Target(business_days=days, end_of_day=True)
    policy = SLAPolicy(name="eod", scheme=FOUR_TIER, calendar=cal, targets={RES: target})
    at = created.replace(tzinfo=dt.UTC)
    cycle = policy.evaluate([Created(at=at, priority="Low")], at)[RES].current
    assert due.replace(tzinfo=dt.UTC) == cycle.due_at


def test_warnings_crossed_are_listed_earliest_first() -> None:
    target = TargetRange(breach=Target(duration=4 * H), warnings=[0.75, 0.25])
    policy = SLAPolicy(
        name="warn",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={RES: {level.name: target for level in FOUR_TIER}},
    )
    cycle = policy.evaluate([created()], central(16, 12, 30))[RES].current
    assert [(0.25, central(16, 10)), (0.75, central(16, 12))] == [
        (w.threshold.fraction, w.at) for w in cycle.warnings
    ]


# --- time is exact ----------------------------------------------------------------------


def test_a_24x7_hour_across_the_spring_forward_night_is_a_real_hour() -> None:
    opened = dt.datetime(2026, 3, 8, 1, 30, tzinfo=CENTRAL)  # 02:00-03:00 does not exist
    cycle = POLICY.evaluate([created(opened, "Critical")], opened)[FR].current
    assert dt.datetime(2026, 3, 8, 3, 30, tzinfo=CENTRAL) == cycle.due_at


def test_pendulum_instants_are_accepted() -> None:
    import pendulum

    opened = pendulum.datetime(2026, 11, 16, 9, tz="America/Chicago")
    events = [created(opened), AgentReplied(at=pendulum.datetime(2026, 11, 16, 16, tz="UTC"))]
    cycle = POLICY.evaluate(events, pendulum.datetime(2026, 11, 16, 12, tz="America/Chicago"))[
        FR
    ].current
    assert (ClockState.ACHIEVED, central(16, 10)) == (cycle.state, cycle.stopped_at)
    assert type(cycle.stopped_at) is dt.datetime
