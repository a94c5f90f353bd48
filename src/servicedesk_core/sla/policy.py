"""SLA policies, the behaviour choices they make, and the ordered set that picks one.

An :class:`SLAPolicy` holds a target range per metric and priority level, the
statuses that pause each metric, and one setting per behaviour choice (each an
enum with a documented default). A :class:`PolicySet` picks the policy for a
ticket by ordered :class:`Condition` s on its ``Created`` event: the first
matching rule wins and the answer names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.events import Channel, Created, Event
from servicedesk_core.priority import PriorityScheme
from servicedesk_core.sla.replay import replay
from servicedesk_core.sla.results import SLAReport
from servicedesk_core.sla.settings import (
    DEFAULT_PAUSED_BY,
    DEFAULT_STATUSES,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
)
from servicedesk_core.sla.targets import Metric, Target, TargetRange

__all__ = [
    "Condition",
    "PolicyRule",
    "PolicySet",
    "SLAPolicy",
    "Selection",
]


TargetSpec = TargetRange | Target | dt.timedelta | None
"""A target as written in a policy: a range, a single breach target, a duration, or
``None`` (no target for that level: the metric is not applicable, "best effort")."""

_Targets = tuple[tuple[Metric, tuple[tuple[str, TargetRange | None], ...]], ...]


def _to_targets(value: Mapping[Metric, Mapping[str, TargetSpec]] | _Targets) -> _Targets:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for metric, levels in items:
        metric = Metric(metric)
        level_items = levels.items() if isinstance(levels, Mapping) else levels
        out.append(
            (
                metric,
                tuple(
                    (
                        str(name),
                        None if spec is None else TargetRange.of(spec),
                    )
                    for name, spec in level_items
                ),
            )
        )
    return tuple(sorted(out, key=lambda item: list(Metric).index(item[0])))


def _to_paused_by(
    value: Mapping[Metric, Iterable[str]] | Iterable[tuple[Metric, Iterable[str]]],
) -> tuple[tuple[Metric, frozenset[str]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    merged = {Metric(metric): frozenset(statuses) for metric, statuses in items}
    return tuple((metric, merged[metric]) for metric in Metric if merged.get(metric))


def _to_calendars(
    value: Mapping[str, Calendar] | Iterable[tuple[str, Calendar]],
) -> tuple[tuple[str, Calendar], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted(((str(name), cal) for name, cal in items), key=lambda item: item[0]))


@attrs.frozen(kw_only=True)
class _Resolved:
    """A level's target range with its calendar looked up."""

    target: TargetRange
    calendar: Calendar


