"""Ticket lifecycle, routing between teams and escalation ladders, replayed from the event log."""

from __future__ import annotations

from servicedesk_core.escalation.codes import ESCALATION_CODES
from servicedesk_core.escalation.evaluation import LadderReport, LevelDue
from servicedesk_core.escalation.ladder import (
    EscalationLadder,
    Level,
    OnResolve,
    Since,
    Trigger,
    TriggerKind,
)
from servicedesk_core.escalation.references import ReferenceFormat, TicketReferences
from servicedesk_core.escalation.routing import Route, Routing, RoutingRule, Team
from servicedesk_core.escalation.state import Holding, StatusCategory, TicketState
from servicedesk_core.escalation.workflow import (
    DEFAULT_WORKFLOW,
    Move,
    Status,
    Transition,
    Workflow,
)

__all__ = [
    "DEFAULT_WORKFLOW",
    "ESCALATION_CODES",
    "EscalationLadder",
    "Holding",
    "LadderReport",
    "Level",
    "LevelDue",
    "Move",
    "OnResolve",
    "ReferenceFormat",
    "Route",
    "Routing",
    "RoutingRule",
    "Since",
    "Status",
    "StatusCategory",
    "Team",
    "TicketReferences",
    "TicketState",
    "Transition",
    "Trigger",
    "TriggerKind",
    "Workflow",
]
