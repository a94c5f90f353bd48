"""Replaying logs through a workflow: states, refused moves, the report form, allowed moves."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError, EventLogError, ServiceDeskError, TransitionError
from servicedesk_core.escalation import DEFAULT_WORKFLOW, ESCALATION_CODES, Move, StatusCategory
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    Closed,
    Created,
    CustomerReplied,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from tests.escalation.helpers import T0, TIERS, US, at

W = DEFAULT_WORKFLOW
CREATED = Created(at=T0, priority="High", attributes={"product": "VIP"})
WORKED = [
    CREATED,
    StatusChanged(at=at(10), status="open"),
    Assigned(at=at(12), team="Tier 1", assignee="ann", by="triage"),
    StatusChanged(at=at(30), status="waiting_on_customer"),
    CustomerReplied(at=at(60)),
    StatusChanged(at=at(61), status="open"),
    Assigned(at=at(70), team="Tier 2", escalated=True, reason="needs a SIP trace", by="ann"),
    Escalated(at=at(80), level="supervisor"),
    PriorityChanged(at=at(90), priority="Critical"),
    Resolved(at=at(120), note="replaced the codec"),
    Closed(at=at(180)),
]


def test_a_worked_ticket_replays_to_its_state() -> None:
    state = W.replay(WORKED)
    assert ("closed", StatusCategory.CLOSED, "Critical") == (
        state.status,
        state.category,
        state.priority,
    )
    assert ("Tier 2", "", "supervisor") == (state.team, state.assignee, state.escalation_level)
    assert (at(120), at(180), True, None) == (
        state.resolved_at,
        state.closed_at,
        state.survey_due,
        state.survey_score,
    )
    assert [(2, "ann", "Tier 1", False), (6, "", "Tier 2", True)] == [
        (h.index, h.assignee, h.team, h.escalated) for h in state.history
    ]
    assert ("needs a SIP trace", "ann") == (state.history[1].reason, state.history[1].by)
    assert (len(WORKED), "ann", "VIP") == (
        state.events,
        state.last_engineer,
        state.attribute("product"),
    )


def test_a_survey_answer_clears_the_survey_due_on_close() -> None:
    state = W.replay([*WORKED, SurveyAnswered(at=at(200), score="5")])
    assert (False, 5) == (state.survey_due, state.survey_score)


def test_replay_is_step_by_step() -> None:
    state = W.replay(WORKED[:1])
    for event in WORKED[1:]:
        state = W.step(state, event)
    assert W.replay(WORKED) == state


def test_reopening_a_closed_ticket_is_allowed_within_the_window_only() -> None:
    closed_at = at(180)
    window = W.reopen_within
    assert window is not None
    state = W.replay([*WORKED, Reopened(at=closed_at + window)])
    assert ("open", None, False) == (state.status, state.closed_at, state.survey_due)
    with pytest.raises(TransitionError) as raised:
        W.replay([*WORKED, Reopened(at=closed_at + window + US)])
    assert ("lifecycle.reopen_window", "closed", "open") == (
        raised.value.code,
        raised.value.current,
        raised.value.requested,
    )


WRONG = [
    ([CREATED, Closed(at=at(1))], 1, "lifecycle.not_allowed", "new", "closed"),
    (
        [CREATED, StatusChanged(at=at(1), status="on_hold")],
        1,
        "lifecycle.not_allowed",
        "new",
        "on_hold",
    ),
    (
        [CREATED, StatusChanged(at=at(1), status="resolved")],
        1,
        "lifecycle.wrong_event",
        "new",
        "resolved",
    ),
    ([CREATED, Resolved(at=at(1))], 1, "lifecycle.note_required", "new", "resolved"),
    ([CREATED, Resolved(at=at(1), note="  ")], 1, "lifecycle.note_required", "new", "resolved"),
    ([CREATED, Reopened(at=at(1))], 1, "lifecycle.not_allowed", "new", "open"),
    ([*WORKED, AgentReplied(at=at(200))], 11, "lifecycle.closed", "closed", "AgentReplied"),
    ([*WORKED, Assigned(at=at(200), team="Tier 1")], 11, "lifecycle.closed", "closed", "Assigned"),
    ([*WORKED, Closed(at=at(200))], 11, "lifecycle.closed", "closed", "Closed"),
    (
        [CREATED, SurveyAnswered(at=at(1), score=3)],
        1,
        "lifecycle.survey_early",
        "new",
        "SurveyAnswered",
    ),
]


@pytest.mark.parametrize(("events", "index", "code", "current", "requested"), WRONG)
def test_illegal_moves_raise_transition_errors_with_their_data(
    events: list[Event], index: int, code: str, current: str, requested: str
) -> None:
    with pytest.raises(TransitionError) as raised:
        W.replay(events)
    error = raised.value
    assert (index, code, current, requested) == (
        error.index,
        error.code,
        error.current,
        error.requested,
    )
    assert W.moves(current) == error.allowed
    assert str(error).startswith(f"event {index}: ")
    assert isinstance(error, EventLogError | ServiceDeskError | ValueError)


def test_transition_errors_pickle_with_their_data() -> None:
    with pytest.raises(TransitionError) as raised:
        W.replay([CREATED, Closed(at=at(1))])
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (str(raised.value), vars(raised.value)) == (str(copy), vars(copy))


BROKEN = [
    ([], None, "log.empty"),
    ([AgentReplied(at=T0)], 0, "log.first"),
    ([CREATED, Created(at=at(1), priority="Low")], 1, "log.created_twice"),
    ([CREATED, AgentReplied(at=at(5)), AgentReplied(at=at(4))], 2, "log.order"),
    ([CREATED, StatusChanged(at=at(1), status="snoozed")], 1, "log.unknown_status"),
    ([CREATED, "replied"], 1, "log.not_event"),
    ([CREATED, Event(at=T0)], 1, "log.not_event"),
]


@pytest.mark.parametrize(("events", "index", "code"), BROKEN)
def test_broken_logs_raise_event_log_errors_with_the_index(
    events: list[Event], index: int | None, code: str
) -> None:
    with pytest.raises(EventLogError) as raised:
        W.replay(events)
    assert index == raised.value.index
    assert not isinstance(raised.value, TransitionError)
    assert {code} == W.check(events).codes


@pytest.mark.parametrize(
    "events",
    [{"created": CREATED}, 5, (event for event in [CREATED])],
    ids=["mapping", "number", "generator"],
)
def test_a_log_that_is_not_a_list_is_a_config_error_as_for_an_sla_replay(events: object) -> None:
    """It raised a bare KeyError (mapping) or TypeError (number, generator), from check too."""
    for door in (W.replay, W.check):
        with pytest.raises(ConfigError) as raised:
            door(events)  # type: ignore[arg-type]
        assert "events" == raised.value.field


def test_with_a_routing_assignments_name_its_teams_and_tiers() -> None:
    state = W.replay([CREATED, Assigned(at=at(1), team="Tier 2")], routing=TIERS)
    assert 2 == state.tier
    for event, code in [
        (Assigned(at=at(1), team="Tier 9"), "log.unknown_team"),
        (Assigned(at=at(1), tier=4), "log.unknown_tier"),
    ]:
        with pytest.raises(EventLogError) as raised:
            W.replay([CREATED, event], routing=TIERS)
        assert 1 == raised.value.index
        assert {code} == W.check([CREATED, event], routing=TIERS).codes
    assert W.replay([CREATED, Assigned(at=at(1), team="Tier 9")]).team == "Tier 9"


def test_check_reports_every_violation_and_skips_the_bad_events() -> None:
    events = [
        CREATED,
        Closed(at=at(1)),
        StatusChanged(at=at(2), status="open"),
        Resolved(at=at(3)),
        AgentReplied(at=at(2)),
        Resolved(at=at(4), note="done"),
        Resolved(at=at(5), note="again"),
    ]
    report = W.check(events)
    assert [
        ("events[1]", "lifecycle.not_allowed"),
        ("events[3]", "lifecycle.note_required"),
        ("events[4]", "log.order"),
        ("events[6]", "lifecycle.not_allowed"),
    ] == [(issue.path, issue.code) for issue in report]
    assert report.codes <= {entry.code for entry in ESCALATION_CODES}
    assert W.check(WORKED).ok


def test_allowed_lists_the_moves_a_ui_shows_and_the_fields_they_need() -> None:
    state = W.replay(WORKED[:2])
    assert [
        Move("waiting_on_customer", "StatusChanged"),
        Move("waiting_on_vendor", "StatusChanged"),
        Move("on_hold", "StatusChanged"),
        Move("resolved", "Resolved", ("note",)),
    ] == list(W.allowed(state))
    closed = W.replay(WORKED)
    assert [Move("open", "Reopened")] == list(W.allowed(closed, at(181)))
    assert [] == list(W.allowed(closed, at(180) + W.reopen_within + US))  # type: ignore[operator]


def test_allowed_refuses_a_state_of_another_workflow() -> None:
    """It raised a bare KeyError for a status the workflow lacks."""
    other = attrs.evolve(W.replay([CREATED]), status="triage")
    with pytest.raises(ConfigError, match="status 'triage' is not one of workflow") as error:
        W.allowed(other)
    assert "state" == error.value.field


def test_every_allowed_move_replays_and_its_event_is_accepted() -> None:
    for prefix in range(1, len(WORKED) + 1):
        state = W.replay(WORKED[:prefix])
        for move in W.allowed(state, state.updated_at):
            moved = W.step(state, move.to_event(state.updated_at, note="done"))
            assert move.target == moved.status


OTHER_EVENTS = st.sampled_from(
    [
        AgentReplied(at=at(500)),
        CustomerReplied(at=at(500)),
        EscalationRequested(at=at(500)),
        PriorityChanged(at=at(500), priority="Low"),
        Escalated(at=at(500), level="director"),
    ]
)


@given(OTHER_EVENTS)
def test_events_that_are_not_moves_keep_the_status(event: Event) -> None:
    before = W.replay(WORKED[:7])
    assert before.status == W.step(before, event).status
