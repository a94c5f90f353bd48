"""The replay state of one SLA clock cycle, and its measure at ``now`` (internal).

A clock is a list of *runs* (wall-clock spans in which it counts) and *halts*
(spans in which a pause status or a resolution stops it). Counted business
time is the open time of the runs on the target's calendar; a deadline is the
instant at which counted time reaches the target, found with ``calendar.add``
from the start of the run in which it falls. Nothing here walks days or
hours: every figure goes through the calendar.

Deadlines are half-open: an answer strictly before the breach instant is on
time, and at ``now >=`` it an unanswered clock is breached. Warnings and
goals cross at their instants the same way.
"""

from __future__ import annotations

import datetime as dt

from servicedesk_core._time import EPOCH, duration_us, to_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.sla.results import ClockState, Cycle
from servicedesk_core.sla.targets import Metric, Target, TargetRange, WarningThreshold

__all__ = ["Clock"]

_ONE_US = dt.timedelta(microseconds=1)


def _dt(x: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=x)


def _elapsed(cal: Calendar, a: int, b: int) -> int:
    """``cal.elapsed`` on epoch microseconds, 0 when ``b <= a``."""
    return cal.elapsed_us(a, b) if a < b else 0


def _due(target: Target, cal: Calendar, start: int) -> int:
    """The business time (us) a target allows from ``start`` on ``cal``."""
    if target.duration is not None:
        return duration_us(target.duration)
    assert target.business_days is not None
    due = cal.add_days(_dt(start), target.business_days, end_of_day=target.end_of_day)
    return _elapsed(cal, start, to_us(due))


# --- the replay state of one cycle ---------------------------------------------


class Run:
    """A span ``[a, b)`` in which a clock counted, measured on ``cal`` (mutable)."""

    __slots__ = ("a", "b", "cal")

    def __init__(self, a: int, b: int, cal: Calendar) -> None:
        self.a, self.b, self.cal = a, b, cal


