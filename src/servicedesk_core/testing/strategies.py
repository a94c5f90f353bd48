"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``.
"""

from __future__ import annotations

from servicedesk_core.testing._calendar import (
    TRICKY_TIMEZONES,
    aware_datetimes,
    business_calendars,
    durations,
    time_ranges,
    weekly_hours,
)
from servicedesk_core.testing._priority import (
    priority_matrices,
    priority_schemes,
    request_facts,
    triage_rules,
)

__all__ = [
    "TRICKY_TIMEZONES",
    "aware_datetimes",
    "business_calendars",
    "durations",
    "priority_matrices",
    "priority_schemes",
    "register_type_strategies",
    "request_facts",
    "time_ranges",
    "triage_rules",
    "weekly_hours",
]


def register_type_strategies() -> None:
    """Register the strategies for ``st.from_type``.

    The hypothesis plugin does this when hypothesis is imported (lazily: each
    type's strategy is built on first use); calling it again is harmless.
    """
    from servicedesk_core.testing._hypothesis_plugin import _register

    _register()
