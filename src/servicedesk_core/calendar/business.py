"""The weekly business calendar: :class:`BusinessCalendar`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypeAlias
from zoneinfo import ZoneInfo

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import ONE_US, local_to_us, zone
from servicedesk_core.calendar.base import Calendar
from servicedesk_core.calendar.holiday_set import HolidaySet, HolidaysLike, to_holiday_set
from servicedesk_core.calendar.hours import (
    DayHours,
    TimeRange,
    WeeklyHours,
    to_ranges,
)
from servicedesk_core.calendar.timeline import DayRanges, Timeline
from servicedesk_core.errors import ConfigError

__all__ = ["BusinessCalendar", "Override"]

Override = tuple[dt.date, tuple[TimeRange, ...]]
"""Special hours for one date; no ranges means closed."""

OverridesLike: TypeAlias = (
    Mapping[dt.date, DayHours]
    | Mapping[str, DayHours]
    | Iterable[tuple[dt.date | str, DayHours]]
    | None
)
"""Per-date hours: a mapping (or pairs) from a date or ISO text to that date's hours."""


def _zone_name(value: str | dt.tzinfo) -> str:
    return zone(value).key


def _to_hours(
    value: WeeklyHours | str | Mapping[int, DayHours] | Mapping[str, DayHours],
) -> WeeklyHours:
    if isinstance(value, str):
        return WeeklyHours.parse(value)
    if isinstance(value, Mapping):
        return WeeklyHours(value)
    return convert.instance(WeeklyHours, value, "hours")


def _to_overrides(value: OverridesLike) -> tuple[Override, ...]:
    if value is None:
        return ()
    result: list[Override] = []
    for key, ranges in convert.pairs(value, "overrides"):
        day = convert.date(key, f"overrides[{convert.brief(key)}]")
        try:
            result.append((day, to_ranges(ranges)))
        except ConfigError as error:
            raise ConfigError(error.message, field=f"overrides[{day}]") from None
    convert.unique((day for day, _ranges in result), "overrides")
    return tuple(sorted(result))


def _offsets_us(ranges: Iterable[TimeRange]) -> tuple[tuple[int, int], ...]:
    return tuple((item.start_offset // ONE_US, item.end_offset // ONE_US) for item in ranges)


@attrs.frozen(kw_only=True)
class BusinessCalendar(Calendar):
    """Weekly opening hours in a timezone, with holidays and per-date overrides.

    A holiday cancels the ranges that start on it; an override replaces a
    date's ranges (and wins over a holiday on the same date).

    >>> import holidays
    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> desk = BusinessCalendar(
    ...     timezone="America/Chicago",
    ...     hours=WeeklyHours.parse("Mon-Fri 07:00-17:00"),
    ...     holidays=holidays.US(subdiv="TX"),
    ...     overrides={dt.date(2026, 12, 23): "07:00-12:00"},
    ... )
    >>> friday = datetime(2026, 11, 20, 16, 30, tzinfo=ZoneInfo("America/Chicago"))
    >>> desk.add(friday, timedelta(hours=4))
    datetime.datetime(2026, 11, 23, 10, 30, tzinfo=zoneinfo.ZoneInfo(key='America/Chicago'))
    >>> desk.elapsed(friday, desk.add(friday, timedelta(hours=4)))
    datetime.timedelta(seconds=14400)

    Raises:
        ConfigError: unknown timezone, malformed hours or overrides, or a
            calendar that is never open.
    """

    timezone: str = attrs.field(converter=_zone_name)
    hours: WeeklyHours = attrs.field(converter=_to_hours)
    holidays: HolidaySet = attrs.field(factory=HolidaySet, converter=to_holiday_set)
    overrides: tuple[Override, ...] = attrs.field(default=(), converter=_to_overrides)
    tz: ZoneInfo = attrs.field(init=False, eq=False, repr=False)
    _weekly: tuple[tuple[tuple[int, int], ...], ...] = attrs.field(init=False, eq=False, repr=False)
    _special: dict[int, tuple[tuple[int, int], ...]] = attrs.field(init=False, eq=False, repr=False)
    _overnight: bool = attrs.field(init=False, eq=False, repr=False)
    _timeline: Timeline = attrs.field(init=False, eq=False, repr=False, factory=Timeline)

    def __attrs_post_init__(self) -> None:
        if self.hours.is_empty() and not any(ranges for _, ranges in self.overrides):
            raise ConfigError("the calendar is never open", field="hours")
        object.__setattr__(self, "tz", zone(self.timezone))
        object.__setattr__(self, "_weekly", tuple(_offsets_us(day) for day in self.hours.days))
        special = {day.toordinal(): _offsets_us(ranges) for day, ranges in self.overrides}
        object.__setattr__(self, "_special", special)
        all_ranges = [*self.hours.days, *(ranges for _, ranges in self.overrides)]
        overnight = any(item.crosses_midnight for ranges in all_ranges for item in ranges)
        object.__setattr__(self, "_overnight", overnight)

    @classmethod
    def always_open(cls, timezone: str = "UTC") -> BusinessCalendar:
        """The 24x7 calendar: business time is wall time.

        >>> BusinessCalendar.always_open().hours
        WeeklyHours.parse('Daily 00:00-24:00')
        """
        return cls(timezone=timezone, hours=WeeklyHours.always())

    def with_overrides(self, overrides: OverridesLike) -> BusinessCalendar:
        """A copy with ``overrides`` added (replacing existing ones for the same dates)."""
        merged = dict(self.overrides)
        merged.update(_to_overrides(overrides))
        return attrs.evolve(self, overrides=tuple(merged.items()))

    def with_holidays(self, holidays: HolidaysLike) -> BusinessCalendar:
        """A copy with other holidays."""
        return attrs.evolve(self, holidays=holidays)

    def _compute_days(self, first: int, last: int) -> dict[int, DayRanges]:
        closed: set[int] = set()
        for year in range(dt.date.fromordinal(first).year, dt.date.fromordinal(last - 1).year + 1):
            closed.update(day.toordinal() for day in self.holidays.dates_in_year(year))
        days: dict[int, DayRanges] = {}
        for ordinal in range(first, last):
            offsets = self._special.get(ordinal)
            if offsets is None:
                offsets = () if ordinal in closed else self._weekly[(ordinal - 1) % 7]
            pairs = []
            for start, end in offsets:
                a, b = local_to_us(ordinal, start, self.tz), local_to_us(ordinal, end, self.tz)
                if a < b:  # a range wholly inside a DST gap holds no time
                    pairs.append((a, b))
            days[ordinal] = tuple(pairs)
        return days
