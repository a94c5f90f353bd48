"""Replaying a ticket's event log under a policy: :func:`evaluate` and its report.

Evaluation is a pure function of (policy, events, now). Each metric's clock is
a list of *runs* (wall-clock spans in which it counts) and *halts* (spans in
which a pause status or a resolution stops it). Counted business time is the
open time of the runs on the target's calendar; a deadline is the instant at
which counted time reaches the target, found with ``calendar.add`` from the
start of the run in which it falls. Nothing here walks days or hours: every
figure goes through the calendar.

Deadlines are half-open: an answer strictly before ``breach_at`` is on time,
and at ``now >= breach_at`` an unanswered clock is breached. Warnings and goals
cross at their instants the same way.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import assert_never, cast, get_args

import attrs

from servicedesk_core._time import EPOCH, duration_us, to_timedelta, to_us
from servicedesk_core.calendar import BusinessCalendar, Calendar
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
from servicedesk_core.sla.policy import (
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PolicySet,
    Selection,
    SLAPolicy,
)
from servicedesk_core.sla.targets import Metric, Target, TargetRange, WarningThreshold

__all__ = [
    "ClockState",
    "Cycle",
    "MetricReport",
    "SLAReport",
    "Segment",
    "SegmentKind",
    "WarningCrossed",
    "evaluate",
]

_ONE_US = dt.timedelta(microseconds=1)
_CONCRETE = get_args(AnyEvent)


class ClockState(enum.Enum):
    """Where one SLA clock stands at ``now``."""

    PENDING = "pending"
    """Not started yet (next response before a customer message; a clock waiting for opening)."""
    RUNNING = "running"
    """Counting (business time only counts while its calendar is open)."""
    PAUSED = "paused"
    """Stopped by a pause status (or, for resolution, while resolved)."""
    ACHIEVED = "achieved"
    """Answered or resolved before the breach instant."""
    BREACHED = "breached"
    """The breach instant passed without the answer; final for this cycle."""
    NOT_APPLICABLE = "not_applicable"
    """The policy sets no target for this metric at this priority."""


class SegmentKind(enum.Enum):
    """What a stretch of a clock's life was (see :meth:`Cycle.explain`)."""

    COUNTED = "counted"
    PAUSED = "paused"
    OUT_OF_HOURS = "out_of_hours"
    HOLIDAY = "holiday"


@attrs.frozen
class Segment:
    """A stretch of wall time in a clock's life, and why it counted or did not."""

    kind: SegmentKind
    start: dt.datetime
    end: dt.datetime
    reason: str = ""

    @property
    def duration(self) -> dt.timedelta:
        """Real time between start and end (not a wall-clock difference across DST)."""
        return to_timedelta(to_us(self.end) - to_us(self.start))


@attrs.frozen
class WarningCrossed:
    """A warning threshold and the instant the clock crossed it."""

    threshold: WarningThreshold
    at: dt.datetime


# --- calendar adapters ------------------------------------------------------------


def _dt(x: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=x)


def _elapsed(cal: Calendar, a: int, b: int) -> int:
    """``cal.elapsed`` on epoch microseconds, 0 when ``b <= a``."""
    return cal.elapsed_us(a, b) if a < b else 0


def _out(x: int | None, cal: Calendar) -> dt.datetime | None:
    return None if x is None else _dt(x).astimezone(cal.tz)


def _due(target: Target, cal: Calendar, start: int) -> int:
    """The business time (us) a target allows from ``start`` on ``cal``."""
    if target.duration is not None:
        return duration_us(target.duration)
    assert target.business_days is not None
    due = cal.add_days(_dt(start), target.business_days, end_of_day=target.end_of_day)
    return _elapsed(cal, start, to_us(due))


# --- the replay state of one cycle ---------------------------------------------


class _Run:
    """A span ``[a, b)`` in which a clock counted, measured on ``cal`` (mutable)."""

    __slots__ = ("a", "b", "cal")

    def __init__(self, a: int, b: int, cal: Calendar) -> None:
        self.a, self.b, self.cal = a, b, cal


