"""The epoch-microsecond API agrees with the datetime API, cold and warm."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import BusinessCalendar
from servicedesk_core._time import to_us
from servicedesk_core.testing.strategies import aware_datetimes, business_calendars, durations

ONE_US = dt.timedelta(microseconds=1)


@given(business_calendars(), aware_datetimes(), durations(), st.booleans())
def test_add_us_is_add(
    cal: BusinessCalendar, start: dt.datetime, duration: dt.timedelta, warm: bool
) -> None:
    if warm:  # answer from the materialised window, not the growing path
        cal.add(start, duration)
    assert to_us(cal.add(start, duration)) == cal.add_us(to_us(start), duration // ONE_US)
    assert to_us(cal.add(start, -duration)) == cal.add_us(to_us(start), -duration // ONE_US)


@given(business_calendars(), aware_datetimes(), aware_datetimes(), st.booleans())
def test_elapsed_us_is_elapsed(
    cal: BusinessCalendar, start: dt.datetime, end: dt.datetime, warm: bool
) -> None:
    if warm:
        cal.elapsed(start, end)
    assert cal.elapsed(start, end) // ONE_US == cal.elapsed_us(to_us(start), to_us(end))


@given(business_calendars(), aware_datetimes(), st.integers(min_value=0, max_value=20))
def test_end_of_day_is_the_closing_time_of_the_same_business_day(
    cal: BusinessCalendar, t: dt.datetime, n: int
) -> None:
    same_time = cal.add_days(t, n).astimezone(dt.UTC)
    close = cal.add_days(t, n, end_of_day=True).astimezone(dt.UTC)
    assert same_time <= close < same_time + dt.timedelta(days=2)
    assert cal.is_open(close - ONE_US)  # the end of an open range (a seam may continue it)
