"""Benchmark servicedesk_core's BusinessCalendar against popular business-hours libraries.

Run with ``make bench`` (installs the ``bench`` extra) or ``python bench/run.py [--quick]``.

Workload (issue 2, section 6): Mon-Fri 07:00-17:00 America/Chicago with
``holidays.US`` for 2024-2028; seeded random start instants over 2025-2027
(nights, weekends and holidays included, whole minutes so that the
minute-resolution peers can be judged fairly); durations 30 min, 4 h, 9 h,
50 h and 400 h; three operations:

- ``deadline``: the instant when the duration of open time has passed;
- ``elapsed``: the open time between a start and an end ``duration * 168 / 50``
  of wall-clock time later (the calendar is open 50 of 168 hours a week, so
  about ``duration`` of open time lies in between);
- ``add_days``: N business days later, N = duration / 10 h rounded, at least 1
  (1, 1, 1, 5, 40).

Each library is timed on the same instants, the libraries taking turns in
slices of about 20 ms (cheap libraries repeat their instants for at least
0.5 s); a cell's time is the median over its slices of the CPU time of the
benchmark thread per call (``time.thread_time``), so time spent descheduled
on a busy machine does not count. servicedesk_core is timed
datetime in, datetime out (stdlib aware datetimes, the public API). Peers get
their native input types converted before the clock starts, and their outputs
are not converted back: every conversion cost is in their favour. A cell times
at most ``--budget`` seconds of calls (a prefix of the random instants, itself a
random sample); cells that stopped early show how many calls they made.

Every answer of every library is then compared with ``tests/oracle.py``, a
slow, obviously correct reference that walks local days with zoneinfo, and the
disagreements are counted and shown with examples.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from servicedesk_core import BusinessCalendar, WeeklyHours

ROOT = Path(__file__).resolve().parent.parent

ZONE = "America/Chicago"
HOURS = "Mon-Fri 07:00-17:00"
HOLIDAY_YEARS = range(2024, 2029)
FIRST_START = dt.date(2025, 1, 1)
END_OF_STARTS = dt.date(2028, 1, 1)
WALL_PER_OPEN = 168 / 50  # wall-clock hours per open hour over a normal week
OPS = ("deadline", "elapsed", "add_days")


@dataclasses.dataclass(frozen=True)
class Bucket:
    label: str
    duration: dt.timedelta
    days: int  # N for add_days


BUCKETS = tuple(
    Bucket(label, duration, max(1, round(duration / dt.timedelta(hours=10))))
    for label, duration in [
        ("30 min", dt.timedelta(minutes=30)),
        ("4 h", dt.timedelta(hours=4)),
        ("9 h", dt.timedelta(hours=9)),
        ("50 h", dt.timedelta(hours=50)),
        ("400 h", dt.timedelta(hours=400)),
    ]
)


@dataclasses.dataclass(frozen=True)
class Workload:
    """The calendar's definition and the seeded inputs every library sees."""

    tz: ZoneInfo
    holidays: holidays.HolidayBase
    starts: tuple[dt.datetime, ...]
    buckets: tuple[Bucket, ...] = BUCKETS

    @functools.cached_property
    def holiday_dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted(self.holidays))

    def end(self, start: dt.datetime, bucket: Bucket) -> dt.datetime:
        """The end of the ``elapsed`` query for ``start`` in ``bucket``."""
        wall = bucket.duration * WALL_PER_OPEN
        return start + dt.timedelta(minutes=round(wall / dt.timedelta(minutes=1)))

    def inputs(self, op: str, bucket: Bucket) -> list[Any]:
        """The stdlib inputs of ``op``: start instants, or (start, end) pairs for elapsed."""
        if op == "elapsed":
            return [(t, self.end(t, bucket)) for t in self.starts]
        return list(self.starts)


