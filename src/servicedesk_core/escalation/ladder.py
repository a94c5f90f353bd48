"""Hierarchical escalation as data: an :class:`EscalationLadder` of :class:`Level` s and triggers.

A level (coordinator, supervisor, director...) falls due when any of its
:class:`Trigger` s fires: business or calendar time since creation, since the
ticket reached its current team or tier, or since the last agent update; a
fraction of an SLA target used; an SLA breach; the n-th customer request.
Levels can be scoped to priorities, teams and tiers, and measure time on their
own calendar. :meth:`EscalationLadder.evaluate` reads the event log (and the
SLA report of the same events) and says which levels were reached, which are
due, and when the next one falls due.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import duration_us
from servicedesk_core.calendar import BusinessCalendar, Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.escalation import _scope
from servicedesk_core.priority import PriorityScheme
from servicedesk_core.sla import Metric, MetricKey, PolicySet, SLAPolicy, SLAReport
from servicedesk_core.sla.targets import metric_or_name

if TYPE_CHECKING:
    from servicedesk_core.escalation.evaluation import LadderReport
    from servicedesk_core.escalation.state import TicketState
    from servicedesk_core.events import Event

__all__ = ["EscalationLadder", "Level", "OnResolve", "Since", "Trigger", "TriggerKind"]


class TriggerKind(enum.Enum):
    """What makes a level fall due."""

    ELAPSED = "elapsed"
    """Business (or calendar) time has passed since a starting point (see :class:`Since`)."""
    SLA_USED = "sla_used"
    """A fraction of an SLA target is used (read from the SLA report)."""
    SLA_BREACHED = "sla_breached"
    """An SLA target is breached."""
    REQUESTED = "requested"
    """The customer asked for escalation (the n-th ``EscalationRequested`` event)."""


class Since(enum.Enum):
    """Where an elapsed-time trigger starts counting."""

    CREATED = "created"
    """The ticket's creation (or, after a reset, its reopening)."""
    TEAM = "team"
    """When the ticket reached its current team or tier (an ``Assigned`` that moved it)."""
    AGENT_UPDATE = "agent_update"
    """The last public agent reply, or the creation ("not moving")."""


class OnResolve(enum.Enum):
    """What a resolution does to the ladder (default :attr:`RESET`).

    While a ticket is resolved or closed no level falls due, whatever the setting.
    """

    RESET = "reset"
    """The ladder starts again when the ticket is reopened, with no level reached, time
    counted from the reopen, requests and escalations from before its instant forgotten."""
    KEEP = "keep"
    """Levels reached stay reached; triggers keep their starting points."""


def _kind(value: TriggerKind | str) -> TriggerKind:
    return convert.enum_member(TriggerKind, value, "kind")


