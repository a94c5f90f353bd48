"""Business calendars: opening hours, holidays, overrides and exact business-time math."""

from servicedesk_core.calendar.base import HORIZON, Calendar
from servicedesk_core.calendar.business import BusinessCalendar
from servicedesk_core.calendar.combined import CombinedCalendar
from servicedesk_core.calendar.holiday_set import HolidayRule, HolidaySet
from servicedesk_core.calendar.hours import DAY_NAMES, MAX_HOURS_TEXT, TimeRange, WeeklyHours
from servicedesk_core.calendar.lead_time import (
    LEAD_TIME_CODES,
    LeadTime,
    LeadTimeCheck,
    LeadTimeCounting,
    LeadTimeEstimate,
    check_requested_date,
    earliest_date,
)

__all__ = [
    "DAY_NAMES",
    "HORIZON",
    "LEAD_TIME_CODES",
    "MAX_HOURS_TEXT",
    "BusinessCalendar",
    "Calendar",
    "CombinedCalendar",
    "HolidayRule",
    "HolidaySet",
    "LeadTime",
    "LeadTimeCheck",
    "LeadTimeCounting",
    "LeadTimeEstimate",
    "TimeRange",
    "WeeklyHours",
    "check_requested_date",
    "earliest_date",
]
