"""A ladder reads the state a workflow replay made exactly as it reads the log.

``ladder.evaluate(state, ...)`` skips the second pass over the log. These
tests pin the facts the state carries for it (team since, last public reply,
last reopen, requests and escalations), the reset rule at the reopen's own
instant, the errors of the state path, and, as a property, that the report
is the same whichever the ladder reads, for a replayed, a stepped and a
hand-built state.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    FOUR_TIER,
    AgentReplied,
    Assigned,
    BusinessCalendar,
    ConfigError,
    Created,
    Escalated,
    EscalationLadder,
    EscalationRequested,
    EventLogError,
    Level,
    Reopened,
    Resolved,
    StatusChanged,
    Trigger,
)
from servicedesk_core.escalation.state import instants
from servicedesk_core.testing.strategies import event_logs, ladders, workflows
from tests.escalation.helpers import T0, US, at
from tests.escalation.test_ladder import CREATED, LADDER, due
from tests.escalation.test_reference import CALENDARS, LATER, policy_on
from tests.example_scripts import load

OPEN = StatusChanged(at=at(1), status="open")
WORKED = [
    CREATED,
    OPEN,
    AgentReplied(at=at(2), public=False),
    AgentReplied(at=at(3)),
    Assigned(at=at(4), team="Tier 1", assignee="ann"),
    Assigned(at=at(5), team="Tier 1", assignee="bob"),  # same team: no move
    EscalationRequested(at=at(6), by="customer"),
    Escalated(at=at(7), level="coordinator", by="desk", reason="asked"),
    Resolved(at=at(8), note="fixed"),
    Reopened(at=at(9)),
]


def test_the_state_keeps_what_a_ladder_needs_from_the_log() -> None:
    state = DEFAULT_WORKFLOW.replay(WORKED)
    assert (at(4), at(3), at(9)) == (state.team_since, state.agent_replied_at, state.reopened_at)
    assert [at(6)] == [request.at for request in state.escalation_requests]
    assert [("coordinator", "desk", "asked")] == [
        (escalation.level, escalation.by, escalation.reason) for escalation in state.escalations
    ]
    fresh = DEFAULT_WORKFLOW.replay([CREATED])
    assert (T0, None, None, (), ()) == (
        fresh.team_since,
        fresh.agent_replied_at,
        fresh.reopened_at,
        fresh.escalation_requests,
        fresh.escalations,
    )


def test_an_escalating_hand_over_in_the_same_team_restarts_its_time() -> None:
    log = [*WORKED[:6], Assigned(at=at(20), team="Tier 1", escalated=True)]
    assert at(20) == DEFAULT_WORKFLOW.replay(log).team_since


def test_stepping_event_by_event_keeps_the_same_instants_as_one_replay() -> None:
    state = DEFAULT_WORKFLOW.replay(WORKED[:1])
    for event in WORKED[1:]:
        state = DEFAULT_WORKFLOW.step(state, event)
    assert instants(DEFAULT_WORKFLOW.replay(WORKED)) == instants(state)
    assert instants(state) == instants(attrs.evolve(state))  # a state built by hand


def test_a_reset_forgets_requests_before_the_reopen_but_not_at_its_instant() -> None:
    """Time restarts at the reopen; what happens at that very instant belongs to the new round."""
    resolved = [CREATED, OPEN, Resolved(at=at(30), note="fixed")]
    before = [*resolved, EscalationRequested(at=at(39)), Reopened(at=at(40))]
    same_instant = [*resolved, EscalationRequested(at=at(40)), Reopened(at=at(40))]
    assert [] == due(LADDER.evaluate(before, at(40)))
    assert ["coordinator"] == due(LADDER.evaluate(same_instant, at(40)))
    for log in (before, same_instant):
        state = DEFAULT_WORKFLOW.replay(log)
        assert LADDER.evaluate(log, at(40)) == LADDER.evaluate(state, at(40))


def test_escalations_at_the_reopen_instant_stay_reached_after_a_reset() -> None:
    resolved = [CREATED, OPEN, Resolved(at=at(30), note="fixed")]
    log = [*resolved, Escalated(at=at(40), level="coordinator"), Reopened(at=at(40))]
    report = LADDER.evaluate(DEFAULT_WORKFLOW.replay(log), at(40))
    assert ("coordinator", report) == (report.level, LADDER.evaluate(log, at(40)))


def test_the_state_path_refuses_what_the_log_path_refuses() -> None:
    state = DEFAULT_WORKFLOW.replay(WORKED)
    with pytest.raises(EventLogError, match="after now"):
        LADDER.evaluate(state, at(9) - US)
    lead = Level(name="lead", triggers=Trigger.requested())
    other = EscalationLadder(name="other", levels=[lead])
    with pytest.raises(EventLogError, match="'coordinator' is not a level of ladder 'other'"):
        other.evaluate(state, at(10))
    schemed = EscalationLadder(name="schemed", levels=other.levels, scheme=FOUR_TIER)
    with pytest.raises(EventLogError, match="priority 'Urgent' is not a level"):
        schemed.evaluate(attrs.evolve(state, priority="Urgent"), at(10))
    fresh = DEFAULT_WORKFLOW.replay([CREATED])
    sla_ladder = EscalationLadder(
        name="sla", levels=[Level(name="lead", triggers=Trigger.sla_breached())]
    )
    with pytest.raises(ConfigError, match="a ticket state has no events") as error:
        sla_ladder.evaluate(fresh, at(10), sla=policy_on(BusinessCalendar.always_open()))
    assert "sla" == error.value.field


@pytest.mark.parametrize("junk", [None, 5, "Created", object(), {"events": []}])
def test_what_is_neither_a_log_nor_a_state_is_a_config_error(junk: object) -> None:
    with pytest.raises(ConfigError, match="expected a list of events"):
        LADDER.evaluate(junk, at(10))  # type: ignore[arg-type]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_the_ladder_reads_a_state_as_it_reads_the_log(data: st.DataObject) -> None:
    ladder = data.draw(ladders(calendars=CALENDARS))
    workflow = data.draw(st.just(DEFAULT_WORKFLOW) | workflows())
    policy = policy_on(data.draw(CALENDARS))
    events = data.draw(event_logs(policy, ladder=ladder, workflow=workflow, max_size=12))
    now = events[-1].at + data.draw(LATER)
    report = policy.evaluate(events, now)
    state = workflow.replay(events)
    from_log = ladder.evaluate(events, now, sla=report)
    assert from_log == ladder.evaluate(state, now, sla=report)
    assert from_log == ladder.evaluate(attrs.evolve(state), now, sla=report)


def test_reading_the_state_gives_the_seed_answer() -> None:
    """Seed 000: the coordinator steps in after a business day (10 desk hours) without an update.

    Created Monday 08:00 in Chicago (14:00 UTC): 9 desk hours on Monday, the
    tenth on Tuesday from 07:00, so the coordinator is due at Tuesday 08:00.
    """
    reseller = load("escalation_reseller")
    log = [Created(at=dt.datetime(2026, 3, 2, 14, tzinfo=dt.UTC), priority="Medium")]
    now = dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC)
    report = reseller.SLA.evaluate(log, now)
    from_state = reseller.LADDER.evaluate(DEFAULT_WORKFLOW.replay(log), now, sla=report)
    coordinator = from_state.due[0]
    assert ("Service Coordinator", dt.datetime(2026, 3, 3, 14, tzinfo=dt.UTC)) == (
        coordinator.level,
        coordinator.since,
    )
    assert from_state == reseller.LADDER.evaluate(log, now, sla=report)
