"""What evaluating a ticket returns: per-metric reports of clock cycles, and their explanation.

:class:`SLAReport` holds one :class:`MetricReport` per metric; each lists the
:class:`Cycle` s of its clock, the last being the current one. Instants are
kept as exact integer epoch microseconds and handed out as aware datetimes.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs
from typing_extensions import deprecated

from servicedesk_core._build import builder
from servicedesk_core._time import from_us, to_timedelta, to_us
from servicedesk_core.calendar import BusinessCalendar, Calendar
from servicedesk_core.sla.targets import (
    Metric,
    MetricKey,
    TargetRange,
    WarningThreshold,
    metric_key,
)

if TYPE_CHECKING:  # annotations only: the policy module imports this one
    from servicedesk_core.sla.policy import SLAPolicy
    from servicedesk_core.sla.selection import Selection

__all__ = [
    "ClockState",
    "Cycle",
    "MetricReport",
    "PolicySpan",
    "SLAReport",
    "Segment",
    "SegmentKind",
    "WarningCrossed",
]


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
    CANCELLED = "cancelled"
    """The policy that set the target no longer applies (``OnPolicyChange.STOP``); the
    cycle keeps its history up to the change."""


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


def _span_key(span: tuple[int, int, bool, str, Calendar]) -> int:
    return span[0]


@attrs.frozen(kw_only=True, repr=False)
class Cycle:
    """One cycle of an SLA clock, as it stands at ``now``.

    Response and resolution metrics have one cycle (a resolution reopened under
    ``OnReopen.NEW_CYCLE`` gets more); next response gets one per customer
    message awaiting an answer, periodic update one per interval between
    public replies. Instants are kept as exact integers and handed out as
    aware datetimes in the report's timezone (the policy calendar's).

    Attributes:
        metric: The metric measured (a :class:`Metric`, or a custom metric's name).
        state: Where the clock stands.
        priority: The level whose target applies.
        target: That level's target range, ``None`` when it has none.
        goal_met: ``True`` when stopped before the goal, ``False`` once the
            goal instant passed, ``None`` while undecided or without a goal.
        tz: The timezone of the datetimes handed out (the policy calendar's).
        started_us: :attr:`started_at` as integer epoch microseconds; likewise
            ``goal_us``, ``due_us``, ``stopped_us`` and ``breached_us``.
        elapsed_us: :attr:`elapsed` in integer microseconds; likewise
            ``remaining_us`` and ``paused_us``.
        warnings_us: The crossed warnings with their instants in epoch microseconds.
    """

    metric: MetricKey
    state: ClockState
    priority: str
    target: TargetRange | None
    goal_met: bool | None
    tz: dt.tzinfo = attrs.field(eq=False)
    started_us: int
    goal_us: int | None
    due_us: int | None
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
        return None if x is None else from_us(x, self.tz)

    @property
    def started_at(self) -> dt.datetime:
        """When the clock started."""
        return from_us(self.started_us, self.tz)

    @property
    def goal_at(self) -> dt.datetime | None:
        """When counted time reaches the goal (``None``: no goal, or not reached while paused)."""
        return self._at(self.goal_us)

    @property
    def due_at(self) -> dt.datetime | None:
        """The deadline, when counted time reaches the breach target if the clock keeps its state.

        ``None`` while paused (the instant depends on when it resumes) or
        without a target. Answering strictly before it is on time.
        """
        return self._at(self.due_us)

    @property
    @deprecated("Cycle.breach_at is renamed due_at (the deadline); the old name goes in 0.3")
    def breach_at(self) -> dt.datetime | None:
        """Deprecated name of :attr:`due_at`."""
        return self.due_at

    @property
    @deprecated("Cycle.breach_us is renamed due_us; the old name goes in 0.3")
    def breach_us(self) -> int | None:
        """Deprecated name of :attr:`due_us`."""
        return self.due_us

    @property
    def is_open(self) -> bool:
        """Whether the cycle still waits for its answer (not stopped; it may be overdue)."""
        return self.stopped_us is None and self.state is not ClockState.NOT_APPLICABLE

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
        """When the clock became breached (``None`` unless breached).

        The deadline, or the priority change that made an already used-up
        target apply. Not to be confused with :attr:`due_at`, the deadline
        itself, which a clock has whether or not it breaches.
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
            WarningCrossed(threshold, from_us(at, self.tz)) for threshold, at in self.warnings_us
        )

    def __repr__(self) -> str:
        return (
            f"Cycle(metric={self.metric}, state={self.state}, priority={self.priority!r}, "
            f"started_at={self.started_at.isoformat()}, "
            f"due_at={self.due_at and self.due_at.isoformat()}, "
            f"elapsed={self.elapsed}, remaining={self.remaining})"
        )

    def counted_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The business time this cycle counted within ``[start, end)``.

        Time in a window: a contract report's month, a shift, or one day
        (:meth:`counted_by_day`). Over the cycle's whole life it is :attr:`elapsed`.

        Raises:
            NaiveDatetimeError: ``start`` or ``end`` has no timezone.
        """
        return to_timedelta(self._counted_us(to_us(start), to_us(end)))

    def _counted_us(self, a: int, b: int) -> int:
        total = 0
        for lo, hi, cal in self._trace[0]:
            lo, hi = max(lo, a), min(hi, b)
            if lo < hi:
                total += cal.elapsed_us(lo, hi)
        return total

    def counted_by_day(self) -> dict[dt.date, dt.timedelta]:
        """The business time this cycle counted on each local day (in :attr:`tz`) it counted.

        The days add up to :attr:`elapsed`; days without counted time are left out.
        """
        return _by_day([self], self.tz)

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
                out.append(self._segment(SegmentKind.PAUSED, a, b, reason))
                continue
            cursor = a
            for lo, hi in span_cal.open_intervals(from_us(a, dt.UTC), from_us(b, dt.UTC)):
                lo_us, hi_us = to_us(lo), to_us(hi)
                if lo_us > cursor:
                    out.append(self._segment(*_closed(cursor, lo_us, span_cal)))
                out.append(self._segment(SegmentKind.COUNTED, lo_us, hi_us))
                cursor = hi_us
            if cursor < b:
                out.append(self._segment(*_closed(cursor, b, span_cal)))
        return tuple(out)

    def _segment(self, kind: SegmentKind, a: int, b: int, reason: str = "") -> Segment:
        return Segment(kind, from_us(a, self.tz), from_us(b, self.tz), reason)


_cycle = builder(Cycle)
"""``Cycle`` from its fields in order, for the replay (see :mod:`servicedesk_core._build`)."""


def _by_day(cycles: Iterable[Cycle], tz: dt.tzinfo) -> dict[dt.date, dt.timedelta]:
    """Counted time per local day of ``tz``, over the counted spans of ``cycles``."""
    days: dict[dt.date, int] = {}
    for cycle in cycles:
        for lo, hi, cal in cycle._trace[0]:
            day = from_us(lo, tz).date()
            while lo < hi:
                midnight = to_us(dt.datetime.combine(day + _DAY, dt.time(), tzinfo=tz))
                end = min(hi, midnight)
                if end > lo:
                    days[day] = days.get(day, 0) + cal.elapsed_us(lo, end)
                    lo = end
                day += _DAY
    return {day: to_timedelta(us) for day, us in sorted(days.items()) if us}


_DAY = dt.timedelta(days=1)


def _closed(a: int, b: int, cal: Calendar) -> tuple[SegmentKind, int, int, str]:
    """A closed stretch: a holiday if it covers one of the calendar's holidays."""
    if isinstance(cal, BusinessCalendar):
        first = from_us(a, cal.tz).date()
        last = from_us(b - 1, cal.tz).date()
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
            return SegmentKind.HOLIDAY, a, b, f"holiday {names}"
    return SegmentKind.OUT_OF_HOURS, a, b, "closed"


@attrs.frozen(kw_only=True)
class MetricReport:
    """One metric of a ticket: its state and its cycles (the last is the current one).

    The common questions read straight off it: ``report[metric].due_at``,
    ``.remaining``, ``.warnings``, ``.explain()`` are the current cycle's. A
    metric without a cycle answers ``None`` (or an empty tuple).
    """

    metric: MetricKey
    state: ClockState
    cycles: tuple[Cycle, ...]

    @property
    def current(self) -> Cycle | None:
        """The latest cycle, or ``None`` when none has started."""
        return self.cycles[-1] if self.cycles else None

    @property
    def started_at(self) -> dt.datetime | None:
        """When the current cycle started."""
        return None if not self.cycles else self.cycles[-1].started_at

    @property
    def due_at(self) -> dt.datetime | None:
        """The current cycle's deadline (``None`` while paused or without a target)."""
        return None if not self.cycles else self.cycles[-1].due_at

    @property
    @deprecated("MetricReport.breach_at is renamed due_at (the deadline); the old name goes in 0.3")
    def breach_at(self) -> dt.datetime | None:
        """Deprecated name of :attr:`due_at`."""
        return self.due_at

    @property
    def goal_at(self) -> dt.datetime | None:
        """The current cycle's goal instant."""
        return None if not self.cycles else self.cycles[-1].goal_at

    @property
    def goal_met(self) -> bool | None:
        """Whether the current cycle met its goal (``None`` while undecided or without one)."""
        return None if not self.cycles else self.cycles[-1].goal_met

    @property
    def stopped_at(self) -> dt.datetime | None:
        """When the current cycle was answered or resolved."""
        return None if not self.cycles else self.cycles[-1].stopped_at

    @property
    def achieved_at(self) -> dt.datetime | None:
        """When the current cycle was answered in time (``None`` unless achieved)."""
        return None if not self.cycles else self.cycles[-1].achieved_at

    @property
    def breached_at(self) -> dt.datetime | None:
        """When the current cycle became breached (``None`` unless breached)."""
        return None if not self.cycles else self.cycles[-1].breached_at

    @property
    def elapsed(self) -> dt.timedelta | None:
        """The current cycle's counted business time."""
        return None if not self.cycles else self.cycles[-1].elapsed

    @property
    def remaining(self) -> dt.timedelta | None:
        """The current cycle's business time left before its deadline; negative once breached."""
        return None if not self.cycles else self.cycles[-1].remaining

    @property
    def paused(self) -> dt.timedelta | None:
        """The current cycle's wall time spent paused."""
        return None if not self.cycles else self.cycles[-1].paused

    @property
    def warnings(self) -> tuple[WarningCrossed, ...]:
        """The current cycle's crossed warnings, earliest first."""
        return () if not self.cycles else self.cycles[-1].warnings

    @property
    def is_open(self) -> bool:
        """Whether the current cycle still waits for its answer (it may be overdue)."""
        return bool(self.cycles) and self.cycles[-1].is_open

    @property
    def breaches(self) -> int:
        """How many cycles breached."""
        return sum(cycle.state is ClockState.BREACHED for cycle in self.cycles)

    def counted_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The business time every cycle of this metric counted within ``[start, end)``.

        Raises:
            NaiveDatetimeError: ``start`` or ``end`` has no timezone.
        """
        a, b = to_us(start), to_us(end)
        return to_timedelta(sum(cycle._counted_us(a, b) for cycle in self.cycles))

    def counted_by_day(self) -> dict[dt.date, dt.timedelta]:
        """The business time every cycle counted on each local day, in the report's timezone.

        Zammad-style per-date figures; days without counted time are left out.
        """
        return {} if not self.cycles else _by_day(self.cycles, self.cycles[0].tz)

    def explain(self) -> tuple[Segment, ...]:
        """The current cycle's counted, paused, out-of-hours and holiday segments."""
        return () if not self.cycles else self.cycles[-1].explain()


_metric_report = builder(MetricReport)
"""``MetricReport(metric, state, cycles)``, for the replay."""


@attrs.frozen(kw_only=True)
class PolicySpan:
    """A span of a ticket's life and the policy that applied over it.

    Attributes:
        start: When the policy started to apply (the ticket's creation, or the
            event or version change that picked it).
        end: When the next policy took over; ``None`` for the one in effect at ``now``.
        policy: The policy.
        rule: The :class:`~servicedesk_core.sla.selection.Selection` that picked
            it (``None`` when a policy was evaluated directly).
    """

    start: dt.datetime
    end: dt.datetime | None
    policy: SLAPolicy
    rule: Selection | None

    def describe(self) -> str:
        """Say the span in words."""
        until = "now" if self.end is None else self.end.isoformat()
        picked = "" if self.rule is None else f" by {self.rule.describe()}"
        return f"{self.start.isoformat()} - {until}: policy {self.policy.name!r}{picked}"


@attrs.frozen(kw_only=True)
class SLAReport:
    """Every metric of a ticket at ``now``, the policy behind it, and when to look again.

    Every datetime it hands out, down to the cycles and their segments, is in
    one timezone: the policy calendar's (:attr:`tz`), so that any two fields
    compare without conversion.

    Looking up a metric the policy does not measure gives a report in state
    ``NOT_APPLICABLE`` without cycles, exactly like a metric whose target is
    ``None`` at the ticket's priority: "no target" is one idea.

    Attributes:
        now: The instant evaluated (in :attr:`tz`).
        policy: The policy applied.
        rule: The :class:`~servicedesk_core.sla.selection.Selection` that picked it
            (``None`` when a policy was evaluated directly).
        priority: The ticket's priority at ``now``.
        status: The ticket's status at ``now``.
        resolved: Whether the ticket is resolved (or closed) at ``now``.
        metrics: One report per metric of the policy, built-in metrics in
            :class:`Metric` order, then custom ones; under a policy set also
            the metrics whose history an earlier policy left
            (``OnPolicyChange.STOP``).
        next_change_at: The earliest instant after ``now`` at which the report
            changes if no event arrives (a start, a goal, a warning, a breach,
            or a new version of the policy set), or ``None`` when nothing will.
    """

    now: dt.datetime
    policy: SLAPolicy
    rule: Selection | None
    priority: str
    status: str
    resolved: bool
    metrics: tuple[MetricReport, ...]
    next_change_at: dt.datetime | None
    _spans: tuple[tuple[int, Selection | None, SLAPolicy], ...] = attrs.field(
        default=(), alias="spans", repr=False
    )

    @property
    def policy_spans(self) -> tuple[PolicySpan, ...]:
        """Which policy applied over which span of the ticket's life, earliest first."""
        tz = self.tz
        out = []
        for n, (start, selection, policy) in enumerate(self._spans):
            end = self._spans[n + 1][0] if n + 1 < len(self._spans) else None
            out.append(
                PolicySpan(
                    start=from_us(start, tz),
                    end=None if end is None else from_us(end, tz),
                    policy=policy,
                    rule=selection,
                )
            )
        return tuple(out)

    def __getitem__(self, metric: MetricKey) -> MetricReport:
        key = metric_key(metric)
        for report in self.metrics:
            if report.metric == key:
                return report
        return MetricReport(metric=key, state=ClockState.NOT_APPLICABLE, cycles=())

    def __contains__(self, metric: object) -> bool:
        """Whether the report has ``metric`` (the policy measures it, or kept its history)."""
        if not isinstance(metric, Metric | str):
            return False
        key = metric_key(metric)
        return any(report.metric == key for report in self.metrics)

    @property
    def tz(self) -> dt.tzinfo:
        """The timezone of every datetime in the report (the policy calendar's)."""
        return self.policy.calendar.tz

    @property
    def earliest_due_at(self) -> dt.datetime | None:
        """The earliest deadline still open on the ticket, overdue or not (Zammad's escalation_at).

        The earliest :attr:`Cycle.due_at` among the current cycles that wait
        for their answer; ``None`` when nothing is due (all answered, paused,
        or without a target).
        """
        due = [
            report.cycles[-1].due_us
            for report in self.metrics
            if report.cycles and report.cycles[-1].is_open and report.cycles[-1].due_us is not None
        ]
        return from_us(min(due), self.tz) if due else None

    @property
    def breached(self) -> tuple[MetricKey, ...]:
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
            name = report.metric.value if isinstance(report.metric, Metric) else report.metric
            text = f"{name}: {report.state.value}"
            if cycle is not None and cycle.due_at is not None:
                text += f", due at {cycle.due_at.isoformat()}"
            if cycle is not None and cycle.remaining is not None:
                text += f", remaining {cycle.remaining}"
            lines.append(text)
        return "\n".join(lines)


_sla_report = builder(SLAReport)
"""``SLAReport`` from its fields in order, for the replay."""