class Clock:
    """Mutable replay state of one cycle of one metric (internal to the replay)."""

    __slots__ = (
        "cal",
        "halts",
        "level",
        "mark",
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
        metric: Metric,
        level: str,
        target: TargetRange | None,
        cal: Calendar,
        at: int,
        start: int,
        running: bool,
        reason: str,
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

    def set_running(self, t: int, running: bool, reason: str) -> None:
        """Switch between counting and halted (for ``reason``) at ``t``."""
        if self.stop is not None or (
            running == self.running and (running or reason == self.reason)
        ):
            return
        self._close(t)
        self.running, self.reason = running, reason

    def _close(self, t: int) -> None:
        if t > self.mark:
            if self.running:
                self.runs.append(Run(self.mark, t, self.cal))
            else:
                self.halts.append((self.mark, t, self.reason))
        self.mark = t

    def halt(self, t: int) -> None:
        """Stop the cycle at ``t`` (answered, resolved or escalated)."""
        self._close(t)
        self.stop = t

    def resume(self, t: int, running: bool, reason: str) -> None:
        """Continue a stopped cycle at ``t``; the time since the stop is a halt."""
        assert self.stop is not None
        if t > self.stop:
            self.halts.append((self.stop, t, "resolved"))
        self.stop = None
        self.mark, self.running, self.reason = t, running, reason

    def spans(self, end: int) -> list[tuple[int, int, Calendar]]:
        """Run spans clipped to ``[start, end)``, the current one included."""
        out = []
        for run in self.runs:
            lo, hi = max(run.a, self.start), min(run.b, end)
            if lo < hi:
                out.append((lo, hi, run.cal))
        if self.stop is None and self.running:
            lo = max(self.mark, self.start)
            if lo < end:
                out.append((lo, end, self.cal))
        return out

    def counted(self, end: int) -> int:
        """Counted business time (us) from the start to ``end``."""
        return sum(_elapsed(cal, a, b) for a, b, cal in self.spans(end))

    def budget(self, target: Target) -> int:
        """The business time (us) ``target`` allows this cycle."""
        if target.duration is not None:
            return target.duration // _ONE_US
        return _due(target, self.cal, self.start)

    def deadline_on(self, cal: Calendar, t: int, target: Target | None) -> int | None:
        """Where counted time reaches ``target``, measured on ``cal``, running on from ``t``.

        Every run so far is measured on ``cal`` too; ``None`` without a target.
        """
        if target is None:
            return None
        counted = sum(_elapsed(cal, a, b) for a, b, _cal in self.spans(t))
        left = _due(target, cal, self.start) - counted
        return t if left <= 0 else cal.add_us(t, left)

    def measure(self, now: int, tz: dt.tzinfo, changes: list[int]) -> Cycle:
        """Measure this cycle at ``now`` (datetimes in ``tz``); append when it will change."""
        clock = self
        cal = clock.cal
        stop = clock.stop
        end = now if stop is None else stop
        start = clock.start if stop is None else min(clock.start, stop)
        spans = clock.spans(end)
        lengths = [_elapsed(c, a, b) for a, b, c in spans]
        counted = sum(lengths)
        # the last state goes on: a running clock's last span is open-ended
        tail = clock.running
        reach_spans = spans
        if tail and (not spans or spans[-1][1] != end or spans[-1][2] is not cal):
            reach_spans = [*spans, (max(end, clock.start), end, cal)]
            lengths.append(0)
        last = len(reach_spans) - 1

        def reach(x: int) -> int | None:
            cum = 0
            for i, (a, _b, c) in enumerate(reach_spans):
                if cum + lengths[i] >= x or (tail and i == last):
                    return c.add_us(a, x - cum)
                cum += lengths[i]
            return None

        target = clock.range
        goal_at = breach_at = None
        budget = 0
        warnings: list[tuple[WarningThreshold, int]] = []
        if target is not None:
            budget = clock.budget(target.breach)
            breach_at = reach(budget)
            if target.goal is not None:
                goal_at = reach(clock.budget(target.goal))
            for threshold in target.warnings:
                at = reach(threshold.counted_us(budget))
                if at is not None:
                    warnings.append((threshold, at))
        pending = stop is None and now < clock.start
        if target is None:
            state = ClockState.NOT_APPLICABLE
        elif pending:
            state = ClockState.PENDING
        elif breach_at is not None and breach_at <= end:
            state = ClockState.BREACHED
        elif stop is not None:
            state = ClockState.ACHIEVED
        elif not clock.running:
            state = ClockState.PAUSED
        else:
            state = ClockState.RUNNING
        goal_met = None
        if target is not None and target.goal is not None:
            if goal_at is not None and goal_at <= end:
                goal_met = False
            elif stop is not None:
                goal_met = True
        if pending and target is not None:
            changes.append(clock.start)  # it starts, running or paused
        if stop is None and clock.running and target is not None:
            if goal_at is not None and goal_at > now:
                changes.append(goal_at)
            if breach_at is not None and breach_at > now:
                changes.append(breach_at)
            changes.extend(at for _w, at in warnings if at > now)
        halts = clock.halts
        if stop is None and not clock.running:
            halts = [*halts, (clock.mark, end, clock.reason)]
        paused = 0
        for a, b, _r in halts:
            if b > start and a < end:
                paused += min(b, end) - max(a, start)
        since = clock.since
        return Cycle(
            metric=clock.metric,
            state=state,
            priority=clock.level,
            target=target,
            goal_met=goal_met,
            tz=tz,
            started_us=start,
            goal_us=goal_at,
            due_us=breach_at,
            stopped_us=stop,
            breached_us=(
                None
                if state is not ClockState.BREACHED or breach_at is None
                else max(breach_at, since)
            ),
            elapsed_us=counted,
            remaining_us=None if target is None else budget - counted,
            paused_us=paused,
            warnings_us=_crossed(warnings, end, since),
            trace=(tuple(spans), tuple(halts), start, end, cal),
        )


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
