"""Every calendar query, for any calendar: :class:`Calendar`.

Semantics (normative, see ``docs/semantics.md``): ``add(t, d)`` for ``d >= 0`` is
the earliest instant ``u >= t`` such that the open time in ``[t, u]`` equals
``d``; a negative ``d`` counts backwards the same way; ``elapsed(a, b)`` is the
open time in ``[a, b)``. Each query is a few bisections on integer
microseconds; its cost does not grow with the distance of the answer.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from servicedesk_core._time import (
    EPOCH,
    EPOCH_ORDINAL,
    ONE_US,
    US_PER_DAY,
    duration_us,
    from_us,
    local_to_us,
    steady_midnight_us,
    to_us,
    utc_offset_us,
)
from servicedesk_core.calendar.timeline import JUMP_DAYS, DayRanges, Timeline, Window
from servicedesk_core.errors import DeadlineUnreachableError, InvalidIntervalError

if TYPE_CHECKING:
    from servicedesk_core.calendar.combined import CombinedCalendar

__all__ = ["HORIZON", "Calendar"]

HORIZON = dt.timedelta(days=100 * 366)
"""How far a query searches for open time before it gives up."""

_HORIZON_US = HORIZON // ONE_US
_BULK_SPAN_US = JUMP_DAYS * US_PER_DAY  # a bulk query shares one window up to this spread
_sub = dt.datetime.__sub__


def _settled_add(window: Window | None, x: int, d: int) -> int | None:
    """``add_us`` for ``d > 0`` when the window settles ``x`` and the answer, else ``None``.

    The hot path of ``add``: no growth, no call but the two bisections.
    """
    if d <= 0 or window is None or not window.lo <= x <= window.hi:
        return None
    starts, cum = window.starts, window.cum
    i = bisect_right(starts, x) - 1
    if i < 0:
        target = d
    else:
        end = window.ends[i]
        target = cum[i] + (x if x < end else end) - starts[i] + d
    j = bisect_left(cum, target) - 1
    if j >= len(starts):
        return None
    u = starts[j] + target - cum[j]
    return u if u <= window.hi else None


def _positions(window: Window, xs: Iterable[int]) -> list[int]:
    """:func:`_position` of each instant (all settled by the window), in one comprehension."""
    starts, ends, cum = window.starts, window.ends, window.cum
    return [
        cum[i] + (x if x < ends[i] else ends[i]) - starts[i] if i >= 0 else 0
        for x in xs
        for i in [bisect_right(starts, x) - 1]  # an assignment since Python 3.9
    ]


def _position(window: Window, x: int) -> int:
    """Open time between the window's first interval and ``x``."""
    i = bisect_right(window.starts, x) - 1
    if i < 0:
        return 0
    return window.cum[i] + min(x, window.ends[i]) - window.starts[i]


