"""Registers servicedesk_core types for ``st.from_type`` (hypothesis entry point).

Every class of ``servicedesk_core.__all__`` (enums aside: hypothesis draws
those itself) is registered. Hypothesis loads this while it is itself being
imported, possibly from inside ``servicedesk_core.testing.strategies``; so the
strategies are looked up lazily, in ``servicedesk_core.testing._registry``.
"""

from __future__ import annotations

import enum
from typing import Any


def public_classes() -> list[type]:
    """The classes of ``servicedesk_core.__all__`` that ``st.from_type`` should know."""
    import servicedesk_core

    found = []
    for name in servicedesk_core.__all__:
        value = getattr(servicedesk_core, name)
        if isinstance(value, type) and not issubclass(value, BaseException | enum.Enum):
            found.append(value)
    return found


def _register() -> None:
    """Called by hypothesis when it loads its plugins."""
    from hypothesis import strategies as st

<<<<<<< HEAD
    def lazy(kind: type) -> st.SearchStrategy[Any]:
=======
    from servicedesk_core.authz import Account, AuthzPolicy, Contact
    from servicedesk_core.calendar import BusinessCalendar, TimeRange, WeeklyHours
    from servicedesk_core.escalation import EscalationLadder, Workflow
    from servicedesk_core.onboarding import PhoneNumber, PortOrder
    from servicedesk_core.priority import PriorityMatrix, PriorityScheme, RequestFacts, TriageRules
    from servicedesk_core.sla import SLAPolicy, TargetRange
    from servicedesk_core.staffing import StaffingTarget, Workload

    def lazy(name: str) -> st.SearchStrategy[Any]:
>>>>>>> main
        def build() -> st.SearchStrategy[Any]:
            from servicedesk_core.testing._registry import strategy_for

            return strategy_for(kind)

        return st.deferred(build)

<<<<<<< HEAD
    for kind in public_classes():
        st.register_type_strategy(kind, lazy(kind))
=======
    for cls, name in (
        (TimeRange, "time_ranges"),
        (WeeklyHours, "weekly_hours"),
        (BusinessCalendar, "business_calendars"),
        (Contact, "contacts"),
        (Account, "accounts"),
        (AuthzPolicy, "authz_policies"),
        (PriorityScheme, "priority_schemes"),
        (PriorityMatrix, "priority_matrices"),
        (TriageRules, "triage_rules"),
        (RequestFacts, "request_facts"),
        (PhoneNumber, "phone_numbers"),
        (PortOrder, "port_orders"),
        (SLAPolicy, "sla_policies"),
        (TargetRange, "sla_targets"),
        (Workload, "workloads"),
        (StaffingTarget, "staffing_targets"),
        (Workflow, "workflows"),
        (EscalationLadder, "ladders"),
    ):
        st.register_type_strategy(cls, lazy(name))
>>>>>>> main
