"""Wall-clock opening hours: :class:`TimeRange` and :class:`WeeklyHours`.

The grammar of :meth:`WeeklyHours.parse`: clauses separated by ``;``; each clause
is a day set (``Mon``, ``Mon-Fri``, ``Sat,Sun``, ``Daily``) followed by one or
more comma-separated ``HH:MM-HH:MM`` ranges, or ``closed``. ``24:00`` is a valid
end; an end before the start crosses midnight and belongs to the day it starts.
A later clause replaces the hours of the days it names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

import attrs

from servicedesk_core.errors import ConfigError

__all__ = ["DAY_NAMES", "TimeRange", "WeeklyHours"]

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Weekday abbreviations, Monday first (``datetime.date.weekday()`` order)."""

_DAY = dt.timedelta(days=1)
_ONE_US = dt.timedelta(microseconds=1)
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_CLAUSE = re.compile(r"^\s*([A-Za-z]+(?:\s*[-,]\s*[A-Za-z]+)*)\s+(\S.*?)\s*$")


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

    start: dt.time = attrs.field()
    duration: dt.timedelta = attrs.field()

    @start.validator
    def _check_start(self, _attr: object, value: dt.time) -> None:
        if not isinstance(value, dt.time) or value.tzinfo is not None:
            raise ConfigError(f"start must be a naive datetime.time, got {value!r}", field="start")

    @duration.validator
    def _check_duration(self, _attr: object, value: dt.timedelta) -> None:
        if not isinstance(value, dt.timedelta) or not dt.timedelta(0) < value <= _DAY:
            raise ConfigError(
                f"a range lasts more than 0 and at most 24 hours, got {value!r}", field="duration"
            )
        if value == _DAY and self.start != dt.time(0):
            raise ConfigError("only a range starting at 00:00 lasts 24 hours", field="duration")

    @classmethod
    def between(cls, start: dt.time, end: dt.time | None) -> TimeRange:
        """Build the range from ``start`` to ``end`` (``None`` means 24:00).

        An ``end`` before ``start`` crosses midnight; ``end == start`` is empty.

        Raises:
            ConfigError: the range is empty.
        """
        length = (_DAY if end is None else _wall_offset(end)) - _wall_offset(start)
        if length == dt.timedelta(0):
            raise ConfigError(f"empty range starting at {start}", field="end")
        return cls(start, length if length > dt.timedelta(0) else length + _DAY)

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """Parse ``"HH:MM-HH:MM"``; ``24:00`` is a valid end.

        >>> TimeRange.parse("00:00-24:00").duration
        datetime.timedelta(days=1)

        Raises:
            ConfigError: malformed or empty range.
        """
        match = _RANGE.match(text) if isinstance(text, str) else None
        if match is None:
            raise ConfigError(f"expected HH:MM-HH:MM, got {text!r}", field="range")
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            raise ConfigError(f"no such time in {text.strip()!r}", field="range")
        try:
            return cls.between(dt.time(h1, m1), None if h2 == 24 else dt.time(h2, m2))
        except ConfigError:
            raise ConfigError(f"empty range {text.strip()!r}", field="range") from None

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


RangeLike: TypeAlias = "TimeRange | str | tuple[dt.time, dt.time | None]"
"""A :class:`TimeRange`, its text (``"07:00-17:00"``) or a ``(start, end)`` pair."""


def to_range(value: RangeLike) -> TimeRange:
    """Coerce a range-like value to a :class:`TimeRange`."""
    if isinstance(value, TimeRange):
        return value
    if isinstance(value, str):
        return TimeRange.parse(value)
    if isinstance(value, tuple) and len(value) == 2:
        return TimeRange.between(*value)
    raise ConfigError(f"expected a TimeRange, 'HH:MM-HH:MM' or (start, end), got {value!r}")


def to_ranges(value: str | Iterable[RangeLike] | None) -> tuple[TimeRange, ...]:
    """Coerce ``"09:00-12:00,13:00-17:00"``, an iterable of ranges or ``None`` (closed)."""
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "closed":
            return ()
        ranges = [TimeRange.parse(part) for part in text.split(",")]
    else:
        ranges = [to_range(item) for item in value]
    return tuple(sorted(ranges, key=lambda item: (item.start_offset, item.duration)))


def _to_week(
    value: Mapping[int, str | Iterable[RangeLike] | None] | Sequence[Iterable[TimeRange]],
) -> tuple[tuple[TimeRange, ...], ...]:
    if isinstance(value, Mapping):
        week: list[tuple[TimeRange, ...]] = [()] * 7
        for day, ranges in value.items():
            if not isinstance(day, int) or not 0 <= day <= 6:
                raise ConfigError(f"weekday must be 0 (Mon) to 6 (Sun), got {day!r}", field="days")
            try:
                week[day] = to_ranges(ranges)
            except ConfigError as error:
                raise ConfigError(str(error), field=f"days[{DAY_NAMES[day]}]") from None
        return tuple(week)
    days = tuple(to_ranges(ranges) for ranges in value)
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
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(f"expected weekly hours such as 'Mon-Fri 09:00-17:00', got {text!r}")
        week: list[tuple[TimeRange, ...]] = [()] * 7
        for clause in text.split(";"):
            match = _CLAUSE.match(clause)
            if match is None:
                raise ConfigError(f"malformed clause {clause.strip()!r}", field="hours")
            try:
                days = _parse_days(match.group(1))
                ranges = to_ranges(match.group(2))
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
    raise ConfigError(f"unknown day {name.strip()!r}")


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
