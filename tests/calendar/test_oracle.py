"""Differential tests: the calendar agrees with the brute-force oracle in tests/oracle.py."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import BusinessCalendar
from servicedesk_core.testing.strategies import aware_datetimes, business_calendars, durations
from tests.oracle import CalendarOracle

calendars = business_calendars()


def utc(t: dt.datetime) -> dt.datetime:
    """Compare in UTC: PEP 495 has no inter-zone equality inside a repeated hour."""
    return t.astimezone(dt.UTC)


instants = aware_datetimes()
spans = durations(max_value=dt.timedelta(hours=300))


@given(calendars, instants, spans)
def test_add_matches_oracle(cal: BusinessCalendar, t: dt.datetime, d: dt.timedelta) -> None:
    oracle = CalendarOracle(cal)
    assert utc(oracle.add(t, d)) == utc(cal.add(t, d))
    assert utc(oracle.add(t, -d)) == utc(cal.subtract(t, d))


@given(calendars, instants, instants)
def test_elapsed_matches_oracle(cal: BusinessCalendar, a: dt.datetime, b: dt.datetime) -> None:
    assert CalendarOracle(cal).elapsed(a, b) == cal.elapsed(a, b)


@given(calendars, instants)
def test_is_open_and_next_open_match_oracle(cal: BusinessCalendar, t: dt.datetime) -> None:
    oracle = CalendarOracle(cal)
    assert oracle.is_open(t) == cal.is_open(t)
    assert utc(oracle.next_open(t)) == utc(cal.next_open(t))


@given(calendars, st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_business_days_match_oracle(cal: BusinessCalendar, day: dt.date) -> None:
    oracle = CalendarOracle(cal)
    assert oracle.is_business_day(day) == cal.is_business_day(day)
    following = cal.next_business_day(day)
    assert following > day
    assert oracle.is_business_day(following)
    assert not any(
        oracle.is_business_day(day + dt.timedelta(days=k)) for k in range(1, (following - day).days)
    )


@given(calendars, instants, st.integers(min_value=-12, max_value=12))
def test_add_days_matches_oracle(cal: BusinessCalendar, t: dt.datetime, n: int) -> None:
    assert utc(CalendarOracle(cal).add_days(t, n)) == utc(cal.add_days(t, n))


@given(calendars, instants, st.integers(min_value=0, max_value=12))
def test_add_days_to_end_of_day_matches_oracle(
    cal: BusinessCalendar, t: dt.datetime, n: int
) -> None:
    expected = CalendarOracle(cal).add_days(t, n, end_of_day=True)
    assert utc(expected) == utc(cal.add_days(t, n, end_of_day=True))
