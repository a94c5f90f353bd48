"""SLA metrics and targets: how long each answer may take, on which calendar.

A :class:`Target` is an amount of business time on a calendar, or a number of
business days. A :class:`TargetRange` pairs an optional *goal* with the
*breach* target ("2-4 hours": goal at 2 h, breach at 4 h) and lists the
:class:`WarningThreshold` s that fire before the breach.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import duration_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError

__all__ = ["Metric", "MetricKey", "Target", "TargetRange", "WarningThreshold", "metric_key"]


class Metric(enum.Enum):
    """What an SLA clock measures.

    >>> Metric("first_response")
    <Metric.FIRST_RESPONSE: 'first_response'>
    """

    FIRST_RESPONSE = "first_response"
    """From creation to the first public reply (or the resolution)."""
    NEXT_RESPONSE = "next_response"
    """From each customer message awaiting an answer to the next public reply; one cycle each."""
    PERIODIC_UPDATE = "periodic_update"
    """The customer hears from us at least this often while the ticket is open; one cycle per
    interval between public replies."""
    ESCALATION = "escalation"
    """From creation to the hand-over to the next tier (an escalating ``Assigned`` event)."""
    RESOLUTION = "resolution"
    """From creation to the resolution."""
    REQUESTER_WAIT = "requester_wait"
    """Zendesk's requester wait time, from creation to the resolution, counted while the
    ticket does not wait on the requester (paused by ``waiting_on_customer``)."""
    AGENT_WORK = "agent_work"
    """Zendesk's agent work time, from creation to the resolution, counted only while the
    ticket is new or open (paused by every waiting status)."""
    PAUSABLE_UPDATE = "pausable_update"
    """Zendesk's pausable update, a periodic update that pauses in every waiting status."""

    __hash__ = object.__hash__  # members are singletons; the C hash keeps lookups fast


MetricKey = Metric | str
"""A metric: a built-in :class:`Metric`, or the name of a policy's custom metric."""

_BUILTIN = {metric.value: metric for metric in Metric}


def metric_key(value: MetricKey) -> MetricKey:
    """Return a built-in metric for its value, anything else (a custom metric's name) as is.

    >>> metric_key("resolution"), metric_key("vendor_wait")
    (<Metric.RESOLUTION: 'resolution'>, 'vendor_wait')
    """
    if isinstance(value, Metric):
        return value
    return _BUILTIN.get(value, value)


def metric_or_name(value: object, field: str) -> MetricKey:
    """A built-in metric (its member, value or name in any case), or a custom metric's name.

    Raises:
        ConfigError: neither, nor non-blank text of at most 200 characters.

    >>> metric_or_name("RESOLUTION", "metric"), metric_or_name("vendor_wait", "metric")
    (<Metric.RESOLUTION: 'resolution'>, 'vendor_wait')
    """
    if isinstance(value, Metric):
        return value
    try:
        return convert.enum_member(Metric, value, field)
    except ConfigError:
        return metric_key(convert.text(value, field, allow_empty=False, max_length=200))


_MAX_HOURS = 24 * 366 * 100  # a century: past any calendar's horizon, within timedelta's range