class _Clock:
    """Mutable replay state of one cycle of one metric (private to :func:`evaluate`)."""

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
        policy: SLAPolicy,
        metric: Metric,
        level: str,
        at: int,
        start: int,
        running: bool,
        reason: str,
    ) -> None:
        self.metric = metric
        self.level = level
        self.range = policy.target(metric, level)
        self.cal = policy.calendar_for(metric, level)
        self.start = start
        self.since = at
        self.runs: list[_Run] = []
        self.halts: list[tuple[int, int, str]] = []
        self.mark = at
        self.running = running
        self.reason = reason
        self.stop: int | None = None

    def set_running(self, t: int, running: bool, reason: str) -> None:
        if self.stop is not None or (
            running == self.running and (running or reason == self.reason)
        ):
            return
        self._close(t)
        self.running, self.reason = running, reason

    def _close(self, t: int) -> None:
        if t > self.mark:
            if self.running:
                self.runs.append(_Run(self.mark, t, self.cal))
            else:
                self.halts.append((self.mark, t, self.reason))
        self.mark = t

    def halt(self, t: int) -> None:
        self._close(t)
        self.stop = t

    def resume(self, t: int, running: bool, reason: str) -> None:
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
        return sum(_elapsed(cal, a, b) for a, b, cal in self.spans(end))

    def budget(self, target: Target) -> int:
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


# --- the report ------------------------------------------------------------------


def _span_key(span: tuple[int, int, bool, str, Calendar]) -> int:
    return span[0]


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