@attrs.frozen(kw_only=True)
class SLAPolicy:
    """Targets per metric and priority level, pause statuses and behaviour choices.

    Args:
        name: What reports call this policy.
        scheme: The priority scheme whose levels the targets cover.
        calendar: The business calendar targets run on unless they name another.
        targets: ``{metric: {level name: target}}``. A metric listed must give
            every level of the scheme a target; ``None`` says the level has none
            ("best effort"). Metrics not listed are not applicable.
        calendars: Further calendars that targets name (``Target(calendar="on-call")``).
        statuses: The statuses a ticket may be in; the first is a new ticket's.
        paused_by: ``{metric: statuses}`` that pause the metric's clock.
        on_priority_change: See :class:`OnPriorityChange`.
        on_reopen: See :class:`OnReopen`.
        out_of_hours: See :class:`OutOfHoursStart`.
        internal_note_is_response: Whether an internal note answers the customer
            (default no: only public replies and resolutions do).

    Raises:
        ConfigError: a level without a target, an unknown level or calendar
            name, something that is not a calendar, a pause status not in
            ``statuses``.
    """

    name: str
    scheme: PriorityScheme
    calendar: Calendar
    targets: _Targets = attrs.field(converter=_to_targets)
    calendars: tuple[tuple[str, Calendar], ...] = attrs.field(default=(), converter=_to_calendars)
    statuses: tuple[str, ...] = attrs.field(default=DEFAULT_STATUSES, converter=tuple)
    paused_by: tuple[tuple[Metric, frozenset[str]], ...] = attrs.field(
        default=DEFAULT_PAUSED_BY, converter=_to_paused_by
    )
    on_priority_change: OnPriorityChange = OnPriorityChange.RECOMPUTE
    on_reopen: OnReopen = OnReopen.RESUME
    out_of_hours: OutOfHoursStart = OutOfHoursStart.COUNT
    internal_note_is_response: bool = False
    _table: dict[tuple[Metric, str], _Resolved | None] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _pauses: dict[Metric, frozenset[str]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    level_names: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)
    """The names of the scheme's levels."""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.calendar, Calendar):
            raise ConfigError(f"expected a calendar, got {self.calendar!r}", field="calendar")
        for name, other in self.calendars:
            if not isinstance(other, Calendar):
                raise ConfigError(f"expected a calendar, got {other!r}", field=f"calendars.{name}")
        if not self.statuses:
            raise ConfigError("a policy needs at least one status", field="statuses")
        if len(set(self.statuses)) != len(self.statuses):
            raise ConfigError(f"duplicate statuses in {self.statuses}", field="statuses")
        named = dict(self.calendars)
        table: dict[tuple[Metric, str], _Resolved | None] = {}
        names = [level.name for level in self.scheme]
        for metric, levels in self.targets:
            given = dict(levels)
            if len(given) != len(levels):
                raise ConfigError("a level is listed twice", field=f"targets.{metric.value}")
            for level_name in given:
                if level_name not in names:
                    raise ConfigError(
                        f"{level_name!r} is not a level of scheme {self.scheme.name!r}",
                        field=f"targets.{metric.value}.{level_name}",
                    )
            for level_name in names:
                field = f"targets.{metric.value}.{level_name}"
                if level_name not in given:
                    raise ConfigError("no target (write None for a level without one)", field=field)
                spec = given[level_name]
                if spec is None:
                    table[metric, level_name] = None
                    continue
                cal = spec.calendar
                if cal is None:
                    resolved = self.calendar
                elif isinstance(cal, str):
                    if cal not in named:
                        raise ConfigError(
                            f"unknown calendar {cal!r}; known: {sorted(named)}",
                            field=f"{field}.calendar",
                        )
                    resolved = named[cal]
                elif isinstance(cal, Calendar):
                    resolved = cal
                else:
                    raise ConfigError(
                        f"expected a calendar or a calendar name, got {cal!r}",
                        field=f"{field}.calendar",
                    )
                table[metric, level_name] = _Resolved(target=spec, calendar=resolved)
        for metric, statuses in self.paused_by:
            unknown = sorted(statuses - set(self.statuses))
            if unknown:
                raise ConfigError(
                    f"unknown statuses {unknown}; known: {list(self.statuses)}",
                    field=f"paused_by.{metric.value}",
                )
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_pauses", dict(self.paused_by))
        object.__setattr__(self, "level_names", frozenset(names))

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The metrics this policy sets targets for, in :class:`Metric` order."""
        return tuple(metric for metric, _levels in self.targets)

    def target(self, metric: Metric, level: str) -> TargetRange | None:
        """Return the target range of a metric for a level (``None``: no target).

        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
        >>> policy = SLAPolicy(name="p", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
        ...     targets={Metric.RESOLUTION: {"Critical": dt.timedelta(hours=4), "High": None,
        ...                                  "Medium": None, "Low": None}})
        >>> policy.target(Metric.RESOLUTION, "Critical").describe()
        'breach 4:00:00 business time'
        >>> policy.target(Metric.RESOLUTION, "Low") is None
        True

        Raises:
            KeyError: the policy has no such metric or level.
        """
        resolved = self._table[metric, level]
        return None if resolved is None else resolved.target

    def calendar_for(self, metric: Metric, level: str) -> Calendar:
        """Return the calendar a metric's clock runs on for a level.

        A level without a target measures on the policy's calendar.
        """
        resolved = self._table[metric, level]
        return self.calendar if resolved is None else resolved.calendar

    def pauses(self, metric: Metric) -> frozenset[str]:
        """Return the statuses that pause a metric's clock."""
        return self._pauses.get(metric, frozenset())

    def evaluate(self, events: Sequence[Event], now: dt.datetime) -> SLAReport:
        """Replay a ticket's events under this policy; see :func:`~servicedesk_core.evaluate`.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        return replay(self, None, events, now)

    def with_settings(self, **changes: object) -> SLAPolicy:
        """Return a copy with some fields changed (``on_reopen=OnReopen.NEW_CYCLE``)."""
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]


def _opt_frozenset(value: Iterable[object] | None) -> frozenset[object] | None:
    return None if value is None else frozenset(value)


def _opt_channels(value: Iterable[Channel | str] | None) -> frozenset[Channel] | None:
    if value is None:
        return None
    return frozenset(item if isinstance(item, Channel) else Channel(item) for item in value)


def _to_condition_attributes(
    value: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, frozenset[str]]],
) -> tuple[tuple[str, frozenset[str]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for key, allowed in items:
        values = frozenset([allowed]) if isinstance(allowed, str) else frozenset(allowed)
        out.append((str(key), values))
    return tuple(sorted(out, key=lambda item: item[0]))


@attrs.frozen(kw_only=True)
class Condition:
    """Facts a ticket's ``Created`` event must have for a rule to match.

    Every given part must hold: the priority is one of ``priorities``, the
    channel one of ``channels``, each attribute one of its allowed values, and
    the ticket carries all ``tags``. ``Condition()`` matches every ticket.

    >>> import datetime as dt
    >>> created = Created(at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), priority="High",
    ...                   channel="phone", attributes={"plan": "gold"})
    >>> Condition(priorities={"Critical", "High"}, channels={"phone"}).matches(created)
    True
    >>> Condition(attributes={"plan": ["silver", "bronze"]}).matches(created)
    False
    """

    priorities: frozenset[str] | None = attrs.field(default=None, converter=_opt_frozenset)
    channels: frozenset[Channel] | None = attrs.field(default=None, converter=_opt_channels)
    attributes: tuple[tuple[str, frozenset[str]], ...] = attrs.field(
        default=(), converter=_to_condition_attributes
    )
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)

    def matches(self, created: Created) -> bool:
        """Whether the ticket opened by ``created`` satisfies every part."""
        if self.priorities is not None and created.priority not in self.priorities:
            return False
        if self.channels is not None and created.channel not in self.channels:
            return False
        for key, allowed in self.attributes:
            if created.attribute(key) not in allowed:
                return False
        return self.tags <= created.tags

    def describe(self) -> str:
        """Say the condition in words.

        >>> Condition(channels={"phone"}, priorities={"High"}).describe()
        'priority in [High] and channel in [phone]'
        >>> Condition().describe()
        'always'
        """
        parts = []
        if self.priorities is not None:
            parts.append(f"priority in [{', '.join(sorted(self.priorities))}]")
        if self.channels is not None:
            parts.append(f"channel in [{', '.join(sorted(c.value for c in self.channels))}]")
        parts.extend(f"{key} in [{', '.join(sorted(vals))}]" for key, vals in self.attributes)
        if self.tags:
            parts.append(f"tagged {', '.join(sorted(self.tags))}")
        return " and ".join(parts) or "always"


@attrs.frozen(kw_only=True)
class PolicyRule:
    """One entry of a :class:`PolicySet`: a name, a condition and the policy it picks."""

    name: str
    policy: SLAPolicy
    when: Condition = Condition()

    def __attrs_post_init__(self) -> None:
        if self.when.priorities is not None:
            unknown = sorted(p for p in self.when.priorities if p not in self.policy.scheme)
            if unknown:
                raise ConfigError(
                    f"priorities {unknown} are not levels of scheme {self.policy.scheme.name!r}",
                    field=f"rules[{self.name}].when.priorities",
                )


@attrs.frozen(kw_only=True)
class Selection:
    """Which rule of a :class:`PolicySet` picked the policy, and why."""

    rule: str
    index: int
    policy: SLAPolicy
    condition: Condition

    def describe(self) -> str:
        """Say the selection in words."""
        return f"rule {self.index} {self.rule!r} ({self.condition.describe()})"

    def evaluate(self, events: Sequence[Event], now: dt.datetime) -> SLAReport:
        """Replay the log under the picked policy; the report names this selection.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        return replay(self.policy, self, events, now)


