"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``. Calendar, priority, phone number and port
order types are registered for ``st.from_type`` through the ``hypothesis`` entry point.
"""

from __future__ import annotations

from servicedesk_core.testing._authz import accounts, authz_policies, contacts
from servicedesk_core.testing._calendar import (
    TRICKY_TIMEZONES,
    aware_datetimes,
    business_calendars,
    durations,
    time_ranges,
    weekly_hours,
)
from servicedesk_core.testing._escalation import TEAMS, ladders, workflows
from servicedesk_core.testing._onboarding import phone_number_texts, phone_numbers, port_orders
from servicedesk_core.testing._priority import (
    priority_matrices,
    priority_schemes,
    request_facts,
    triage_rules,
)
from servicedesk_core.testing._sla import (
    event_logs,
    metric_definitions,
    policy_sets,
    sla_policies,
    sla_targets,
)
from servicedesk_core.testing._staffing import staffing_targets, workloads

__all__ = [
    "TEAMS",
    "TRICKY_TIMEZONES",
    "accounts",
    "authz_policies",
    "aware_datetimes",
    "business_calendars",
    "contacts",
    "durations",
    "event_logs",
    "ladders",
    "metric_definitions",
    "phone_number_texts",
    "phone_numbers",
    "policy_sets",
    "port_orders",
    "priority_matrices",
    "priority_schemes",
    "request_facts",
    "sla_policies",
    "sla_targets",
    "staffing_targets",
    "time_ranges",
    "triage_rules",
    "weekly_hours",
    "workflows",
    "workloads",
]
