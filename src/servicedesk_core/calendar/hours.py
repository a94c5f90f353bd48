"""Wall-clock opening hours: :class:`TimeRange` and :class:`WeeklyHours`.

The grammar of :meth:`WeeklyHours.parse`: clauses separated by ``;``; each clause
is a day set (``Mon``, ``Mon-Fri``, ``Sat,Sun``, ``Monday–Friday``, ``Daily``)
followed by one or more comma-separated ranges, or ``closed``. A range is
``HH:MM-HH:MM`` (``24:00`` is a valid end) or uses a 12-hour clock
(``7:00 AM - 5:00 PM``, ``7am-5pm``); en and em dashes count as hyphens, as the
seed guides write them. An end before the start crosses midnight and belongs to
the day it starts. A later clause replaces the hours of the days it names.
Parsing is linear in the text, and text longer than :data:`MAX_HOURS_TEXT` is
rejected unread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError

__all__ = ["DAY_NAMES", "MAX_HOURS_TEXT", "TimeRange", "WeeklyHours"]

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekday abbreviations, Monday first (``datetime.date.weekday()`` order)."""

MAX_HOURS_TEXT = 1000
"""Longest weekly-hours text :meth:`WeeklyHours.parse` reads (a week needs far less)."""

_DAY = dt.timedelta(days=1)
_ONE_US = dt.timedelta(microseconds=1)
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_CLOCK = re.compile(
    r"(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(?:([ap])\.?\s*m\.?)?", re.IGNORECASE
)
_RANGES_START = re.compile(r"\d|closed", re.IGNORECASE)
_RANGE_HELP = "write ranges as HH:MM-HH:MM (07:00-17:00) or 7:00 AM-5:00 PM"


def _wall_time(part: str, text: str) -> dt.timedelta:
    """The wall-clock offset ``part`` names: ``07:00``, ``24:00``, ``7``, ``7:30 PM``, ``7pm``.

    Seconds and microseconds (``07:00:30.5``), as ``str(TimeRange)`` writes them, are read too.
    """
    match = _CLOCK.fullmatch(part.strip())
    if match is None:
        raise ConfigError(f"{text.strip()!r}: {_RANGE_HELP}", field="range")
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    micros = int((match[4] or "0").ljust(6, "0"))
    if match[5] is None and match[2] is None:
        raise ConfigError(f"{text.strip()!r}: {_RANGE_HELP}", field="range")
    if match[5] is not None:
        if not 1 <= hour <= 12:
            raise ConfigError(f"no such time in {text.strip()!r}", field="range")
        hour = hour % 12 + (12 if match[5].lower() == "p" else 0)
    if minute > 59 or second > 59 or hour > 24 or (hour == 24 and (minute or second or micros)):
        raise ConfigError(f"no such time in {text.strip()!r}", field="range")
    return dt.timedelta(hours=hour, minutes=minute, seconds=second, microseconds=micros)


def _time_of(offset: dt.timedelta) -> dt.time:
    seconds, micros = divmod(offset // _ONE_US, 1_000_000)
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, micros)


