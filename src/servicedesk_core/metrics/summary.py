"""Ticket figures that merge: build a summary per partition, add them up (``a + b``).

A :class:`TicketSummary` holds counts and the measured times themselves, so
that merging is exact: tickets per week, first-response and resolution times
(business and calendar, averages and percentiles), attainment per priority and
metric (overall and per month), the satisfaction average and what recurring
issues need. Build one with :func:`summarize` from event logs (it replays them
with :func:`~servicedesk_core.evaluate_many`) or :func:`summarize_reports`
from SLA reports; run it per partition on a process pool, Dask or Spark and
``sum`` the parts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, overload

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import from_us, to_us, zone
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Created, Event, SurveyAnswered
from servicedesk_core.metrics._table import Row, Table
from servicedesk_core.sla.bulk import TicketOutcome, evaluate_many
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.results import ClockState, SLAReport
from servicedesk_core.sla.selection import PolicySet, policy_or_set
from servicedesk_core.sla.targets import Metric, MetricKey

__all__ = [
    "Attainment",
    "RecurringIssue",
    "TicketSummary",
    "metric_name",
    "summarize",
    "summarize_outcomes",
    "summarize_reports",
]

_US_PER_SECOND = 1_000_000
_TIMED = (Metric.FIRST_RESPONSE, Metric.RESOLUTION)
_FINAL = (ClockState.ACHIEVED, ClockState.BREACHED)
_BUILTIN: dict[str, MetricKey] = {metric.value: metric for metric in Metric}


def metric_name(metric: MetricKey) -> str:
    """The text name of a built-in or custom metric."""
    return metric.value if isinstance(metric, Metric) else metric


Week = tuple[int, int]
Outcome = tuple[str, str, str, str]  # month, priority, metric, state
Timing = tuple[str, str]  # metric, "business" | "calendar"


def _key(value: object, field: str, kinds: tuple[type, ...]) -> tuple[object, ...]:
    """A key of plain parts, such as ``(year, week)``: a tuple or list of these types."""
    if (
        isinstance(value, tuple | list)
        and len(value) == len(kinds)
        and all(
            isinstance(part, kind) and not isinstance(part, bool)
            for part, kind in zip(value, kinds, strict=True)
        )
    ):
        return tuple(value)
    parts = ", ".join(kind.__name__ for kind in kinds)
    raise ConfigError(f"expected a ({parts}) key, got {convert.describe(value)}", field=field)


def _counted(
    value: object, field: str, key: Callable[[object, str], Any]
) -> tuple[tuple[Any, int], ...]:
    """Counts by key, from a mapping or pairs; zero counts are left out."""
    counted = []
    for index, (name, count) in enumerate(convert.pairs(value, field)):
        where = f"{field}[{index}]"
        number = convert.integer(count, where, min_value=0)
        if number:
            counted.append((key(name, where), number))
    return tuple(sorted(counted))


def _keyed(*kinds: type) -> Callable[[object, str], tuple[object, ...]]:
    return lambda value, field: _key(value, field, kinds)


def _weeks(value: Mapping[Week, int] | Iterable[tuple[Week, int]]) -> tuple[tuple[Week, int], ...]:
    return _counted(value, "tickets", _keyed(int, int))


def _outcomes(
    value: Mapping[Outcome, int] | Iterable[tuple[Outcome, int]],
) -> tuple[tuple[Outcome, int], ...]:
    return _counted(value, "outcomes", _keyed(str, str, str, str))


def _excluded(
    value: Mapping[Outcome, int] | Iterable[tuple[Outcome, int]],
) -> tuple[tuple[Outcome, int], ...]:
    return _counted(value, "excluded", _keyed(str, str, str, str))


def _scores(value: Mapping[int, int] | Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return _counted(value, "scores", convert.integer)


def _added(
    a: tuple[tuple[Any, int], ...], b: tuple[tuple[Any, int], ...]
) -> tuple[tuple[Any, int], ...]:
    return tuple(sorted((Counter(dict(a)) + Counter(dict(b))).items()))


def _is_raised(item: object) -> bool:
    return (
        type(item) is tuple
        and len(item) == 3
        and type(item[0]) is str
        and type(item[1]) is str
        and type(item[2]) is int
    )


def _seconds(value: object, field: str) -> tuple[float, ...]:
    if isinstance(value, list | tuple) and all(type(x) is float for x in value):
        return tuple(sorted(value))  # the common case, checked at a glance
    return tuple(sorted(convert.tuple_of(value, field, convert.number)))


def _times(
    value: Mapping[Timing, Iterable[float]] | Iterable[tuple[Timing, Iterable[float]]],
) -> tuple[tuple[Timing, tuple[float, ...]], ...]:
    timed = []
    for index, (key, seconds) in enumerate(convert.pairs(value, "times")):
        where = f"times[{index}]"
        timed.append((_key(key, where, (str, str)), _seconds(seconds, where)))
    return tuple(sorted(timed))  # type: ignore[arg-type]


def _raised(value: Iterable[tuple[str, str, int]]) -> tuple[tuple[str, str, int], ...]:
    if isinstance(value, tuple | list) and all(_is_raised(item) for item in value):
        return tuple(sorted(value))  # the common case (a merge), checked at a glance
    return tuple(sorted(convert.tuple_of(value, "raised", _keyed(str, str, int))))  # type: ignore[arg-type]


@attrs.frozen
class Attainment:
    """How many cycles of one metric at one priority met their target, and how many breached.

    Running and paused cycles do not count yet; a cycle breached while still
    open does.
    """

    priority: str
    metric: MetricKey
    achieved: int
    breached: int

    @property
    def total(self) -> int:
        """The cycles decided."""
        return self.achieved + self.breached

    @property
    def rate(self) -> float | None:
        """The share achieved, ``None`` when nothing is decided yet."""
        return self.achieved / self.total if self.total else None


@attrs.frozen
class RecurringIssue:
    """One category raised by many tenants within a window.

    The seed's warning: the same issue from many tenants is a documentation, UX
    or product problem.
    """

    category: str
    tenants: frozenset[str]
    first: dt.datetime
    last: dt.datetime


@attrs.frozen(kw_only=True)
class TicketSummary(Table):
    """Mergeable ticket figures (``a + b``, ``sum(parts, TicketSummary())``).

    Keys are plain tuples so that a summary pickles small and merges by
    adding counts and joining lists. Instants are epoch microseconds.

    Attributes:
        tickets: Tickets per ISO week, keyed ``(year, week)``.
        outcomes: Decided cycles, keyed ``(month "YYYY-MM", priority, metric value, state
            value)``; ``excluded`` likewise for tickets opened in maintenance windows.
        times: Measured seconds, keyed ``(metric value, "business" | "calendar")``.
        scores: Satisfaction answers, keyed by score (1-5).
        raised: ``(category, tenant, created_us)`` for every ticket with both attributes.
    """

    tickets: tuple[tuple[Week, int], ...] = attrs.field(default=(), converter=_weeks)
    outcomes: tuple[tuple[Outcome, int], ...] = attrs.field(default=(), converter=_outcomes)
    excluded: tuple[tuple[Outcome, int], ...] = attrs.field(default=(), converter=_excluded)
    times: tuple[tuple[Timing, tuple[float, ...]], ...] = attrs.field(default=(), converter=_times)
    scores: tuple[tuple[int, int], ...] = attrs.field(default=(), converter=_scores)
    raised: tuple[tuple[str, str, int], ...] = attrs.field(default=(), converter=_raised)

    def __add__(self, other: TicketSummary) -> TicketSummary:
        if not isinstance(other, TicketSummary):
            return NotImplemented
        times: dict[Timing, list[float]] = {}
        for key, values in (*self.times, *other.times):
            times.setdefault(key, []).extend(values)
        # both sides were checked when built: the merge is only sorted, not checked again
        merged = object.__new__(TicketSummary)
        for name, value in (
            ("tickets", _added(self.tickets, other.tickets)),
            ("outcomes", _added(self.outcomes, other.outcomes)),
            ("excluded", _added(self.excluded, other.excluded)),
            ("times", tuple(sorted((key, tuple(sorted(v))) for key, v in times.items()))),
            ("scores", _added(self.scores, other.scores)),
            ("raised", tuple(sorted((*self.raised, *other.raised)))),
        ):
            object.__setattr__(merged, name, value)
        return merged

    def __radd__(self, other: object) -> TicketSummary:
        if other == 0:  # sum() starts from 0
            return self
        return NotImplemented

    # --- figures ----------------------------------------------------------------------

    @property
    def ticket_count(self) -> int:
        """Every ticket summarized."""
        return sum(count for _week, count in self.tickets)

    def tickets_per_week(self) -> dict[str, int]:
        """Tickets opened per ISO week (``"2026-W47"``), in week order."""
        return {f"{year}-W{week:02d}": count for (year, week), count in self.tickets}

    def durations(self, metric: Metric | str, *, business: bool = True) -> tuple[float, ...]:
        """The measured seconds of a metric (first response or resolution), sorted."""
        key = (
            convert.enum_member(Metric, metric, "metric").value,
            "business" if business else "calendar",
        )
        return dict(self.times).get(key, ())

    @overload
    def average(self, metric: Metric | str, *, business: bool = ...) -> float | None: ...
    @overload
    def average(self, metric: Metric | str, *, business: bool = ..., default: float) -> float: ...
    def average(
        self, metric: Metric | str, *, business: bool = True, default: float | None = None
    ) -> float | None:
        """The mean time in seconds; without any, ``default`` (``None`` unless given).

        >>> summary = TicketSummary(times=[(("first_response", "business"), (60.0, 120.0))])
        >>> summary.average("first_response"), summary.average("resolution", default=0.0)
        (90.0, 0.0)
        """
        values = self.durations(metric, business=business)
        return math.fsum(values) / len(values) if values else default

    @overload
    def percentile(
        self, metric: Metric | str, q: float, *, business: bool = ...
    ) -> float | None: ...
    @overload
    def percentile(
        self, metric: Metric | str, q: float, *, business: bool = ..., default: float
    ) -> float: ...
    def percentile(
        self, metric: Metric | str, q: float, *, business: bool = True, default: float | None = None
    ) -> float | None:
        """The ``q`` quantile (0-1, nearest rank) of the time in seconds; without any, ``default``.

        >>> TicketSummary(times=[(("resolution", "calendar"), (1.0, 2.0, 3.0, 4.0))]).percentile(
        ...     "resolution", 0.5, business=False)
        2.0
        """
        q = convert.number(q, "q", min_value=0, max_value=1)
        values = self.durations(metric, business=business)
        if not values:
            return default
        return values[max(0, math.ceil(q * len(values)) - 1)]

    def attainment(self, *, month: str | None = None, excluded: bool = False) -> list[Attainment]:
        """Achieved and breached cycles per priority and metric (one month, or all)."""
        counts: dict[tuple[str, str], list[int]] = {}
        for (when, priority, metric, state), count in self.excluded if excluded else self.outcomes:
            if month is None or when == month:
                slot = counts.setdefault((priority, metric), [0, 0])
                slot[state == ClockState.BREACHED.value] += count
        return [
            Attainment(priority, _BUILTIN.get(metric, metric), achieved, breached)
            for (priority, metric), (achieved, breached) in sorted(counts.items())
        ]

    def months(self) -> list[str]:
        """The months (``"YYYY-MM"``) with decided cycles, in order."""
        return sorted({key[0] for key, _count in self.outcomes})

    @overload
    def satisfaction(self) -> float | None: ...
    @overload
    def satisfaction(self, *, default: float) -> float: ...
    def satisfaction(self, *, default: float | None = None) -> float | None:
        """The average survey score (1-5); without answers, ``default`` (``None`` unless given).

        >>> TicketSummary().satisfaction(), TicketSummary(scores=[(4, 2)]).satisfaction()
        (None, 4.0)
        """
        answers = sum(count for _score, count in self.scores)
        if not answers:
            return default
        return sum(score * count for score, count in self.scores) / answers

    def recurring(
        self,
        *,
        min_tenants: int = 3,
        window: dt.timedelta = dt.timedelta(days=7),
        tz: dt.tzinfo | str = dt.UTC,
    ) -> list[RecurringIssue]:
        """Categories raised by at least ``min_tenants`` tenants within ``window``.

        Each category is reported once, for its first window that qualifies.
        """
        tz = _zone(tz)
        span = convert.duration(window, "window") // dt.timedelta(microseconds=1)
        least = convert.integer(min_tenants, "min_tenants", min_value=1)
        by_category: dict[str, list[tuple[int, str]]] = {}
        for category, tenant, at in self.raised:
            by_category.setdefault(category, []).append((at, tenant))
        found = []
        for category, raised in sorted(by_category.items()):
            raised.sort()
            low = 0
            for high, (at, _tenant) in enumerate(raised):
                while raised[low][0] < at - span:
                    low += 1
                tenants = frozenset(tenant for _at, tenant in raised[low : high + 1])
                if len(tenants) >= least:
                    found.append(
                        RecurringIssue(
                            category, tenants, from_us(raised[low][0], tz), from_us(at, tz)
                        )
                    )
                    break
        return found

    def to_rows(self) -> list[Row]:
        """Return one row per priority and metric: attainment and times."""
        rows: list[Row] = []
        for item in self.attainment():
            rows.append(
                {
                    "priority": item.priority,
                    "metric": metric_name(item.metric),
                    "achieved": item.achieved,
                    "breached": item.breached,
                    "attainment": item.rate,
                }
            )
        return rows


# --- building summaries ---------------------------------------------------------------


def _windows(value: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[int, int]]:
    return list(convert.tuple_of(value, "maintenance", _window))


def _window(value: object, field: str) -> tuple[int, int]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ConfigError(
            f"expected a (start, end) pair of instants, got {convert.describe(value)}", field=field
        )
    start, end = (to_us(convert.aware_datetime(instant, field)) for instant in value)
    if end <= start:
        raise ConfigError(
            f"the window ends ({value[1]}) before it starts ({value[0]})", field=field
        )
    return start, end


def _zone(value: dt.tzinfo | str) -> dt.tzinfo:
    """A timezone, or an IANA name of one; ``None`` (the host's zone) is refused."""
    return value if isinstance(value, dt.tzinfo) else zone(value, field="tz")


def _log(value: object, field: str) -> Sequence[Event]:
    if isinstance(value, str | bytes | bytearray) or not isinstance(value, Sequence):
        raise ConfigError(f"expected a list of events, got {convert.describe(value)}", field=field)
    return value


def _logs(value: object) -> list[Sequence[Event]]:
    return list(convert.tuple_of(value, "logs", _log))


def summarize(
    policy: SLAPolicy | PolicySet,
    logs: Iterable[Sequence[Event]],
    now: dt.datetime,
    *,
    maintenance: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    category: str = "category",
    tenant: str = "tenant",
    tz: dt.tzinfo | str = dt.UTC,
) -> TicketSummary:
    """Summarize tickets from their event logs, replayed under ``policy`` at ``now``.

    Args:
        policy: The policy (or set) that judges the tickets.
        logs: The tickets' event logs.
        now: The instant to judge at.
        maintenance: ``(start, end)`` windows; tickets opened inside one count
            apart (:meth:`TicketSummary.attainment` with ``excluded=True``).
        category: The ``Created`` attribute that names a ticket's category.
        tenant: The ``Created`` attribute that names its tenant.
        tz: The timezone of weeks and months (a tzinfo or an IANA name).

    Raises:
        ConfigError: ``policy`` is not a policy, ``logs`` not a collection of
            lists, or a maintenance window is not a ``(start, end)`` pair of
            aware instants with ``end`` after ``start``, or ``tz`` is neither a
            tzinfo nor an IANA name (``None`` would be the host's zone).
        EventLogError: a log cannot be replayed.
    """
    policy, logs = policy_or_set(policy, "policy"), _logs(logs)
    outcomes = evaluate_many(policy, logs, now)
    return summarize_outcomes(
        outcomes, logs, maintenance=maintenance, category=category, tenant=tenant, tz=tz
    )


def summarize_outcomes(
    outcomes: Iterable[TicketOutcome],
    logs: Iterable[Sequence[Event]],
    *,
    maintenance: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    category: str = "category",
    tenant: str = "tenant",
    tz: dt.tzinfo | str = dt.UTC,
) -> TicketSummary:
    """Summarize tickets already replayed by :func:`~servicedesk_core.evaluate_many`.

    ``logs`` are the same tickets' logs, in the same order (see :func:`summarize`).
    """
    return _summary(zip(outcomes, logs, strict=True), _windows(maintenance), category, tenant, tz)


def summarize_reports(
    reports: Iterable[tuple[SLAReport, Sequence[Event]]],
    *,
    maintenance: Iterable[tuple[dt.datetime, dt.datetime]] = (),
    category: str = "category",
    tenant: str = "tenant",
    tz: dt.tzinfo | str = dt.UTC,
) -> TicketSummary:
    """Summarize SLA reports already made, each with its log (see :func:`summarize`).

    Raises:
        ConfigError: an item is not an ``(SLAReport, log)`` pair whose log starts
            with its ``Created`` event, or a bad maintenance window (see :func:`summarize`).
    """
    pairs = [
        _report_pair(item, f"reports[{index}]")
        for index, item in enumerate(
            convert.tuple_of(reports, "reports", lambda item, _where: item)
        )
    ]
    return _summary(pairs, _windows(maintenance), category, tenant, tz)


def _report_pair(value: object, field: str) -> tuple[TicketOutcome, Sequence[Event]]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ConfigError(
            f"expected an (SLAReport, log) pair, got {convert.describe(value)}", field=field
        )
    report = convert.instance(SLAReport, value[0], field)
    events = _log(value[1], field)
    if not events:
        raise ConfigError("the log is empty; it starts with its Created event", field=field)
    return TicketOutcome.from_report(report, convert.instance(Created, events[0], field)), events


def _summary(
    pairs: Iterable[tuple[TicketOutcome, Sequence[Event]]],
    maintenance: list[tuple[int, int]],
    category: str,
    tenant: str,
    tz: dt.tzinfo | str,
) -> TicketSummary:
    tz = _zone(tz)
    weeks: Counter[Week] = Counter()
    outcomes: Counter[Outcome] = Counter()
    excluded: Counter[Outcome] = Counter()
    times: dict[Timing, list[float]] = {}
    scores: Counter[int] = Counter()
    raised = []
    for ticket, events in pairs:
        created = ticket.created
        opened = created._us
        local = created.at.astimezone(tz)
        year, week, _day = local.isocalendar()
        weeks[year, week] += 1
        month = f"{local.year:04d}-{local.month:02d}"
        counts = excluded if any(a <= opened < b for a, b in maintenance) else outcomes
        for cycle in ticket.cycles:
            if cycle.state in _FINAL:
                counts[month, cycle.priority, metric_name(cycle.metric), cycle.state.value] += 1
            if cycle.metric in _TIMED and cycle.stopped_us is not None:
                name = cycle.metric.value
                times.setdefault((name, "business"), []).append(cycle.elapsed_us / _US_PER_SECOND)
                times.setdefault((name, "calendar"), []).append(
                    (cycle.stopped_us - opened) / _US_PER_SECOND
                )
        for event in events:
            if isinstance(event, SurveyAnswered):
                scores[event.score] += 1
        kind, who = created.attribute(category), created.attribute(tenant)
        if kind is not None and who is not None:
            raised.append((kind, who, opened))
    return TicketSummary(
        tickets=weeks,
        outcomes=outcomes,
        excluded=excluded,
        times=times,
        scores=scores,
        raised=raised,
    )
