"""The replay state of one SLA clock cycle, and its measure at ``now`` (internal).

A clock is a list of *runs* (wall-clock spans in which it counts) and *halts*
(spans in which a pause status or a resolution stops it). Counted business
time is the open time of the runs on the target's calendar; a deadline is the
instant at which counted time reaches the target, found with ``calendar.add``
from the start of the run in which it falls. Nothing here walks days or
hours: every figure goes through the calendar.

Deadlines are half-open: an answer strictly before the due instant is on
time, and at ``now >=`` it an unanswered clock is breached. Warnings and
goals cross at their instants the same way.
"""

from __future__ import annotations

import datetime as dt

from servicedesk_core._time import ONE_US
from servicedesk_core.calendar import Calendar
from servicedesk_core.sla.results import ClockState, Cycle, _cycle
from servicedesk_core.sla.targets import MetricKey, Target, TargetRange, WarningThreshold

__all__ = ["Clock", "Run", "allowance", "state_at"]

_PENDING, _RUNNING, _PAUSED = ClockState.PENDING, ClockState.RUNNING, ClockState.PAUSED
_ACHIEVED, _BREACHED = ClockState.ACHIEVED, ClockState.BREACHED
_NOT_APPLICABLE, _CANCELLED = ClockState.NOT_APPLICABLE, ClockState.CANCELLED


def allowance(target: Target, cal: Calendar, start: int) -> int:
    """The business time (us) a target allows a clock started at ``start`` on ``cal``."""
    if target.duration is not None:
        return target.duration // ONE_US
    assert target.business_days is not None
    due = cal.add_days_us(start, target.business_days, end_of_day=target.end_of_day)
    return cal.elapsed_us(start, due) if start < due else 0


Run = tuple[int, int, Calendar]
"""A span ``[a, b)`` in which a clock counted, measured on a calendar (a plain
tuple: a clock keeps one per stretch, and building objects costs)."""


