"""Evaluating a ladder on a ticket's events: levels reached, levels due, and the next instant.

:func:`evaluate` is a pure function of (ladder, events, now, SLA report). It
learns the ticket's facts (levels reached, requests, when the ticket reached
its team, the last agent update, resolutions and reopens) in one pass over the
log, or reads them from the ``TicketState`` a workflow replay made, then asks
each level above the highest one reached when its triggers fire. Elapsed time
goes through the level's calendar (``add``); SLA triggers read the report's
cycles and, for a running clock, find the instant a fraction is used with the
clock's own calendar. ``next_at`` is exact to the microsecond: nothing new is due one
microsecond before it, and a level is due at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._build import builder
from servicedesk_core._time import from_us, to_us
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.escalation.ladder import OnResolve, Since, Trigger, TriggerKind
from servicedesk_core.escalation.lifecycle import CONCRETE as _CONCRETE
from servicedesk_core.escalation.lifecycle import kind_of as _kind_of
from servicedesk_core.escalation.state import StatusCategory, TicketState, instants
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
)
from servicedesk_core.sla import ClockState, Cycle, PolicySet, SLAPolicy, SLAReport
from servicedesk_core.sla.replay import check_log

if TYPE_CHECKING:
    from servicedesk_core.escalation.ladder import EscalationLadder, Level

__all__ = ["LadderReport", "LevelDue", "evaluate"]

_SLASource = SLAReport | SLAPolicy | PolicySet | None
"""What ``sla=`` accepts: the SLA report of the same events at the same ``now``,
or a policy (or policy set) to evaluate them with."""

_STILL = (ClockState.RUNNING, ClockState.PENDING)
_FINAL = (StatusCategory.RESOLVED, StatusCategory.CLOSED)
_RESET = OnResolve.RESET
_ELAPSED, _REQUESTED = TriggerKind.ELAPSED, TriggerKind.REQUESTED


@attrs.frozen(kw_only=True)
class LevelDue:
    """A level due and not carried out: which trigger fired, and since when.

    ``since`` is ``None`` when the SLA report does not say when a fraction was used up.
    """

    level: str
    trigger: Trigger
    since: dt.datetime | None


@attrs.frozen(kw_only=True)
class LadderReport:
    """Where a ticket stands on a ladder at ``now`` (instants in the timezone of ``now``).

    Attributes:
        ladder: The ladder's name.
        now: The instant evaluated.
        active: Whether levels can fall due (``False`` while resolved or closed).
        level: The highest level reached since the last reset (``None``: none).
        reached: The ``Escalated`` events that carried levels out since the last
            reset, first per level, in log order (who, when and why).
        due: The levels due and not carried out, lowest first; each above the
            highest level reached (no level is due twice).
        next_at: When the next level falls due if no event arrives (``None``: never).
        next_level: That level's name.
        sla_next_change_at: The SLA report's ``next_change_at`` (``None`` without a report).
    """

    ladder: str
    now: dt.datetime
    active: bool
    level: str | None
    reached: tuple[Escalated, ...]
    due: tuple[LevelDue, ...]
    next_at: dt.datetime | None
    next_level: str | None
    sla_next_change_at: dt.datetime | None

    @property
    def wake_at(self) -> dt.datetime | None:
        """The earlier of ``next_at`` and the SLA's ``next_change_at`` (one timer per ticket).

        A host that evaluates the ticket again at this instant (or when an event
        arrives) misses no SLA change and no level falling due.
        """
        instants = [at for at in (self.next_at, self.sla_next_change_at) if at is not None]
        return min(instants, key=to_us) if instants else None


_level_due = builder(LevelDue)
_ladder_report = builder(LadderReport)


class _Ticket:
    """What the ladder knows of a ticket at ``now`` (private), and its triggers fired on it.

    The facts come from one pass over the log (:meth:`walk`) or from the state
    a workflow replay made (:meth:`read`). Requests and escalations are
    collected whole; :meth:`_settle` keeps those of the current round (at or
    after the last reopen, when the ladder resets).
    """

    __slots__ = (
        "active",
        "escalations",
        "ladder",
        "last_update",
        "now",
        "priority",
        "reached",
        "reopened",
        "report",
        "requests",
        "round_start",
        "team",
        "team_since",
        "tier",
    )

    def __init__(self, ladder: EscalationLadder, now: int) -> None:
        self.ladder, self.now = ladder, now
        self.report: SLAReport | None = None
        self.active = True
        self.priority = ""
        self.team = ""
        self.tier: int | None = None
        self.round_start = self.team_since = self.last_update = 0
        self.reopened: int | None = None
        self.requests: list[int] = []
        self.escalations: list[tuple[int, Escalated]] = []  # (position, event)
        self.reached: dict[int, Escalated] = {}

    def _settle(self) -> _Ticket:
        """Keep the current round's requests and escalations; note the levels reached."""
        if self.reopened is not None and self.ladder.on_resolve is _RESET:
            start = self.round_start = self.reopened
            self.requests = [t for t in self.requests if t >= start]
            self.escalations = [item for item in self.escalations if item[1]._us >= start]
        for position, event in self.escalations:
            self.reached.setdefault(position, event)
        return self

    def read(self, state: TicketState, now_dt: dt.datetime) -> _Ticket:
        """Take the facts a workflow replay already learned (no pass over the log)."""
        created, updated, team_since, replied, reopened = instants(state)
        if updated > self.now:
            raise EventLogError(
                f"the ticket's latest event ({state.updated_at}) is after now ({now_dt})"
            )
        self._check_priority(state.priority, None)
        self.priority, self.team, self.tier = state.priority, state.team, state.tier
        self.active = state.category not in _FINAL
        self.round_start, self.team_since, self.reopened = created, team_since, reopened
        self.last_update = created if replied is None else replied
        if state.escalation_requests:
            self.requests = [request._us for request in state.escalation_requests]
        if state.escalations:
            self.escalations = [(self._position(event, None), event) for event in state.escalations]
        return self._settle()

    def walk(self, events: Sequence[Event], now_dt: dt.datetime) -> _Ticket:
        """Learn the facts in one pass over the log, checking it."""
        if not isinstance(events, list | tuple):  # the common forms pass without an ABC check
            check_log(events)
        now = self.now
        if not events:
            raise EventLogError("the log is empty; it starts with a Created event")
        previous = None
        for index, event in enumerate(events):
            kind = type(event)
            if kind not in _CONCRETE:
                kind = _kind_of(event)  # type: ignore[assignment]
                if kind is None:
                    raise EventLogError(f"not an event: {convert.describe(event)}", index=index)
            t = event._us
            if (previous is not None and t < previous) or t > now:
                when = "is before the event before it" if t <= now else f"is after now ({now_dt})"
                raise EventLogError(f"{kind.__name__} at {event.at} {when}", index=index)
            previous = t
            if (index == 0) != (kind is Created):
                what = "a log starts with Created" if index == 0 else "a log has one Created event"
                raise EventLogError(f"{what}, not {kind.__name__}", index=index)
            step = _STEPS.get(kind)
            if step is not None:
                step(self, event, t, index)
        return self._settle()

    def _check_priority(self, priority: str, index: int | None) -> None:
        names = self.ladder.priority_names
        if names is not None and priority not in names:
            raise EventLogError(
                f"priority {priority!r} is not a level of the ladder's scheme", index=index
            )

    def _position(self, event: Escalated, index: int | None) -> int:
        ladder = self.ladder
        position = ladder.position(event.level)
        if position is None:
            raise EventLogError(
                f"level {convert.brief(event.level)} is not a level of ladder {ladder.name!r} "
                f"({', '.join(ladder.level_names)})",
                index=index,
            )
        return position

    def _priority(self, event: Created | PriorityChanged, t: int, index: int) -> None:
        self._check_priority(event.priority, index)
        self.priority = event.priority
        if index == 0:
            self.round_start = self.team_since = self.last_update = t

    def _assigned(self, event: Assigned, t: int, _index: int) -> None:
        team = event.team or self.team
        tier = self.tier if event.tier is None else event.tier
        if team != self.team or tier != self.tier or event.escalated:
            self.team_since = t  # reached a new team or tier
        self.team, self.tier = team, tier

    def _replied(self, event: AgentReplied, t: int, _index: int) -> None:
        if event.public:
            self.last_update = t

    def _requested(self, _event: EscalationRequested, t: int, _index: int) -> None:
        self.requests.append(t)

    def _escalated(self, event: Escalated, _t: int, index: int) -> None:
        self.escalations.append((self._position(event, index), event))

    def _resolved(self, _event: Resolved | Closed, _t: int, _index: int) -> None:
        self.active = False

    def _reopened(self, _event: Reopened, t: int, _index: int) -> None:
        self.active, self.reopened = True, t

    # --- firing triggers at now ---------------------------------------------------------

    def applies(self, level: Level) -> bool:
        return (
            (level.priorities is None or self.priority in level.priorities)
            and (level.teams is None or self.team in level.teams)
            and (level.tiers is None or self.tier in level.tiers)
        )

    def fire(self, level: Level, trigger: Trigger) -> tuple[bool, int | None]:
        """(due now, instant): a past instant when due (``None``: unknown), else the future one."""
        kind = trigger.kind
        if kind is _ELAPSED:
            since = trigger.since
            if since is Since.TEAM:
                origin = max(self.team_since, self.round_start)
            elif since is Since.AGENT_UPDATE:
                origin = max(self.last_update, self.round_start)
            else:
                origin = self.round_start
            calendar = level.calendar or self.ladder.calendar
            at = calendar.add_us(origin, trigger._after_us)
            return at <= self.now, at
        if kind is _REQUESTED:
            if len(self.requests) >= trigger.count:
                return True, self.requests[trigger.count - 1]
            return False, None
        return self._sla(trigger)

    def _cycles(self, trigger: Trigger) -> list[Cycle]:
        report = self.report
        if report is None:
            raise ConfigError(
                f"ladder {self.ladder.name!r} has SLA triggers; pass sla=the SLA report",
                field="sla",
            )
        metric = trigger.metric
        if isinstance(metric, str) and report.rule is None and metric not in report.policy.metrics:
            # a custom metric's name the policy lacks would never fire: a typo, most likely
            # (under a policy set another policy may measure it)
            raise ConfigError(
                f"ladder {self.ladder.name!r} has a trigger on metric {convert.brief(metric)}, "
                f"which SLA policy {report.policy.name!r} does not measure",
                field="sla",
            )
        start = self.round_start
        return [
            cycle
            for metric_report in report.metrics
            if metric is None or metric_report.metric == metric
            for cycle in metric_report.cycles
            if cycle.target is not None and (cycle.stopped_us is None or cycle.stopped_us > start)
        ]

    def _sla(self, trigger: Trigger) -> tuple[bool, int | None]:
        due, since, future = False, None, None
        start = self.round_start
        for cycle in self._cycles(trigger):
            if trigger.kind is TriggerKind.SLA_BREACHED:
                if cycle.state is ClockState.BREACHED:
                    assert cycle.breached_us is not None
                    at = max(cycle.breached_us, start)
                    due, since = True, at if since is None else min(since, at)
                elif cycle.state in _STILL and cycle.due_us is not None:
                    future = _earlier(future, cycle.due_us)
                continue
            assert trigger.fraction is not None
            assert cycle.remaining_us is not None
            budget = cycle.elapsed_us + cycle.remaining_us
            used = round(budget * trigger.fraction)
            if cycle.elapsed_us >= used:
                due = True
            elif cycle.stopped_us is None and cycle.state in _STILL:
                assert self.report is not None
                calendar = self.report.policy.calendar_for(cycle.metric, cycle.priority)
                begin = max(self.now, cycle.started_us)
                future = _earlier(future, calendar.add_us(begin, used - cycle.elapsed_us))
        return (True, since) if due else (False, future)


