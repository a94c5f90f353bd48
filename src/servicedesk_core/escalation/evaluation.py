"""Evaluating a ladder on a ticket's events: levels reached, levels due, and the next instant.

:func:`evaluate` is a pure function of (ladder, events, now, SLA report). It
walks the log once (levels reached, requests, when the ticket reached its team,
the last agent update, resolutions and reopens), then asks each level above
the highest one reached when its triggers fire. Elapsed time goes through the
level's calendar (``add``); SLA triggers read the report's cycles and, for a
running clock, find the instant a fraction is used with the clock's own
calendar. ``next_at`` is exact to the microsecond: nothing new is due one
microsecond before it, and a level is due at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

import attrs

from servicedesk_core._time import duration_us, from_us, to_us
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.escalation.ladder import OnResolve, Since, Trigger, TriggerKind
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

if TYPE_CHECKING:
    from servicedesk_core.escalation.ladder import EscalationLadder, Level

__all__ = ["LadderReport", "LevelDue", "LevelReached", "SLASource", "evaluate"]

SLASource = SLAReport | SLAPolicy | PolicySet | None
"""What ``sla=`` accepts: the SLA report of the same events at the same ``now``,
or a policy (or policy set) to evaluate them with."""

_STILL = (ClockState.RUNNING, ClockState.PENDING)


@attrs.frozen(kw_only=True)
class LevelReached:
    """A level carried out: the ``Escalated`` event that did it."""

    level: str
    at: dt.datetime
    by: str
    reason: str


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
    """Where a ticket stands on a ladder at ``now``.

    Attributes:
        ladder: The ladder's name.
        now: The instant evaluated.
        active: Whether levels can fall due (``False`` while resolved or closed).
        level: The highest level reached since the last reset (``None``: none).
        reached: The levels carried out since the last reset, in log order.
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
    reached: tuple[LevelReached, ...]
    due: tuple[LevelDue, ...]
    next_at: dt.datetime | None
    next_level: str | None
    sla_next_change_at: dt.datetime | None

    @property
    def wake_at(self) -> dt.datetime | None:
        """One timer per ticket: the earlier of ``next_at`` and the SLA's ``next_change_at``.

        A host that evaluates the ticket again at this instant (or when an event
        arrives) misses no SLA change and no level falling due.
        """
        instants = [at for at in (self.next_at, self.sla_next_change_at) if at is not None]
        return min(instants, key=to_us) if instants else None


class _Walk:
    """What one pass over the log learns (private)."""

    __slots__ = (
        "active",
        "last_update",
        "priority",
        "reached",
        "requests",
        "round_start",
        "team",
        "team_since",
        "tier",
    )

    def __init__(self) -> None:
        self.active = True
        self.priority = ""
        self.team = ""
        self.tier: int | None = None
        self.round_start = self.team_since = self.last_update = 0
        self.requests: list[int] = []
        self.reached: dict[int, tuple[int, Escalated]] = {}


def _walk(
    ladder: EscalationLadder, events: Sequence[Event], now: int, now_dt: dt.datetime
) -> _Walk:
    if not events:
        raise EventLogError("the log is empty; it starts with a Created event")
    walk = _Walk()
    reset = ladder.on_resolve is OnResolve.RESET
    previous = None
    for index, event in enumerate(events):
        if not isinstance(event, Event):
            raise EventLogError(f"not an event: {event!r}", index=index)
        t = event._us
        if previous is not None and t < previous:
            raise EventLogError(
                f"{type(event).__name__} at {event.at} is before the event before it", index=index
            )
        if t > now:
            raise EventLogError(
                f"{type(event).__name__} at {event.at} is after now ({now_dt})", index=index
            )
        previous = t
        if (index == 0) != isinstance(event, Created):
            what = "a log starts with Created" if index == 0 else "a log has one Created event"
            raise EventLogError(f"{what}, not {type(event).__name__}", index=index)
        match event:
            case Created() | PriorityChanged():
                _check_priority(ladder, event.priority, index)
                walk.priority = event.priority
                if index == 0:
                    walk.round_start = walk.team_since = walk.last_update = t
            case Assigned():
                team = event.team or walk.team
                tier = walk.tier if event.tier is None else event.tier
                if team != walk.team or tier != walk.tier or event.escalated:
                    walk.team_since = t
                walk.team, walk.tier = team, tier
            case AgentReplied():
                if event.public:
                    walk.last_update = t
            case EscalationRequested():
                walk.requests.append(t)
            case Escalated():
                position = ladder.position(event.level)
                if position is None:
                    raise EventLogError(
                        f"level {event.level!r} is not a level of ladder {ladder.name!r} "
                        f"({', '.join(ladder.level_names)})",
                        index=index,
                    )
                walk.reached.setdefault(position, (t, event))
            case Resolved() | Closed():
                walk.active = False
            case Reopened():
                walk.active = True
                if reset:
                    walk.round_start = t
                    walk.requests.clear()
                    walk.reached.clear()
            case _:
                pass
    return walk


def _check_priority(ladder: EscalationLadder, priority: str, index: int) -> None:
    if ladder.scheme is not None and priority not in ladder.scheme:
        raise EventLogError(
            f"priority {priority!r} is not a level of scheme {ladder.scheme.name!r}", index=index
        )


def _report_of(sla: SLASource, events: Sequence[Event], now: dt.datetime) -> SLAReport | None:
    if sla is None or isinstance(sla, SLAReport):
        if sla is not None and to_us(sla.now) != to_us(now):
            raise ConfigError(
                f"the SLA report is of {sla.now.isoformat()}, not of now ({now.isoformat()})",
                field="sla",
            )
        return sla
    if isinstance(sla, SLAPolicy | PolicySet):
        return sla.evaluate(events, now)
    raise ConfigError(f"expected an SLA report or policy, got {type(sla).__name__}", field="sla")


