"""add_days: the convention for uniform calendars, as a law."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import BusinessCalendar, WeeklyHours
from servicedesk_core.testing.strategies import TRICKY_TIMEZONES, aware_datetimes, time_ranges


@st.composite
def uniform_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """The same single daytime range on every open weekday, plus holidays."""
    day = draw(time_ranges(allow_overnight=False))
    open_days = draw(st.sets(st.integers(0, 6), min_size=1))
    holidays = draw(
        st.frozensets(st.dates(dt.date(2005, 1, 1), dt.date(2035, 12, 31)), max_size=30)
    )
    return BusinessCalendar(
        timezone=draw(st.sampled_from(TRICKY_TIMEZONES)),
        hours=WeeklyHours({weekday: [day] for weekday in open_days}),
        holidays=holidays,
    )


@given(uniform_calendars(), aware_datetimes(), st.integers(min_value=0, max_value=40))
def test_uniform_calendar_keeps_the_wall_time_n_business_days_later(
    cal: BusinessCalendar, t: dt.datetime, n: int
) -> None:
    """Roll t to the next open instant, then the same wall time n business days later."""
    start = cal.next_open(t)
    expected_day = start.date()
    for _ in range(n):
        expected_day = cal.next_business_day(expected_day)
    result = cal.add_days(t, n)
    assert expected_day == result.date()
    wall = dt.datetime.combine(expected_day, start.time()).replace(tzinfo=cal.tz)
    if cal.is_open(wall):  # not when a DST gap swallowed that wall time on the target day
        assert wall.astimezone(dt.UTC) == result.astimezone(dt.UTC)
