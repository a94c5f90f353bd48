"""Escalation values are immutable, hashable, picklable and compare by value."""

from __future__ import annotations

import pickle

from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    EscalationLadder,
    Level,
    Move,
    ReferenceFormat,
    Status,
    TicketReferences,
    Transition,
    Trigger,
)
from servicedesk_core.events import (
    Assigned,
    Created,
    Escalated,
    EscalationRequested,
    Resolved,
    SurveyAnswered,
)
from tests.escalation.helpers import T0, TIERS, at

STATE = DEFAULT_WORKFLOW.replay(
    [Created(at=T0, priority="High"), Assigned(at=at(1), team="Tier 1", assignee="ann")],
    routing=TIERS,
)
LADDER = EscalationLadder(
    name="reseller",
    levels=[
        Level(name="coordinator", triggers=[Trigger.requested(), Trigger.elapsed("PT4H")]),
        Level(name="supervisor", triggers=Trigger.sla_breached(), tiers=[1, 2]),
    ],
)
LOG = [
    Created(at=T0, priority="High"),
    EscalationRequested(at=at(1)),
    Escalated(at=at(2), level="coordinator"),
]
VALUES = [  # immutability, pickling and hashing: tests/test_public_api.py
    DEFAULT_WORKFLOW,
    Status("open", "open"),
    Transition("new", "open"),
    Move("open", "StatusChanged"),
    STATE,
    STATE.history[0],
    TIERS,
    TIERS.teams[0],
    TIERS.rules[0],
    TIERS.route(STATE),
    ReferenceFormat("CASE-{n}"),
    TicketReferences.start("Customer Care", "CASE-100"),
    Assigned(at=T0, team="Tier 2", tier=2, reason="needs a trace", by="ann"),
    Escalated(at=T0, level="supervisor"),
    EscalationRequested(at=T0, by="customer"),
    Resolved(at=T0, note="done"),
    SurveyAnswered(at=T0, score=4),
    LADDER,
    LADDER.levels[0],
    Trigger.sla_used(0.5),
    LADDER.evaluate(LOG, at(3)),
    LADDER.evaluate(LOG[:2], at(3)).due[0],
]


def test_a_pickled_workflow_and_routing_answer_like_the_originals() -> None:
    workflow, routing = pickle.loads(pickle.dumps((DEFAULT_WORKFLOW, TIERS)))
    assert DEFAULT_WORKFLOW.moves("open") == workflow.moves("open")
    assert TIERS.route(STATE) == routing.route(STATE)


def test_a_pickled_ladder_evaluates_like_the_original() -> None:
    copy = pickle.loads(pickle.dumps(LADDER))
    assert LADDER.evaluate(LOG[:2], at(300)) == copy.evaluate(LOG[:2], at(300))
