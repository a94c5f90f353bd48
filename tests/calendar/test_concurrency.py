"""Materialisation is thread-safe: concurrent first queries agree with sequential ones."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import holidays

from servicedesk_core import BusinessCalendar


def _calendar() -> BusinessCalendar:
    return BusinessCalendar(
        timezone="America/Chicago", hours="Mon-Fri 07:00-17:00", holidays=holidays.US()
    )


def test_concurrent_queries_on_a_fresh_calendar_agree_with_sequential_answers() -> None:
    starts = [
        dt.datetime(2000 + year, 1 + year % 12, 1 + year % 28, 9, tzinfo=dt.UTC)
        for year in range(0, 60, 3)
    ]
    durations = [dt.timedelta(hours=hours) for hours in (1, 40, 400, 4000)]
    jobs = [(start, duration) for start in starts for duration in durations]
    expected = [_calendar().add(start, duration) for start, duration in jobs]
    shared = _calendar()
    with ThreadPoolExecutor(max_workers=8) as pool:
        actual = list(pool.map(lambda job: shared.add(*job), jobs))
    assert expected == actual