class Clock:
    """Mutable replay state of one cycle of one metric (internal to the replay).

    ``runs`` are :data:`Run` s; ``halts`` are ``(a, b, reason)``; ``mark`` is
    where the current stretch began. ``cancelled`` says the cycle stopped
    because the policy that set its target stopped applying; ``measured``
    whether a policy that applied gives the metric a target.
    """

    __slots__ = (
        "cal",
        "cancelled",
        "halts",
        "level",
        "mark",
        "measured",
        "metric",
        "range",
        "reason",
        "running",
        "runs",
        "since",
        "start",
        "stop",
    )

    def __init__(
        self,
        metric: MetricKey,
        level: str,
        target: TargetRange | None,
        cal: Calendar,
        at: int,
        start: int,
        running: bool,
        reason: str,
        measured: bool,
    ) -> None:
        self.metric = metric
        self.level = level
        self.range = target
        self.cal = cal
        self.start = start
        self.since = at
        self.runs: list[Run] = []
        self.halts: list[tuple[int, int, str]] = []
        self.mark = at
        self.running = running
        self.reason = reason
        self.stop: int | None = None
        self.cancelled = False
        self.measured = measured

    def set_running(self, t: int, running: bool, reason: str) -> None:
        """Switch between counting and halted (for ``reason``) at ``t``."""
        if self.stop is not None or (
            running == self.running and (running or reason == self.reason)
        ):
            return
        self.close(t)
        self.running, self.reason = running, reason

    def close(self, t: int) -> None:
        """End the current stretch at ``t`` (a run or a halt) and start the next there."""
        if t > self.mark:
            if self.running:
                self.runs.append((self.mark, t, self.cal))
            else:
                self.halts.append((self.mark, t, self.reason))
        self.mark = t

    def halt(self, t: int) -> None:
        """Stop the cycle at ``t`` (answered, resolved or escalated)."""
        self.close(t)
        self.stop = t

    def resume(self, t: int, running: bool, reason: str) -> None:
        """Continue a stopped cycle at ``t``; the time since the stop is a halt."""
        assert self.stop is not None
        if t > self.stop:
            self.halts.append((self.stop, t, "resolved"))
        self.stop = None
        self.mark, self.running, self.reason = t, running, reason

    def recalendar(self, cal: Calendar) -> None:
        """Measure every run so far on ``cal`` (the new target's calendar)."""
        self.runs = [(a, b, cal) for a, b, _cal in self.runs]

    def spans(self, end: int) -> list[Run]:
        """Run spans clipped to ``[start, end)``, the current one included."""
        out = []
        start = self.start
        for a, b, cal in self.runs:
            lo = a if a > start else start
            hi = b if b < end else end
            if lo < hi:
                out.append((lo, hi, cal))
        if self.stop is None and self.running:
            lo = self.mark if self.mark > start else start
            if lo < end:
                out.append((lo, end, self.cal))
        return out

    def counted(self, end: int) -> int:
        """Counted business time (us) from the start to ``end``."""
        total = 0
        for a, b, cal in self.spans(end):  # each span is non-empty: no test, no generator
            total += cal.elapsed_us(a, b)
        return total

    def budget(self, target: Target) -> int:
        """The business time (us) ``target`` allows this cycle."""
        return allowance(target, self.cal, self.start)

    def deadline_on(self, cal: Calendar, t: int, target: Target | None) -> int | None:
        """Where counted time reaches ``target``, measured on ``cal``, running on from ``t``.

        Every run so far is measured on ``cal`` too; ``None`` without a target.
        """
        if target is None:
            return None
        counted = 0
        for a, b, _cal in self.spans(t):
            counted += cal.elapsed_us(a, b)
        left = allowance(target, cal, self.start) - counted
        return t if left <= 0 else cal.add_us(t, left)

    def along(self, spans: list[Run], lengths: list[int], end: int) -> tuple[list[Run], list[int]]:
        """The spans (and their lengths) along which a deadline is sought.

        The last state goes on: a running clock gets an open-ended last span on
        its calendar (a stopped clock's deadline is where it would have been).
        """
        if self.running and (not spans or spans[-1][1] != end or spans[-1][2] is not self.cal):
            start = self.start
            return [*spans, (end if end > start else start, end, self.cal)], [*lengths, 0]
        return spans, lengths

    def measure(self, now: int, tz: dt.tzinfo, changes: list[int]) -> Cycle:
        """Measure this cycle at ``now`` (datetimes in ``tz``); append when it will change."""
        cal, stop, first, running = self.cal, self.stop, self.start, self.running
        target = self.range
        if stop is None:
            end, start = now, first
        else:
            end, start = stop, (first if first < stop else stop)
        spans = self.spans(end)
        lengths = []
        for a, b, c in spans:  # a loop: a comprehension's frame costs more for a span or two
            lengths.append(c.elapsed_us(a, b))
        counted = sum(lengths)
        budget, due_at, along = 0, None, spans
        if target is not None:
            along, lengths = self.along(spans, lengths, end)
            budget = allowance(target.breach, cal, first)
            due_at = _reach(along, lengths, running, budget)
        state = state_at(self, now, end, due_at)
        pending = state is _PENDING
        goal_at = goal_met = remaining = breached = None
        crossed: tuple[tuple[WarningThreshold, int], ...] = ()
        if target is not None:
            remaining = budget - counted
            if target.goal is not None:
                goal_at = _reach(along, lengths, running, allowance(target.goal, cal, first))
                if goal_at is not None and goal_at <= end:
                    goal_met = False
                elif stop is not None and state is not _CANCELLED:
                    goal_met = True
            warnings: list[tuple[WarningThreshold, int]] = []
            for threshold in target.warnings:
                at = _reach(along, lengths, running, threshold.counted_us(budget))
                if at is not None:
                    warnings.append((threshold, at))
            if warnings:
                crossed = _crossed(warnings, end, self.since)
            if pending:
                changes.append(first)  # it starts, running or paused
            elif stop is None and running:
                if goal_at is not None and goal_at > now:
                    changes.append(goal_at)
                if due_at is not None and due_at > now:
                    changes.append(due_at)
                for _threshold, at in warnings:
                    if at > now:
                        changes.append(at)
            if state is _BREACHED and due_at is not None:
                since = self.since
                breached = due_at if due_at > since else since
        halts = self.halts
        if stop is None and not running:
            halts = [*halts, (self.mark, end, self.reason)]
        paused = 0
        for a, b, _r in halts:
            if b > start and a < end:
                paused += (b if b < end else end) - (a if a > start else start)
        return _cycle(  # a Cycle, its fields in order
            self.metric,
            state,
            self.level,  # priority
            target,
            goal_met,
            tz,
            start,  # started_us
            goal_at,  # goal_us
            due_at,  # due_us
            stop,  # stopped_us
            breached,  # breached_us
            counted,  # elapsed_us
            remaining,  # remaining_us
            paused,  # paused_us
            crossed,  # warnings_us
            (tuple(spans), tuple(halts), start, end, cal),  # trace
        )


def state_at(clock: Clock, now: int, end: int, due_at: int | None) -> ClockState:
    """The state of ``clock`` at ``now``, measured until ``end``, its deadline ``due_at``."""
    if clock.range is None:
        return _NOT_APPLICABLE
    if clock.stop is None and now < clock.start:
        return _PENDING
    if due_at is not None and due_at <= end:
        return _BREACHED
    if clock.cancelled:
        return _CANCELLED
    if clock.stop is not None:
        return _ACHIEVED
    return _RUNNING if clock.running else _PAUSED


def _reach(
    spans: list[tuple[int, int, Calendar]], lengths: list[int], running: bool, x: int
) -> int | None:
    """Where counted time reaches ``x`` along ``spans`` (the last one open-ended if running)."""
    cum = 0
    last = len(spans) - 1
    for i, (a, _b, c) in enumerate(spans):
        length = lengths[i]
        if cum + length >= x or (running and i == last):
            return c.add_us(a, x - cum)
        cum += length
    return None


def _second(item: tuple[WarningThreshold, int]) -> int:
    return item[1]


def _crossed(
    warnings: list[tuple[WarningThreshold, int]], end: int, since: int
) -> tuple[tuple[WarningThreshold, int], ...]:
    """The warnings crossed by ``end``, earliest first, none before the target applied."""
    if not warnings:
        return ()
    crossed = [(w, max(at, since)) for w, at in warnings if at <= end]
    if len(crossed) > 1:
        crossed.sort(key=_second)
    return tuple(crossed)
