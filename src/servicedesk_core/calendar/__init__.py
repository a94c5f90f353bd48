"""Business calendars: opening hours, holidays, overrides and exact business-time math."""

from servicedesk_core.calendar.base import HORIZON, Calendar
from servicedesk_core.calendar.business import BusinessCalendar
from servicedesk_core.calendar.combined import CombinedCalendar
from servicedesk_core.calendar.holiday_set import HolidayRule, HolidaySet
from servicedesk_core.calendar.hours import DAY_NAMES, TimeRange, WeeklyHours

__all__ = [
    "DAY_NAMES",
    "HORIZON",
    "BusinessCalendar",
    "Calendar",
    "CombinedCalendar",
    "HolidayRule",
    "HolidaySet",
    "TimeRange",
    "WeeklyHours",
]
