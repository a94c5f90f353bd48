"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``. Every public type is registered for
``st.from_type`` through the ``hypothesis`` entry point; results (reports,
decisions, estimates) are computed by the library from drawn inputs.
"""

from __future__ import annotations

from servicedesk_core.testing._authz import (
    accounts,
    authz_policies,
    authz_rules,
    contacts,
    delegations,
    staff,
    tickets,
    work_catalogues,
    work_kinds,
)
from servicedesk_core.testing._calendar import (
    TRICKY_TIMEZONES,
    aware_datetimes,
    business_calendars,
    calendars,
    combined_calendars,
    durations,
    holiday_rules,
    holiday_sets,
    time_ranges,
    weekly_hours,
)
from servicedesk_core.testing._escalation import (
    TEAMS,
    ladders,
    reference_formats,
    routings,
    ticket_references,
    workflows,
)
from servicedesk_core.testing._events import events
from servicedesk_core.testing._metrics import contracts, credit_tiers
from servicedesk_core.testing._onboarding import (
    addresses,
    document_rules,
    lead_times,
    onboarding_cases,
    onboarding_step_rules,
    phone_number_texts,
    phone_numbers,
    port_orders,
    porting_tiers,
    readiness_items,
    readiness_snapshots,
    received_documents,
)
from servicedesk_core.testing._playbook import playbooks
from servicedesk_core.testing._priority import (
    priority_levels,
    priority_matrices,
    priority_schemes,
    request_facts,
    triage_rules,
)
from servicedesk_core.testing._sla import (
    conditions,
    event_logs,
    metric_definitions,
    policy_rules,
    policy_sets,
    sla_policies,
    sla_targets,
    targets,
    warning_thresholds,
)
from servicedesk_core.testing._staffing import (
    arrivals,
    desks,
    rosters,
    staffing_targets,
    workloads,
)

__all__ = [
    "TEAMS",
    "TRICKY_TIMEZONES",
    "accounts",
    "addresses",
    "arrivals",
    "authz_policies",
    "authz_rules",
    "aware_datetimes",
    "business_calendars",
    "calendars",
    "combined_calendars",
    "conditions",
    "contacts",
    "contracts",
    "credit_tiers",
    "delegations",
    "desks",
    "document_rules",
    "durations",
    "event_logs",
    "events",
    "holiday_rules",
    "holiday_sets",
    "ladders",
    "lead_times",
    "metric_definitions",
    "onboarding_cases",
    "onboarding_step_rules",
    "phone_number_texts",
    "phone_numbers",
    "playbooks",
    "policy_rules",
    "policy_sets",
    "port_orders",
    "porting_tiers",
    "priority_levels",
    "priority_matrices",
    "priority_schemes",
    "readiness_items",
    "readiness_snapshots",
    "received_documents",
    "reference_formats",
    "request_facts",
    "rosters",
    "routings",
    "sla_policies",
    "sla_targets",
    "staff",
    "staffing_targets",
    "targets",
    "ticket_references",
    "tickets",
    "time_ranges",
    "triage_rules",
    "warning_thresholds",
    "weekly_hours",
    "work_catalogues",
    "work_kinds",
    "workflows",
    "workloads",
]
