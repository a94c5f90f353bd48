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
from typing import Any

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.events import Channel, Created, Event
from servicedesk_core.priority import PriorityLevel, PriorityScheme
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


TargetSpec = TargetRange | Target | dt.timedelta | str | None
"""A target as written in a policy: a range, a single breach target, a duration (or its ISO
text, ``"PT4H"``), or ``None`` (no target for that level: the metric is not applicable,
"best effort")."""

_Targets = tuple[tuple[Metric, tuple[tuple[str, TargetRange | None], ...]], ...]
_LevelTargets = Mapping[str, TargetSpec] | Mapping[PriorityLevel, TargetSpec]
TargetsSpec = Mapping[Metric, _LevelTargets] | Mapping[str, _LevelTargets] | _Targets
"""Targets as written in a policy: ``{metric: {level: target}}``; metrics and levels may be
given by name."""
PausesSpec = (
    Mapping[Metric, Iterable[str]]
    | Mapping[str, Iterable[str]]
    | Iterable[tuple[Metric, Iterable[str]]]
)
"""Pauses as written in a policy: ``{metric: statuses}``; metrics may be given by name."""


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False)


def _scheme(value: PriorityScheme) -> PriorityScheme:
    return convert.instance(PriorityScheme, value, "scheme")


def _calendar(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "calendar")


def _metric(value: object, field: str) -> Metric:
    return convert.enum_member(Metric, value, field)


def _level(value: object, field: str) -> str:
    if isinstance(value, PriorityLevel):
        return value.name
    return convert.text(value, field, allow_empty=False)


def _target_range(value: object, field: str) -> TargetRange | None:
    if value is None:
        return None
    if not isinstance(value, TargetRange | Target | dt.timedelta | str):
        raise ConfigError(
            f"expected a TargetRange, Target, duration or None, got {convert.describe(value)}",
            field=field,
        )
    try:
        return TargetRange.of(value)
    except ConfigError as error:
        raise ConfigError(str(error), field=field) from None


def _to_targets(value: TargetsSpec) -> _Targets:
    out = []
    for key, levels in convert.pairs(value, "targets"):
        metric = _metric(key, "targets")
        field = f"targets.{metric.value}"
        out.append(
            (
                metric,
                tuple(
                    (name := _level(level, field), _target_range(spec, f"{field}.{name}"))
                    for level, spec in convert.pairs(levels, field)
                ),
            )
        )
    return tuple(sorted(out, key=lambda item: _METRIC_ORDER[item[0]]))


_METRIC_ORDER = {metric: index for index, metric in enumerate(Metric)}


