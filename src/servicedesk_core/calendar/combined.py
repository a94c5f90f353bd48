"""Unions and intersections of calendars: :class:`CombinedCalendar`."""

from __future__ import annotations

from bisect import bisect_right
from typing import Literal
from zoneinfo import ZoneInfo

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.calendar.base import Calendar
from servicedesk_core.calendar.timeline import DayRanges, Timeline
from servicedesk_core.errors import ConfigError

__all__ = ["CombinedCalendar"]


def _kind(value: str) -> Literal["union", "intersection"]:
    if value == "union":
        return "union"
    if value == "intersection":
        return "intersection"
    raise ConfigError(
        f"expected 'union' or 'intersection', got {convert.describe(value)}", field="kind"
    )


def _left(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "left")


def _right(value: Calendar) -> Calendar:
    return convert.instance(Calendar, value, "right")


@attrs.frozen(kw_only=True)
class CombinedCalendar(Calendar):
    """``left | right`` (open when either is) or ``left & right`` (open when both are).

    Answers are in the left calendar's timezone. A date is a business day of a
    union when it is one of either side; of an intersection when the left
    side's ranges of that date overlap the right side's open time.

    >>> from servicedesk_core import BusinessCalendar
    >>> weekdays = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
    >>> mornings = BusinessCalendar(timezone="UTC", hours="Daily 06:00-12:00")
    >>> both = weekdays & mornings
    >>> from datetime import datetime, timedelta, UTC
    >>> both.add(datetime(2026, 11, 20, 11, tzinfo=UTC), timedelta(hours=2))
    datetime.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
    """

    kind: Literal["union", "intersection"] = attrs.field(converter=_kind)
    left: Calendar = attrs.field(converter=_left)
    right: Calendar = attrs.field(converter=_right)
    _timeline: Timeline = attrs.field(init=False, eq=False, repr=False, factory=Timeline)

    @property
    def tz(self) -> ZoneInfo:  # type: ignore[override]
        """Timezone of the answers (the left calendar's)."""
        return self.left.tz

    @property
    def _overnight(self) -> bool:  # type: ignore[override]
        return self.left._overnight or self.right._overnight or self.left.tz != self.right.tz

    def _compute_days(self, first: int, last: int) -> dict[int, DayRanges]:
        left = self.left._days_window(first, last).days
        if self.kind == "union":
            right = self.right._days_window(first, last).days
            return {o: tuple(sorted(left[o] + right[o])) for o in range(first, last)}
        pairs = [pair for o in range(first, last) for pair in left[o]]
        if not pairs:
            return dict.fromkeys(range(first, last), ())
        other = self.right._window(min(a for a, _ in pairs), max(b for _, b in pairs))
        days: dict[int, DayRanges] = {}
        for ordinal in range(first, last):
            clipped = []
            for a, b in left[ordinal]:
                i = max(bisect_right(other.ends, a), 0)
                while i < len(other.starts) and other.starts[i] < b:
                    lo, hi = max(a, other.starts[i]), min(b, other.ends[i])
                    if lo < hi:
                        clipped.append((lo, hi))
                    i += 1
            days[ordinal] = tuple(clipped)
        return days
