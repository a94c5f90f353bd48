"""Replaying a ticket's event log under one policy (internal; :func:`~servicedesk_core.evaluate`).

The replay walks the log once, validating it as it goes, and keeps one
:class:`~servicedesk_core.sla.clock.Clock` per metric cycle; at the end each
clock is measured at ``now`` into the :class:`~servicedesk_core.sla.results.SLAReport`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never, cast, get_args

from servicedesk_core._time import from_us, to_us
from servicedesk_core.errors import EventLogError
from servicedesk_core.events import (
    AgentReplied,
    AnyEvent,
    Assigned,
    Closed,
    Created,
    CustomerReplied,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from servicedesk_core.sla.clock import Clock
from servicedesk_core.sla.results import ClockState, MetricReport, SLAReport
from servicedesk_core.sla.settings import OnPriorityChange, OnReopen, OutOfHoursStart
from servicedesk_core.sla.targets import Metric

if TYPE_CHECKING:  # annotations only: the policy module imports this one
    from servicedesk_core.sla.policy import Selection, SLAPolicy

__all__ = ["replay"]

_CONCRETE = get_args(AnyEvent)


def replay(
    policy: SLAPolicy,
    selection: Selection | None,
    events: Sequence[Event],
    now: dt.datetime,
    *,
    ignore_later: bool = False,
) -> SLAReport:
    """Replay ``events`` under ``policy`` and report every metric at ``now``.

    With ``ignore_later`` the events after ``now`` are left out instead of
    being an error.

    Raises:
        EventLogError: the log cannot be replayed.
        NaiveDatetimeError: ``now`` has no timezone.
    """
    return _Replay(policy, selection).run(events, to_us(now), now, ignore_later)


class _Replay:
    """One evaluation (private): validates the log while replaying it."""

    def __init__(self, policy: SLAPolicy, selection: Selection | None) -> None:
        self.policy = policy
        self.selection = selection
        self.metrics = policy.metrics
        self.clocks: dict[Metric, list[Clock]] = {metric: [] for metric in self.metrics}
        self.open: dict[Metric, Clock] = {}  # the clocks not stopped, by metric
        self.level = ""
        self.status = policy.statuses[0]
        self.resolved = False
        self.closed = False
        self.answered = False

    # helpers

    def _open(self, metric: Metric) -> Clock | None:
        return self.open.get(metric)

    def _running(self, metric: Metric) -> bool:
        return self.status not in self.policy.pauses(metric)

    def _start(self, metric: Metric, at: int, start: int | None = None) -> None:
        clocks = self.clocks.get(metric)
        if clocks is None:
            return
        clock = Clock(
            metric,
            self.level,
            self.policy.target(metric, self.level),
            self.policy.calendar_for(metric, self.level),
            at,
            at if start is None else start,
            self._running(metric),
            self.status,
        )
        clocks.append(clock)
        self.open[metric] = clock

    def _halt(self, metric: Metric, t: int) -> None:
        clock = self.open.pop(metric, None)
        if clock is not None:
            clock.halt(t)

    # the replay

    def run(
        self, events: Sequence[Event], now: int, now_dt: dt.datetime, ignore_later: bool
    ) -> SLAReport:
        if not events:
            raise EventLogError("the log is empty; it starts with a Created event")
        previous = None
        for index, event in enumerate(events):
            if not isinstance(event, _CONCRETE):
                raise EventLogError(f"not an event: {event!r}", index=index)
            t = event._us
            if previous is not None and t < previous:
                raise EventLogError(
                    f"{type(event).__name__} at {event.at} is before the event before it",
                    index=index,
                )
            if t > now:
                if ignore_later:
                    break
                raise EventLogError(
                    f"{type(event).__name__} at {event.at} is after now ({now_dt})", index=index
                )
            previous = t
            self._apply(index, cast(AnyEvent, event), t)
        return self._report(now, now_dt)

    def _check_priority(self, index: int, priority: str) -> None:
        if priority not in self.policy.level_names:
            known = ", ".join(level.name for level in self.policy.scheme)
            raise EventLogError(
                f"priority {priority!r} is not a level of scheme "
                f"{self.policy.scheme.name!r} ({known})",
                index=index,
            )

    def _apply(self, index: int, event: AnyEvent, t: int) -> None:
        if index == 0 and not isinstance(event, Created):
            raise EventLogError(f"a log starts with Created, not {type(event).__name__}", index=0)
        if self.closed and not isinstance(event, SurveyAnswered | Reopened):
            raise EventLogError(f"{type(event).__name__} after the ticket was closed", index=index)
        match event:
            case AgentReplied():
                if event.public or self.policy.internal_note_is_response:
                    self._respond(t)
            case CustomerReplied():
                if (
                    event.awaits_answer
                    and self.answered
                    and not self.resolved
                    and self._open(Metric.NEXT_RESPONSE) is None
                ):
                    self._start(Metric.NEXT_RESPONSE, t)
            case StatusChanged():
                if event.status not in self.policy.statuses:
                    raise EventLogError(
                        f"status {event.status!r} is not one of the policy's statuses "
                        f"{list(self.policy.statuses)}",
                        index=index,
                    )
                self.status = event.status
                for metric, clock in self.open.items():
                    clock.set_running(t, self._running(metric), self.status)
            case PriorityChanged():
                self._check_priority(index, event.priority)
                if event.priority != self.level:
                    self.level = event.priority
                    for clock in self.open.values():
                        self._retarget(clock, t)
            case Assigned():
                if event.escalated:
                    self._halt(Metric.ESCALATION, t)
            case Resolved():
                if self.resolved:
                    raise EventLogError("Resolved, but the ticket is already resolved", index=index)
                self._resolve(t)
            case Reopened():
                if not self.resolved:
                    raise EventLogError("Reopened, but the ticket is not resolved", index=index)
                self.closed = False
                self._reopen(t)
            case Closed():
                if not self.resolved:
                    self._resolve(t)
                self.closed = True
            case Escalated() | EscalationRequested() | SurveyAnswered():
                pass  # no SLA clock reads them
            case Created():
                if index:
                    raise EventLogError("a log has one Created event, the first", index=index)
                self._check_priority(index, event.priority)
                self.level = event.priority
                start = t
                if self.policy.out_of_hours is OutOfHoursStart.WAIT_FOR_OPENING:
                    start = to_us(self.policy.calendar.next_open(event.at))
                for metric in self.metrics:
                    if metric is not Metric.NEXT_RESPONSE:
                        self._start(metric, t, start)
            case _:
                assert_never(event)

    def _respond(self, t: int) -> None:
        self.answered = True
        if not self.open:
            return
        self._halt(Metric.FIRST_RESPONSE, t)
        self._halt(Metric.NEXT_RESPONSE, t)
        if Metric.PERIODIC_UPDATE in self.open:
            self._halt(Metric.PERIODIC_UPDATE, t)
            if not self.resolved:
                self._start(Metric.PERIODIC_UPDATE, t)

    def _resolve(self, t: int) -> None:
        self.resolved = True
        self.answered = True
        for clock in self.open.values():
            clock.halt(t)
        self.open.clear()

    def _reopen(self, t: int) -> None:
        self.resolved = False
        clocks = self.clocks.get(Metric.RESOLUTION)
        if clocks:
            match self.policy.on_reopen:
                case OnReopen.RESUME:
                    clock = clocks[-1]
                    clock.resume(t, self._running(Metric.RESOLUTION), self.status)
                    self.open[Metric.RESOLUTION] = clock
                    if clock.level != self.level:
                        self._retarget(clock, t)
                case OnReopen.NEW_CYCLE:
                    self._start(Metric.RESOLUTION, t)
                case _:
                    assert_never(self.policy.on_reopen)
        self._start(Metric.PERIODIC_UPDATE, t)

    def _retarget(self, clock: Clock, t: int) -> None:
        if clock.range is not None and clock.counted(t) >= clock.budget(clock.range.breach):
            return  # already breached: a breach is never undone
        new_range = self.policy.target(clock.metric, self.level)
        new_cal = self.policy.calendar_for(clock.metric, self.level)
        mode = self.policy.on_priority_change
        match mode:
            case OnPriorityChange.RECOMPUTE:
                for run in clock.runs:
                    run.cal = new_cal
            case OnPriorityChange.KEEP_ELAPSED:
                clock._close(t)
            case OnPriorityChange.RESTART:
                clock.runs, clock.halts = [], []
                clock.start = clock.mark = t
            case OnPriorityChange.STRICTER:
                # under STRICTER every run so far is on the clock's calendar
                old_target = None if clock.range is None else clock.range.breach
                old = clock.deadline_on(clock.cal, t, old_target)
                new = clock.deadline_on(new_cal, t, None if new_range is None else new_range.breach)
                if new is None or (old is not None and old <= new):
                    return
                for run in clock.runs:
                    run.cal = new_cal
            case _:
                assert_never(mode)
        clock.level, clock.range, clock.cal, clock.since = self.level, new_range, new_cal, t

    # the report

    def _report(self, now: int, now_dt: dt.datetime) -> SLAReport:
        tz = self.policy.calendar.tz
        reports = []
        changes: list[int] = []
        for metric in self.metrics:
            cycles = tuple(clock.measure(now, tz, changes) for clock in self.clocks[metric])
            if cycles:
                state = cycles[-1].state
            elif self.policy.target(metric, self.level) is None:
                state = ClockState.NOT_APPLICABLE
            else:
                state = ClockState.PENDING
            reports.append(MetricReport(metric=metric, state=state, cycles=cycles))
        next_change = min(changes) if changes else None
        return SLAReport(
            now=now_dt.astimezone(tz),
            policy=self.policy,
            rule=self.selection,
            priority=self.level,
            status=self.status,
            resolved=self.resolved,
            metrics=tuple(reports),
            next_change_at=_out(next_change, tz),
        )


def _out(x: int | None, tz: dt.tzinfo) -> dt.datetime | None:
    return None if x is None else from_us(x, tz)
