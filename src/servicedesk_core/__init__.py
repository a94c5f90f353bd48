"""servicedesk_core: a service provider's support contract as composable, exact values."""

from __future__ import annotations

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
    SchemeMismatchError,
    ServiceDeskError,
    UnknownLevelError,
)
from servicedesk_core.playbook import Playbook
from servicedesk_core.priority import (
    FOUR_TIER,
    ITIL,
    ITIL_MATRIX,
    FactIssue,
    MatrixViolation,
    PriorityLevel,
    PriorityMatrix,
    PriorityScheme,
    RequestFacts,
    RequestKind,
    ServiceState,
    Triage,
    TriageRule,
    TriageRules,
    UsersAffected,
    order_queue,
    queue_key,
)

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "ITIL_MATRIX",
    "BusinessCalendar",
    "Calendar",
    "CombinedCalendar",
    "ConfigError",
    "DeadlineUnreachableError",
    "FactIssue",
    "HolidayRule",
    "HolidaySet",
    "InvalidIntervalError",
    "MatrixViolation",
    "NaiveDatetimeError",
    "Playbook",
    "PriorityLevel",
    "PriorityMatrix",
    "PriorityScheme",
    "RequestFacts",
    "RequestKind",
    "SchemeMismatchError",
    "ServiceDeskError",
    "ServiceState",
    "TimeRange",
    "Triage",
    "TriageRule",
    "TriageRules",
    "UnknownLevelError",
    "UsersAffected",
    "WeeklyHours",
    "order_queue",
    "queue_key",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("servicedesk-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