def _status(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _statuses(value: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(value, "statuses", _status)


def _to_paused_by(value: PausesSpec) -> tuple[tuple[Metric, frozenset[str]], ...]:
    merged: dict[Metric, frozenset[str]] = {}
    for key, statuses in convert.pairs(value, "paused_by"):
        metric = _metric(key, "paused_by")
        merged[metric] = convert.frozenset_of(statuses, f"paused_by.{metric.value}", _status)
    return tuple((metric, merged[metric]) for metric in Metric if merged.get(metric))


def _to_calendars(
    value: Mapping[str, Calendar] | Iterable[tuple[str, Calendar]],
) -> tuple[tuple[str, Calendar], ...]:
    out = []
    for key, cal in convert.pairs(value, "calendars"):
        name = convert.text(key, "calendars", allow_empty=False, max_length=200)
        out.append((name, convert.instance(Calendar, cal, f"calendars.{name}")))
    return tuple(sorted(out, key=lambda item: item[0]))


def _on_priority_change(value: OnPriorityChange | str) -> OnPriorityChange:
    return convert.enum_member(OnPriorityChange, value, "on_priority_change")


def _on_reopen(value: OnReopen | str) -> OnReopen:
    return convert.enum_member(OnReopen, value, "on_reopen")


def _out_of_hours(value: OutOfHoursStart | str) -> OutOfHoursStart:
    return convert.enum_member(OutOfHoursStart, value, "out_of_hours")


def _internal_note_is_response(value: bool | str) -> bool:
    return convert.boolean(value, "internal_note_is_response")


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

    name: str = attrs.field(converter=_name)
    scheme: PriorityScheme = attrs.field(converter=_scheme)
    calendar: Calendar = attrs.field(converter=_calendar)
    targets: _Targets = attrs.field(converter=_to_targets)
    calendars: tuple[tuple[str, Calendar], ...] = attrs.field(default=(), converter=_to_calendars)
    statuses: tuple[str, ...] = attrs.field(default=DEFAULT_STATUSES, converter=_statuses)
    paused_by: tuple[tuple[Metric, frozenset[str]], ...] = attrs.field(
        default=DEFAULT_PAUSED_BY, converter=_to_paused_by
    )
    on_priority_change: OnPriorityChange = attrs.field(
        default=OnPriorityChange.RECOMPUTE, converter=_on_priority_change
    )
    on_reopen: OnReopen = attrs.field(default=OnReopen.RESUME, converter=_on_reopen)
    out_of_hours: OutOfHoursStart = attrs.field(
        default=OutOfHoursStart.COUNT, converter=_out_of_hours
    )
    internal_note_is_response: bool = attrs.field(
        default=False, converter=_internal_note_is_response
    )
    _table: dict[tuple[Metric, str], _Resolved | None] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _pauses: dict[Metric, frozenset[str]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    level_names: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)
    """The names of the scheme's levels."""

    def __attrs_post_init__(self) -> None:
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

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Replay a ticket's events under this policy; see :func:`~servicedesk_core.evaluate`.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        return replay(self, None, events, now, ignore_later=ignore_later)

    def with_settings(
        self,
        *,
        name: str | None = None,
        scheme: PriorityScheme | None = None,
        calendar: Calendar | None = None,
        targets: TargetsSpec | None = None,
        calendars: Mapping[str, Calendar] | None = None,
        statuses: Iterable[str] | None = None,
        paused_by: PausesSpec | None = None,
        on_priority_change: OnPriorityChange | str | None = None,
        on_reopen: OnReopen | str | None = None,
        out_of_hours: OutOfHoursStart | str | None = None,
        internal_note_is_response: bool | str | None = None,
    ) -> SLAPolicy:
        """Return a copy with the given settings changed; the others stay.

        Every value is converted and checked as the constructor does.

        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
        >>> policy = SLAPolicy(name="p", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
        ...     targets={"resolution": dict.fromkeys(FOUR_TIER.names, "PT8H")})
        >>> policy.with_settings(on_reopen="new_cycle").on_reopen
        <OnReopen.NEW_CYCLE: 'new_cycle'>

        Raises:
            ConfigError: a setting is not valid.
        """
        given: dict[str, Any] = {
            "name": name,
            "scheme": scheme,
            "calendar": calendar,
            "targets": targets,
            "calendars": calendars,
            "statuses": statuses,
            "paused_by": paused_by,
            "on_priority_change": on_priority_change,
            "on_reopen": on_reopen,
            "out_of_hours": out_of_hours,
            "internal_note_is_response": internal_note_is_response,
        }
        return attrs.evolve(
            self, **{key: value for key, value in given.items() if value is not None}
        )

    def with_pauses(self, paused_by: PausesSpec) -> SLAPolicy:
        """Return a copy in which more statuses pause some metrics (the others keep theirs).

        ``with_settings(paused_by=...)`` replaces the pauses; this extends them.

        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
        >>> policy = SLAPolicy(name="p", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
        ...     targets={"resolution": dict.fromkeys(FOUR_TIER.names, "PT8H")})
        >>> sorted(policy.with_pauses({"resolution": ["on_hold"]}).pauses(Metric.RESOLUTION))
        ['on_hold', 'waiting_on_customer']

        Raises:
            ConfigError: a metric or status is not valid.
        """
        merged = dict(self.paused_by)
        for metric, statuses in _to_paused_by(paused_by):
            merged[metric] = merged.get(metric, frozenset()) | statuses
        return attrs.evolve(self, paused_by=tuple(merged.items()))


def _priorities(value: Iterable[str | PriorityLevel] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "priorities", _level)


def _channel(value: object, field: str) -> Channel:
    return convert.enum_member(Channel, value, field)


def _channels(value: Iterable[Channel | str] | None) -> frozenset[Channel] | None:
    return None if value is None else convert.frozenset_of(value, "channels", _channel)


def _tag(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _tags(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "tags", _tag)


def _to_condition_attributes(
    value: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for key, allowed in convert.pairs(value, "attributes"):
        name = convert.text(key, "attributes", allow_empty=False, max_length=200)
        field = f"attributes.{name}"
        values = (
            frozenset([allowed])
            if isinstance(allowed, str)
            else convert.frozenset_of(allowed, field, convert.text)
        )
        out.append((name, values))
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

    priorities: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    channels: frozenset[Channel] | None = attrs.field(default=None, converter=_channels)
    attributes: tuple[tuple[str, frozenset[str]], ...] = attrs.field(
        default=(), converter=_to_condition_attributes
    )
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)

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


def _policy(value: SLAPolicy) -> SLAPolicy:
    return convert.instance(SLAPolicy, value, "policy")


def _condition(value: Condition) -> Condition:
    return convert.instance(Condition, value, "when")


@attrs.frozen(kw_only=True)
class PolicyRule:
    """One entry of a :class:`PolicySet`: a name, a condition and the policy it picks."""

    name: str = attrs.field(converter=_name)
    policy: SLAPolicy = attrs.field(converter=_policy)
    when: Condition = attrs.field(default=Condition(), converter=_condition)

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

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Replay the log under the picked policy; the report names this selection.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        return replay(self.policy, self, events, now, ignore_later=ignore_later)


def _rule(value: object, field: str) -> PolicyRule:
    return convert.instance(PolicyRule, value, field)


def _rules(value: Iterable[PolicyRule]) -> tuple[PolicyRule, ...]:
    return convert.tuple_of(value, "rules", _rule)


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

    rules: tuple[PolicyRule, ...] = attrs.field(converter=_rules)

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

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Pick the policy from the log's first event and replay the log under it.

        Raises:
            EventLogError: the log cannot be replayed, or no rule matches.
        """
        if not events:
            raise EventLogError("the log is empty; it starts with a Created event")
        first = events[0]
        if not isinstance(first, Created):
            raise EventLogError(f"a log starts with Created, not {type(first).__name__}", index=0)
        return self.select(first).evaluate(events, now, ignore_later=ignore_later)
