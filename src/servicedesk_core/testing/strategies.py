"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``. Calendar, phone number and port order
types are registered for ``st.from_type`` through the ``hypothesis`` entry point.
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
from servicedesk_core.testing._onboarding import phone_number_texts, phone_numbers, port_orders

__all__ = [
    "TRICKY_TIMEZONES",
    "aware_datetimes",
    "business_calendars",
    "durations",
    "phone_number_texts",
    "phone_numbers",
    "port_orders",
    "time_ranges",
    "weekly_hours",
]