@attrs.frozen
class PolicySet:
    """Ordered rules; the first whose condition matches a ticket picks its policy.

    The policy is picked once, from the ``Created`` event; a later priority
    change re-targets within that policy (it has targets for every level).

    >>> import datetime as dt
    >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
    >>> def triage(name, calendar):
    ...     minutes = {level.name: dt.timedelta(minutes=15) for level in FOUR_TIER}
    ...     return SLAPolicy(name=name, scheme=FOUR_TIER, calendar=calendar,
    ...                      targets={Metric.FIRST_RESPONSE: minutes})
    >>> rules = PolicySet([
    ...     PolicyRule(name="on call", policy=triage("24x7", BusinessCalendar.always_open()),
    ...                when=Condition(channels={"phone"}, priorities={"Critical", "High"})),
    ...     PolicyRule(name="desk", policy=triage("desk", BusinessCalendar(
    ...         timezone="America/Chicago", hours="Mon-Fri 07:00-17:00"))),
    ... ])
    >>> at = dt.datetime(2026, 11, 21, 3, tzinfo=dt.UTC)
    >>> rules.select(Created(at=at, priority="High", channel="phone")).describe()
    "rule 0 'on call' (priority in [Critical, High] and channel in [phone])"
    >>> rules.select(Created(at=at, priority="High", channel="email")).policy.name
    'desk'

    Raises:
        ConfigError: no rules, or two rules with one name.
    """

    rules: tuple[PolicyRule, ...] = attrs.field(converter=tuple)

    def __attrs_post_init__(self) -> None:
        if not self.rules:
            raise ConfigError("a policy set needs at least one rule", field="rules")
        names = [rule.name for rule in self.rules]
        if len(set(names)) != len(names):
            raise ConfigError(f"rule names repeat: {names}", field="rules")

    def select(self, created: Created) -> Selection:
        """Return the first rule matching the ticket opened by ``created``.

        Raises:
            EventLogError: no rule matches (index 0, the ``Created`` event).
        """
        for index, rule in enumerate(self.rules):
            if rule.when.matches(created):
                return Selection(
                    rule=rule.name, index=index, policy=rule.policy, condition=rule.when
                )
        raise EventLogError("no policy rule matches this ticket", index=0)

    def evaluate(self, events: Sequence[Event], now: dt.datetime) -> SLAReport:
        """Pick the policy from the log's first event and replay the log under it.

        Raises:
            EventLogError: the log cannot be replayed, or no rule matches.
        """
        if not events:
            raise EventLogError("the log is empty; it starts with a Created event")
        first = events[0]
        if not isinstance(first, Created):
            raise EventLogError(f"a log starts with Created, not {type(first).__name__}", index=0)
        return self.select(first).evaluate(events, now)
