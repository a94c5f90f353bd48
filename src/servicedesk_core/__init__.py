"""servicedesk_core: a service provider's support contract as composable, exact values."""

from __future__ import annotations

from servicedesk_core.authz import (
    Account,
    Action,
    AuthzPolicy,
    Charge,
    Contact,
    ContactRole,
    Decision,
    Delegation,
    Effect,
    Outcome,
    Principal,
    PrincipalKind,
    Reason,
    Rule,
    Scope,
    Staff,
    StaffRole,
    Ticket,
    UnknownRequester,
    WorkCatalogue,
    WorkKind,
)
from servicedesk_core.calendar import (
    BusinessCalendar,
    Calendar,
    CombinedCalendar,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)
from servicedesk_core.errors import (
    ConfigError,
    DeadlineUnreachableError,
    InvalidIntervalError,
    NaiveDatetimeError,
    NotAuthorizedError,
    ServiceDeskError,
)
from servicedesk_core.priority import FOUR_TIER, ITIL, PriorityLevel, PriorityScheme

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "Account",
    "Action",
    "AuthzPolicy",
    "BusinessCalendar",
    "Calendar",
    "Charge",
    "CombinedCalendar",
    "ConfigError",
    "Contact",
    "ContactRole",
    "DeadlineUnreachableError",
    "Decision",
    "Delegation",
    "Effect",
    "HolidayRule",
    "HolidaySet",
    "InvalidIntervalError",
    "NaiveDatetimeError",
    "NotAuthorizedError",
    "Outcome",
    "Principal",
    "PrincipalKind",
    "PriorityLevel",
    "PriorityScheme",
    "Reason",
    "Rule",
    "Scope",
    "ServiceDeskError",
    "Staff",
    "StaffRole",
    "Ticket",
    "TimeRange",
    "UnknownRequester",
    "WeeklyHours",
    "WorkCatalogue",
    "WorkKind",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("servicedesk-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