@attrs.frozen(kw_only=True, repr=False)
class Cycle:
    """One cycle of an SLA clock, as it stands at ``now``.

    Response and resolution metrics have one cycle (a resolution reopened under
    ``OnReopen.NEW_CYCLE`` gets more); next response gets one per customer
    message awaiting an answer, periodic update one per interval between
    public replies. Instants are kept as exact integers and handed out as
    aware datetimes in the target calendar's timezone.

    Attributes:
        metric: The metric measured.
        state: Where the clock stands.
        priority: The level whose target applies.
        target: That level's target range, ``None`` when it has none.
        goal_met: ``True`` when stopped before the goal, ``False`` once the
            goal instant passed, ``None`` while undecided or without a goal.
        tz: The timezone of the datetimes handed out (the target calendar's).
        started_us: :attr:`started_at` as integer epoch microseconds; likewise
            ``goal_us``, ``breach_us``, ``stopped_us`` and ``breached_us``.
        elapsed_us: :attr:`elapsed` in integer microseconds; likewise
            ``remaining_us`` and ``paused_us``.
        warnings_us: The crossed warnings with their instants in epoch microseconds.
    """

    metric: Metric
    state: ClockState
    priority: str
    target: TargetRange | None
    goal_met: bool | None
    tz: dt.tzinfo = attrs.field(eq=False)
    started_us: int
    goal_us: int | None
    breach_us: int | None
    stopped_us: int | None
    breached_us: int | None
    elapsed_us: int
    remaining_us: int | None
    paused_us: int
    warnings_us: tuple[tuple[WarningThreshold, int], ...]
    _trace: tuple[
        tuple[tuple[int, int, Calendar], ...], tuple[tuple[int, int, str], ...], int, int, Calendar
    ] = attrs.field(eq=False, alias="trace")

    def _at(self, x: int | None) -> dt.datetime | None:
        return None if x is None else _dt(x).astimezone(self.tz)

    @property
    def started_at(self) -> dt.datetime:
        """When the clock started."""
        return _dt(self.started_us).astimezone(self.tz)

    @property
    def goal_at(self) -> dt.datetime | None:
        """When counted time reaches the goal (``None``: no goal, or not reached while paused)."""
        return self._at(self.goal_us)

    @property
    def breach_at(self) -> dt.datetime | None:
        """When counted time reaches the breach target if the clock keeps its current state.

        ``None`` while paused (the instant depends on when it resumes) or
        without a target. Answering strictly before it is on time.
        """
        return self._at(self.breach_us)

    @property
    def stopped_at(self) -> dt.datetime | None:
        """When the answer (or the resolution) stopped the clock."""
        return self._at(self.stopped_us)

    @property
    def achieved_at(self) -> dt.datetime | None:
        """When the clock was answered in time (``None`` unless achieved)."""
        return self.stopped_at if self.state is ClockState.ACHIEVED else None

    @property
    def breached_at(self) -> dt.datetime | None:
        """When the clock became breached.

        The breach instant, or the priority change that made an already
        used-up target apply.
        """
        return self._at(self.breached_us)

    @property
    def elapsed(self) -> dt.timedelta:
        """Counted business time until now (or until the clock stopped)."""
        return to_timedelta(self.elapsed_us)

    @property
    def remaining(self) -> dt.timedelta | None:
        """Business time left before the breach; negative once breached."""
        return None if self.remaining_us is None else to_timedelta(self.remaining_us)

    @property
    def paused(self) -> dt.timedelta:
        """Wall time spent paused (or resolved, for a resumed resolution)."""
        return to_timedelta(self.paused_us)

    @property
    def warnings(self) -> tuple[WarningCrossed, ...]:
        """The warnings crossed so far, with their instants, earliest first."""
        return tuple(
            WarningCrossed(threshold, _dt(at).astimezone(self.tz))
            for threshold, at in self.warnings_us
        )

    def __repr__(self) -> str:
        return (
            f"Cycle(metric={self.metric}, state={self.state}, priority={self.priority!r}, "
            f"started_at={self.started_at.isoformat()}, "
            f"breach_at={self.breach_at and self.breach_at.isoformat()}, "
            f"elapsed={self.elapsed}, remaining={self.remaining})"
        )

    def explain(self) -> tuple[Segment, ...]:
        """Split the clock's life into counted, paused, out-of-hours and holiday segments.

        The counted segments add up to :attr:`elapsed`; the paused ones to
        :attr:`paused`.
        """
        runs, halts, start, end, cal = self._trace
        spans = sorted(
            [(a, b, True, "", c) for a, b, c in runs]
            + [(max(a, start), min(b, end), False, r, cal) for a, b, r in halts],
            key=_span_key,
        )
        out: list[Segment] = []
        for a, b, running, reason, span_cal in spans:
            if a >= b:
                continue
            if not running:
                out.append(_segment(SegmentKind.PAUSED, a, b, span_cal, reason))
                continue
            cursor = a
            for lo, hi in span_cal.open_intervals(_dt(a), _dt(b)):
                lo_us, hi_us = to_us(lo), to_us(hi)
                if lo_us > cursor:
                    out.append(_closed_segment(cursor, lo_us, span_cal))
                out.append(_segment(SegmentKind.COUNTED, lo_us, hi_us, span_cal))
                cursor = hi_us
            if cursor < b:
                out.append(_closed_segment(cursor, b, span_cal))
        return tuple(out)


def _segment(kind: SegmentKind, a: int, b: int, cal: Calendar, reason: str = "") -> Segment:
    start, end = _out(a, cal), _out(b, cal)
    assert start is not None
    assert end is not None
    return Segment(kind, start, end, reason)


def _closed_segment(a: int, b: int, cal: Calendar) -> Segment:
    """A closed stretch: a holiday if it covers one of the calendar's holidays."""
    if isinstance(cal, BusinessCalendar):
        first = _dt(a).astimezone(cal.tz).date()
        last = _dt(b - 1).astimezone(cal.tz).date()
        overridden = {day for day, _ranges in cal.overrides}
        years = range(first.year, last.year + 1)
        holidays = sorted(
            day
            for year in years
            for day in cal.holidays.dates_in_year(year)
            if first <= day <= last and day not in overridden
        )
        if holidays:
            names = ", ".join(day.isoformat() for day in holidays)
            return _segment(SegmentKind.HOLIDAY, a, b, cal, f"holiday {names}")
    return _segment(SegmentKind.OUT_OF_HOURS, a, b, cal, "closed")


