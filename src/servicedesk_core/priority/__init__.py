"""Priorities: levels, the impact x urgency matrix, triage rules and queue order."""

from __future__ import annotations

from servicedesk_core.priority.levels import FOUR_TIER, ITIL, PriorityLevel, PriorityScheme
from servicedesk_core.priority.matrix import ITIL_MATRIX, MatrixViolation, PriorityMatrix
from servicedesk_core.priority.queue import order_queue, queue_key
from servicedesk_core.priority.triage import (
    FactIssue,
    Facts,
    RequestKind,
    Rule,
    ServiceState,
    Triage,
    TriageRules,
    UsersAffected,
)

__all__ = [
    "FOUR_TIER",
    "ITIL",
    "ITIL_MATRIX",
    "FactIssue",
    "Facts",
    "MatrixViolation",
    "PriorityLevel",
    "PriorityMatrix",
    "PriorityScheme",
    "RequestKind",
    "Rule",
    "ServiceState",
    "Triage",
    "TriageRules",
    "UsersAffected",
    "order_queue",
    "queue_key",
]