def build_workload(instants: int = 20_000, seed: int = 20_251_122) -> Workload:
    """``instants`` seeded random whole-minute start instants over 2025-2027 in Chicago."""
    tz = ZoneInfo(ZONE)
    rng = random.Random(seed)
    lo = dt.datetime.combine(FIRST_START, dt.time(), tzinfo=tz)
    hi = dt.datetime.combine(END_OF_STARTS, dt.time(), tzinfo=tz)
    minutes = int((hi - lo) / dt.timedelta(minutes=1))
    utc_lo = lo.astimezone(dt.UTC)
    starts = tuple(
        (utc_lo + dt.timedelta(minutes=rng.randrange(minutes))).astimezone(tz)
        for _ in range(instants)
    )
    return Workload(tz=tz, holidays=holidays.US(years=HOLIDAY_YEARS), starts=starts)


def our_calendar(workload: Workload) -> BusinessCalendar:
    return BusinessCalendar(
        timezone=ZONE, hours=WeeklyHours.parse(HOURS), holidays=workload.holidays
    )


# --- libraries ----------------------------------------------------------------
#
# A library is a set of cell runners: ``runner(inputs, bucket) -> outputs`` makes
# one call per input in a plain loop (no wrapper per call), ``None`` when the
# library has no such operation. ``prepare`` converts a stdlib input to the
# library's native type and ``normalize`` turns an output into a stdlib value;
# both run outside the clock.

Runner = Callable[[Sequence[Any], Bucket], list[Any]]


def _identity(value: Any) -> Any:
    return value


@dataclasses.dataclass
class Library:
    name: str
    version: str
    setup_seconds: float
    runners: dict[str, Runner | None]
    prepare: Callable[[Any], Any] = _identity
    normalize: dict[str, Callable[[Any], Any]] = dataclasses.field(default_factory=dict)
    notes: tuple[str, ...] = ()


BULK = "  bulk (add_many)"


def servicedesk_core_library(workload: Workload) -> Library:
    import servicedesk_core

    clock = time.perf_counter()
    cal = our_calendar(workload)
    setup = time.perf_counter() - clock

    def deadline(starts: Sequence[dt.datetime], bucket: Bucket) -> list[dt.datetime]:
        add, d = cal.add, bucket.duration
        return [add(t, d) for t in starts]

    def elapsed(pairs: Sequence[tuple[dt.datetime, dt.datetime]], bucket: Bucket) -> list[Any]:
        between = cal.elapsed
        return [between(a, b) for a, b in pairs]

    def add_days(starts: Sequence[dt.datetime], bucket: Bucket) -> list[dt.datetime]:
        add, n = cal.add_days, bucket.days
        return [add(t, n) for t in starts]

    return Library(
        name="servicedesk_core",
        version=getattr(servicedesk_core, "__version__", "?"),
        setup_seconds=setup,
        runners={"deadline": deadline, "elapsed": elapsed, "add_days": add_days},
    )


def servicedesk_core_bulk_library(workload: Workload) -> Library:
    """The bulk form for notebooks: one call for a whole sequence of start instants."""
    clock = time.perf_counter()
    cal = our_calendar(workload)
    setup = time.perf_counter() - clock

    def deadline(starts: Sequence[dt.datetime], bucket: Bucket) -> list[dt.datetime]:
        return cal.add_many(starts, bucket.duration)

    return Library(
        name=BULK,
        version="add_many",
        setup_seconds=setup,
        runners={"deadline": deadline, "elapsed": None, "add_days": None},
    )


