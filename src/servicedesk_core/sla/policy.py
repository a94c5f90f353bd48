"""SLA policies: targets per metric and level, pauses, custom metrics, behaviour choices.

An :class:`SLAPolicy` holds a target range per metric and priority level, the
statuses that pause each metric, the definitions of its custom metrics, and
one setting per behaviour choice (each with a documented default). Every
setting is converted and checked at construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._convert import Items
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Event
from servicedesk_core.priority import PriorityLevel, PriorityScheme
from servicedesk_core.priority.levels import level_name as _level
from servicedesk_core.sla.definitions import MetricDefinition, builtin_definition
from servicedesk_core.sla.replay import Plan, replay
from servicedesk_core.sla.results import SLAReport
from servicedesk_core.sla.settings import (
    DEFAULT_PAUSED_BY,
    DEFAULT_STATUSES,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
)
from servicedesk_core.sla.targets import (
    Metric,
    MetricKey,
    Target,
    TargetRange,
    metric_key,
    metric_or_name,
)

__all__ = ["PausesSpec", "SLAPolicy", "TargetSpec", "TargetsSpec"]


TargetSpec = TargetRange | Target | dt.timedelta | str | None
"""A target as written in a policy: a range, a single breach target, a duration (or its ISO
text, ``"PT4H"``), or ``None`` (no target for that level: the metric is not applicable,
"best effort")."""

TargetsSpec = Items[MetricKey, Items[str | PriorityLevel, TargetSpec]]
"""Targets as written in a policy: ``{metric: {level: target}}``, metrics and levels given as
members or by name, the targets of one metric of any mix of :data:`TargetSpec` kinds."""

PausesSpec = Items[MetricKey, Iterable[str]]
"""Pauses as written in a policy: ``{metric: statuses}``; metrics may be given by name."""

_Targets = tuple[tuple[MetricKey, tuple[tuple[str, TargetRange | None], ...]], ...]
_Pauses = tuple[tuple[MetricKey, frozenset[str]], ...]


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False)


def _scheme(value: PriorityScheme) -> PriorityScheme:
    return convert.instance(PriorityScheme, value, "scheme")


def _calendar(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "calendar")


_metric = metric_or_name


def _metric_name(metric: MetricKey) -> str:
    return metric.value if isinstance(metric, Metric) else metric


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
    except ConfigError as error:  # a bare target is the breach target: name the user's field only
        raise ConfigError(error.message, field=field) from None


def _to_targets(value: TargetsSpec) -> _Targets:
    out = []
    for key, levels in convert.pairs(value, "targets"):
        metric = _metric(key, "targets")
        field = f"targets.{_metric_name(metric)}"
        out.append(
            (
                metric,
                tuple(
                    (name := _level(level, field), _target_range(spec, f"{field}.{name}"))
                    for level, spec in convert.pairs(levels, field)
                ),
            )
        )
    convert.unique((metric for metric, _levels in out), "targets")
    return tuple(sorted(out, key=lambda item: _order(item[0])))


_METRIC_ORDER = {metric: index for index, metric in enumerate(Metric)}


def _order(metric: MetricKey) -> int:
    """Built-in metrics in :class:`Metric` order, custom ones after them as given."""
    return _METRIC_ORDER[metric] if isinstance(metric, Metric) else len(_METRIC_ORDER)


def _status(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _statuses(value: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(value, "statuses", _status)


def _to_paused_by(value: PausesSpec) -> _Pauses:
    merged: list[tuple[MetricKey, frozenset[str]]] = []
    for key, statuses in convert.pairs(value, "paused_by"):
        metric = _metric(key, "paused_by")
        field = f"paused_by.{_metric_name(metric)}"
        merged.append((metric, convert.frozenset_of(statuses, field, _status)))
    convert.unique((metric for metric, _statuses in merged), "paused_by")
    return tuple(sorted(merged, key=lambda item: _order(item[0])))


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


def _next_response_from_opening(value: bool | str) -> bool:
    return convert.boolean(value, "next_response_from_opening")


def _definition(value: object, field: str) -> MetricDefinition:
    return convert.instance(MetricDefinition, value, field)


def _custom_metrics(value: Iterable[MetricDefinition]) -> tuple[MetricDefinition, ...]:
    return convert.tuple_of(value, "custom_metrics", _definition)


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
        next_response_from_opening: Whether the next-response clock also runs
            on the opening message, as Zammad's update time does: a new
            ticket's message gets an answer due from its own arrival, and so
            does every customer message before the first reply (default no:
            next response starts only once the customer has had a response).
        custom_metrics: User-defined metrics
            (:class:`~servicedesk_core.sla.definitions.MetricDefinition`),
            given targets by name in ``targets``.

    Metrics and levels are given as members or by name, targets as ranges,
    targets, durations or ISO durations (``"PT4H"``), settings as members or
    their text values.

    Raises:
        ConfigError: a level without a target, an unknown level, metric or
            calendar name, something that is not a calendar, a pause status
            not in ``statuses``, a custom metric named like a built-in one or
            twice, a setting that is not one of its values.
    """

    name: str = attrs.field(converter=_name)
    scheme: PriorityScheme = attrs.field(converter=_scheme)
    calendar: Calendar = attrs.field(converter=_calendar)
    targets: _Targets = attrs.field(converter=_to_targets)
    calendars: tuple[tuple[str, Calendar], ...] = attrs.field(default=(), converter=_to_calendars)
    statuses: tuple[str, ...] = attrs.field(default=DEFAULT_STATUSES, converter=_statuses)
    paused_by: _Pauses = attrs.field(default=DEFAULT_PAUSED_BY, converter=_to_paused_by)
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
    next_response_from_opening: bool = attrs.field(
        default=False, converter=_next_response_from_opening
    )
    custom_metrics: tuple[MetricDefinition, ...] = attrs.field(
        default=(), converter=_custom_metrics
    )
    _table: dict[tuple[MetricKey, str], tuple[TargetRange | None, Calendar]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _pauses: dict[MetricKey, frozenset[str]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _plan: Plan = attrs.field(init=False, eq=False, hash=False, repr=False)
    level_names: frozenset[str] = attrs.field(init=False, eq=False, hash=False, repr=False)
    """The names of the scheme's levels."""

    def __attrs_post_init__(self) -> None:
        if not self.statuses:
            raise ConfigError("a policy needs at least one status", field="statuses")
        if len(set(self.statuses)) != len(self.statuses):
            raise ConfigError(f"duplicate statuses in {self.statuses}", field="statuses")
        custom = self._check_custom_metrics()
        names = [level.name for level in self.scheme]
        table: dict[tuple[MetricKey, str], tuple[TargetRange | None, Calendar]] = {}
        in_scheme_order = []
        for metric, levels in self.targets:
            field = f"targets.{_metric_name(metric)}"
            if not isinstance(metric, Metric) and metric not in custom:
                raise ConfigError(
                    f"unknown metric {metric!r}: not built in, and not one of the policy's "
                    f"custom metrics {sorted(custom)}",
                    field="targets",
                )
            given = dict(levels)
            if len(given) != len(levels):
                raise ConfigError("a level is listed twice", field=field)
            for level_name in given:
                if level_name not in names:
                    raise ConfigError(
                        f"{level_name!r} is not a level of scheme {self.scheme.name!r}",
                        field=f"{field}.{level_name}",
                    )
            for level_name in names:
                if level_name not in given:
                    raise ConfigError(
                        "no target (write None for a level without one)",
                        field=f"{field}.{level_name}",
                    )
                spec = given[level_name]
                cal = self.calendar if spec is None else self._calendar_of(spec, field, level_name)
                table[metric, level_name] = (spec, cal)
            in_scheme_order.append((metric, tuple((name, given[name]) for name in names)))
        pauses = {metric: definition.paused_by for metric, definition in custom.items()} | dict(
            self.paused_by
        )
        for metric, statuses in pauses.items():
            unknown = sorted(statuses - set(self.statuses))
            default = isinstance(metric, Metric) and statuses == DEFAULT_PAUSED_BY.get(metric)
            if unknown and (metric in custom or metric in self.metrics or not default):
                raise ConfigError(
                    f"unknown statuses {unknown}; known: {list(self.statuses)}",
                    field=f"paused_by.{_metric_name(metric)}",
                )
            if not isinstance(metric, Metric) and metric not in custom:
                raise ConfigError(f"unknown metric {metric!r}", field="paused_by")
        # Equal tables are equal policies, whatever order a host wrote the levels in.
        object.__setattr__(self, "targets", tuple(in_scheme_order))
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_pauses", pauses)
        object.__setattr__(self, "level_names", frozenset(names))
        object.__setattr__(self, "_plan", Plan(self, self.metrics, self.definitions))

    def _check_custom_metrics(self) -> dict[str, MetricDefinition]:
        custom: dict[str, MetricDefinition] = {}
        for index, definition in enumerate(self.custom_metrics):
            field = f"custom_metrics[{index}]"
            if isinstance(metric_key(definition.name), Metric):
                raise ConfigError(f"{definition.name!r} is a built-in metric", field=field)
            if definition.name in custom:
                raise ConfigError(f"{definition.name!r} is defined twice", field=field)
            unknown = sorted(definition.statuses - set(self.statuses))
            if unknown:
                raise ConfigError(
                    f"unknown statuses {unknown}; known: {list(self.statuses)}", field=field
                )
            custom[definition.name] = definition
        return custom

    def _calendar_of(self, spec: TargetRange, field: str, level: str) -> Calendar:
        cal = spec.calendar
        if cal is None:
            return self.calendar
        if isinstance(cal, Calendar):
            return cal
        named = dict(self.calendars)
        if cal not in named:
            raise ConfigError(
                f"unknown calendar {cal!r}; known: {sorted(named)}",
                field=f"{field}.{level}.calendar",
            )
        return named[cal]

    @property
    def metrics(self) -> tuple[MetricKey, ...]:
        """The metrics this policy sets targets for.

        Built-in ones in :class:`Metric` order, then custom ones in the order given.
        """
        return tuple(metric for metric, _levels in self.targets)

    @property
    def definitions(self) -> tuple[MetricDefinition, ...]:
        """How the policy measures each of its :attr:`metrics`, built-in ones included.

        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
        >>> policy = SLAPolicy(name="p", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
        ...     targets={"next_response": dict.fromkeys(FOUR_TIER.names, "PT1H")},
        ...     next_response_from_opening=True)
        >>> policy.definitions[0].describe()
        'starts on created or customer_message; stops on agent_response or resolved'
        """
        return tuple(self.definition(metric) for metric in self.metrics)

    def definition(self, metric: MetricKey) -> MetricDefinition:
        """How the policy measures a metric: its custom definition, or the built-in one.

        Raises:
            KeyError: a custom metric the policy does not define.
        """
        key = metric_key(metric)
        if isinstance(key, Metric):
            return builtin_definition(
                key,
                paused_by=self.pauses(key),
                on_reopen=self.on_reopen,
                next_response_from_opening=self.next_response_from_opening,
            )
        for definition in self.custom_metrics:
            if definition.name == key:
                return attrs.evolve(definition, paused_by=self.pauses(key))
        raise KeyError(f"policy {self.name!r} defines no metric {key!r}")

    def measures(self, metric: MetricKey) -> bool:
        """Whether the policy lists targets for ``metric`` (some level may have none)."""
        return any(key == metric_key(metric) for key, _levels in self.targets)

    def target(self, metric: MetricKey, level: str) -> TargetRange | None:
        """Return the target range of a metric for a level (``None``: no target).

        A metric the policy does not list has no target either.

        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
        >>> policy = SLAPolicy(name="p", scheme=FOUR_TIER, calendar=BusinessCalendar.always_open(),
        ...     targets={Metric.RESOLUTION: {"Critical": dt.timedelta(hours=4), "High": None,
        ...                                  "Medium": None, "Low": None}})
        >>> policy.target(Metric.RESOLUTION, "Critical").describe()
        'breach 4:00:00 business time'
        >>> policy.target(Metric.RESOLUTION, "Low"), policy.target("first_response", "Low")
        (None, None)

        Raises:
            KeyError: ``level`` is not a level of the policy's scheme.
        """
        if level not in self.level_names:
            raise KeyError(f"{level!r} is not a level of scheme {self.scheme.name!r}")
        found = self._table.get((metric_key(metric), level))
        return None if found is None else found[0]

    def calendar_for(self, metric: MetricKey, level: str) -> Calendar:
        """Return the calendar a metric's clock runs on for a level.

        A level (or a metric) without a target measures on the policy's calendar.
        """
        found = self._table.get((metric_key(metric), level))
        return self.calendar if found is None else found[1]

    def pauses(self, metric: MetricKey) -> frozenset[str]:
        """Return the statuses that pause a metric's clock."""
        return self._pauses.get(metric_key(metric), frozenset())

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Replay a ticket's events under this policy; see :func:`~servicedesk_core.evaluate`.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        return replay(self, None, events, now, plan=self._plan, ignore_later=ignore_later)

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
        next_response_from_opening: bool | str | None = None,
        custom_metrics: Iterable[MetricDefinition] | None = None,
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
            "next_response_from_opening": next_response_from_opening,
            "custom_metrics": custom_metrics,
        }
        return attrs.evolve(
            self, **{key: value for key, value in given.items() if value is not None}
        )

    def with_pauses(self, paused_by: PausesSpec) -> SLAPolicy:
        """Return a copy in which more statuses pause some metrics (the others keep theirs).

        ``with_settings(paused_by=...)`` replaces the pauses; this extends them (a custom
        metric's own pauses included).

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
            merged[metric] = self.pauses(metric) | statuses
        return attrs.evolve(self, paused_by=merged)