def _wall_offset(value: dt.time) -> dt.timedelta:
    return dt.timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def _hhmm(offset: dt.timedelta) -> str:
    seconds, micros = divmod(offset // _ONE_US, 1_000_000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}"
    if seconds or micros:
        text += f":{seconds:02d}" + (f".{micros:06d}" if micros else "")
    return text


def _start(value: dt.time | str) -> dt.time:
    return convert.time(value, "start")


def _duration(value: dt.timedelta | str) -> dt.timedelta:
    return convert.duration(value, "duration")


@attrs.frozen
class TimeRange:
    """A local opening range: a wall-clock start and how long it lasts on the wall clock.

    A range may cross midnight; it belongs to the day it starts. Build it with
    :meth:`parse` or :meth:`between`.

    >>> TimeRange.parse("22:00-06:00").crosses_midnight
    True
    >>> str(TimeRange.between(dt.time(7), dt.time(17)))
    '07:00-17:00'
    """

    start: dt.time = attrs.field(converter=_start)
    duration: dt.timedelta = attrs.field(converter=_duration)

    @duration.validator
    def _check_duration(self, _attr: object, value: dt.timedelta) -> None:
        if not dt.timedelta(0) < value <= _DAY:
            raise ConfigError(
                f"a range lasts more than 0 and at most 24 hours, got {value}", field="duration"
            )
        if value == _DAY and self.start != dt.time(0):
            raise ConfigError("only a range starting at 00:00 lasts 24 hours", field="duration")

    @classmethod
    def between(cls, start: dt.time | str, end: dt.time | str | None) -> TimeRange:
        """Build the range from ``start`` to ``end`` (``None`` means 24:00); ISO text accepted.

        An ``end`` before ``start`` crosses midnight; ``end == start`` is empty.

        Raises:
            ConfigError: a time that is not a time, or an empty range.
        """
        begin = _wall_offset(convert.time(start, "start"))
        finish = _DAY if end is None else _wall_offset(convert.time(end, "end"))
        length = finish - begin
        if length == dt.timedelta(0):
            raise ConfigError(f"empty range starting at {_hhmm(begin)}", field="end")
        return cls(_time_of(begin), length if length > dt.timedelta(0) else length + _DAY)

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """Parse ``"HH:MM-HH:MM"`` or ``"7:00 AM - 5:00 PM"``; ``24:00`` is a valid end.

        >>> TimeRange.parse("00:00-24:00").duration
        datetime.timedelta(days=1)
        >>> str(TimeRange.parse("7:00 AM – 5:00 PM"))
        '07:00-17:00'

        Raises:
            ConfigError: malformed or empty range; the message says what to type.
        """
        if not isinstance(text, str) or len(text) > 100:
            raise ConfigError(f"expected a range, got {convert.describe(text)}", field="range")
        parts = text.translate(_DASHES).split("-")
        if len(parts) != 2:
            raise ConfigError(f"{text.strip()!r}: {_RANGE_HELP}", field="range")
        start, end = (_wall_time(part, text) for part in parts)
        if start >= _DAY or end > _DAY:
            raise ConfigError(f"no such time in {text.strip()!r}", field="range")
        length = end - start if end > start else end + _DAY - start
        if end == start:
            raise ConfigError(f"empty range {text.strip()!r}", field="range")
        return cls(_time_of(start), length)

    @property
    def start_offset(self) -> dt.timedelta:
        """Wall-clock time from the day's midnight to the start."""
        return _wall_offset(self.start)

    @property
    def end_offset(self) -> dt.timedelta:
        """Wall-clock time from the day's midnight to the end (may exceed 24 h)."""
        return self.start_offset + self.duration

    @property
    def crosses_midnight(self) -> bool:
        """Whether the range ends after the midnight that follows its start."""
        return self.end_offset > _DAY

    def __str__(self) -> str:
        end = self.end_offset
        return f"{_hhmm(self.start_offset)}-{_hhmm(end if end <= _DAY else end - _DAY)}"

    def __repr__(self) -> str:
        return f"TimeRange.parse({str(self)!r})"


RangeLike: TypeAlias = "TimeRange | str | tuple[dt.time | str, dt.time | str | None]"
"""A :class:`TimeRange`, its text (``"07:00-17:00"``) or a ``(start, end)`` pair."""

DayHours: TypeAlias = "str | Iterable[RangeLike] | None"
"""One day's ranges: text (``"09:00-12:00,13:00-17:00"``, ``"closed"``), ranges, or ``None``."""


def to_range(value: RangeLike | object) -> TimeRange:
    """Coerce a range-like value to a :class:`TimeRange`."""
    if isinstance(value, TimeRange):
        return value
    if isinstance(value, str):
        return TimeRange.parse(value)
    if isinstance(value, tuple) and len(value) == 2:
        return TimeRange.between(*value)
    raise ConfigError(
        f"expected a TimeRange, 'HH:MM-HH:MM' or (start, end), got {convert.describe(value)}",
        field="range",
    )


def to_ranges(value: DayHours | object) -> tuple[TimeRange, ...]:
    """Coerce ``"09:00-12:00,13:00-17:00"``, an iterable of ranges or ``None`` (closed)."""
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "closed":
            return ()
        ranges = [TimeRange.parse(part) for part in text.split(",")]
    else:
        ranges = list(convert.tuple_of(value, "ranges", lambda item, _: to_range(item)))
    return tuple(sorted(ranges, key=lambda item: (item.start_offset, item.duration)))


def _weekday(value: object) -> int:
    """A weekday: 0 (Mon) to 6 (Sun), its decimal text, or a day name (``"Mon"``, ``"monday"``)."""
    if isinstance(value, str) and not value.strip().isdigit():
        return _day_index(value[:20])
    return convert.integer(value, "days", min_value=0, max_value=6)


def _to_week(
    value: Mapping[int, DayHours] | Mapping[str, DayHours] | Iterable[DayHours],
) -> tuple[tuple[TimeRange, ...], ...]:
    if isinstance(value, Mapping):
        week: list[tuple[TimeRange, ...]] = [()] * 7
        for key, ranges in value.items():
            try:
                day = _weekday(key)
            except ConfigError:
                raise ConfigError(
                    f"weekday must be 0 (Mon) to 6 (Sun) or a day name, got {convert.brief(key)}",
                    field="days",
                ) from None
            try:
                week[day] = to_ranges(ranges)
            except ConfigError as error:
                raise ConfigError(error.message, field=f"days[{DAY_NAMES[day]}]") from None
        return tuple(week)
    days = convert.tuple_of(value, "days", lambda item, _: to_ranges(item))
    if len(days) != 7:
        raise ConfigError(f"expected 7 weekdays, got {len(days)}", field="days")
    return days


@attrs.frozen
class WeeklyHours:
    """Opening ranges per weekday (Monday = 0), several ranges a day allowed.

    Build from text with :meth:`parse`, or from a mapping for programs:

    >>> WeeklyHours({0: [(dt.time(9), dt.time(17))], 5: "10:00-12:00"})
    WeeklyHours.parse('Mon 09:00-17:00; Sat 10:00-12:00')
    """

    days: tuple[tuple[TimeRange, ...], ...] = attrs.field(converter=_to_week)

    @classmethod
    def parse(cls, text: str) -> WeeklyHours:
        """Parse the weekly-hours grammar (see the module docstring).

        >>> WeeklyHours.parse("Mon-Fri 07:00-24:00; Sat,Sun 07:00-22:00").days[5]
        (TimeRange.parse('07:00-22:00'),)

        Raises:
            ConfigError: a malformed clause (named in the message) or an empty range.
        """
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_HOURS_TEXT:
            raise ConfigError(
                "expected weekly hours such as 'Mon-Fri 09:00-17:00', "
                f"got {convert.describe(text)}",
                field="hours",
            )
        week: list[tuple[TimeRange, ...]] = [()] * 7
        for clause in text.translate(_DASHES).split(";"):
            start = _RANGES_START.search(clause)
            if start is None or not clause[: start.start()].strip():
                raise ConfigError(
                    f"malformed clause {clause.strip()!r}: write a day set and ranges, "
                    "such as 'Mon-Fri 09:00-17:00' or 'Sat closed'",
                    field="hours",
                )
            try:
                days = _parse_days(clause[: start.start()].strip().rstrip(",").strip())
                ranges = to_ranges(clause[start.start() :])
            except ConfigError as error:
                raise ConfigError(f"in clause {clause.strip()!r}: {error}", field="hours") from None
            for day in days:
                week[day] = ranges
        return cls(week)

    @classmethod
    def always(cls) -> WeeklyHours:
        """Open around the clock, every day."""
        return cls.parse("Daily 00:00-24:00")

    def is_empty(self) -> bool:
        """Whether no weekday has any range."""
        return not any(self.days)

    def __str__(self) -> str:
        texts = [",".join(str(item) for item in ranges) for ranges in self.days]
        if len(set(texts)) == 1:
            return f"Daily {texts[0] or 'closed'}"
        clauses = []
        day = 0
        while day < 7:
            last = day
            while last + 1 < 7 and texts[last + 1] == texts[day]:
                last += 1
            if texts[day]:
                days = DAY_NAMES[day] if last == day else f"{DAY_NAMES[day]}-{DAY_NAMES[last]}"
                clauses.append(f"{days} {texts[day]}")
            day = last + 1
        return "; ".join(clauses)

    def __repr__(self) -> str:
        return f"WeeklyHours.parse({str(self)!r})"


def _day_index(name: str) -> int:
    key = name.strip()[:3].title()
    if key in DAY_NAMES and name.strip().title() in (key, _FULL_NAMES[DAY_NAMES.index(key)]):
        return DAY_NAMES.index(key)
    raise ConfigError(
        f"unknown day {name.strip()!r}; use Mon, Tue, ... Sun, full day names, or Daily"
    )


_FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _parse_days(text: str) -> list[int]:
    if text.strip().lower() == "daily":
        return list(range(7))
    days: list[int] = []
    for part in text.split(","):
        if "-" in part:
            first, last = (_day_index(name) for name in part.split("-"))
            days.extend((first + i) % 7 for i in range((last - first) % 7 + 1))
        else:
            days.append(_day_index(part))
    return days
