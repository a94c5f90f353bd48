"""Algebraic laws of business-time arithmetic, on random calendars in tricky zones."""

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import BusinessCalendar, DeadlineUnreachableError
from servicedesk_core._time import duration_us, to_us
from servicedesk_core.testing.strategies import aware_datetimes, business_calendars, durations

ZERO = dt.timedelta(0)


def utc(t: dt.datetime) -> dt.datetime:
    """Compare instants in UTC: same-zone aware datetimes compare and subtract by wall time."""
    return t.astimezone(dt.UTC)


calendars = business_calendars()
instants = aware_datetimes()
spans = durations(max_value=dt.timedelta(hours=300))


@given(calendars, instants, spans)
def test_elapsed_undoes_add(cal: BusinessCalendar, t: dt.datetime, d: dt.timedelta) -> None:
    """elapsed(t, add(t, d)) == d exactly, forwards and backwards."""
    assert d == cal.elapsed(t, cal.add(t, d))
    assert -d == cal.elapsed(t, cal.add(t, -d))


@given(calendars, instants)
def test_add_zero_is_identity(cal: BusinessCalendar, t: dt.datetime) -> None:
    assert utc(t) == utc(cal.add(t, ZERO))


@given(calendars, instants, spans, spans)
def test_add_is_additive(
    cal: BusinessCalendar, t: dt.datetime, a: dt.timedelta, b: dt.timedelta
) -> None:
    """add(add(t, a), b) == add(t, a + b) for a, b >= 0 when a > 0 (the deadline is settled)."""
    if a == ZERO:
        return
    assert utc(cal.add(t, a + b)) == utc(cal.add(cal.add(t, a), b))


@given(calendars, instants, instants, instants)
def test_elapsed_is_additive(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    assert cal.elapsed(a, c) == cal.elapsed(a, b) + cal.elapsed(b, c)


@given(calendars, instants, instants)
def test_elapsed_is_antisymmetric_and_bounded_by_wall_time(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime
) -> None:
    assert -cal.elapsed(b, a) == cal.elapsed(a, b)
    assert abs(cal.elapsed(a, b)) <= abs(utc(b) - utc(a))


@given(calendars, instants, spans, spans)
def test_add_is_monotone_in_duration(
    cal: BusinessCalendar, t: dt.datetime, a: dt.timedelta, b: dt.timedelta
) -> None:
    low, high = sorted((a, b))
    assert utc(cal.add(t, low)) <= utc(cal.add(t, high))


@given(calendars, instants, instants, spans)
def test_add_is_monotone_in_start(
    cal: BusinessCalendar, s: dt.datetime, t: dt.datetime, d: dt.timedelta
) -> None:
    early, late = sorted((s, t), key=utc)
    assert utc(cal.add(early, d)) <= utc(cal.add(late, d))


@given(calendars, instants, spans)
def test_subtract_is_add_of_negation(
    cal: BusinessCalendar, t: dt.datetime, d: dt.timedelta
) -> None:
    assert utc(cal.add(t, -d)) == utc(cal.subtract(t, d))
    assert utc(cal.subtract(t, d)) <= utc(t)


@given(calendars, instants)
def test_next_open_is_open_and_nothing_open_before_it(
    cal: BusinessCalendar, t: dt.datetime
) -> None:
    opening = cal.next_open(t)
    assert utc(opening) >= utc(t)
    assert cal.is_open(opening)
    assert cal.elapsed(t, opening) == ZERO


@given(calendars, instants)
def test_next_close_ends_the_open_run(cal: BusinessCalendar, t: dt.datetime) -> None:
    try:
        closing = cal.next_close(t)
    except DeadlineUnreachableError:  # documented: a week of overlapping ranges never closes
        week = dt.timedelta(days=7)
        assert week == cal.elapsed(t, t + week)
        return
    assert utc(closing) > utc(t)
    assert not cal.is_open(closing)
    opening = cal.next_open(t)
    assert utc(closing) - utc(opening) == cal.elapsed(opening, closing)


@given(calendars, instants, instants)
def test_open_intervals_measure_elapsed(
    cal: BusinessCalendar, a: dt.datetime, b: dt.datetime
) -> None:
    start, end = sorted((a, b), key=utc)
    pieces = list(cal.open_intervals(start, end))
    assert cal.elapsed(start, end) == sum((utc(hi) - utc(lo) for lo, hi in pieces), ZERO)
    assert all(utc(start) <= utc(lo) < utc(hi) <= utc(end) for lo, hi in pieces)
    assert all(utc(prev_hi) < utc(lo) for (_, prev_hi), (lo, _) in itertools.pairwise(pieces))


@given(calendars, instants, st.integers(min_value=0, max_value=30))
def test_add_days_is_monotone_in_n(cal: BusinessCalendar, t: dt.datetime, n: int) -> None:
    assert utc(cal.add_days(t, n)) <= utc(cal.add_days(t, n + 1))
    assert utc(cal.next_open(t)) == utc(cal.add_days(t, 0))


@given(calendars, calendars, instants, instants)
def test_union_and_intersection_follow_set_semantics(
    a: BusinessCalendar, b: BusinessCalendar, s: dt.datetime, t: dt.datetime
) -> None:
    """|a ∪ b| + |a ∩ b| == |a| + |b| on any span, and membership is or/and."""
    start, end = sorted((s, t), key=utc)
    union, both = a | b, a & b
    assert a.elapsed(start, end) + b.elapsed(start, end) == union.elapsed(
        start, end
    ) + both.elapsed(start, end)
    assert (a.is_open(s) or b.is_open(s)) == union.is_open(s)
    assert (a.is_open(s) and b.is_open(s)) == both.is_open(s)
    d = dt.timedelta(hours=5)
    assert d == union.elapsed(s, union.add(s, d))


@given(calendars, st.lists(instants, max_size=8), spans)
def test_add_many_is_add_of_each(
    cal: BusinessCalendar, starts: list[dt.datetime], d: dt.timedelta
) -> None:
    assert [utc(cal.add(t, d)) for t in starts] == [utc(u) for u in cal.add_many(starts, d)]
    assert [utc(cal.add(t, -d)) for t in starts] == [utc(u) for u in cal.add_many(starts, -d)]


@given(calendars, st.data())
def test_the_bulk_queries_on_microseconds_are_the_scalar_ones(
    cal: BusinessCalendar, data: st.DataObject
) -> None:
    """add_many_us and elapsed_many_us, durations of either sign, instants close or far apart."""
    near = data.draw(instants)
    pool = st.one_of(
        instants, aware_datetimes(min_value=near.replace(tzinfo=None), max_value=_month(near))
    )
    xs = [to_us(t) for t in data.draw(st.lists(pool, max_size=8))]
    ds = [sign * duration_us(data.draw(spans)) for sign in data.draw(_signs(len(xs)))]
    ys = [to_us(t) for t in data.draw(st.lists(pool, min_size=len(xs), max_size=len(xs)))]
    assert [cal.add_us(x, d) for x, d in zip(xs, ds, strict=True)] == cal.add_many_us(xs, ds)
    assert [cal.elapsed_us(x, y) for x, y in zip(xs, ys, strict=True)] == cal.elapsed_many_us(
        xs, ys
    )


def _month(t: dt.datetime) -> dt.datetime:
    return t.replace(tzinfo=None) + dt.timedelta(days=31)


def _signs(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.sampled_from((1, 0, -1)), min_size=n, max_size=n)
