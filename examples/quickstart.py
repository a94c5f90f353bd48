"""Quickstart: the Central-time support desk of the reseller guide (seed 000).

Business support Monday-Friday 07:00-17:00 CT, US (Texas) holidays, a short
Christmas Eve. Prints a few deadlines and why they land where they do.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays

from servicedesk_core import BusinessCalendar, WeeklyHours

CT = ZoneInfo("America/Chicago")

desk = BusinessCalendar(
    timezone="America/Chicago",
    hours=WeeklyHours.parse("Mon-Fri 07:00-17:00"),
    holidays=holidays.country_holidays("US", subdiv="TX"),
    overrides={date(2026, 12, 23): "07:00-12:00"},
)
around_the_clock = BusinessCalendar.always_open("America/Chicago")


def show(title: str, calendar: BusinessCalendar, start: datetime, target: timedelta) -> None:
    due = calendar.add(start, target)
    print(f"{title}\n  opened {start:%a %Y-%m-%d %H:%M %Z}, target {target}")
    print(f"  due    {due:%a %Y-%m-%d %H:%M %Z}")
    for opened, closed in calendar.open_intervals(start, due):
        print(f"    counts {opened:%a %m-%d %H:%M}-{closed:%H:%M} ({closed - opened})")
    print()


print(f"Desk hours: {desk.hours}\n")
show(
    "Critical ticket, Friday 16:30: 1 hour around the clock",
    around_the_clock,
    datetime(2026, 11, 20, 16, 30, tzinfo=CT),
    timedelta(hours=1),
)
show(
    "High ticket, Friday 16:30: 4 business hours",
    desk,
    datetime(2026, 11, 20, 16, 30, tzinfo=CT),
    timedelta(hours=4),
)
show(
    "Ticket the day before Thanksgiving, 15:00: 4 business hours (Thu and Fri are TX holidays)",
    desk,
    datetime(2026, 11, 25, 15, tzinfo=CT),
    timedelta(hours=4),
)
show(
    "Ticket across the spring-forward night, Friday 2026-03-06 15:00: 4 business hours",
    desk,
    datetime(2026, 3, 6, 15, tzinfo=CT),
    timedelta(hours=4),
)
medium = desk.add_days(datetime(2026, 12, 22, 15, tzinfo=CT), 1)
print(f"Medium ticket Tue 2026-12-22 15:00, 1 business day: due {medium:%a %Y-%m-%d %H:%M}")
print("  (Dec 23 closes at 12:00, so the deadline is that day's close)")
