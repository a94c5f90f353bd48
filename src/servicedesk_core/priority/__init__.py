"""Priorities: levels, the impact x urgency matrix, triage rules and queue order."""

from __future__ import annotations

from servicedesk_core.priority.levels import FOUR_TIER, ITIL, PriorityLevel, PriorityScheme
from servicedesk_core.priority.matrix import ITIL_MATRIX, MatrixViolation, PriorityMatrix
from servicedesk_core.priority.queue import order_queue, queue_key
from servicedesk_core.priority.triage import (
    TRIAGE_CODES,
    RequestFacts,
    RequestKind,
    ServiceState,
    Triage,
    TriageRule,
    TriageRules,
    UsersAffected,
)

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "ITIL_MATRIX",
    "TRIAGE_CODES",
    "MatrixViolation",
    "PriorityLevel",
    "PriorityMatrix",
    "PriorityScheme",
    "RequestFacts",
    "RequestKind",
    "ServiceState",
    "Triage",
    "TriageRule",
    "TriageRules",
    "UsersAffected",
    "order_queue",
    "queue_key",
]