_STEPS: dict[type[Event], Callable[[_Ticket, Any, int, int], None]] = {
    Created: _Ticket._priority,
    PriorityChanged: _Ticket._priority,
    Assigned: _Ticket._assigned,
    AgentReplied: _Ticket._replied,
    EscalationRequested: _Ticket._requested,
    Escalated: _Ticket._escalated,
    Resolved: _Ticket._resolved,
    Closed: _Ticket._resolved,
    Reopened: _Ticket._reopened,
}
"""What each kind of event tells the ladder; the others tell it nothing."""


def _report_of(
    sla: _SLASource, events: Sequence[Event] | TicketState, now: dt.datetime, now_us: int
) -> SLAReport | None:
    if sla is None or isinstance(sla, SLAReport):
        if sla is not None and to_us(sla.now) != now_us:
            raise ConfigError(
                f"the SLA report is of {sla.now.isoformat()}, not of now ({now.isoformat()})",
                field="sla",
            )
        return sla
    if isinstance(sla, SLAPolicy | PolicySet):
        if isinstance(events, TicketState):
            raise ConfigError(
                "a ticket state has no events to evaluate a policy on; pass its SLA report",
                field="sla",
            )
        return sla.evaluate(events, now)
    raise ConfigError(f"expected an SLA report or policy, got {type(sla).__name__}", field="sla")


