"""One door, one fuzz test: calendar constructors and parsers raise only ConfigError."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    BusinessCalendar,
    CombinedCalendar,
    ConfigError,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)
from tests.fuzz import JUNK

DESK = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")


def config_error_or_value(build: Any) -> object:
    """The value built, or ``None`` for a ConfigError that names its field."""
    field = "unset"
    try:
        return build()
    except ConfigError as error:
        field = error.field or ""
    assert field  # every refusal names its field
    return None


@given(JUNK, JUNK)
def test_time_range_from_junk(start: Any, duration: Any) -> None:
    config_error_or_value(lambda: TimeRange(start, duration))
    config_error_or_value(lambda: TimeRange.between(start, duration))


@given(JUNK | st.text(alphabet="MonFriSatDaily0123456789:-–, ;APMapm", max_size=60))
def test_parsers_from_junk(text: Any) -> None:
    config_error_or_value(lambda: TimeRange.parse(text))
    config_error_or_value(lambda: WeeklyHours.parse(text))


@given(JUNK | st.dictionaries(JUNK.filter(lambda key: key.__hash__ is not None), JUNK))
def test_weekly_hours_from_junk(days: Any) -> None:
    config_error_or_value(lambda: WeeklyHours(days))


@given(JUNK, JUNK, JUNK, JUNK)
def test_business_calendar_from_junk(timezone: Any, hours: Any, holidays: Any, overrides: Any):
    config_error_or_value(lambda: BusinessCalendar(timezone=timezone, hours="Daily 09:00-17:00"))
    config_error_or_value(lambda: BusinessCalendar(timezone="UTC", hours=hours))
    config_error_or_value(
        lambda: BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", holidays=holidays)
    )
    config_error_or_value(
        lambda: BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", overrides=overrides)
    )


@given(JUNK, JUNK, JUNK, JUNK)
def test_holidays_from_junk(factory: Any, subdiv: Any, observed: Any, dates: Any) -> None:
    config_error_or_value(lambda: HolidayRule(factory, subdiv, observed))
    config_error_or_value(lambda: HolidaySet(added=dates))
    config_error_or_value(lambda: HolidaySet(rule=factory))


@given(JUNK, JUNK)
def test_combined_calendar_from_junk(kind: Any, other: Any) -> None:
    config_error_or_value(lambda: CombinedCalendar(kind=kind, left=DESK, right=DESK))
    config_error_or_value(lambda: CombinedCalendar(kind="union", left=DESK, right=other))