@attrs.frozen(kw_only=True)
class MetricReport:
    """One metric of a ticket: its state and its cycles (the last is the current one)."""

    metric: Metric
    state: ClockState
    cycles: tuple[Cycle, ...]

    @property
    def current(self) -> Cycle | None:
        """The latest cycle, or ``None`` when none has started."""
        return self.cycles[-1] if self.cycles else None

    @property
    def breach_at(self) -> dt.datetime | None:
        """The current cycle's breach instant."""
        return None if self.current is None else self.current.breach_at

    @property
    def goal_at(self) -> dt.datetime | None:
        """The current cycle's goal instant."""
        return None if self.current is None else self.current.goal_at

    @property
    def remaining(self) -> dt.timedelta | None:
        """The current cycle's remaining business time."""
        return None if self.current is None else self.current.remaining

    @property
    def elapsed(self) -> dt.timedelta | None:
        """The current cycle's counted business time."""
        return None if self.current is None else self.current.elapsed

    @property
    def breaches(self) -> int:
        """How many cycles breached."""
        return sum(cycle.state is ClockState.BREACHED for cycle in self.cycles)


@attrs.frozen(kw_only=True)
class SLAReport:
    """Every metric of a ticket at ``now``, the policy behind it, and when to look again.

    Attributes:
        now: The instant evaluated.
        policy: The policy applied.
        rule: The :class:`~servicedesk_core.sla.policy.Selection` that picked it
            (``None`` when a policy was evaluated directly).
        priority: The ticket's priority at ``now``.
        status: The ticket's status at ``now``.
        resolved: Whether the ticket is resolved (or closed) at ``now``.
        metrics: One report per metric of the policy, in :class:`Metric` order.
        next_change_at: The earliest instant after ``now`` at which the report
            changes if no event arrives (a start, a goal, a warning or a
            breach), or ``None`` when nothing will.
    """

    now: dt.datetime
    policy: SLAPolicy
    rule: Selection | None
    priority: str
    status: str
    resolved: bool
    metrics: tuple[MetricReport, ...]
    next_change_at: dt.datetime | None

    def __getitem__(self, metric: Metric) -> MetricReport:
        for report in self.metrics:
            if report.metric is metric:
                return report
        raise KeyError(f"policy {self.policy.name!r} has no target for {metric.value}")

    def __contains__(self, metric: object) -> bool:
        return any(report.metric is metric for report in self.metrics)

    @property
    def breached(self) -> tuple[Metric, ...]:
        """The metrics whose current cycle is breached."""
        return tuple(r.metric for r in self.metrics if r.state is ClockState.BREACHED)

    def describe(self) -> str:
        """A few lines that say where every clock stands."""
        head = f"policy {self.policy.name!r}"
        if self.rule is not None:
            head += f" by {self.rule.describe()}"
        lines = [f"{head}; priority {self.priority}, status {self.status}"]
        for report in self.metrics:
            cycle = report.current
            text = f"{report.metric.value}: {report.state.value}"
            if cycle is not None and cycle.breach_at is not None:
                text += f", breach at {cycle.breach_at.isoformat()}"
            if cycle is not None and cycle.remaining is not None:
                text += f", remaining {cycle.remaining}"
            lines.append(text)
        return "\n".join(lines)


# --- evaluation -------------------------------------------------------------------


