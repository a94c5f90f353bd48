"""Hypothesis strategies for instants, durations, weekly hours and calendars."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.calendar import (
    BusinessCalendar,
    Calendar,
    CombinedCalendar,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)

__all__ = [
    "TRICKY_TIMEZONES",
    "aware_datetimes",
    "business_calendars",
    "calendars",
    "combined_calendars",
    "durations",
    "holiday_rules",
    "holiday_sets",
    "time_ranges",
    "weekly_hours",
]

TRICKY_TIMEZONES = (
    "America/Chicago",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Apia",
    "Africa/Casablanca",
    "UTC",
)
"""Zones that break naive code: DST both ways, 30-minute DST, odd offsets, a skipped day."""

_MIN = dt.datetime(2005, 1, 1)
_MAX = dt.datetime(2035, 12, 31)


def _check_bounds(min_value: object, max_value: object, kind: type) -> None:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, kind):
            raise InvalidArgument(f"{name} must be a {kind.__name__}, got {value!r}")
    if min_value > max_value:  # type: ignore[operator]
        raise InvalidArgument(f"min_value={min_value!r} is after max_value={max_value!r}")


def aware_datetimes(
    *,
    timezones: Sequence[str] = TRICKY_TIMEZONES,
    min_value: dt.datetime = _MIN,
    max_value: dt.datetime = _MAX,
) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in the given zones, wall times between naive ``min_value`` and ``max_value``.

    Includes wall times in DST gaps and both folds of ambiguous times.
    """
    _check_bounds(min_value, max_value, dt.datetime)
    if not timezones:
        raise InvalidArgument("timezones must not be empty")
    zones = [ZoneInfo(name) for name in timezones]
    return st.builds(
        lambda naive, tz, fold: naive.replace(tzinfo=tz, fold=fold),
        st.datetimes(min_value=min_value, max_value=max_value),
        st.sampled_from(zones),
        st.sampled_from((0, 1)),
    )


def durations(
    *,
    min_value: dt.timedelta = dt.timedelta(0),
    max_value: dt.timedelta = dt.timedelta(hours=500),
) -> st.SearchStrategy[dt.timedelta]:
    """Durations between the bounds: round business figures and exact microsecond values."""
    _check_bounds(min_value, max_value, dt.timedelta)
    round_figures = [
        dt.timedelta(minutes=minutes)
        for minutes in (0, 15, 30, 60, 120, 240, 480, 600, 1440, 3000, 24000)
        if min_value <= dt.timedelta(minutes=minutes) <= max_value
    ]
    exact = st.timedeltas(min_value=min_value, max_value=max_value)
    return st.one_of(st.sampled_from(round_figures), exact) if round_figures else exact