class _Judge:
    """Fires triggers at ``now`` for one walk (private)."""

    def __init__(
        self, ladder: EscalationLadder, walk: _Walk, report: SLAReport | None, now: int
    ) -> None:
        self.ladder, self.walk, self.report, self.now = ladder, walk, report, now

    def applies(self, level: Level) -> bool:
        walk = self.walk
        return (
            (level.priorities is None or walk.priority in level.priorities)
            and (level.teams is None or walk.team in level.teams)
            and (level.tiers is None or walk.tier in level.tiers)
        )

    def fire(self, level: Level, trigger: Trigger) -> tuple[bool, int | None]:
        """(due now, instant): a past instant when due (``None``: unknown), else the future one."""
        walk, now = self.walk, self.now
        match trigger.kind:
            case TriggerKind.ELAPSED:
                assert trigger.after is not None
                origin = {
                    Since.CREATED: walk.round_start,
                    Since.TEAM: walk.team_since,
                    Since.AGENT_UPDATE: walk.last_update,
                }[trigger.since]
                calendar = level.calendar or self.ladder.calendar
                at = calendar.add_us(max(origin, walk.round_start), duration_us(trigger.after))
                return at <= now, at
            case TriggerKind.REQUESTED:
                if len(walk.requests) >= trigger.count:
                    return True, walk.requests[trigger.count - 1]
                return False, None
            case TriggerKind.SLA_USED | TriggerKind.SLA_BREACHED:
                return self._sla(trigger)
            case _:
                assert_never(trigger.kind)

    def _cycles(self, trigger: Trigger) -> list[Cycle]:
        report = self.report
        if report is None:
            raise ConfigError(
                f"ladder {self.ladder.name!r} has SLA triggers; pass sla=the SLA report",
                field="sla",
            )
        start = self.walk.round_start
        return [
            cycle
            for metric_report in report.metrics
            if trigger.metric is None or metric_report.metric is trigger.metric
            for cycle in metric_report.cycles
            if cycle.target is not None and (cycle.stopped_us is None or cycle.stopped_us > start)
        ]

    def _sla(self, trigger: Trigger) -> tuple[bool, int | None]:
        due, since, future = False, None, None
        start = self.walk.round_start
        for cycle in self._cycles(trigger):
            if trigger.kind is TriggerKind.SLA_BREACHED:
                if cycle.state is ClockState.BREACHED:
                    assert cycle.breached_us is not None
                    at = max(cycle.breached_us, start)
                    due, since = True, at if since is None else min(since, at)
                elif cycle.state in _STILL and cycle.breach_us is not None:
                    future = _earlier(future, cycle.breach_us)
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


def _earlier(a: int | None, b: int) -> int:
    return b if a is None or b < a else a


def evaluate(
    ladder: EscalationLadder, events: Sequence[Event], now: dt.datetime, *, sla: SLASource = None
) -> LadderReport:
    """Say which levels of a ladder a ticket reached, which are due, and when the next falls due.

    Args:
        ladder: The ladder.
        events: The ticket's log: one ``Created`` first, then events in order.
        now: The instant to evaluate at (aware).
        sla: The SLA report of the same events at ``now`` (or a policy to
            make it); needed when a level has an SLA trigger.

    Returns:
        The :class:`LadderReport`.

    Raises:
        EventLogError: the log is empty, out of order, has events after
            ``now``, does not start with ``Created``, names a level the ladder
            lacks or a priority its scheme lacks.
        ConfigError: an SLA trigger without ``sla``, or a report of another instant.
        NaiveDatetimeError: ``now`` has no timezone.

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
    walk = _walk(ladder, events, now_us, now)
    report = _report_of(sla, events, now)
    tz = ladder.calendar.tz
    highest = max(walk.reached, default=-1)
    due: list[LevelDue] = []
    next_us: int | None = None
    next_level = None
    judge = _Judge(ladder, walk, report, now_us)
    if walk.active:
        for position in range(highest + 1, len(ladder.levels)):
            level = ladder.levels[position]
            if not judge.applies(level):
                continue
            fired: list[tuple[Trigger, int | None]] = []
            soonest: int | None = None
            for trigger in level.triggers:
                is_due, at = judge.fire(level, trigger)
                if is_due:
                    fired.append((trigger, at))
                elif at is not None:
                    soonest = _earlier(soonest, at)
            if fired:
                trigger, at = min(fired, key=_known_first)
                since = None if at is None else from_us(at, tz)
                due.append(LevelDue(level=level.name, trigger=trigger, since=since))
            elif soonest is not None and (next_us is None or soonest < next_us):
                next_us, next_level = soonest, level.name
    reached = tuple(
        LevelReached(level=event.level, at=from_us(t, tz), by=event.by, reason=event.reason)
        for t, event in walk.reached.values()  # first carried out first
    )
    return LadderReport(
        ladder=ladder.name,
        now=from_us(now_us, tz),
        active=walk.active,
        level=None if highest < 0 else ladder.levels[highest].name,
        reached=reached,
        due=tuple(due),
        next_at=None if next_us is None else from_us(next_us, tz),
        next_level=next_level,
        sla_next_change_at=None if report is None else report.next_change_at,
    )


def _known_first(item: tuple[Trigger, int | None]) -> tuple[bool, int]:
    return item[1] is None, item[1] or 0