def _after(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return None if value is None else convert.duration(value, "after")


def _since(value: Since | str) -> Since:
    return convert.enum_member(Since, value, "since")


def _fraction(value: float | str | None) -> float | None:
    if value is None:
        return None
    return convert.number(value, "fraction", min_value=0, max_value=1, exclude_min=True)


def _metric(value: MetricKey | None) -> MetricKey | None:
    return None if value is None else metric_or_name(value, "metric")


def _count(value: int | str) -> int:
    return convert.integer(value, "count", min_value=1, max_value=1000)


@attrs.frozen(kw_only=True)
class Trigger:
    """One reason a level falls due; build it with the named constructors.

    >>> Trigger.elapsed("PT15M", since="team").describe()
    '0:15:00 since the ticket reached its team'
    >>> Trigger.sla_used(0.75, metric="resolution").describe()
    '75% of the resolution target used'
    >>> Trigger.requested(2).describe()
    'the customer asked 2 times'

    Raises:
        ConfigError: a field the kind does not use, or a missing one: an
            elapsed trigger needs ``after``, an SLA-used one a ``fraction`` in (0, 1].
    """

    kind: TriggerKind = attrs.field(converter=_kind)
    after: dt.timedelta | None = attrs.field(default=None, converter=_after)
    since: Since = attrs.field(default=Since.CREATED, converter=_since)
    fraction: float | None = attrs.field(default=None, converter=_fraction)
    metric: MetricKey | None = attrs.field(default=None, converter=_metric)
    count: int = attrs.field(default=1, converter=_count)
    _after_us: int = attrs.field(init=False, eq=False, hash=False, repr=False)
    """``after`` in microseconds (0 for other kinds): what an evaluation adds."""

    def __attrs_post_init__(self) -> None:
        uses = {
            TriggerKind.ELAPSED: {"after", "since"},
            TriggerKind.SLA_USED: {"fraction", "metric"},
            TriggerKind.SLA_BREACHED: {"metric"},
            TriggerKind.REQUESTED: {"count"},
        }[self.kind]
        defaults = {
            "after": None,
            "since": Since.CREATED,
            "fraction": None,
            "metric": None,
            "count": 1,
        }
        for name, default in defaults.items():
            if name not in uses and getattr(self, name) != default:
                raise ConfigError(f"a {self.kind.value} trigger has no {name}", field=name)
        if self.kind is TriggerKind.ELAPSED and self.after is None:
            raise ConfigError("an elapsed trigger needs after=<duration>", field="after")
        if self.kind is TriggerKind.SLA_USED and self.fraction is None:
            raise ConfigError("an sla_used trigger needs a fraction in (0, 1]", field="fraction")
        object.__setattr__(self, "_after_us", 0 if self.after is None else duration_us(self.after))

    @classmethod
    def elapsed(cls, after: dt.timedelta | str, *, since: Since | str = Since.CREATED) -> Trigger:
        """Due once ``after`` of the level's calendar time has passed ``since`` a starting point."""
        return cls(kind=TriggerKind.ELAPSED, after=after, since=since)

    @classmethod
    def sla_used(cls, fraction: float | str, *, metric: MetricKey | None = None) -> Trigger:
        """Due once ``fraction`` of an SLA target is used (``metric=None``: any metric).

        ``metric`` is a built-in :class:`~servicedesk_core.Metric` or a custom metric's name.
        """
        return cls(kind=TriggerKind.SLA_USED, fraction=fraction, metric=metric)

    @classmethod
    def sla_breached(cls, *, metric: MetricKey | None = None) -> Trigger:
        """Due once an SLA target is breached (``metric=None``: any metric)."""
        return cls(kind=TriggerKind.SLA_BREACHED, metric=metric)

    @classmethod
    def requested(cls, count: int | str = 1) -> Trigger:
        """Due once the customer asked for escalation ``count`` times."""
        return cls(kind=TriggerKind.REQUESTED, count=count)

    @property
    def uses_sla(self) -> bool:
        """Whether the trigger reads an SLA report."""
        return self.kind in (TriggerKind.SLA_USED, TriggerKind.SLA_BREACHED)

    def describe(self) -> str:
        """Say the trigger in words."""
        metric = self.metric.value if isinstance(self.metric, Metric) else self.metric
        target = f"the {metric} target" if metric else "an SLA target"
        match self.kind:
            case TriggerKind.ELAPSED:
                start = {
                    Since.CREATED: "creation",
                    Since.TEAM: "the ticket reached its team",
                    Since.AGENT_UPDATE: "the last agent update",
                }[self.since]
                return f"{self.after} since {start}"
            case TriggerKind.SLA_USED:
                return f"{self.fraction:.0%} of {target} used"
            case TriggerKind.SLA_BREACHED:
                return f"{target} breached"
            case TriggerKind.REQUESTED:
                return f"the customer asked {self.count} time{'s' if self.count > 1 else ''}"

    def _rank(self, calendar: Calendar) -> tuple[object, float] | None:
        """(what it measures, how far) for comparing triggers of successive levels."""
        match self.kind:
            case TriggerKind.ELAPSED:
                assert self.after is not None
                return (self.since, calendar), self.after.total_seconds()
            case TriggerKind.SLA_USED:
                assert self.fraction is not None
                return ("sla", self.metric), self.fraction
            case TriggerKind.SLA_BREACHED:
                return ("sla", self.metric), 1.0
            case TriggerKind.REQUESTED:
                return ("requested", None), self.count


def _level_name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _triggers(value: Trigger | Iterable[Trigger]) -> tuple[Trigger, ...]:
    listed = (
        (value,) if isinstance(value, Trigger) else convert.tuple_of(value, "triggers", _trigger)
    )
    if not listed:
        raise ConfigError("a level needs at least one trigger", field="triggers")
    return listed


def _trigger(value: object, field: str) -> Trigger:
    return convert.instance(Trigger, value, field)


def _priorities(value: _scope.Priorities) -> frozenset[str] | None:
    return _scope.level_names(value, "priorities")


def _teams(value: Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    return convert.frozenset_of(value, "teams", convert.text)


def _tiers(value: Iterable[int | str] | None) -> frozenset[int] | None:
    return None if value is None else convert.frozenset_of(value, "tiers", convert.integer)


def _calendar(value: Calendar | None) -> Calendar | None:
    return None if value is None else convert.instance(Calendar, value, "calendar")


@attrs.frozen(kw_only=True)
class Level:
    """One rung of a ladder: who takes notice, and what makes it fall due.

    Args:
        name: The level (``"supervisor"``); ``Escalated`` events name it.
        triggers: One trigger or several; the level falls due when any fires.
        priorities: Only tickets at these priorities (names or levels of the
            ladder's scheme); ``None``: every priority.
        teams: Only tickets held by these teams; ``None``: any.
        tiers: Only tickets at these tiers; ``None``: any.
        calendar: The calendar elapsed-time triggers count on; ``None``: the ladder's.

    >>> Level(name="supervisor", triggers=Trigger.elapsed("PT1H"), priorities=["High"]).priorities
    frozenset({'High'})
    """

    name: str = attrs.field(converter=_level_name)
    triggers: tuple[Trigger, ...] = attrs.field(converter=_triggers)
    priorities: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    teams: frozenset[str] | None = attrs.field(default=None, converter=_teams)
    tiers: frozenset[int] | None = attrs.field(default=None, converter=_tiers)
    calendar: Calendar | None = attrs.field(default=None, converter=_calendar)

    def overlaps(self, other: Level) -> bool:
        """Whether some ticket is in the scope of both levels."""
        return all(
            mine is None or theirs is None or bool(mine & theirs)
            for mine, theirs in (
                (self.priorities, other.priorities),
                (self.teams, other.teams),
                (self.tiers, other.tiers),
            )
        )


def _levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return convert.tuple_of(value, "levels", _level)


def _level(value: object, field: str) -> Level:
    return convert.instance(Level, value, field)


def _ladder_name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _ladder_calendar(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "calendar")


def _on_resolve(value: OnResolve | str) -> OnResolve:
    return convert.enum_member(OnResolve, value, "on_resolve")


@attrs.frozen(kw_only=True)
class EscalationLadder:
    """Levels of hierarchical escalation, lowest first, and how a resolution affects them.

    Args:
        name: What reports call the ladder.
        levels: Lowest first. A level is reached by an ``Escalated`` event
            naming it; reaching a level leaves the levels below it behind.
        calendar: The calendar elapsed-time triggers count on unless a level
            names its own (default: calendar time, ``BusinessCalendar.always_open()``).
        scheme: The priority scheme of levels scoped by priority; given, the
            events' priorities must be its levels.
        on_resolve: See :class:`OnResolve`.

    Raises:
        ConfigError: no levels, a level named twice, a priority without a
            scheme or unknown to it, or triggers that do not increase: a
            level's trigger must come later than a lower level's trigger of
            the same measure (same starting point and calendar, same SLA
            metric, request count) where both levels can apply to one ticket.

    >>> ladder = EscalationLadder(name="reseller", levels=[
    ...     Level(name="coordinator", triggers=Trigger.elapsed("PT4H")),
    ...     Level(name="supervisor", triggers=Trigger.elapsed("PT2H")),
    ... ])
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: levels[1].triggers: not increasing: 2:00:00 since creation is not later than level 'coordinator' (4:00:00 since creation)
    """  # noqa: E501

    name: str = attrs.field(converter=_ladder_name)
    levels: tuple[Level, ...] = attrs.field(converter=_levels)
    calendar: Calendar = attrs.field(
        factory=BusinessCalendar.always_open, converter=_ladder_calendar
    )
    scheme: PriorityScheme | None = attrs.field(default=None, converter=_scope.scheme_or_none)
    on_resolve: OnResolve = attrs.field(default=OnResolve.RESET, converter=_on_resolve)
    _index: dict[str, int] = attrs.field(init=False, eq=False, hash=False, repr=False)
    priority_names: frozenset[str] | None = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    """The scheme's level names (``None`` without a scheme)."""

    def __attrs_post_init__(self) -> None:
        if not self.levels:
            raise ConfigError("a ladder needs at least one level", field="levels")
        index: dict[str, int] = {}
        for position, level in enumerate(self.levels):
            if level.name in index:
                raise ConfigError(
                    f"level {level.name!r} is listed twice", field=f"levels[{position}]"
                )
            index[level.name] = position
            _scope.check_priorities(self.scheme, level.priorities, f"levels[{position}].priorities")
        object.__setattr__(self, "_index", index)
        names = None if self.scheme is None else frozenset(self.scheme.names)
        object.__setattr__(self, "priority_names", names)
        for upper, level in enumerate(self.levels):
            for lower in self.levels[:upper]:
                if level.overlaps(lower):
                    self._check_increasing(lower, level, upper)

    def _check_increasing(self, lower: Level, upper: Level, position: int) -> None:
        for high in upper.triggers:
            high_rank = high._rank(upper.calendar or self.calendar)
            for low in lower.triggers:
                low_rank = low._rank(lower.calendar or self.calendar)
                if (
                    high_rank
                    and low_rank
                    and high_rank[0] == low_rank[0]
                    and high_rank[1] <= low_rank[1]
                ):
                    raise ConfigError(
                        f"not increasing: {high.describe()} is not later than level "
                        f"{lower.name!r} ({low.describe()})",
                        field=f"levels[{position}].triggers",
                    )

    @property
    def level_names(self) -> tuple[str, ...]:
        """The levels' names, lowest first."""
        return tuple(level.name for level in self.levels)

    def position(self, name: str) -> int | None:
        """Return a level's position (0 for the lowest), or ``None`` for an unknown name."""
        return self._index.get(name)

    @property
    def uses_sla(self) -> bool:
        """Whether some level has an SLA trigger (then ``evaluate`` needs ``sla=``)."""
        return any(trigger.uses_sla for level in self.levels for trigger in level.triggers)

    def evaluate(
        self,
        events: Sequence[Event] | TicketState,
        now: dt.datetime,
        *,
        sla: SLAReport | SLAPolicy | PolicySet | None = None,
    ) -> LadderReport:
        """Replay a ticket's events: levels reached, levels due, and when the next falls due.

        ``events`` is the log, or the :class:`~servicedesk_core.TicketState` that
        :meth:`Workflow.replay <servicedesk_core.Workflow.replay>` made of it (the
        ladder then reads the state instead of walking the log a second time).
        Returns the :class:`~servicedesk_core.LadderReport` (see the guide
        "Lifecycle and escalation").
        """
        return _evaluation.evaluate(self, events, now, sla=sla)


# the evaluation reads this module's types: imported once they exist, not on every call
from servicedesk_core.escalation import evaluation as _evaluation  # noqa: E402