def _earlier(a: int | None, b: int) -> int:
    return b if a is None or b < a else a


def evaluate(
    ladder: EscalationLadder,
    events: Sequence[Event] | TicketState,
    now: dt.datetime,
    *,
    sla: _SLASource = None,
) -> LadderReport:
    """Say which levels of a ladder a ticket reached, which are due, and when the next falls due.

    Args:
        ladder: The ladder.
        events: The ticket's log: one ``Created`` first, then events in order.
            Or the :class:`~servicedesk_core.TicketState` a workflow replay of
            that log gave: the ladder then reads what the replay learned
            instead of walking the log again (same answer, less work).
        now: The instant to evaluate at (aware).
        sla: The SLA report of the same events at ``now`` (or a policy to
            make it); needed when a level has an SLA trigger.

    Returns:
        The :class:`LadderReport`.

    Raises:
        EventLogError: the log is empty, out of order, has events after
            ``now``, does not start with ``Created``, names a level the ladder
            lacks or a priority its scheme lacks.
        ConfigError: an SLA trigger without ``sla``, a report of another
            instant, or a policy given with a ticket state (a state has no events).
        NaiveDatetimeError: ``now`` has no timezone.
        DeadlineUnreachableError: an elapsed-time trigger needs more open time
            than its calendar has within its horizon.

    >>> from servicedesk_core.escalation import EscalationLadder, Level, Trigger
    >>> from servicedesk_core.events import Created, Escalated
    >>> ladder = EscalationLadder(name="reseller", levels=[
    ...     Level(name="coordinator", triggers=[Trigger.requested(), Trigger.elapsed("PT4H")]),
    ...     Level(name="supervisor", triggers=[Trigger.requested(2), Trigger.elapsed("PT8H")]),
    ... ])
    >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> log = [Created(at=at, priority="High")]
    >>> report = ladder.evaluate(log, at + dt.timedelta(hours=5))
    >>> [due.level for due in report.due], report.next_at.isoformat()
    (['coordinator'], '2026-03-02T17:00:00+00:00')
    >>> log.append(Escalated(at=at + dt.timedelta(hours=5), level="coordinator"))
    >>> report = ladder.evaluate(log, at + dt.timedelta(hours=5))
    >>> report.level, report.due, report.next_level
    ('coordinator', (), 'supervisor')
    """
    now_us = to_us(now)
    ticket = _Ticket(ladder, now_us)
    if isinstance(events, TicketState):
        ticket.read(events, now)
    else:
        ticket.walk(events, now)
    report = ticket.report = _report_of(sla, events, now, now_us)
    tz = now.tzinfo
    assert tz is not None  # to_us refused a naive now
    highest = max(ticket.reached, default=-1)
    due: list[LevelDue] = []
    next_us: int | None = None
    next_level = None
    if ticket.active:
        for level in ladder.levels[highest + 1 :]:
            if not ticket.applies(level):
                continue
            fired: Trigger | None = None
            fired_at: int | None = None  # the earliest known instant a trigger fired
            soonest: int | None = None
            for trigger in level.triggers:
                is_due, at = ticket.fire(level, trigger)
                if is_due:
                    if fired is None or (at is not None and (fired_at is None or at < fired_at)):
                        fired, fired_at = trigger, at
                elif at is not None and (soonest is None or at < soonest):
                    soonest = at
            if fired is not None:
                since = None if fired_at is None else from_us(fired_at, tz)
                due.append(_level_due(level.name, fired, since))
            elif soonest is not None and (next_us is None or soonest < next_us):
                next_us, next_level = soonest, level.name
    return _ladder_report(  # a LadderReport, its fields in order
        ladder.name,
        now if type(now) is dt.datetime else from_us(now_us, tz),  # now
        ticket.active,
        None if highest < 0 else ladder.levels[highest].name,  # level
        tuple(ticket.reached.values()),  # reached
        tuple(due),
        None if next_us is None else from_us(next_us, tz),  # next_at
        next_level,
        None if report is None else report.next_change_at,  # sla_next_change_at
    )
