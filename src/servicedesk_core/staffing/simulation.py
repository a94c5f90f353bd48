"""A seeded discrete-event simulation of a desk, judged by the real SLA engine.

Tickets arrive by hour of the week and channel (a Poisson process whose rate
is constant within each hour), get a priority from the mix, and wait in their
tier's queue, most urgent first. An agent of a :class:`Roster` picks a ticket
only while the roster's :class:`~servicedesk_core.BusinessCalendar` is open
(an on-call roster only the priorities it covers) and finishes what it
started. Picking a ticket up is the first public reply; a Tier 1 agent then
resolves it, or escalates a share of tickets to Tier 2, which resolves them.

Every simulated ticket is a real event log (``Created``, ``AgentReplied``,
``Assigned(escalated=True, team=..., tier=2)``, ``Resolved``), and the SLA
figures are the policy's own, replayed with
:func:`~servicedesk_core.evaluate_many`: there is no second SLA
model. The simulation uses only :mod:`heapq` and :class:`random.Random`, does
no I/O, and gives the same answer for the same seed.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._convert import Items
from servicedesk_core._time import from_us, to_us, zone
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import AgentReplied, Assigned, Channel, Created, Event, Resolved
from servicedesk_core.metrics._table import Row, Table, optional_module
from servicedesk_core.metrics.summary import TicketSummary, metric_name, summarize_outcomes
from servicedesk_core.priority import PriorityLevel, PriorityScheme
from servicedesk_core.priority.levels import level_name
from servicedesk_core.sla.bulk import TicketOutcome, evaluate_many
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.selection import PolicySet, policy_or_set

__all__ = [
    "Arrivals",
    "Desk",
    "Roster",
    "SimulatedTicket",
    "Simulation",
    "Sweep",
    "simulate",
    "sweep",
]

_MAX_TICKETS = 2_000_000  # expected from the arrivals over a horizon: about two minutes of work

_HOUR_US = 3_600_000_000
_WEEK_HOURS = 168
_T = TypeVar("_T")


# --- inputs --------------------------------------------------------------------------


def _rate(value: object, field: str) -> float:
    return convert.number(value, field, min_value=0)


def _profile(value: object, field: str) -> tuple[float, ...]:
    rates = convert.tuple_of(value, field, _rate)
    if len(rates) != _WEEK_HOURS:
        raise ConfigError(
            f"give one rate, or 168 (one per hour of the week from Monday 00:00), not {len(rates)}",
            field=field,
        )
    return rates


def _per_channel(
    value: Items[Channel | str, float | Iterable[float]],
) -> tuple[tuple[Channel, tuple[float, ...]], ...]:
    items = list(value.items() if isinstance(value, Mapping) else _pairs(value, "per_hour"))
    if not items:
        raise ConfigError("give at least one channel and its rate", field="per_hour")
    out = []
    for key, rates in items:
        channel = convert.enum_member(Channel, key, "per_hour")
        field = f"per_hour.{channel.value}"
        if isinstance(rates, int | float | str):
            out.append((channel, (_rate(rates, field),) * _WEEK_HOURS))
        else:
            out.append((channel, _profile(rates, field)))
    convert.unique((channel for channel, _rates in out), "per_hour")
    return tuple(sorted(out, key=lambda item: item[0].value))


def _timezone(value: str | dt.tzinfo) -> str:
    return str(zone(value))


@attrs.frozen(kw_only=True)
class Arrivals:
    """Tickets per hour of the week, per channel, in a timezone.

    Each channel has one rate for every hour, or 168 (Monday 00:00 first).

    >>> Arrivals(per_hour={"phone": 2.0, "email": 1.0}).per_week
    504.0

    Raises:
        ConfigError: a negative rate, a channel not known, a profile that is
            not 1 or 168 long, an unknown timezone.
    """

    per_hour: tuple[tuple[Channel, tuple[float, ...]], ...] = attrs.field(converter=_per_channel)
    timezone: str = attrs.field(default="UTC", converter=_timezone)

    @property
    def per_week(self) -> float:
        """Expected tickets in a week, every channel together."""
        return sum(sum(rates) for _channel, rates in self.per_hour)


def _tier(value: int | str) -> int:
    return convert.integer(value, "tier", min_value=1, max_value=2)


def _agents(value: int | str) -> int:
    return convert.integer(value, "agents", min_value=1, max_value=100_000)


def _calendar(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "calendar")


def _covers(value: Iterable[str | PriorityLevel] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "priorities", level_name)


def _name(value: str) -> str:
    return convert.text(value, "name")


@attrs.frozen(kw_only=True)
class Roster:
    """Agents of one tier who pick tickets while their calendar (their shift) is open.

    ``priorities`` limits an on-call roster to the levels it covers
    (after-hours on-call for Critical only); ``None`` covers every level.

    Raises:
        ConfigError: a tier other than 1 or 2, no agents, not a calendar.
    """

    tier: int = attrs.field(default=1, converter=_tier)
    agents: int = attrs.field(converter=_agents)
    calendar: Calendar = attrs.field(converter=_calendar)
    priorities: frozenset[str] | None = attrs.field(default=None, converter=_covers)
    name: str = attrs.field(default="", converter=_name)


def _policy(value: SLAPolicy | PolicySet) -> SLAPolicy | PolicySet:
    return policy_or_set(value, "policy")


def _arrivals(value: Arrivals) -> Arrivals:
    return convert.instance(Arrivals, value, "arrivals")


def _mix(
    value: Items[str | PriorityLevel, float] | Iterable[tuple[str | PriorityLevel, float]],
) -> tuple[tuple[str, float], ...]:
    items = list(value.items() if isinstance(value, Mapping) else _pairs(value, "priorities"))
    if not items:
        raise ConfigError("give at least one level and its weight", field="priorities")
    out = tuple(
        (level_name(name, "priorities"), _rate(weight, f"priorities.{name}"))
        for name, weight in items
    )
    convert.unique((name for name, _weight in out), "priorities")
    if not sum(weight for _name, weight in out):
        raise ConfigError("at least one weight must be positive", field="priorities")
    return out


def _pairs(value: object, field: str) -> list[tuple[object, object]]:
    items = convert.tuple_of(value, field, lambda item, where: item)
    if not all(isinstance(item, tuple) and len(item) == 2 for item in items):
        raise ConfigError(f"expected a mapping, got {convert.describe(value)}", field=field)
    return list(items)  # type: ignore[arg-type]


def _handle(value: object, field: str) -> dt.timedelta:
    result = convert.duration(value, field)
    if not result:
        raise ConfigError("must be positive", field=field)
    return result


def _handle_times(
    value: convert.Items[int | str, dt.timedelta | str]
    | dt.timedelta
    | str
    | Sequence[dt.timedelta | str],
) -> tuple[dt.timedelta, ...]:
    if isinstance(value, str | dt.timedelta):
        one = _handle(value, "handle_times")
        return one, one
    if isinstance(value, Mapping):
        tiers = {
            convert.integer(tier, "handle_times", min_value=1, max_value=2): handle
            for tier, handle in value.items()
        }
        first = tiers.get(1, "PT10M")
        return _handle(first, "handle_times.1"), _handle(tiers.get(2, first), "handle_times.2")
    items = convert.tuple_of(value, "handle_times", lambda item, _field: item)
    if len(items) != 2:
        raise ConfigError(f"expected one per tier, got {len(items)}", field="handle_times")
    return _handle(items[0], "handle_times.1"), _handle(items[1], "handle_times.2")


def _rosters(value: Iterable[Roster]) -> tuple[Roster, ...]:
    rosters = convert.instances(value, "rosters", Roster)
    if not any(roster.tier == 1 for roster in rosters):
        raise ConfigError("a desk needs at least one Tier 1 roster", field="rosters")
    return rosters


def _tier2_team(value: str) -> str:
    return convert.text(value, "tier2_team", allow_empty=False, max_length=200)


def _share(value: float | str) -> float:
    return convert.number(value, "escalation", min_value=0, max_value=1)


@attrs.frozen(kw_only=True)
class Desk:
    """Everything a simulation needs: who calls, what they need, who answers, the policy.

    Args:
        policy: The SLA policy (or set) the tickets are judged by.
        arrivals: Tickets per hour of the week and channel.
        priorities: The priority mix, ``{level or level name: weight}``.
        handle_times: Mean handle time (exponential), one for both tiers or
            ``{1: ..., 2: ...}``.
        rosters: The agents, by tier, with their shifts; at least one Tier 1.
        escalation: The share of Tier 1 tickets escalated to Tier 2 (needs a
            Tier 2 roster when positive).
        tier2_team: The team name Tier 2 escalations are assigned to.

    Raises:
        ConfigError: empty rosters, an unknown level in the mix, negative
            rates or times, an escalation without a Tier 2 roster.
    """

    policy: SLAPolicy | PolicySet = attrs.field(converter=_policy)
    arrivals: Arrivals = attrs.field(converter=_arrivals)
    priorities: tuple[tuple[str, float], ...] = attrs.field(converter=_mix)
    handle_times: tuple[dt.timedelta, ...] = attrs.field(converter=_handle_times)
    rosters: tuple[Roster, ...] = attrs.field(converter=_rosters)
    escalation: float = attrs.field(default=0.0, converter=_share)
    tier2_team: str = attrs.field(default="Tier 2", converter=_tier2_team)

    def __attrs_post_init__(self) -> None:
        schemes = _schemes(self.policy)
        for name, _weight in self.priorities:
            _check_level(name, schemes, f"priorities.{name}")
        for index, roster in enumerate(self.rosters):
            for name in sorted(roster.priorities or ()):
                _check_level(name, schemes, f"rosters[{index}].priorities")
        if self.escalation and not any(roster.tier == 2 for roster in self.rosters):
            raise ConfigError("escalating needs a Tier 2 roster", field="escalation")

    def with_rosters(self, rosters: Iterable[Roster]) -> Desk:
        """Return the desk with other rosters (a sweep over staffing)."""
        return attrs.evolve(self, rosters=tuple(rosters))

    def with_policy(self, policy: SLAPolicy | PolicySet) -> Desk:
        """Return the desk judged by another policy (business vs calendar hours)."""
        return attrs.evolve(self, policy=policy)


def _schemes(policy: SLAPolicy | PolicySet) -> list[PriorityScheme]:
    """The priority schemes of every policy a ticket may be judged by."""
    if isinstance(policy, SLAPolicy):
        return [policy.scheme]
    rules = [*policy.rules, *(rule for version in policy.versions for rule in version.rules)]
    return list({id(rule.policy.scheme): rule.policy.scheme for rule in rules}.values())


def _check_level(name: str, schemes: list[PriorityScheme], field: str) -> None:
    for scheme in schemes:
        if name not in scheme:
            raise ConfigError(f"{name!r} is not a level of {scheme.name!r}", field=field)


# --- results -----------------------------------------------------------------------------


@attrs.frozen
class SimulatedTicket:
    """One simulated ticket: its event log and its SLA figures."""

    events: tuple[Event, ...]
    outcome: TicketOutcome
    escalated: bool

    def to_row(self) -> Row:
        """Return the ticket as a flat dict of plain values."""
        created = self.outcome.created
        row: Row = {
            "created": created.at,
            "priority": created.priority,
            "channel": created.channel.value,
            "escalated": self.escalated,
            "answered": self.events[1].at if len(self.events) > 1 else None,
            "resolved": self.events[-1].at if isinstance(self.events[-1], Resolved) else None,
        }
        for cycle in self.outcome.cycles:
            row[f"{metric_name(cycle.metric)}_state"] = cycle.state.value
        return row


@attrs.frozen
class Simulation(Table):
    """A simulated stretch of a desk: the tickets, their summary, queues and occupancy.

    Attributes:
        tickets: Every ticket created in the horizon, in arrival order.
        summary: Their :class:`~servicedesk_core.TicketSummary` at the end
            of the horizon (attainment per priority and metric, times...).
        queue: ``(instant, waiting in Tier 1, waiting in Tier 2)`` every hour.
        occupancy: Per tier, busy agent time over rostered agent time.
    """

    tickets: tuple[SimulatedTicket, ...]
    summary: TicketSummary
    queue: tuple[tuple[dt.datetime, int, int], ...]
    occupancy: tuple[tuple[int, float], ...]

    def to_rows(self) -> list[Row]:
        """Return one flat row per ticket."""
        return [ticket.to_row() for ticket in self.tickets]

    def queue_rows(self) -> list[Row]:
        """Return the queue lengths, one row per hour (backlog over the week)."""
        return [{"at": at, "tier1": one, "tier2": two} for at, one, two in self.queue]

    def wait_seconds(self) -> list[float]:
        """How long each answered ticket waited for its first reply, in arrival order."""
        return [
            (ticket.events[1]._us - ticket.events[0]._us) / 1e6
            for ticket in self.tickets
            if len(ticket.events) > 1
        ]


# --- the simulation ----------------------------------------------------------------------


class _Ticket:
    __slots__ = ("escalated", "events", "level", "number", "rank")

    def __init__(self, number: int, rank: int, level: str, created: Created) -> None:
        self.number, self.rank, self.level = number, rank, level
        self.events: list[Event] = [created]
        self.escalated = False


def simulate(desk: Desk, start: dt.datetime, end: dt.datetime, *, seed: int = 0) -> Simulation:
    """Simulate ``desk`` from ``start`` to ``end`` and judge every ticket by its policy.

    Tickets still open at ``end`` are judged at ``end`` as they stand.

    >>> import datetime as dt
    >>> from servicedesk_core import BusinessCalendar, FOUR_TIER, Metric, SLAPolicy
    >>> always = BusinessCalendar.always_open()
    >>> policy = SLAPolicy(name="1 h", scheme=FOUR_TIER, calendar=always,
    ...     targets={Metric.FIRST_RESPONSE: dict.fromkeys(FOUR_TIER.names, dt.timedelta(hours=1))})
    >>> desk = Desk(policy=policy, arrivals=Arrivals(per_hour={"phone": 4}),
    ...             priorities={"High": 1, "Low": 3}, handle_times="PT10M",
    ...             rosters=[Roster(agents=2, calendar=always)])
    >>> start = dt.datetime(2026, 11, 16, tzinfo=dt.UTC)
    >>> run = simulate(desk, start, start + dt.timedelta(days=2), seed=7)
    >>> run == simulate(desk, start, start + dt.timedelta(days=2), seed=7)
    True
    >>> len(run.tickets) > 150, [a.rate > 0.99 for a in run.summary.attainment()]
    (True, [True, True])

    Raises:
        ConfigError: ``end`` not after ``start``, no roster works within the
            horizon, more than 2,000,000 tickets expected from the arrivals, or
            a seed that is not an integer.
        NaiveDatetimeError: ``start`` or ``end`` has no timezone.
    """
    desk = convert.instance(Desk, desk, "desk")
    seed = convert.integer(seed, "seed")
    t0, t1 = (
        to_us(convert.aware_datetime(start, "start")),
        to_us(convert.aware_datetime(end, "end")),
    )
    if t1 <= t0:
        raise ConfigError(f"the horizon ends ({end}) before it starts ({start})", field="end")
    expected = desk.arrivals.per_week * (t1 - t0) / (_WEEK_HOURS * _HOUR_US)
    if expected > _MAX_TICKETS:
        raise ConfigError(
            f"the horizon expects about {expected:.3g} tickets; a simulation takes at most "
            f"{_MAX_TICKETS:,} (shorten the horizon or split it)",
            field="end",
        )
    tz = zone(desk.arrivals.timezone)
    rng = random.Random(seed)
    shifts = [_shifts(roster.calendar, t0, t1) for roster in desk.rosters]
    if not any(shifts):
        raise ConfigError("no roster is open at any time within the horizon", field="end")
    return _Run(desk, rng, tz, t0, t1, shifts).run()


def _shifts(calendar: Calendar, t0: int, t1: int) -> list[tuple[int, int]]:
    return [
        (to_us(a), to_us(b))
        for a, b in calendar.open_intervals(from_us(t0, calendar.tz), from_us(t1, calendar.tz))
    ]


_Queue = list[tuple[int, int, _Ticket]]  # (urgency, arrival number, ticket): a heap


class _Run:
    """One simulation (private): the event heap, the queues and the agents."""

    ARRIVE, FINISH, SHIFT, SAMPLE = 0, 1, 2, 3

    def __init__(
        self,
        desk: Desk,
        rng: random.Random,
        tz: dt.tzinfo,
        t0: int,
        t1: int,
        shifts: list[list[tuple[int, int]]],
    ) -> None:
        self.desk, self.rng, self.tz, self.t0, self.t1 = desk, rng, tz, t0, t1
        self.shifts = shifts
        self.starts = [[a for a, _b in intervals] for intervals in shifts]
        self.ends = [[b for _a, b in intervals] for intervals in shifts]
        self.free = [roster.agents for roster in desk.rosters]
        self.queues: tuple[list[tuple[int, int, _Ticket]], list[tuple[int, int, _Ticket]]] = (
            [],
            [],
        )
        self.heap: list[tuple[int, int, int, Any]] = []
        self.counter = 0
        self.tickets: list[_Ticket] = []
        self.busy = [0, 0]
        self.queue: list[tuple[dt.datetime, int, int]] = []
        self.ranks = self._ranks()

    def _ranks(self) -> dict[str, int]:
        policy = self.desk.policy
        scheme = policy.scheme if isinstance(policy, SLAPolicy) else policy.rules[0].policy.scheme
        return {level.name: -level.rank for level in scheme}

    def push(self, at: int, kind: int, payload: object) -> None:
        self.counter += 1
        heapq.heappush(self.heap, (at, self.counter, kind, payload))

    def run(self) -> Simulation:
        self._arrivals()
        for index, intervals in enumerate(self.shifts):
            for a, _b in intervals:
                self.push(a, self.SHIFT, index)
        for at in range(self.t0, self.t1, _HOUR_US):
            self.push(at, self.SAMPLE, None)
        while self.heap:
            at, _n, kind, payload = heapq.heappop(self.heap)
            if at >= self.t1 and kind != self.FINISH:
                continue
            if at >= self.t1:
                break
            if kind == self.ARRIVE:
                ticket = payload
                heapq.heappush(self.queues[0], (ticket.rank, ticket.number, ticket))
                self._dispatch(at)
            elif kind == self.FINISH:
                self._finish(at, *payload)
            elif kind == self.SHIFT:
                self._dispatch(at)
            else:
                self.queue.append((from_us(at, self.tz), len(self.queues[0]), len(self.queues[1])))
        return self._result()

    def _arrivals(self) -> None:
        desk, rng = self.desk, self.rng
        names = [name for name, _w in desk.priorities]
        weights = [weight for _n, weight in desk.priorities]
        arrivals = []
        for channel, rates in desk.arrivals.per_hour:
            hour = self.t0 - self.t0 % _HOUR_US
            while hour < self.t1:
                local = from_us(hour, self.tz)
                rate = rates[local.weekday() * 24 + local.hour]
                if rate > 0:
                    gap = rng.expovariate(rate)  # in hours; may be huge for a tiny rate
                    at = 0.0
                    while (at := at + gap) < 1.0:
                        t = hour + int(at * _HOUR_US)
                        if self.t0 <= t < self.t1:
                            arrivals.append((t, channel))
                        gap = rng.expovariate(rate)
                hour += _HOUR_US
        arrivals.sort(key=lambda item: item[0])
        for number, (t, channel) in enumerate(arrivals):
            level = rng.choices(names, weights)[0]
            created = Created(at=from_us(t, self.tz), priority=level, channel=channel)
            ticket = _Ticket(number, self.ranks.get(level, 0), level, created)
            self.tickets.append(ticket)
            self.push(t, self.ARRIVE, ticket)

    def _working(self, index: int, at: int) -> bool:
        i = bisect_right(self.starts[index], at) - 1
        return i >= 0 and at < self.ends[index][i]

    def _dispatch(self, at: int) -> None:
        for index, roster in enumerate(self.desk.rosters):
            queue = self.queues[roster.tier - 1]
            while self.free[index] and queue and self._working(index, at):
                ticket = self._take(queue, roster.priorities)
                if ticket is None:
                    break
                self.free[index] -= 1
                tier = roster.tier
                if tier == 1:
                    ticket.events.append(AgentReplied(at=from_us(at, self.tz)))
                mean = self.desk.handle_times[tier - 1] / dt.timedelta(microseconds=1)
                took = max(1, int(self.rng.expovariate(1.0) * mean))
                self.busy[tier - 1] += took
                self.push(at + took, self.FINISH, (index, ticket))

    @staticmethod
    def _take(
        queue: list[tuple[int, int, _Ticket]], covers: frozenset[str] | None
    ) -> _Ticket | None:
        if covers is None:
            return heapq.heappop(queue)[2]
        for item in sorted(queue):
            if item[2].level in covers:
                queue.remove(item)
                heapq.heapify(queue)
                return item[2]
        return None

    def _finish(self, at: int, index: int, ticket: _Ticket) -> None:
        self.free[index] += 1
        when = from_us(at, self.tz)
        if self.desk.rosters[index].tier == 1 and self.rng.random() < self.desk.escalation:
            ticket.escalated = True
            ticket.events.append(
                Assigned(at=when, escalated=True, team=self.desk.tier2_team, tier=2)
            )
            heapq.heappush(self.queues[1], (ticket.rank, ticket.number, ticket))
        else:
            ticket.events.append(Resolved(at=when))
        self._dispatch(at)

    def _result(self) -> Simulation:
        end = from_us(self.t1, self.tz)
        logs = [ticket.events for ticket in self.tickets]
        outcomes = evaluate_many(self.desk.policy, logs, end, ignore_later=True)
        rostered = [0, 0]
        for roster, intervals in zip(self.desk.rosters, self.shifts, strict=True):
            rostered[roster.tier - 1] += roster.agents * sum(b - a for a, b in intervals)
        return Simulation(
            tuple(
                SimulatedTicket(tuple(ticket.events), outcome, ticket.escalated)
                for ticket, outcome in zip(self.tickets, outcomes, strict=True)
            ),
            summarize_outcomes(outcomes, logs, tz=self.tz),
            tuple(self.queue),
            tuple(
                (tier, min(1.0, self.busy[tier - 1] / rostered[tier - 1]))
                for tier in (1, 2)
                if rostered[tier - 1]
            ),
        )


# --- sweeps ---------------------------------------------------------------------------------


@attrs.frozen
class Sweep(Table):
    """One simulation per scenario value, side by side."""

    values: tuple[object, ...]
    runs: tuple[Simulation, ...]

    def to_rows(self) -> list[Row]:
        """Return one row per scenario and priority and metric: attainment and occupancy."""
        rows: list[Row] = []
        for value, run in zip(self.values, self.runs, strict=True):
            occupancy = dict(run.occupancy)
            for item in run.summary.attainment():
                rows.append(
                    {
                        "scenario": value if isinstance(value, int | float | str) else repr(value),
                        "priority": item.priority,
                        "metric": item.metric.value
                        if hasattr(item.metric, "value")
                        else str(item.metric),
                        "attainment": item.rate,
                        "tickets": len(run.tickets),
                        "occupancy_tier1": occupancy.get(1),
                        "occupancy_tier2": occupancy.get(2),
                    }
                )
        return rows


def sweep(
    build: Callable[[_T], Desk],
    values: Iterable[_T],
    start: dt.datetime,
    end: dt.datetime,
    *,
    seed: int = 0,
    progress: Callable[[int, int], None] | bool = False,
) -> Sweep:
    """Simulate one desk per scenario value (agents 5..15, business vs calendar hours).

    Every scenario uses the same seed, so they differ only by the value.
    ``progress`` is called with ``(done, total)`` after each run; ``True``
    shows a tqdm progress bar when the ``progress`` extra is installed (and
    nothing when it is not).

    Raises:
        ConfigError: a built desk or the horizon is invalid, or ``progress`` is
            neither callable nor a flag.
    """
    values = tuple(values)  # an iterator is read once, and each value kept with its run
    if not (isinstance(progress, bool) or callable(progress)):
        raise ConfigError(
            f"expected a callable or true/false, got {convert.describe(progress)}",
            field="progress",
        )
    report: Callable[[int, int], None] | None
    bar = None
    if progress is True:
        try:
            bar = optional_module("tqdm.auto").tqdm(total=len(values))
        except ModuleNotFoundError:
            bar = None
        report = None if bar is None else (lambda _done, _total: bar.update(1))
    else:
        report = progress or None
    runs = []
    try:
        for done, value in enumerate(values, start=1):
            runs.append(simulate(build(value), start, end, seed=seed))
            if report is not None:
                report(done, len(values))
    finally:
        if bar is not None:
            bar.close()
    return Sweep(tuple(values), tuple(runs))
