"""Bulk replay: many tickets' logs under one policy, the fast path for reporting.

:func:`evaluate_many` replays each log with the same engine as
:func:`~servicedesk_core.evaluate` and keeps, per metric cycle, the figures
that reports count (state, start, stop, due instant, counted business time)
instead of a full :class:`~servicedesk_core.sla.SLAReport`: no goals,
warnings, pauses or explanations. :meth:`TicketOutcome.from_report` gives the
same figures from a full report, so the two paths can be compared.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import cast

import attrs

from servicedesk_core._build import builder
from servicedesk_core._convert import describe
from servicedesk_core._time import to_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Created, Event
from servicedesk_core.sla.clock import Clock, allowance, state_at
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.replay import _Replay, check_log
from servicedesk_core.sla.results import ClockState, SLAReport
from servicedesk_core.sla.selection import PolicySet, Selection, replayable
from servicedesk_core.sla.targets import MetricKey

__all__ = ["CycleOutcome", "TicketOutcome", "evaluate_many"]


@attrs.frozen
class CycleOutcome:
    """One cycle of one metric, as counted by reports (instants in epoch microseconds).

    Attributes:
        metric: The metric.
        priority: The level whose target applied.
        state: Where the clock stood at ``now``.
        started_us: When the clock started.
        stopped_us: When the answer (or resolution) stopped it, ``None`` if it did not.
        due_us: The breach instant (``None``: no target, or paused).
        elapsed_us: Counted business time until ``now`` or the stop.
    """

    metric: MetricKey
    priority: str
    state: ClockState
    started_us: int
    stopped_us: int | None
    due_us: int | None
    elapsed_us: int


@attrs.frozen
class TicketOutcome:
    """A ticket's SLA figures at ``now``: its ``Created`` event and every metric cycle.

    Attributes:
        policy: The name of the policy applied.
        created: The ticket's ``Created`` event (when, priority, channel, attributes).
        priority: The ticket's priority at ``now``.
        resolved: Whether it is resolved (or closed) at ``now``.
        cycles: Every cycle of every metric, in metric order.
    """

    policy: str
    created: Created
    priority: str
    resolved: bool
    cycles: tuple[CycleOutcome, ...]

    @classmethod
    def from_report(cls, report: SLAReport, created: Created) -> TicketOutcome:
        """Return the figures of a full report (``created`` is its log's first event)."""
        return cls(
            report.policy.name,
            created,
            report.priority,
            report.resolved,
            tuple(
                CycleOutcome(
                    cycle.metric,
                    cycle.priority,
                    cycle.state,
                    cycle.started_us,
                    cycle.stopped_us,
                    cycle.due_us,
                    cycle.elapsed_us,
                )
                for metric_report in report.metrics
                for cycle in metric_report.cycles
            ),
        )


def evaluate_many(
    policy: SLAPolicy | PolicySet | Selection,
    logs: Iterable[Sequence[Event]],
    now: dt.datetime,
    *,
    ignore_later: bool = False,
) -> list[TicketOutcome]:
    """Replay many tickets' logs under one policy (or policy set) and keep their figures.

    The same engine and the same validation as :func:`~servicedesk_core.evaluate`
    in a loop, faster per ticket: it builds no full report, a policy set picks
    once for tickets created alike, and the clocks of a batch of tickets ask
    their calendars together (``make bench`` prints the ratio).

    >>> import datetime as dt
    >>> from servicedesk_core import BusinessCalendar, FOUR_TIER, Metric, SLAPolicy
    >>> from servicedesk_core.sla import AgentReplied, Created
    >>> policy = SLAPolicy(name="24x7", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
    ...     targets={Metric.FIRST_RESPONSE: dict.fromkeys(FOUR_TIER.names, dt.timedelta(hours=1))})
    >>> at = dt.datetime(2026, 11, 16, 9, tzinfo=dt.UTC)
    >>> logs = [[Created(at=at, priority="High"), AgentReplied(at=at + dt.timedelta(minutes=30))],
    ...         [Created(at=at, priority="Low")]]
    >>> [ticket.cycles[0].state.value for ticket in
    ...  evaluate_many(policy, logs, at + dt.timedelta(hours=2))]
    ['achieved', 'breached']

    Raises:
        ConfigError: ``policy`` is not a policy, ``logs`` not a collection of
            lists of events.
        EventLogError: a log cannot be replayed (the evaluator's error).
        NaiveDatetimeError: ``now`` has no timezone.
    """
    now_us = to_us(now)
    begin = _beginning(replayable(policy, "policy"))
    outcomes: list[TicketOutcome] = []
    batch: list[tuple[_Replay, Created]] = []
    metrics = 0
    for events in _each(logs):
        replay = begin(events, now)
        replay.replay(events, now_us, now, ignore_later)
        batch.append((replay, cast(Created, events[0])))
        metrics += len(replay.clocks)
        if metrics >= _BATCH:
            outcomes += _outcomes(batch, now_us)
            batch, metrics = [], 0
    outcomes += _outcomes(batch, now_us)
    return outcomes


_BATCH = 128
"""Metrics (of tickets) settled together: enough to share each calendar query, few enough that the
batch's objects die young (a large batch costs more in garbage collection than it saves)."""

_Begin = Callable[[Sequence[Event], dt.datetime], _Replay]


def _beginning(policy: SLAPolicy | PolicySet | Selection) -> _Begin:
    """How each ticket's replay begins: under the policy :func:`evaluate` would choose."""
    if isinstance(policy, Selection):
        chosen, plan = policy.policy, policy.policy._plan
        return lambda _events, _now: _Replay(chosen, policy, plan, None)
    if isinstance(policy, SLAPolicy):
        return lambda _events, _now: _Replay(policy, None, policy._plan, None)
    if policy.switches:  # the set's chooser follows the ticket, as PolicySet.evaluate does
        first, plan, chooser = policy._policies[0], policy._plans[0], policy._chooser
        return lambda _events, _now: _Replay(first, None, plan, chooser)
    # The set picks once, from the Created event and the version in effect then:
    # tickets created alike (same facts, same version) share one choice.
    effective = [at for at, _rules in policy._choices[1:] if at is not None]
    picked: dict[tuple[object, ...], Selection] = {}

    def begin(events: Sequence[Event], now: dt.datetime) -> _Replay:
        if not isinstance(events, list | tuple):
            check_log(events)
        first = events[0] if events else None
        if not isinstance(first, Created):
            policy.evaluate(events, now)  # raises the evaluator's error
        created = cast(Created, first)
        version = bisect_right(effective, created._us)
        key = (created.priority, created.channel, created.attributes, created.tags, version)
        selection = picked.get(key)
        if selection is None:
            selection = picked[key] = policy.select(created)
        return _Replay(selection.policy, selection, selection.policy._plan, None)

    return begin


def _each(logs: object) -> Iterable[Sequence[Event]]:
    """``logs`` as given (any iterable of logs), or a ``ConfigError`` for text or a non-iterable."""
    if isinstance(logs, str | bytes | bytearray) or not isinstance(logs, Iterable):
        raise ConfigError(
            f"expected a collection of lists of events, got {describe(logs)}", field="logs"
        )
    return cast(Iterable[Sequence[Event]], logs)


def _outcomes(batch: list[tuple[_Replay, Created]], now: int) -> list[TicketOutcome]:
    """The figures of replayed tickets: the cycles their reports would list, settled together."""
    listed = [_listed(replay) for replay, _created in batch]
    cycles = iter(_settle([pair for pairs in listed for pair in pairs], now))
    return [
        _ticket(
            replay.policy.name,
            created,
            replay.level,
            replay.resolved,
            tuple(islice(cycles, len(pairs))),
        )
        for (replay, created), pairs in zip(batch, listed, strict=True)
    ]


def _listed(replay: _Replay) -> list[tuple[MetricKey, Clock]]:
    """The clocks a replay's report would list, in its order, with their metrics."""
    plan = replay.plan
    if replay.chooser is None:  # a lone policy measures every clock it starts
        pairs = zip(plan.keys, replay.clocks, strict=True)
        return [(key, clock) for key, clocks in pairs for clock in clocks]
    drop = replay.chooser.drop
    listed = []
    for i, key in enumerate(plan.keys):
        clocks = [clock for clock in replay.clocks[i] if clock.measured]
        if plan.measured[i] or not (drop or not clocks):
            listed += [(key, clock) for clock in clocks]
    return listed


def _settle(listed: list[tuple[MetricKey, Clock]], now: int) -> list[CycleOutcome]:
    """Each clock's figures at ``now``, as ``clock.measure(now)`` settles them.

    The same steps, each taken for every clock at once so that each calendar
    answers one bulk query per step instead of one call per span.
    """
    clocks = [clock for _key, clock in listed]
    ends = [now if clock.stop is None else clock.stop for clock in clocks]
    spans_of = [clock.spans(end) for clock, end in zip(clocks, ends, strict=True)]
    lengths = iter(_ask(Calendar.elapsed_many_us, [span for spans in spans_of for span in spans]))
    lengths_of = [list(islice(lengths, len(spans))) for spans in spans_of]
    # where counted time reaches the breach target: which span, and how far into it
    reaches: list[tuple[int, int, Calendar]] = []
    reached: list[int | None] = []
    for clock, end, spans, counts in zip(clocks, ends, spans_of, lengths_of, strict=True):
        slot = None
        if clock.range is not None:
            spans, counts = clock.along(spans, counts, end)
            left = allowance(clock.range.breach, clock.cal, clock.start)
            last = len(spans) - 1
            for i, (a, _b, cal) in enumerate(spans):  # as the scalar measure's _reach
                if counts[i] >= left or (clock.running and i == last):
                    slot = len(reaches)
                    reaches.append((a, left, cal))
                    break
                left -= counts[i]
        reached.append(slot)
    dues = _ask(Calendar.add_many_us, reaches)
    settled = []
    for (key, clock), end, counts, slot in zip(listed, ends, lengths_of, reached, strict=True):
        stop, first = clock.stop, clock.start
        due = None if slot is None else dues[slot]
        start = first if stop is None or first < stop else stop
        state = state_at(clock, now, end, due)
        settled.append(_cycle(key, clock.level, state, start, stop, due, sum(counts)))
    return settled


def _ask(
    query: Callable[[Calendar, list[int], list[int]], list[int]],
    questions: list[tuple[int, int, Calendar]],
) -> list[int]:
    """``query(cal, xs, ys)`` for each ``(x, y, cal)``, one call per calendar, answers in order."""
    if not questions:
        return []
    cal = questions[0][2]
    if all(question[2] is cal for question in questions):  # the common case: one calendar
        return query(cal, [x for x, _y, _cal in questions], [y for _x, y, _cal in questions])
    groups: dict[int, tuple[Calendar, list[int]]] = {}
    for i, (_x, _y, cal) in enumerate(questions):
        groups.setdefault(id(cal), (cal, []))[1].append(i)
    answers = [0] * len(questions)
    for cal, slots in groups.values():
        xs = [questions[i][0] for i in slots]
        for i, answer in zip(slots, query(cal, xs, [questions[i][1] for i in slots]), strict=True):
            answers[i] = answer
    return answers


_cycle = builder(CycleOutcome)
_ticket = builder(TicketOutcome)