class Calendar:
    """Business time on some open set of instants; the base of every calendar.

    Subclasses provide ``tz``, a ``_timeline`` and ``_compute_days``; every
    query lives here. Combine calendars with ``|`` (open when either is) and
    ``&`` (open when both are).
    """

    __slots__ = ()

    if TYPE_CHECKING:
        tz: ZoneInfo
        _timeline: Timeline
        _overnight: bool  # whether a date's ranges may end after its next local midnight

    def _compute_days(self, first: int, last: int) -> Mapping[int, DayRanges]:
        """The ranges each local date in ``[first, last)`` owns (ordinals)."""
        raise NotImplementedError

    # --- windows -----------------------------------------------------------

    def _window(self, lo_us: int, hi_us: int) -> Window:
        window = self._timeline.window  # the common case first, without a call
        if window is not None and window.lo <= lo_us and hi_us <= window.hi:
            return window
        window = self._timeline.covering(lo_us, hi_us, self._compute_days)
        if window is None:
            raise DeadlineUnreachableError("no open time before the end of the datetime range")
        return window

    def _grow(self, window: Window, origin: int, *, forward: bool) -> Window:
        """A window one step larger in one direction, within the horizon of ``origin``."""
        if forward:
            if window.hi - origin > _HORIZON_US:
                raise self._unreachable(origin, forward=True)
            return self._window(window.lo, window.hi + 1)
        if origin - window.lo > _HORIZON_US:
            raise self._unreachable(origin, forward=False)
        return self._window(window.lo - 1, window.hi)

    def _unreachable(self, origin: int, *, forward: bool) -> DeadlineUnreachableError:
        way = "after" if forward else "before"
        return DeadlineUnreachableError(
            f"not enough open time within {HORIZON.days} days {way} {from_us(origin, self.tz)}"
        )

    def _days_window(self, first: int, last: int) -> Window:
        """A window that holds the ranges of local dates ``[first, last)``."""
        return self._window(
            (first - EPOCH_ORDINAL) * US_PER_DAY, (last - EPOCH_ORDINAL) * US_PER_DAY
        )

    # --- instants ------------------------------------------------------------

    def is_open(self, t: dt.datetime) -> bool:
        """Whether the calendar is open at ``t`` (ranges are half-open: closed at closing time).

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
        """
        x = to_us(t)
        window = self._window(x, x)
        i = bisect_right(window.starts, x) - 1
        return i >= 0 and x < window.ends[i]

    def next_open(self, t: dt.datetime) -> dt.datetime:
        """The first open instant at or after ``t`` (``t`` itself when open).

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
            DeadlineUnreachableError: the calendar never opens again within the horizon.
        """
        return from_us(self._next_open_us(to_us(t)), self.tz)

    def next_close(self, t: dt.datetime) -> dt.datetime:
        """The end of the open interval holding ``t``, or of the next one when closed.

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
            DeadlineUnreachableError: the calendar never closes (24x7) within the horizon.
        """
        x = to_us(t)
        window = self._window(x, x)
        while True:
            i = bisect_right(window.starts, x) - 1
            k = i if i >= 0 and x < window.ends[i] else i + 1
            if k < len(window.starts) and window.ends[k] < window.hi:
                return from_us(window.ends[k], self.tz)
            window = self._grow(window, x, forward=True)

    # --- durations -----------------------------------------------------------

    def add(self, t: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The instant when ``duration`` of open time has passed since ``t``.

        The earliest ``u >= t`` with open time in ``[t, u]`` equal to ``duration``,
        so a deadline that uses up the last open second of a day is that day's
        closing time. A negative duration counts backwards. ``add(t, 0) == t``.

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
            DeadlineUnreachableError: not enough open time within the horizon.
        """
        x, d = to_us(t), duration_us(duration)
        u = _settled_add(self._timeline.window, x, d)
        return from_us(self.add_us(x, d) if u is None else u, self.tz)

    def add_many(self, starts: Iterable[dt.datetime], duration: dt.timedelta) -> list[dt.datetime]:
        """``[add(t, duration) for t in starts]``, about a quarter cheaper per instant.

        The bulk form for notebooks and simulations: the duration, the
        timezone and the materialised window are looked up once.

        >>> from servicedesk_core import BusinessCalendar
        >>> desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
        >>> monday = dt.datetime(2026, 11, 16, 9, tzinfo=dt.UTC)
        >>> [t.strftime("%a %H:%M") for t in desk.add_many([monday, monday], dt.timedelta(hours=9))]
        ['Tue 10:00', 'Tue 10:00']

        Raises:
            NaiveDatetimeError: an instant has no timezone.
            DeadlineUnreachableError: not enough open time within the horizon.
        """
        d = duration_us(duration)
        try:  # every step is a comprehension: a call per instant would cost a tenth
            xs = [_sub(t, EPOCH) // ONE_US for t in starts]
        except TypeError:
            xs = [to_us(t) for t in starts]  # raises the documented error
        us = self.add_many_us(xs, [d] * len(xs))
        epoch, fromutc = dt.datetime(1970, 1, 1, tzinfo=self.tz), self.tz.fromutc
        return [fromutc(epoch + dt.timedelta(0, 0, u)) for u in us]

    def subtract(self, t: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """``add(t, -duration)``: the latest instant with ``duration`` of open time before ``t``.

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
            DeadlineUnreachableError: not enough open time within the horizon.
        """
        return self.add(t, -duration)

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The open time in ``[start, end)``; negative when ``end`` is before ``start``.

        Raises:
            NaiveDatetimeError: ``start`` or ``end`` has no timezone.
        """
        return dt.timedelta(0, 0, self.elapsed_us(to_us(start), to_us(end)))

    def open_intervals(
        self, start: dt.datetime, end: dt.datetime
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """The open intervals within ``[start, end)``, clipped to it and merged.

        Raises:
            NaiveDatetimeError: ``start`` or ``end`` has no timezone.
            InvalidIntervalError: ``end`` is before ``start``.
        """
        a, b = to_us(start), to_us(end)
        if b < a:
            raise InvalidIntervalError(start, end)
        window = self._window(a, b)
        i = bisect_right(window.ends, a)
        pairs = []
        while i < len(window.starts) and window.starts[i] < b:
            lo, hi = max(window.starts[i], a), min(window.ends[i], b)
            if lo < hi:
                pairs.append((from_us(lo, self.tz), from_us(hi, self.tz)))
            i += 1
        return iter(pairs)

    # --- the same on integer epoch microseconds, for other layers' hot loops ---

    def add_us(self, x: int, d: int) -> int:
        """:meth:`add` on integer microseconds since the Unix epoch.

        >>> from servicedesk_core import BusinessCalendar
        >>> BusinessCalendar.always_open().add_us(0, 3_600_000_000)
        3600000000

        Raises:
            DeadlineUnreachableError: not enough open time within the horizon.
        """
        if d == 0:
            return x
        if d > 0 and (u := _settled_add(self._timeline.window, x, d)) is not None:
            return u  # the common case: no call but the bisections
        window = self._window(x, x)
        if d > 0:
            while (u := _settled_add(window, x, d)) is None:
                window = self._grow(window, x, forward=True)
            return u
        while True:
            target = _position(window, x) + d
            if target >= 0:
                j = bisect_right(window.cum, target) - 1
                u = window.starts[j] + target - window.cum[j]
                if u >= window.lo:
                    return u
            window = self._grow(window, x, forward=False)

    def elapsed_us(self, a: int, b: int) -> int:
        """:meth:`elapsed` on integer microseconds since the Unix epoch."""
        window = self._timeline.window
        if window is None or not (window.lo <= a <= window.hi and window.lo <= b <= window.hi):
            window = self._window(a, b) if a <= b else self._window(b, a)
        starts, ends, cum = window.starts, window.ends, window.cum
        i = bisect_right(starts, a) - 1
        j = bisect_right(starts, b) - 1
        at_a = 0 if i < 0 else cum[i] + (a if a < ends[i] else ends[i]) - starts[i]
        at_b = 0 if j < 0 else cum[j] + (b if b < ends[j] else ends[j]) - starts[j]
        return at_b - at_a

    def add_many_us(self, starts: Sequence[int], durations: Sequence[int]) -> list[int]:
        """``[add_us(x, d) for x, d in zip(starts, durations)]``, the window looked up once.

        The bulk form for other layers' batches (the SLA bulk replay's
        deadlines): each answer is two bisections in a comprehension, not a call.

        >>> from servicedesk_core import BusinessCalendar
        >>> desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
        >>> hour = 3_600_000_000
        >>> [u // hour % 24 for u in desk.add_many_us([0, 0, 0], [hour, 9 * hour, 0])]
        [10, 10, 0]

        Raises:
            DeadlineUnreachableError: not enough open time within the horizon.
        """
        window = self._bulk_window(starts)
        if window is None:
            return [self.add_us(x, d) for x, d in zip(starts, durations, strict=True)]
        cum, hi, n = window.cum, window.hi, len(window.starts)
        targets = [p + d for p, d in zip(_positions(window, starts), durations, strict=True)]
        found = [bisect_left(cum, target) - 1 for target in targets]
        starts_ = window.starts
        return [
            # where the position reaches the target (as _settled_add), unless the answer
            # is past the window or the duration is not positive: then the scalar query
            u
            if d > 0 and j < n and (u := starts_[j] + target - cum[j]) <= hi
            else self.add_us(x, d)
            for x, d, j, target in zip(starts, durations, found, targets, strict=True)
        ]

    def elapsed_many_us(self, starts: Sequence[int], ends: Sequence[int]) -> list[int]:
        """``[elapsed_us(a, b) for a, b in zip(starts, ends)]``, the window looked up once.

        >>> from servicedesk_core import BusinessCalendar
        >>> desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
        >>> hour = 3_600_000_000
        >>> thursday = 0  # the epoch, 1 January 1970
        >>> [us // hour for us in desk.elapsed_many_us([thursday] * 2, [24 * hour, 96 * hour])]
        [8, 16]
        """
        window = self._bulk_window([*starts, *ends])
        if window is None:
            return [self.elapsed_us(a, b) for a, b in zip(starts, ends, strict=True)]
        return [
            b - a for a, b in zip(_positions(window, starts), _positions(window, ends), strict=True)
        ]

    def _bulk_window(self, instants: Sequence[int]) -> Window | None:
        """One window settling every instant, or ``None`` (none, or too far apart to share one)."""
        if not instants:
            return None
        lo, hi = min(instants), max(instants)
        if hi - lo > _BULK_SPAN_US:  # the scalar queries each materialise their own years
            return None
        return self._window(lo, hi)

    # --- business days -------------------------------------------------------

    def is_business_day(self, day: dt.date) -> bool:
        """Whether the local date ``day`` owns any opening range."""
        ordinal = _ordinal(day)
        return bool(self._days_window(ordinal, ordinal + 1).days[ordinal])

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after ``day``.

        Raises:
            DeadlineUnreachableError: no business day within the horizon.
        """
        ordinal = _ordinal(day)
        window = self._days_window(ordinal, ordinal + 1)
        origin = (ordinal - EPOCH_ORDINAL) * US_PER_DAY
        while True:
            k = bisect_right(window.bdays, ordinal)
            if k < len(window.bdays):
                return dt.date.fromordinal(window.bdays[k])
            window = self._grow(window, origin, forward=True)

    def add_days(self, t: dt.datetime, days: int, *, end_of_day: bool = False) -> dt.datetime:
        """Move ``t`` by ``days`` business days, keeping its wall-clock time.

        Forward: roll ``t`` to the next open instant ``s``; find the business
        day ``D`` that owns the range holding ``s``; take the same wall-clock
        offset from midnight ``days`` business days after ``D``. When that day
        is shorter, the answer is the next opening of that day if the time falls
        before or between its ranges, or its last closing time if the day has
        closed by then (the deadline never spills into another business day).
        The answer is never earlier than the answer for fewer days, which only
        matters when overnight ranges of neighbouring days overlap. Backwards
        mirrors all this from the latest open-or-closing instant at or before
        ``t``. ``add_days(t, 0)`` is ``next_open(t)``.

        With ``end_of_day=True`` (``days >= 0`` only) the answer is instead the
        last closing time of that business day: "due by the end of the next
        business day" is ``add_days(t, 1, end_of_day=True)``.

        >>> from servicedesk_core import BusinessCalendar
        >>> desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
        >>> friday = dt.datetime(2026, 11, 20, 11, tzinfo=dt.UTC)
        >>> desk.add_days(friday, 1).strftime("%a %H:%M")
        'Mon 11:00'
        >>> desk.add_days(friday, 1, end_of_day=True).strftime("%a %H:%M")
        'Mon 17:00'

        Raises:
            NaiveDatetimeError: ``t`` has no timezone.
            TypeError: ``days`` is not an int.
            ValueError: ``end_of_day`` with a negative ``days``.
            DeadlineUnreachableError: not enough business days within the horizon.
        """
        if type(days) is not int and (not isinstance(days, int) or isinstance(days, bool)):
            raise TypeError(f"days must be an int, got {days!r}")
        x = to_us(t)
        if days >= 0 and not self._overnight:  # the hot path, one call fewer
            return from_us(self._add_days_forward(x, days, end_of_day), self.tz)
        return from_us(self._add_days_us(x, days, end_of_day), self.tz)

    def add_days_us(self, x: int, days: int, *, end_of_day: bool = False) -> int:
        """:meth:`add_days` on integer microseconds since the Unix epoch.

        >>> from servicedesk_core import BusinessCalendar
        >>> desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
        >>> desk.add_days_us(0, 1) // 3_600_000_000  # Thursday 1970-01-01 00:00 -> Friday 09:00
        33

        Raises:
            ValueError: ``end_of_day`` with a negative ``days``.
            DeadlineUnreachableError: not enough business days within the horizon.
        """
        return self._add_days_us(x, days, end_of_day)

    def _add_days_us(self, x: int, days: int, end_of_day: bool) -> int:
        if end_of_day and days < 0:
            raise ValueError("end_of_day needs days >= 0")
        forward = days >= 0
        if forward and not self._overnight:
            return self._add_days_forward(x, days, end_of_day)
        s = self._next_open_us(x) if forward else self._last_open_or_close(x)
        window = self._window(s, s)
        utc_offset = utc_offset_us(s, self.tz)
        owner = _owner(window, s, utc_offset, closing=not forward)
        offset = s + utc_offset - (owner - EPOCH_ORDINAL) * US_PER_DAY
        while True:
            k = bisect_left(window.bdays, owner) + days
            if 0 <= k < len(window.bdays):
                break
            window = self._grow(window, s, forward=forward)
        # r(n) = max(clamp(n), r(n - 1)). Without overnight ranges clamp(n) only
        # grows with n; with them a day's ranges still end within 48 h of its
        # midnight, so days three or more business days back can never win.
        if not self._overnight:
            ordinal = window.bdays[k]
            ranges = window.days[ordinal]
            if end_of_day:
                u = max(end for _, end in ranges)
            else:
                u = _clamp_into(ranges, local_to_us(ordinal, offset, self.tz), forward)
            return (u if u > s else s) if forward else (u if u < s else s)
        sign = 1 if forward else -1
        lookback = min(abs(days), 3)
        best = s
        for index in range(k - sign * lookback, k + sign, sign):
            ordinal = window.bdays[index]
            ranges = window.days[ordinal]
            if end_of_day:
                u = max(end for _, end in ranges)
            else:
                u = _clamp_into(ranges, local_to_us(ordinal, offset, self.tz), forward)
            best = (u if u > best else best) if forward else (u if u < best else best)
        return best

    def _add_days_forward(self, x: int, days: int, end_of_day: bool) -> int:
        """:meth:`_add_days_us` forward when every range ends on its own date: the hot path.

        The same steps in one frame: the next opening found in the window that
        settles ``x`` (no call), its local date owns its range, and the only
        candidate is the business day ``days`` after it, whose ranges and local
        midnight the window lists by business day (no lookup by date).
        """
        window = self._timeline.window
        if window is None or not window.lo <= x <= window.hi:
            window = self._window(x, x)
        starts = window.starts
        i = bisect_right(starts, x) - 1
        if i >= 0 and x < window.ends[i]:
            s = x
        elif i + 1 < len(starts) and starts[i + 1] <= window.hi:
            s = starts[i + 1]
        else:
            s = self._next_open_us(x)
            window = self._window(s, s)
        tz = self.tz
        local = s + utc_offset_us(s, tz)
        owner = local // US_PER_DAY + EPOCH_ORDINAL
        k = bisect_left(window.bdays, owner) + days
        while k >= len(window.bdays):
            window = self._grow(window, s, forward=True)
            k = bisect_left(window.bdays, owner) + days
        ranges = window.bday_ranges[k]
        if end_of_day:
            u = max(end for _, end in ranges)
        else:
            midnight = (window.midnights or self._midnights(window))[k]
            wall = local % US_PER_DAY
            # a day whose UTC offset changes lists no midnight: the exact path
            u = midnight + wall if midnight is not None else local_to_us(window.bdays[k], wall, tz)
            u = _clamp_into(ranges, u, True)
        return u if u > s else s

    def _midnights(self, window: Window) -> list[int | None]:
        """Fill the window's table of its business days' local midnights (once per window)."""
        window.midnights = [steady_midnight_us(ordinal, self.tz) for ordinal in window.bdays]
        return window.midnights

    # --- helpers -------------------------------------------------------------

    def _last_open_or_close(self, x: int) -> int:
        window = self._window(x, x)
        while True:
            i = bisect_right(window.starts, x) - 1
            if i >= 0 and min(x, window.ends[i]) >= window.lo:
                return min(x, window.ends[i])
            window = self._grow(window, x, forward=False)

    def _next_open_us(self, x: int) -> int:
        window = self._window(x, x)
        while True:
            i = bisect_right(window.starts, x) - 1
            if i >= 0 and x < window.ends[i]:
                return x
            if i + 1 < len(window.starts) and window.starts[i + 1] <= window.hi:
                return window.starts[i + 1]
            window = self._grow(window, x, forward=True)

    def _utc_offset_us(self, x: int) -> int:
        return utc_offset_us(x, self.tz)

    def __or__(self, other: Calendar) -> CombinedCalendar:
        """The calendar open when either is (a follow-the-sun desk)."""
        from servicedesk_core.calendar.combined import CombinedCalendar

        return CombinedCalendar(kind="union", left=self, right=other)

    def __and__(self, other: Calendar) -> CombinedCalendar:
        """The calendar open when both are (customer hours within provider hours)."""
        from servicedesk_core.calendar.combined import CombinedCalendar

        return CombinedCalendar(kind="intersection", left=self, right=other)


def _ordinal(day: dt.date) -> int:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"expected a datetime.date, got {day!r}")
    return day.toordinal()


def _owner(window: Window, s: int, utc_offset: int, *, closing: bool) -> int:
    """The local date owning a range that holds ``s`` (as its closing time if ``closing``)."""
    today = (s + utc_offset) // US_PER_DAY + EPOCH_ORDINAL
    for ordinal in (today, today - 1):
        for start, end in window.days[ordinal]:
            if (start < s <= end) if closing else (start <= s < end):
                return ordinal
    raise AssertionError("an open instant belongs to a day")  # pragma: no cover


def _clamp_into(ranges: DayRanges, u: int, forward: bool) -> int:
    """``u`` if a range of the day holds it, else the nearest edge of the day in the direction."""
    for start, end in ranges:
        if start <= u <= end:
            return u
    if forward:
        later = [start for start, _ in ranges if start > u]
        return min(later) if later else max(end for _, end in ranges)
    earlier = [end for _, end in ranges if end < u]
    return max(earlier) if earlier else min(start for start, _ in ranges)
