"""One door, one fuzz test: calendar constructors and parsers raise only ConfigError."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    BusinessCalendar,
    CombinedCalendar,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)
from tests.fuzz import JUNK, refused_or_built

DESK = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")


@given(JUNK, JUNK)
def test_time_range_from_junk(start: Any, duration: Any) -> None:
    refused_or_built(lambda: TimeRange(start, duration))
    refused_or_built(lambda: TimeRange.between(start, duration))


@given(JUNK | st.text(alphabet="MonFriSatDaily0123456789:-–, ;APMapm", max_size=60))
def test_parsers_from_junk(text: Any) -> None:
    refused_or_built(lambda: TimeRange.parse(text))
    refused_or_built(lambda: WeeklyHours.parse(text))


@given(JUNK | st.dictionaries(JUNK.filter(lambda key: key.__hash__ is not None), JUNK))
def test_weekly_hours_from_junk(days: Any) -> None:
    refused_or_built(lambda: WeeklyHours(days))


@given(JUNK, JUNK, JUNK, JUNK)
def test_business_calendar_from_junk(timezone: Any, hours: Any, holidays: Any, overrides: Any):
    refused_or_built(lambda: BusinessCalendar(timezone=timezone, hours="Daily 09:00-17:00"))
    refused_or_built(lambda: BusinessCalendar(timezone="UTC", hours=hours))
    refused_or_built(
        lambda: BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", holidays=holidays)
    )
    refused_or_built(
        lambda: BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", overrides=overrides)
    )


@given(JUNK, JUNK, JUNK, JUNK)
def test_holidays_from_junk(factory: Any, subdiv: Any, observed: Any, dates: Any) -> None:
    refused_or_built(lambda: HolidayRule(factory, subdiv, observed))
    refused_or_built(lambda: HolidaySet(added=dates))
    refused_or_built(lambda: HolidaySet(rule=factory))


@given(JUNK, JUNK)
def test_combined_calendar_from_junk(kind: Any, other: Any) -> None:
    refused_or_built(lambda: CombinedCalendar(kind=kind, left=DESK, right=DESK))
    refused_or_built(lambda: CombinedCalendar(kind="union", left=DESK, right=other))
