"""servicedesk_core: a service provider's support contract as composable, exact values."""

from __future__ import annotations

from servicedesk_core.errors import (
    ConfigError,
    DeadlineUnreachableError,
    NaiveDatetimeError,
    ServiceDeskError,
)
from servicedesk_core.priority import FOUR_TIER, ITIL, PriorityLevel, PriorityScheme

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "ConfigError",
    "DeadlineUnreachableError",
    "NaiveDatetimeError",
    "PriorityLevel",
    "PriorityScheme",
    "ServiceDeskError",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("servicedesk-core")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