def evaluate(
    policy: SLAPolicy | PolicySet | Selection, events: Sequence[Event], now: dt.datetime
) -> SLAReport:
    """Replay a ticket's event log under a policy and report every metric at ``now``.

    Args:
        policy: The policy, a :class:`PolicySet` (which picks one from the
            ``Created`` event), or a selection already made.
        events: The ticket's log: one ``Created`` first, then events in
            chronological order (equal instants keep their order), none after
            ``now``.
        now: The instant to evaluate at.

    Returns:
        The :class:`SLAReport`.

    Raises:
        EventLogError: the log is empty, out of order, has events after
            ``now``, does not start with ``Created``, names a priority or status
            the policy does not know, or breaks the lifecycle (resolving a
            resolved ticket, reopening an open one, anything after ``Closed``).
        NaiveDatetimeError: ``now`` has no timezone.
        DeadlineUnreachableError: a target needs more open time than its
            calendar has within its horizon.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from servicedesk_core import BusinessCalendar, FOUR_TIER
    >>> from servicedesk_core.sla import Created, AgentReplied, Metric, SLAPolicy
    >>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
    >>> policy = SLAPolicy(name="desk", scheme=FOUR_TIER, calendar=desk, targets={
    ...     Metric.FIRST_RESPONSE: {level.name: timedelta(hours=4) for level in FOUR_TIER}})
    >>> at = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo("America/Chicago"))  # a Friday
    >>> report = evaluate(policy, [Created(at=at, priority="High")], at + timedelta(hours=1))
    >>> first = report[Metric.FIRST_RESPONSE]
    >>> first.state.value, first.breach_at.isoformat(), first.remaining
    ('running', '2026-11-23T09:00:00-06:00', datetime.timedelta(seconds=10800))
    >>> report.next_change_at == first.breach_at
    True
    """
    if isinstance(policy, PolicySet):
        return policy.evaluate(events, now)
    selection = policy if isinstance(policy, Selection) else None
    chosen = policy.policy if isinstance(policy, Selection) else policy
    return _Replay(chosen, selection).run(events, to_us(now), now)


class _Replay:
    """One evaluation (private): validates the log while replaying it."""

    def __init__(self, policy: SLAPolicy, selection: Selection | None) -> None:
        self.policy = policy
        self.selection = selection
        self.metrics = policy.metrics
        self.clocks: dict[Metric, list[_Clock]] = {metric: [] for metric in self.metrics}
        self.open: dict[Metric, _Clock] = {}  # the clocks not stopped, by metric
        self.level = ""
        self.status = policy.statuses[0]
        self.resolved = False
        self.closed = False
        self.answered = False

    # helpers

    def _open(self, metric: Metric) -> _Clock | None:
        return self.open.get(metric)

    def _running(self, metric: Metric) -> bool:
        return self.status not in self.policy.pauses(metric)

    def _start(self, metric: Metric, at: int, start: int | None = None) -> None:
        clocks = self.clocks.get(metric)
        if clocks is None:
            return
        clock = _Clock(
            self.policy,
            metric,
            self.level,
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

    def run(self, events: Sequence[Event], now: int, now_dt: dt.datetime) -> SLAReport:
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
        if self.closed and not isinstance(event, SurveyAnswered):
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

    def _retarget(self, clock: _Clock, t: int) -> None:
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
        reports = []
        changes: list[int] = []
        for metric in self.metrics:
            cycles = tuple(self._cycle(clock, now, changes) for clock in self.clocks[metric])
            if cycles:
                state = cycles[-1].state
            elif self.policy.target(metric, self.level) is None:
                state = ClockState.NOT_APPLICABLE
            else:
                state = ClockState.PENDING
            reports.append(MetricReport(metric=metric, state=state, cycles=cycles))
        next_change = min(changes) if changes else None
        return SLAReport(
            now=now_dt,
            policy=self.policy,
            rule=self.selection,
            priority=self.level,
            status=self.status,
            resolved=self.resolved,
            metrics=tuple(reports),
            next_change_at=_out(next_change, self.policy.calendar),
        )

    def _cycle(self, clock: _Clock, now: int, changes: list[int]) -> Cycle:
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
        if stop is None and clock.running and target is not None:
            if pending:
                changes.append(clock.start)
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
            tz=cal.tz,
            started_us=start,
            goal_us=goal_at,
            breach_us=breach_at,
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
