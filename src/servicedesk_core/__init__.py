"""servicedesk_core: a service provider's support contract as composable, exact values."""

from __future__ import annotations

from servicedesk_core.calendar import (
    BusinessCalendar,
    Calendar,
    CombinedCalendar,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)
from servicedesk_core.errors import (
    ConfigError,
    DeadlineUnreachableError,
    InvalidIntervalError,
    NaiveDatetimeError,
    ServiceDeskError,
)
from servicedesk_core.priority import FOUR_TIER, ITIL, PriorityLevel, PriorityScheme

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "BusinessCalendar",
    "Calendar",
    "CombinedCalendar",
    "ConfigError",
    "DeadlineUnreachableError",
    "HolidaySet",
    "InvalidIntervalError",
    "NaiveDatetimeError",
    "PriorityLevel",
    "PriorityScheme",
    "ServiceDeskError",
    "TimeRange",
    "WeeklyHours",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("servicedesk-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