def businesstimedelta_library(workload: Workload) -> Library:
    import importlib.metadata

    import businesstimedelta as btd
    import pytz

    clock = time.perf_counter()
    # As its README shows, with the timezone given to both rules (the README's
    # HolidayRule leaves it out, which puts holidays in UTC).
    tz = pytz.timezone(ZONE)
    rules = btd.Rules(
        [
            btd.WorkDayRule(
                start_time=dt.time(7), end_time=dt.time(17), working_days=[0, 1, 2, 3, 4], tz=tz
            ),
            btd.HolidayRule(workload.holidays, tz=tz),
        ]
    )
    deltas = {b.label: btd.BusinessTimeDelta(rules, timedelta=b.duration) for b in BUCKETS}
    setup = time.perf_counter() - clock

    def deadline(starts: Sequence[dt.datetime], bucket: Bucket) -> list[dt.datetime]:
        delta = deltas[bucket.label]
        return [t + delta for t in starts]

    def elapsed(pairs: Sequence[tuple[dt.datetime, dt.datetime]], bucket: Bucket) -> list[Any]:
        difference = rules.difference
        return [difference(a, b) for a, b in pairs]

    return Library(
        name="businesstimedelta",
        version=importlib.metadata.version("businesstimedelta"),
        setup_seconds=setup,
        runners={"deadline": deadline, "elapsed": elapsed, "add_days": None},
        normalize={"elapsed": lambda delta: delta.timedelta},
        notes=("businesstimedelta: no business-day arithmetic (add_days n/a).",),
    )