def _duration(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return None if value is None else convert.duration(value, "duration")


def _business_days(value: int | str | None) -> int | None:
    return None if value is None else convert.integer(value, "business_days")


def _target_calendar(value: Calendar | str | None) -> Calendar | str | None:
    if value is None or isinstance(value, Calendar):
        return value
    if not isinstance(value, str):
        raise ConfigError(
            f"expected a calendar or a calendar name, got {convert.describe(value)}",
            field="calendar",
        )
    return convert.text(value, "calendar", allow_empty=False, max_length=200)


def _end_of_day(value: bool | str) -> bool:
    return convert.boolean(value, "end_of_day")


@attrs.frozen(kw_only=True)
class Target:
    """An amount of business time, or a number of business days, on a calendar.

    Exactly one of ``duration`` and ``business_days`` is given. ``calendar`` is
    ``None`` for the policy's calendar, the name of one of the policy's
    ``calendars``, or a calendar object (``BusinessCalendar.always_open()`` for
    around-the-clock time).

    A business-days target is due at ``calendar.add_days(start, n)`` (the start
    rolled forward to the next open instant, then the same wall time ``n``
    business days later); with ``end_of_day`` it is due at the close of that
    business day instead (the end of its last opening range), and ``n`` may be
    0 ("by the end of the business day"). At the start of its clock a
    business-days target becomes the open time between the start and that due
    instant; pauses then move the due instant like any other target.

    >>> Target(duration=dt.timedelta(hours=4))
    Target(duration=datetime.timedelta(seconds=14400), business_days=None, calendar=None, end_of_day=False)
    >>> Target(business_days=1).describe()
    '1 business day'

    Raises:
        ConfigError: neither or both of ``duration`` and ``business_days``, a
            duration that is not positive, a negative number of days.
    """  # noqa: E501

    duration: dt.timedelta | None = attrs.field(default=None, converter=_duration)
    business_days: int | None = attrs.field(default=None, converter=_business_days)
    calendar: Calendar | str | None = attrs.field(default=None, converter=_target_calendar)
    end_of_day: bool = attrs.field(default=False, converter=_end_of_day)

    def __attrs_post_init__(self) -> None:
        if (self.duration is None) == (self.business_days is None):
            raise ConfigError("give exactly one of duration and business_days", field="duration")
        if self.duration is not None:
            if self.duration <= dt.timedelta(0):
                raise ConfigError(f"must be positive, got {self.duration}", field="duration")
            if self.end_of_day:
                raise ConfigError("only business-days targets end of day", field="end_of_day")
        if self.business_days is not None:
            least = 0 if self.end_of_day else 1
            if self.business_days < least:
                raise ConfigError(
                    f"must be at least {least}, got {self.business_days}", field="business_days"
                )

    @classmethod
    def hours(cls, hours: float, *, calendar: Calendar | str | None = None) -> Target:
        """A target of ``hours`` of business time.

        >>> Target.hours(2).describe(), Target.hours(1, calendar="24x7").describe()
        ('2:00:00 business time', '1:00:00 business time on 24x7')
        """
        hours = convert.number(hours, "hours", min_value=0, exclude_min=True, max_value=_MAX_HOURS)
        return cls(duration=dt.timedelta(hours=hours), calendar=calendar)

    @classmethod
    def minutes(cls, minutes: float, *, calendar: Calendar | str | None = None) -> Target:
        """A target of ``minutes`` of business time.

        >>> Target.minutes(15).describe()
        '0:15:00 business time'
        """
        minutes = convert.number(
            minutes, "minutes", min_value=0, exclude_min=True, max_value=_MAX_HOURS * 60
        )
        return cls(duration=dt.timedelta(minutes=minutes), calendar=calendar)

    @classmethod
    def workdays(
        cls, days: int, *, end_of_day: bool = False, calendar: Calendar | str | None = None
    ) -> Target:
        """A target of ``days`` business days (by the end of the last one with ``end_of_day``).

        >>> Target.workdays(1).describe(), Target.workdays(0, end_of_day=True).describe()
        ('1 business day', 'end of 0 business days')
        """
        return cls(business_days=days, end_of_day=end_of_day, calendar=calendar)

    def describe(self) -> str:
        """Say the target in words.

        >>> Target(duration=dt.timedelta(minutes=90)).describe()
        '1:30:00 business time'
        >>> Target(business_days=0, end_of_day=True).describe()
        'end of 0 business days'
        """
        if self.duration is not None:
            text = f"{self.duration} business time"
        else:
            days = "day" if self.business_days == 1 else "days"
            text = f"{self.business_days} business {days}"
            if self.end_of_day:
                text = f"end of {text}"
        if isinstance(self.calendar, str):
            text += f" on {self.calendar}"
        elif self.calendar is not None:
            text += " on its own calendar"
        return text


def _fraction(value: float | str | None) -> float | None:
    return None if value is None else convert.number(value, "warnings")


def _before(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return None if value is None else convert.duration(value, "warnings")


@attrs.frozen
class WarningThreshold:
    """A warning before the breach: at a fraction of the target, or some time before it.

    ``WarningThreshold(0.75)`` fires when three quarters of the breach target
    are used up; ``WarningThreshold(before=timedelta(minutes=30))`` 30 minutes of
    business time before the breach. Warnings land inside business hours: they
    are instants on the target's calendar, never a midnight or a weekend.

    >>> WarningThreshold(0.5).counted_us(3_600_000_000)
    1800000000
    >>> WarningThreshold(before=dt.timedelta(minutes=15)).counted_us(3_600_000_000)
    2700000000

    Raises:
        ConfigError: neither or both given, a fraction outside (0, 1), a
            non-positive ``before``.
    """

    fraction: float | None = attrs.field(default=None, converter=_fraction)
    before: dt.timedelta | None = attrs.field(default=None, kw_only=True, converter=_before)

    def __attrs_post_init__(self) -> None:
        if (self.fraction is None) == (self.before is None):
            raise ConfigError("give exactly one of fraction and before", field="warnings")
        if self.fraction is not None and not 0 < self.fraction < 1:
            raise ConfigError(
                f"a warning fraction is in (0, 1), got {self.fraction}", field="warnings"
            )
        if self.before is not None and self.before <= dt.timedelta(0):
            raise ConfigError(f"must be positive, got {self.before}", field="warnings")

    def counted_us(self, budget_us: int) -> int:
        """Return the counted business time (microseconds) at which this warning fires."""
        if self.fraction is not None:
            return round(budget_us * self.fraction)
        assert self.before is not None
        return max(0, budget_us - duration_us(self.before))

    def describe(self) -> str:
        """Say the threshold in words.

        >>> WarningThreshold(0.75).describe()
        '75% of the target'
        """
        if self.fraction is not None:
            return f"{self.fraction:.0%} of the target"
        return f"{self.before} before the breach"


def _warning(value: object, field: str) -> WarningThreshold:
    if isinstance(value, WarningThreshold):
        return value
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return WarningThreshold(value)
    raise ConfigError(
        f"expected a WarningThreshold or a fraction, got {convert.describe(value)}", field=field
    )


def _to_warnings(values: Iterable[WarningThreshold | float]) -> tuple[WarningThreshold, ...]:
    return convert.tuple_of(values, "warnings", _warning)


def _to_target(value: object, field: str) -> Target:
    if isinstance(value, Target):
        return value
    if isinstance(value, dt.timedelta | str):
        return Target(duration=convert.duration(value, field))
    raise ConfigError(
        f"expected a Target, a duration or its ISO text, got {convert.describe(value)}",
        field=field,
    )


def _breach(value: Target | dt.timedelta | str) -> Target:
    return _to_target(value, "breach")


def _goal(value: Target | dt.timedelta | str | None) -> Target | None:
    return None if value is None else _to_target(value, "goal")


@attrs.frozen(kw_only=True)
class TargetRange:
    """The targets of one metric for one priority: breach, optional goal, warnings.

    ``goal`` and ``breach`` take a :class:`Target` or, for business time on the
    policy's calendar, a bare ``timedelta`` (or its ISO text).

    >>> TargetRange(goal=Target.hours(2), breach=Target.hours(4), warnings=[0.75]).describe()
    'goal 2:00:00 business time, breach 4:00:00 business time, warn at 75% of the target'
    >>> TargetRange(goal=dt.timedelta(hours=2), breach="PT4H") == TargetRange(
    ...     goal=Target.hours(2), breach=Target.hours(4))
    True

    Raises:
        ConfigError: goal and breach on different calendars, a goal after the
            breach, a warning at or after the breach.
    """

    breach: Target = attrs.field(converter=_breach)
    goal: Target | None = attrs.field(default=None, converter=_goal)
    warnings: tuple[WarningThreshold, ...] = attrs.field(default=(), converter=_to_warnings)

    def __attrs_post_init__(self) -> None:
        goal, breach = self.goal, self.breach
        if goal is not None:
            if goal.calendar != breach.calendar:
                raise ConfigError("goal and breach run on one calendar", field="goal.calendar")
            comparable = goal.duration is not None and breach.duration is not None
            later = comparable and goal.duration > breach.duration  # type: ignore[operator]
            if goal.business_days is not None and breach.business_days is not None:
                later = goal.end_of_day == breach.end_of_day and (
                    goal.business_days > breach.business_days
                )
            if later:
                raise ConfigError(
                    f"goal {goal.describe()} comes after breach {breach.describe()}", field="goal"
                )
        if breach.duration is not None:
            for warning in self.warnings:
                if warning.before is not None and warning.before >= breach.duration:
                    raise ConfigError(
                        f"warning {warning.describe()} is not after the start of a "
                        f"{breach.describe()} target",
                        field="warnings",
                    )

    @classmethod
    def of(cls, spec: TargetRange | Target | dt.timedelta | str) -> TargetRange:
        """Coerce a range, a single target or a duration (or its ISO text) to a range.

        >>> TargetRange.of(dt.timedelta(hours=1)).breach.duration
        datetime.timedelta(seconds=3600)

        Raises:
            ConfigError: anything else.
        """
        return spec if isinstance(spec, TargetRange) else cls(breach=spec)

    @property
    def calendar(self) -> Calendar | str | None:
        """The calendar both targets run on (``None``: the policy's)."""
        return self.breach.calendar

    def describe(self) -> str:
        """Say the range in words.

        >>> TargetRange(breach=Target(business_days=2)).describe()
        'breach 2 business days'
        """
        parts = [] if self.goal is None else [f"goal {self.goal.describe()}"]
        parts.append(f"breach {self.breach.describe()}")
        parts.extend(f"warn at {warning.describe()}" for warning in self.warnings)
        return ", ".join(parts)
