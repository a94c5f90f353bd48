"""Slow, obviously correct reference implementations for differential tests.

The calendar oracle walks local dates one by one with zoneinfo, builds each
date's opening ranges as aware datetimes, merges them and steps through them.
It shares no code with the library except reading a calendar's public fields.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from servicedesk_core import BusinessCalendar

UTC = dt.UTC
ZERO = dt.timedelta(0)


class CalendarOracle:
    """Business-time answers for a BusinessCalendar by brute force."""

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar
        self.tz = ZoneInfo(calendar.timezone)
        self.overrides = dict(calendar.overrides)

    def day_ranges(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The ranges ``day`` owns, as UTC datetimes (wall times resolved with fold=0)."""
        if day in self.overrides:
            ranges = self.overrides[day]
        elif day in self.calendar.holidays.dates_in_year(day.year):
            ranges = ()
        else:
            ranges = self.calendar.hours.days[day.weekday()]
        result = []
        for item in ranges:
            wall_start = dt.datetime.combine(day, item.start)
            wall_end = wall_start + item.duration
            start = wall_start.replace(tzinfo=self.tz).astimezone(UTC)
            end = wall_end.replace(tzinfo=self.tz).astimezone(UTC)
            if start < end:
                result.append((start, end))
        return result

    def intervals(self, first: dt.date, last: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Merged open intervals of the ranges owned by dates ``first..last``."""
        raw = []
        day = first
        while day <= last:
            raw.extend(self.day_ranges(day))
            day += dt.timedelta(days=1)
        raw.sort()
        merged: list[list[dt.datetime]] = []
        for start, end in raw:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(start, end) for start, end in merged]

    def _around(
        self, t: dt.datetime, before: int, after: int
    ) -> list[tuple[dt.datetime, dt.datetime]]:
        local = t.astimezone(self.tz).date()
        return self.intervals(local - dt.timedelta(days=before), local + dt.timedelta(days=after))

    def is_open(self, t: dt.datetime) -> bool:
        return any(start <= t < end for start, end in self._around(t, 3, 3))

    def elapsed(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        if b < a:
            return -self.elapsed(b, a)
        first = a.astimezone(self.tz).date() - dt.timedelta(days=3)
        last = b.astimezone(self.tz).date() + dt.timedelta(days=3)
        total = ZERO
        for start, end in self.intervals(first, last):
            lo, hi = max(start, a), min(end, b)
            if lo < hi:
                total += hi - lo
        return total

    def add(self, t: dt.datetime, d: dt.timedelta, *, max_days: int = 40_000) -> dt.datetime:
        t = t.astimezone(UTC)  # instant arithmetic, never wall-clock arithmetic in t's zone
        if d == ZERO:
            return t
        span = 16
        while span <= max_days:
            if d > ZERO:
                remaining = d
                for start, end in self._around(t, 3, span):
                    if end <= t:
                        continue
                    lo = max(start, t)
                    if remaining <= end - lo:
                        return lo + remaining
                    remaining -= end - lo
            else:
                remaining = -d
                for start, end in reversed(self._around(t, span, 3)):
                    if start >= t:
                        continue
                    hi = min(end, t)
                    if remaining <= hi - start:
                        return hi - remaining
                    remaining -= hi - start
            span *= 4
        raise OverflowError("oracle gave up")

    def next_open(self, t: dt.datetime, *, max_days: int = 40_000) -> dt.datetime:
        t = t.astimezone(UTC)
        span = 16
        while span <= max_days:
            for start, end in self._around(t, 3, span):
                if end > t:
                    return max(start, t)
            span *= 4
        raise OverflowError("oracle gave up")

    def is_business_day(self, day: dt.date) -> bool:
        return bool(self.day_ranges(day))

    def last_open_or_close(self, t: dt.datetime) -> dt.datetime:
        t = t.astimezone(UTC)
        span = 16
        while True:
            for start, end in reversed(self._around(t, span, 3)):
                if start <= t:
                    return min(end, t)
            span *= 4

    def add_days(self, t: dt.datetime, n: int, *, end_of_day: bool = False) -> dt.datetime:
        """The documented convention: see ``Calendar.add_days``."""
        forward = n >= 0
        s = self.next_open(t) if forward else self.last_open_or_close(t)
        local = s.astimezone(self.tz)

        def holds(start: dt.datetime, end: dt.datetime) -> bool:
            return start <= s < end if forward else start < s <= end

        owner = next(
            day
            for day in (local.date(), local.date() - dt.timedelta(days=1))
            if any(holds(start, end) for start, end in self.day_ranges(day))
        )
        offset = local.replace(tzinfo=None) - dt.datetime.combine(owner, dt.time())
        day, step = owner, dt.timedelta(days=1 if forward else -1)
        answer = s  # r(0); then r(k) = max(clamp(k), r(k - 1)) (min backwards)
        if end_of_day:
            answer = max(answer, max(end for _, end in self.day_ranges(owner)))
        for _ in range(abs(n)):
            day += step
            while not self.is_business_day(day):
                day += step
            if end_of_day:
                clamped = max(end for _, end in self.day_ranges(day))
            else:
                clamped = self._clamp(day, offset, forward=forward)
            answer = max(answer, clamped) if forward else min(answer, clamped)
        return answer

    def _clamp(self, day: dt.date, offset: dt.timedelta, *, forward: bool) -> dt.datetime:
        u = (dt.datetime.combine(day, dt.time()) + offset).replace(tzinfo=self.tz).astimezone(UTC)
        ranges = self.day_ranges(day)
        if any(start <= u <= end for start, end in ranges):
            return u
        if forward:
            later = [start for start, _ in ranges if start > u]
            return min(later) if later else max(end for _, end in ranges)
        earlier = [end for _, end in ranges if end < u]
        return max(earlier) if earlier else min(start for start, _ in ranges)
