"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from servicedesk_core.authz import Account, AuthzPolicy, Contact
from servicedesk_core.calendar import BusinessCalendar, TimeRange, WeeklyHours
from servicedesk_core.testing._authz import accounts, authz_policies, contacts
from servicedesk_core.testing._calendar import (
    TRICKY_TIMEZONES,
    aware_datetimes,
    business_calendars,
    durations,
    time_ranges,
    weekly_hours,
)

__all__ = [
    "TRICKY_TIMEZONES",
    "accounts",
    "authz_policies",
    "aware_datetimes",
    "business_calendars",
    "contacts",
    "durations",
    "register_type_strategies",
    "time_ranges",
    "weekly_hours",
]


def register_type_strategies() -> None:
    """Register the strategies for ``st.from_type`` (called by the hypothesis plugin)."""
    st.register_type_strategy(TimeRange, time_ranges())
    st.register_type_strategy(WeeklyHours, weekly_hours())
    st.register_type_strategy(BusinessCalendar, business_calendars())
    st.register_type_strategy(Contact, contacts())
    st.register_type_strategy(Account, accounts())
    st.register_type_strategy(AuthzPolicy, authz_policies())
