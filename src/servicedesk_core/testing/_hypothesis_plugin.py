"""Registers servicedesk_core types for ``st.from_type`` (hypothesis entry point).

Hypothesis calls :func:`_register` while ``import hypothesis`` is still running,
so this module must not import anything that imports hypothesis at the top (the
strategy modules do: importing them here is a circular import whenever they are
imported before hypothesis). Each type therefore resolves its strategy lazily,
by name, the first time ``st.from_type`` asks for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# (module, type name) -> name of the strategy in servicedesk_core.testing.strategies
_STRATEGIES = {
    ("servicedesk_core.calendar", "TimeRange"): "time_ranges",
    ("servicedesk_core.calendar", "WeeklyHours"): "weekly_hours",
    ("servicedesk_core.calendar", "BusinessCalendar"): "business_calendars",
    ("servicedesk_core.priority", "PriorityScheme"): "priority_schemes",
    ("servicedesk_core.priority", "PriorityMatrix"): "priority_matrices",
    ("servicedesk_core.priority", "TriageRules"): "triage_rules",
    ("servicedesk_core.priority", "RequestFacts"): "request_facts",
}


def _deferred(strategy: str) -> Callable[[type], Any]:
    def resolve(_type: type) -> Any:
        from servicedesk_core.testing import strategies

        return getattr(strategies, strategy)()

    return resolve


def _register() -> None:
    """Called by hypothesis when it loads its plugins."""
    from hypothesis import strategies as st

    for (module, name), strategy in _STRATEGIES.items():
        st.register_type_strategy(
            getattr(importlib.import_module(module), name), _deferred(strategy)
        )