def time_ranges(*, allow_overnight: bool = True) -> st.SearchStrategy[TimeRange]:
    """Opening ranges on a 15-minute grid, possibly crossing midnight and up to 24 hours."""

    def build(start: int, quarters: int) -> TimeRange:
        if start and quarters == 96:
            quarters = 95  # only a range starting at midnight lasts a whole day
        return TimeRange(dt.time(start // 4, start % 4 * 15), dt.timedelta(minutes=15 * quarters))

    ranges = st.builds(
        build, st.integers(min_value=0, max_value=95), st.integers(min_value=1, max_value=96)
    )
    return ranges.filter(lambda item: allow_overnight or not item.crosses_midnight)


def weekly_hours(
    *, max_ranges_per_day: int = 3, allow_overnight: bool = True, allow_empty: bool = False
) -> st.SearchStrategy[WeeklyHours]:
    """Weekly hours with up to ``max_ranges_per_day`` (possibly overlapping) ranges a day."""
    if max_ranges_per_day < 1:
        raise InvalidArgument(f"max_ranges_per_day={max_ranges_per_day} must be at least 1")
    day = st.lists(time_ranges(allow_overnight=allow_overnight), max_size=max_ranges_per_day).map(
        tuple
    )
    week = st.lists(day, min_size=7, max_size=7).map(WeeklyHours)
    return week if allow_empty else week.filter(lambda hours: not hours.is_empty())


def business_calendars(
    *,
    timezones: Sequence[str] = TRICKY_TIMEZONES,
    hours: st.SearchStrategy[WeeklyHours] | None = None,
    min_date: dt.date = dt.date(2005, 1, 1),
    max_date: dt.date = dt.date(2035, 12, 31),
    max_holidays: int = 20,
    max_overrides: int = 5,
    holidays: st.SearchStrategy[HolidaySet] | None = None,
) -> st.SearchStrategy[BusinessCalendar]:
    """Calendars with random weekly hours, holidays and overrides between the dates.

    ``holidays`` draws the holidays (default: up to ``max_holidays`` dates and no
    rule of the holidays library; see :func:`holiday_sets`).
    """
    _check_bounds(min_date, max_date, dt.date)
    if not timezones:
        raise InvalidArgument("timezones must not be empty")
    dates = st.dates(min_value=min_date, max_value=max_date)
    overrides = st.dictionaries(
        dates, st.lists(time_ranges(), max_size=2).map(tuple), max_size=max_overrides
    )
    if holidays is None:
        holidays = st.frozensets(dates, max_size=max_holidays).map(
            lambda days: HolidaySet(added=days)
        )
    return st.builds(
        lambda tz, week, closed, special: BusinessCalendar(
            timezone=tz, hours=week, holidays=closed, overrides=special
        ),
        st.sampled_from(list(timezones)),
        hours if hours is not None else weekly_hours(),
        holidays,
        overrides,
    )


_REFERENCES = (
    ("country", "US", None),
    ("country", "US", "TX"),
    ("country", "CA", "ON"),
    ("country", "DE", "BY"),
    ("country", "GB", None),
    ("market", "NYSE", None),
)


@functools.cache
def _holiday_class(key: str, code: str) -> type[holidays_lib.HolidayBase]:
    lookup = holidays_lib.financial_holidays if key == "market" else holidays_lib.country_holidays
    return type(lookup(code))


def holiday_rules() -> st.SearchStrategy[HolidayRule]:
    """Rules of the holidays library: a few countries (with subdivisions) and a market.

    >>> from hypothesis import find
    >>> find(holiday_rules(), lambda rule: rule.subdiv == "TX").factory.__name__
    'US'
    """
    return st.builds(
        lambda reference, observed, public: HolidayRule(
            factory=_holiday_class(reference[0], reference[1]),
            subdiv=reference[2],
            observed=observed,
            categories=("public",) if public else (),
        ),
        st.sampled_from(_REFERENCES),
        st.booleans(),
        st.booleans(),
    )


def holiday_sets(
    *, min_date: dt.date = dt.date(2020, 1, 1), max_date: dt.date = dt.date(2030, 12, 31)
) -> st.SearchStrategy[HolidaySet]:
    """Holidays: maybe a rule of the holidays library, plus dates added and removed."""
    _check_bounds(min_date, max_date, dt.date)
    dates = st.frozensets(st.dates(min_value=min_date, max_value=max_date), max_size=4)
    return st.builds(HolidaySet, st.none() | holiday_rules(), added=dates, removed=dates)


def combined_calendars(
    *, calendars: st.SearchStrategy[Calendar] | None = None
) -> st.SearchStrategy[CombinedCalendar]:
    """Unions and intersections of two calendars (default: :func:`business_calendars`)."""
    sides = business_calendars() if calendars is None else calendars
    return st.builds(
        lambda kind, left, right: CombinedCalendar(kind=kind, left=left, right=right),
        st.sampled_from(["union", "intersection"]),
        sides,
        sides,
    )


def calendars() -> st.SearchStrategy[Calendar]:
    """Any calendar: a business calendar (holiday rules included) or a combination of two."""
    business = business_calendars(holidays=holiday_sets())
    return business | combined_calendars(calendars=business)
