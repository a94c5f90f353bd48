"""Materialised open intervals of a calendar, grown lazily (private).

A :class:`Window` is an immutable snapshot: the merged open intervals of a run
of local dates as integer epoch microseconds, the cumulative open time before
each interval (so a position in business time is one bisection away), the
unmerged ranges each date owns, and the sorted business days. A
:class:`Timeline` holds the current snapshot and replaces it, under a lock,
with a larger one when a query reaches past its edges.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import date

from servicedesk_core._time import EPOCH_ORDINAL, US_PER_DAY

__all__ = ["DayRanges", "Timeline", "Window"]

DayRanges = tuple[tuple[int, int], ...]
"""The open ranges a local date owns, as ``(start_us, end_us)`` pairs."""

MARGIN_US = 3 * US_PER_DAY
"""Instants this close to the edge of the materialised dates may still change."""

JUMP_DAYS = 3660
"""A query this far from the current window starts a new window instead of growing it."""

_MIN_ORDINAL = 2  # keep one day of slack on both ends of the datetime range
_MAX_ORDINAL = 3_652_058  # 9999-12-30


class Window:
    """An immutable snapshot of the open intervals of local dates ``[first, last)``.

    Instants in ``[lo, hi]`` are settled: no date outside the window can
    change the open set there. ``bday_ranges[k]`` are the ranges of
    ``bdays[k]``; ``midnights`` is the calendar's per-business-day table of
    local midnights, filled on first use (see ``Calendar._midnights``).
    """

    __slots__ = (
        "bday_ranges",
        "bdays",
        "cum",
        "days",
        "ends",
        "first",
        "hi",
        "last",
        "lo",
        "midnights",
        "starts",
    )

    def __init__(self, first: int, last: int, days: Mapping[int, DayRanges]) -> None:
        self.first, self.last = first, last
        self.days = days
        self.bdays = [ordinal for ordinal in range(first, last) if days[ordinal]]
        self.bday_ranges = [days[ordinal] for ordinal in self.bdays]
        self.midnights: list[int | None] | None = None
        self.lo = (first - EPOCH_ORDINAL) * US_PER_DAY + MARGIN_US
        self.hi = (last - EPOCH_ORDINAL) * US_PER_DAY - MARGIN_US
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(pair for ranges in days.values() for pair in ranges):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        cum = [0]
        for start, end in zip(starts, ends, strict=True):
            cum.append(cum[-1] + end - start)
        self.starts, self.ends, self.cum = starts, ends, cum


def _year_start(ordinal: int, years_from: int) -> int:
    """Ordinal of January 1st ``years_from`` years after ``ordinal``'s year, within range."""
    year = date.fromordinal(min(max(ordinal, _MIN_ORDINAL), _MAX_ORDINAL)).year + years_from
    if year > 9999:
        return _MAX_ORDINAL
    return max(date(max(year, 1), 1, 1).toordinal(), _MIN_ORDINAL)


class Timeline:
    """The lazily grown :class:`Window` of one calendar; thread-safe, pickles as empty."""

    __slots__ = ("_lock", "window")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.window: Window | None = None

    def __reduce__(self) -> tuple[type[Timeline], tuple[()]]:
        return Timeline, ()

    def covering(
        self, lo_us: int, hi_us: int, compute: Callable[[int, int], Mapping[int, DayRanges]]
    ) -> Window | None:
        """Return a window settled over ``[lo_us, hi_us]``, growing it if needed.

        ``compute(first, last)`` returns the ranges of local dates ``[first, last)``.
        Growth doubles the window (at least a year at a time), so a run of
        queries costs amortised linear time; a query more than ``JUMP_DAYS``
        away replaces the window rather than materialising everything between.
        Returns ``None`` when the instants lie beyond the dates Python can represent.
        """
        window = self.window
        if window is not None and window.lo <= lo_us and hi_us <= window.hi:
            return window
        with self._lock:
            window = self.window
            if window is not None and window.lo <= lo_us and hi_us <= window.hi:
                return window
            need_first = (lo_us - MARGIN_US) // US_PER_DAY + EPOCH_ORDINAL - 1
            need_last = (hi_us + MARGIN_US) // US_PER_DAY + EPOCH_ORDINAL + 2
            if need_first < _MIN_ORDINAL or need_last > _MAX_ORDINAL:
                return None
            if window is not None and (
                need_first >= window.last + JUMP_DAYS or need_last <= window.first - JUMP_DAYS
            ):
                window = None  # far away: materialise around the query, not everything between
            if window is None:
                first, last = _year_start(need_first, 0), _year_start(need_last, 1)
                days: dict[int, DayRanges] = {}
            else:
                span = max(window.last - window.first, 366)
                first, last = window.first, window.last
                if need_first < first:
                    first = _year_start(min(need_first, first - span), 0)
                if need_last > last:
                    last = _year_start(max(need_last, last + span), 1)
                days = dict(window.days)
            first, last = max(first, _MIN_ORDINAL), min(last, _MAX_ORDINAL)
            old_first, old_last = (window.first, window.last) if window else (last, last)
            if first < old_first:
                days.update(compute(first, old_first))
            if old_last < last:
                days.update(compute(max(old_last, first), last))
            window = Window(first, last, days)
            self.window = window
            return window