def pandas_library(workload: Workload) -> Library:
    import pandas as pd
    from pandas.tseries.offsets import CustomBusinessDay, CustomBusinessHour

    clock = time.perf_counter()
    week = "Mon Tue Wed Thu Fri"
    days = list(workload.holiday_dates)

    def hours_offset(n: int) -> CustomBusinessHour:
        return CustomBusinessHour(n=n, start="07:00", end="17:00", weekmask=week, holidays=days)

    # Offsets are built once, outside the clock: n must be a whole number of hours,
    # so the 30 min deadline has no pandas spelling.
    by_hours: dict[str, CustomBusinessHour] = {}
    for b in BUCKETS:
        hours, rest = divmod(b.duration, dt.timedelta(hours=1))
        if not rest:
            by_hours[b.label] = hours_offset(hours)
    roll = hours_offset(0)  # ts + CustomBusinessHour(0): the next open instant
    by_days = {b.label: CustomBusinessDay(n=b.days, weekmask=week, holidays=days) for b in BUCKETS}
    setup = time.perf_counter() - clock

    def deadline(starts: Sequence[pd.Timestamp], bucket: Bucket) -> list[pd.Timestamp] | None:
        offset = by_hours[bucket.label]
        return [t + offset for t in starts]

    def add_days(starts: Sequence[pd.Timestamp], bucket: Bucket) -> list[pd.Timestamp]:
        offset = by_days[bucket.label]
        return [t + roll + offset for t in starts]

    def prepare(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(pd.Timestamp(v) for v in value)
        return pd.Timestamp(value)

    runners: dict[str, Runner | None] = {
        "deadline": _only(deadline, set(by_hours)),
        "elapsed": None,
        "add_days": add_days,
    }
    return Library(
        name="pandas",
        version=pd.__version__,
        setup_seconds=setup,
        runners=runners,
        prepare=prepare,
        notes=(
            "pandas: CustomBusinessHour takes whole hours only (30 min n/a); "
            "no business-time difference (elapsed n/a); add_days is "
            "ts + CustomBusinessHour(0) + CustomBusinessDay(N).",
        ),
    )


def exchange_calendars_library(workload: Workload) -> Library:
    import exchange_calendars
    import pandas as pd
    from exchange_calendars import ExchangeCalendar

    clock = time.perf_counter()
    tz = workload.tz
    adhoc = [pd.Timestamp(day) for day in workload.holiday_dates]

    # exchange_calendars only knows exchanges, so the desk is written as one: a
    # session every weekday (the default weekmask) opening 07:00 and closing
    # 17:00 local time, with the holidays.US dates as ad-hoc holidays. Its unit
    # of business time is the trading minute; side="left" makes a session's
    # minutes [07:00, 16:59], each standing for [m, m + 1 min), which is our
    # half-open day. Sessions are materialised for 2024-2028 at construction.
    class ServiceDesk(ExchangeCalendar):  # type: ignore[misc]
        name = "DESK"
        tz = workload.tz
        open_times = ((None, dt.time(7)),)
        close_times = ((None, dt.time(17)),)

        @property
        def adhoc_holidays(self) -> list[pd.Timestamp]:
            return adhoc

    cal = ServiceDesk(start="2024-01-01", end="2028-12-31", side="left")
    cal.minutes_nanos  # noqa: B018  (force the lazy minute index now, outside the clock)
    one = pd.Timedelta(minutes=1)
    setup = time.perf_counter() - clock

    # deadline: the earliest u with d minutes of open time in [t, u] ends the
    # d-th trading minute counted from the first one at or after t.
    def deadline(starts: Sequence[pd.Timestamp], bucket: Bucket) -> list[pd.Timestamp]:
        to_trading, offset = cal.minute_to_trading_minute, cal.minute_offset
        count = bucket.duration // one - 1
        return [offset(to_trading(t, "next"), count) + one for t in starts]

    # elapsed: the trading minutes m with a <= m < b, i.e. in [a, b - 1 min].
    def elapsed(pairs: Sequence[tuple[pd.Timestamp, pd.Timestamp]], bucket: Bucket) -> list[int]:
        distance = cal.minutes_distance
        return [distance(a, b - one) for a, b in pairs]

    # add_days: roll to the next trading minute, take its session, offset the
    # session and put the same local wall time on it.
    def add_days(starts: Sequence[pd.Timestamp], bucket: Bucket) -> list[pd.Timestamp]:
        to_trading, to_session = cal.minute_to_trading_minute, cal.minute_to_session
        offset, n = cal.session_offset, bucket.days
        answers = []
        for t in starts:
            s = to_trading(t, "next")
            day = offset(to_session(s), n)
            wall = s.tz_convert(tz).tz_localize(None)
            answers.append((day + (wall - wall.normalize())).tz_localize(tz))
        return answers

    def prepare(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(pd.Timestamp(v).tz_convert("UTC") for v in value)
        return pd.Timestamp(value).tz_convert("UTC")

    return Library(
        name="exchange_calendars",
        version=exchange_calendars.__version__,
        setup_seconds=setup,
        runners={"deadline": deadline, "elapsed": elapsed, "add_days": add_days},
        prepare=prepare,
        normalize={"elapsed": lambda minutes: dt.timedelta(minutes=int(minutes))},
        notes=(
            "exchange_calendars: a custom ExchangeCalendar subclass (sessions 07:00-17:00 "
            "Mon-Fri, holidays.US as ad-hoc holidays), minute resolution, side='left'.",
        ),
    )


def _only(runner: Runner, labels: set[str]) -> Runner:
    """A runner that exists only for some buckets (see :func:`cell_supported`)."""
    runner.labels = labels  # type: ignore[attr-defined]
    return runner


def cell_supported(runner: Runner | None, bucket: Bucket) -> bool:
    if runner is None:
        return False
    labels = getattr(runner, "labels", None)
    return labels is None or bucket.label in labels


PEERS: dict[str, Callable[[Workload], Library]] = {
    "exchange_calendars": exchange_calendars_library,
    "pandas": pandas_library,
    "businesstimedelta": businesstimedelta_library,
}


# --- timing -------------------------------------------------------------------

clock_now = time.thread_time
"""CPU seconds of this thread: time spent descheduled on a busy machine does not count."""


@dataclasses.dataclass
class Cell:
    """The timing and the answers of one library for one operation and bucket."""

    us_per_call: float
    calls: int
    answers: list[Any]


def time_cell(
    runners: dict[str, tuple[Runner, Sequence[Any]]],
    bucket: Bucket,
    *,
    budget: float,
    least: float,
    slice_seconds: float = 0.02,
) -> dict[str, Cell]:
    """Time several libraries on the same inputs, interleaved slice by slice.

    The libraries take turns, each running as many consecutive inputs as fit in
    about ``slice_seconds``, so every library sees the same stretch of load on a
    shared machine, and each slice is long enough that the caches another
    library left cold cost little. A library that reaches the end of its inputs
    starts over (for timing only) until it has spent ``least`` seconds, and
    stops early once it has spent ``budget`` seconds. The time per call is the
    median over its slices. Each library's first call is an untimed warm-up: its
    lazy caches are filled outside the clock (see :func:`time_first_call`).
    """
    samples: dict[str, list[float]] = {name: [] for name in runners}
    answers: dict[str, list[Any]] = {name: [] for name in runners}
    spent = dict.fromkeys(runners, 0.0)
    size = dict.fromkeys(runners, 1)
    cursor = dict.fromkeys(runners, 1)
    for name, (runner, inputs) in runners.items():  # warm up (lazy caches), untimed
        answers[name].extend(runner(inputs[:1], bucket))
    active = [name for name, (_, inputs) in runners.items() if len(inputs) > 1]
    gc.collect()
    gc.disable()
    try:
        while active:
            for name in list(active):
                runner, inputs = runners[name]
                start = cursor[name]
                part = inputs[start : start + size[name]]
                clock = clock_now()
                out = runner(part, bucket)
                elapsed = clock_now() - clock
                per_call = elapsed / len(part)
                samples[name].append(per_call)
                if len(answers[name]) < len(inputs):
                    answers[name].extend(out)
                spent[name] += elapsed
                cursor[name] = (start + len(part)) % len(inputs)
                size[name] = max(1, int(slice_seconds / max(per_call, 1e-9)))
                finished = len(answers[name]) == len(inputs) and spent[name] >= least
                if finished or spent[name] > budget:
                    active.remove(name)
    finally:
        gc.enable()
    return {
        name: Cell(statistics.median(samples[name]) * 1e6, len(answers[name]), answers[name])
        for name in runners
    }


def run_libraries(
    libraries: Sequence[Library],
    workload: Workload,
    *,
    budget: float,
    least: float,
    log: Callable[[str], None],
) -> dict[str, dict[tuple[str, str], Cell]]:
    """Every cell of every library: ``results[library][op, bucket label]``."""
    results: dict[str, dict[tuple[str, str], Cell]] = {lib.name: {} for lib in libraries}
    for op in OPS:
        for bucket in workload.buckets:
            stdlib_inputs = workload.inputs(op, bucket)
            runners = {
                lib.name: (runner, [lib.prepare(x) for x in stdlib_inputs])
                for lib in libraries
                if cell_supported(runner := lib.runners.get(op), bucket) and runner is not None
            }
            cells = time_cell(runners, bucket, budget=budget, least=least)
            for lib in libraries:
                cell = cells.get(lib.name)
                if cell is None:
                    continue
                normalize = lib.normalize.get(op)
                if normalize is not None:
                    cell.answers = [normalize(a) for a in cell.answers]
                results[lib.name][op, bucket.label] = cell
                log(f"  {lib.name} {op} {bucket.label}: {cell.us_per_call:.1f} us x {cell.calls}")
    return results


@dataclasses.dataclass(frozen=True)
class FirstCall:
    construct_us: float
    first_call_us: float
    steady_us: float


def time_first_call(workload: Workload) -> FirstCall:
    """A fresh calendar's first deadline (it materialises the open intervals) vs the next ones."""
    start, four = workload.starts[0], dt.timedelta(hours=4)
    clock = clock_now()
    cal = our_calendar(workload)
    constructed = clock_now()
    cal.add(start, four)
    first = clock_now()
    rounds = 2000
    for _ in range(rounds):
        cal.add(start, four)
    steady = clock_now()
    return FirstCall(
        construct_us=(constructed - clock) * 1e6,
        first_call_us=(first - constructed) * 1e6,
        steady_us=(steady - first) / rounds * 1e6,
    )


# --- the oracle -----------------------------------------------------------------


class Expected:
    """The oracle's answers, computed on demand and kept (shared by every library)."""

    def __init__(self, workload: Workload) -> None:
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        from tests.oracle import CalendarOracle

        # The oracle reads the calendar's holidays day by day; a plain set of the
        # same dates (holidays.US 2024-2028) keeps that cheap. Each date's ranges
        # are remembered: the oracle's arithmetic still runs for every query.
        class RememberingOracle(CalendarOracle):  # type: ignore[misc]
            @functools.cache  # noqa: B019  (one oracle per run)
            def day_ranges(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
                return super().day_ranges(day)  # type: ignore[no-any-return]

        twin = BusinessCalendar(
            timezone=ZONE, hours=WeeklyHours.parse(HOURS), holidays=workload.holiday_dates
        )
        self.oracle = RememberingOracle(twin)
        self.workload = workload
        self._answers: dict[tuple[str, str], list[Any]] = {}

    def answers(self, op: str, bucket: Bucket, calls: int) -> list[Any]:
        key = op, bucket.label
        done = self._answers.setdefault(key, [])
        inputs = self.workload.inputs(op, bucket)
        # Instants go in as UTC: the oracle adds durations to its input datetime,
        # which for a zoned datetime would be wall-clock arithmetic.
        for x in inputs[len(done) : calls]:
            if op == "deadline":
                done.append(self.oracle.add(x.astimezone(dt.UTC), bucket.duration))
            elif op == "elapsed":
                done.append(self.oracle.elapsed(*(v.astimezone(dt.UTC) for v in x)))
            else:
                done.append(self.oracle.add_days(x.astimezone(dt.UTC), bucket.days))
        return done[:calls]


@dataclasses.dataclass(frozen=True)
class Disagreement:
    op: str
    bucket: Bucket
    query: Any
    got: Any
    expected: Any


def disagreements(
    cells: dict[tuple[str, str], Cell], workload: Workload, expected: Expected
) -> list[Disagreement]:
    found = []
    for bucket in workload.buckets:
        for op in OPS:
            cell = cells.get((op, bucket.label))
            if cell is None:
                continue
            inputs = workload.inputs(op, bucket)
            truth = expected.answers(op, bucket, cell.calls)
            for query, got, want in zip(inputs, cell.answers, truth, strict=False):
                if _instant(got) != _instant(want):
                    found.append(Disagreement(op, bucket, query, got, want))
    return found


def _instant(value: Any) -> Any:
    """A datetime as UTC, so that it compares as an instant.

    Aware datetimes in different zones never compare equal inside a repeated
    (fold) hour (PEP 495), even when they are the same instant.
    """
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def _local(value: Any, tz: ZoneInfo) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(tz).strftime("%a %Y-%m-%d %H:%M %Z")
    if isinstance(value, dt.timedelta):
        hours, rest = divmod(value, dt.timedelta(hours=1))
        return f"{hours}h{rest // dt.timedelta(minutes=1):02d}m"
    return repr(value)


def tags(item: Disagreement, workload: Workload, expected: Expected) -> list[str]:
    """What kind of disagreement: the other convention at closing time, or what the span crosses.

    A deadline that uses up the last open minute of a day is that day's closing
    time (DESIGN.md); a library that answers the next opening instead names the
    same point of business time, so that is tagged ``next-open`` and set apart.
    Otherwise the tags say whether the span crosses a DST change, a holiday or a
    weekend.
    """
    if (
        item.op == "deadline"
        and isinstance(item.got, dt.datetime)
        and not expected.oracle.is_open(item.expected)
        and _instant(item.got) == _instant(expected.oracle.next_open(item.expected))
    ):
        return ["next-open"]
    tz = workload.tz
    start = item.query[0] if isinstance(item.query, tuple) else item.query
    end = item.query[1] if isinstance(item.query, tuple) else item.expected
    lo, hi = sorted([start.astimezone(tz), end.astimezone(tz)])
    found = []
    if lo.utcoffset() != hi.utcoffset():
        found.append("DST")
    days = {lo.date() + dt.timedelta(days=i) for i in range((hi.date() - lo.date()).days + 1)}
    if days & set(workload.holiday_dates):
        found.append("holiday")
    if any(day.weekday() >= 5 for day in days):
        found.append("weekend")
    return found


def describe(item: Disagreement, workload: Workload) -> str:
    tz = workload.tz
    if item.op == "elapsed":
        a, b = item.query
        query = f"elapsed {_local(a, tz)} .. {_local(b, tz)}"
    elif item.op == "deadline":
        query = f"deadline {_local(item.query, tz)} + {item.bucket.label}"
    else:
        query = f"add_days {_local(item.query, tz)} + {item.bucket.days} d"
    return f"{query}: got {_local(item.got, tz)}, expected {_local(item.expected, tz)}"


# --- report ---------------------------------------------------------------------


def _fmt(us: float) -> str:
    return f"{us:,.1f}" if us < 1000 else f"{us:,.0f}"


def print_table(
    results: dict[str, dict[tuple[str, str], Cell]], workload: Workload, out: Callable[[str], None]
) -> None:
    ours = results["servicedesk_core"]
    width = 18
    head = f"{'op':<9}{'library':<20}" + "".join(f"{b.label:>{width}}" for b in workload.buckets)
    head += f"{'400h/30min':>12}"
    out(head)
    out("-" * len(head))
    for op in OPS:
        for row_number, (name, cells) in enumerate(results.items()):
            row = f"{op if row_number == 0 else '':<9}{name:<20}"
            for bucket in workload.buckets:
                cell = cells.get((op, bucket.label))
                if cell is None:
                    row += f"{'n/a':>{width}}"
                    continue
                text = _fmt(cell.us_per_call)
                if name != "servicedesk_core" and (op, bucket.label) in ours:
                    ratio = cell.us_per_call / ours[op, bucket.label].us_per_call
                    text += f" ({ratio:,.0f}x)" if ratio >= 10 else f" ({ratio:.1f}x)"
                if cell.calls < len(workload.starts):
                    text += "*"
                row += f"{text:>{width}}"
            first = cells.get((op, workload.buckets[0].label))
            last = cells.get((op, workload.buckets[-1].label))
            flat = f"{last.us_per_call / first.us_per_call:.2f}" if first and last else "-"
            out(row + f"{flat:>12}")
        if op == "add_days":
            out(
                f"{'':<9}(N = "
                + ", ".join(str(b.days) for b in workload.buckets)
                + " business days)"
            )
        out("")


def check_targets(
    results: dict[str, dict[tuple[str, str], Cell]], out: Callable[[str], None]
) -> bool:
    ours = results["servicedesk_core"]
    ok = True
    out("Targets: deadline at 4 h, datetime in / datetime out")
    for name, factor in (("exchange_calendars", 8), ("pandas", 40), ("businesstimedelta", 60)):
        cell = results.get(name, {}).get(("deadline", "4 h"))
        if cell is None:
            out(f"  {name:<20} >= {factor}x: not run")
            continue
        ratio = cell.us_per_call / ours["deadline", "4 h"].us_per_call
        hit = ratio >= factor
        ok &= hit
        text = f"  {name:<20} >= {factor:>2}x: {ratio:6.1f}x  {'met' if hit else 'MISSED'}"
        bulk = results.get(BULK, {}).get(("deadline", "4 h"))
        if bulk is not None:
            bulk_ratio = cell.us_per_call / bulk.us_per_call
            text += f"; bulk {bulk_ratio:6.1f}x  {'met' if bulk_ratio >= factor else 'MISSED'}"
        out(text)
    out("Flatness: servicedesk_core's 400 h bucket at most 1.3x its 30 min bucket")
    for op in OPS:
        ratio = ours[op, "400 h"].us_per_call / ours[op, "30 min"].us_per_call
        hit = ratio <= 1.3
        ok &= hit
        out(f"  {op:<9} {ratio:5.2f}x  {'met' if hit else 'MISSED'}")
    return ok


KIND_WORDS = {
    "next-open": "answer the next opening where the deadline ends at closing time",
    "DST": "cross a DST change",
    "holiday": "cross a holiday",
    "weekend": "cross a weekend",
    "-": "on plain spans",
}


def print_disagreements(
    name: str,
    found: list[Disagreement],
    workload: Workload,
    expected: Expected,
    out: Callable[[str], None],
) -> None:
    """One line per library: how many answers differ, of which kinds, and one example."""
    if not found:
        out(f"  {name}: no disagreement")
        return
    by_tag: dict[str, int] = {}
    for item in found:
        for tag in tags(item, workload, expected) or ["-"]:
            by_tag[tag] = by_tag.get(tag, 0) + 1
    kinds = ", ".join(f"{count} {KIND_WORDS.get(tag, tag)}" for tag, count in by_tag.items())
    out(f"  {name}: {len(found)} disagreements ({kinds}); e.g. {describe(found[0], workload)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 instants, 1 s per cell")
    parser.add_argument("--instants", type=int, help="start instants (default 20,000)")
    parser.add_argument("--budget", type=float, help="seconds of calls per cell (default 5)")
    parser.add_argument("--seed", type=int, default=20_251_122, help="of the start instants")
    parser.add_argument(
        "--only",
        choices=["servicedesk_core", *PEERS],
        action="append",
        help="time only these libraries (repeatable; servicedesk_core always runs)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every cell as it is timed")
    args = parser.parse_args(argv)
    instants = args.instants or (1_000 if args.quick else 20_000)
    budget = args.budget or (1.0 if args.quick else 5.0)
    out = functools.partial(print, flush=True)
    log = out if args.verbose else (lambda _line: None)

    workload = build_workload(instants, args.seed)
    first = time_first_call(workload)
    factories = {
        "servicedesk_core": servicedesk_core_library,
        BULK: servicedesk_core_bulk_library,
        **PEERS,
    }
    chosen = args.only or list(factories)
    for name in ("servicedesk_core", BULK)[::-1]:
        if name not in chosen:
            chosen.insert(0, name)
    libraries = {}
    for name in chosen:
        try:
            libraries[name] = factories[name](workload)
        except ImportError as error:
            out(f"{name}: not installed ({error}); `make bench` installs the bench extra")
    least = 0.1 if args.quick else 0.5
    results = run_libraries(list(libraries.values()), workload, budget=budget, least=least, log=log)

    out(f"Workload: {HOURS} {ZONE}, holidays.US {HOLIDAY_YEARS[0]}-{HOLIDAY_YEARS[-1]}")
    out(
        f"{instants:,} start instants over 2025-2027 (seed {args.seed}); durations "
        + ", ".join(b.label for b in workload.buckets)
    )
    load = os.getloadavg()[0]
    out(
        f"Load average {load:.1f} on {os.cpu_count()} CPUs; times are CPU time of the "
        "benchmark thread, libraries interleaved"
    )
    out(
        f"Python {platform.python_version()}; "
        + ", ".join(f"{lib.name} {lib.version}" for lib in libraries.values())
    )
    out("")
    out("Microseconds per call (peer / servicedesk_core in parentheses)")
    print_table(results, workload, out)
    for name, cells in results.items():
        short = [f"{op} {b} {c.calls}" for (op, b), c in cells.items() if c.calls < instants]
        if short:
            out(f"* {name} ran out of its {budget:g} s per cell: " + ", ".join(short) + " calls")
    for library in libraries.values():
        for note in library.notes:
            out(f"n/a: {note}")
    out("")
    out("Setup, outside the timed loops:")
    for library in libraries.values():
        out(f"  {library.name:<20} {library.setup_seconds * 1e3:8.1f} ms")
    out(
        "servicedesk_core first call on a fresh calendar (materialises its first years): "
        f"construct {first.construct_us:,.0f} us, first deadline {first.first_call_us:,.0f} us, "
        f"then {first.steady_us:.1f} us per deadline"
    )
    out("")
    check_targets(results, out)
    out("")
    out("Answers checked against tests/oracle.py (slow, obvious reference):")
    expected = Expected(workload)
    for name, cells in results.items():
        found = disagreements(cells, workload, expected)
        print_disagreements(name, found, workload, expected, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
