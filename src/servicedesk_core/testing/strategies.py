"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from servicedesk_core.calendar import BusinessCalendar, TimeRange, WeeklyHours
from servicedesk_core.sla import SLAPolicy, TargetRange
from servicedesk_core.testing._calendar import (
    TRICKY_TIMEZONES,
    aware_datetimes,
    business_calendars,
    durations,
    time_ranges,
    weekly_hours,
)
from servicedesk_core.testing._sla import event_logs, sla_policies, sla_targets

__all__ = [
    "TRICKY_TIMEZONES",
    "aware_datetimes",
    "business_calendars",
    "durations",
    "event_logs",
    "register_type_strategies",
    "sla_policies",
    "sla_targets",
    "time_ranges",
    "weekly_hours",
]


def register_type_strategies() -> None:
    """Register the strategies for ``st.from_type`` (called by the hypothesis plugin)."""
    st.register_type_strategy(TimeRange, time_ranges())
    st.register_type_strategy(WeeklyHours, weekly_hours())
    st.register_type_strategy(BusinessCalendar, business_calendars())
    st.register_type_strategy(SLAPolicy, sla_policies())
    st.register_type_strategy(TargetRange, sla_targets())
