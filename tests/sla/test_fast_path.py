"""The evaluator's integer fast path agrees with the calendar's public methods."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import BusinessCalendar
from servicedesk_core._time import to_us
from servicedesk_core.sla.evaluate import _add, _elapsed
from servicedesk_core.testing.strategies import aware_datetimes, business_calendars, durations

STARTS = aware_datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2028, 1, 1))


@given(business_calendars(), STARTS, durations(), st.booleans())
def test_add_agrees_with_the_calendar(
    cal: BusinessCalendar, start: dt.datetime, duration: dt.timedelta, warm: bool
) -> None:
    if warm:  # answer from the materialised window, not the fallback
        cal.add(start, duration)
    assert to_us(cal.add(start, duration)) == _add(
        cal, to_us(start), duration // dt.timedelta(microseconds=1)
    )


@given(business_calendars(), STARTS, durations(), st.booleans())
def test_elapsed_agrees_with_the_calendar(
    cal: BusinessCalendar, start: dt.datetime, span: dt.timedelta, warm: bool
) -> None:
    end = start + span
    if warm:
        cal.elapsed(start, end)
    expected = cal.elapsed(start, end) // dt.timedelta(microseconds=1)
    assert expected == _elapsed(cal, to_us(start), to_us(end))
