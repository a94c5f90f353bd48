"""Random event sequences through workflows and ladders (a Hypothesis state machine).

Each run picks the default workflow or a random one, a random ladder on a
business calendar and an SLA policy, then feeds events one at a time: legal
ones and illegal ones. It checks that only table moves happen (a closed
ticket moves only by reopening), that replaying the accepted events gives the
state the steps built, that a ladder reads that state as it reads the log,
that ladder levels only rise until a reset, that no
level is due twice, and that ``next_at`` is exact: nothing new is due one
microsecond before it, and its level is due at it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from servicedesk_core import TransitionError
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    EscalationLadder,
    OnResolve,
    StatusCategory,
    TicketState,
    Workflow,
)
from servicedesk_core.escalation.state import instants
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
from servicedesk_core.sla import DEFAULT_STATUSES
from servicedesk_core.testing.strategies import TEAMS, ladders, workflows
from tests.escalation.test_reference import policy_on
from tests.sla.helpers import DESK

US = dt.timedelta(microseconds=1)
START = dt.datetime(2026, 11, 16, 14, 30, tzinfo=dt.UTC)  # Monday 08:30 in Chicago
FINAL = (StatusCategory.RESOLVED, StatusCategory.CLOSED)
POLICY = policy_on(DESK).with_settings(statuses=("new", *DEFAULT_STATUSES, "triage"))
GAPS = st.sampled_from([0, 1, 7, 30, 90, 600, 2000]).map(lambda m: dt.timedelta(minutes=m))


def expected_target(
    workflow: Workflow, state: TicketState, event: Event, at: dt.datetime
) -> str | None:
    """The status the event leads to, read straight off the transition table (``None``: refused)."""
    table = {(t.source, t.target) for t in workflow.transitions}
    status, category = state.status, state.category
    if category is StatusCategory.CLOSED and not isinstance(event, Reopened | SurveyAnswered):
        return None
    if isinstance(event, StatusChanged):
        if event.status == status:
            return status
        target = event.status
        plain = category not in FINAL and workflow.category(target) not in FINAL
        return target if (status, target) in table and plain else None
    if isinstance(event, Resolved):
        noted = not workflow.require_note or event.note.strip()
        return (
            workflow.resolved_status
            if (status, workflow.resolved_status) in table and noted
            else None
        )
    if isinstance(event, Closed):
        return workflow.closed_status if (status, workflow.closed_status) in table else None
    if isinstance(event, Reopened):
        target = workflow.reopen_to
        if category not in FINAL or target is None or (status, target) not in table:
            return None
        window = workflow.reopen_within
        if state.closed_at is not None and window is not None and at - state.closed_at > window:
            return None
        return target
    if isinstance(event, SurveyAnswered):
        return status if category in FINAL else None
    return status


class EscalationMachine(RuleBasedStateMachine):
    """One ticket: a workflow, a ladder, the log of accepted events and the time."""

    workflow: Workflow
    ladder: EscalationLadder
    events: list[Event]
    state: TicketState

    @initialize(data=st.data(), random_workflow=st.booleans())
    def open_ticket(self, data: st.DataObject, random_workflow: bool) -> None:
        self.workflow = data.draw(workflows()) if random_workflow else DEFAULT_WORKFLOW
        self.ladder = data.draw(ladders(calendars=st.sampled_from([DESK, POLICY.calendar])))
        self.now = START
        self.events = [Created(at=START, priority=data.draw(st.sampled_from(["High", "Low"])))]
        self.state = self.workflow.replay(self.events)
        self.highest = -1
        self.last_due: frozenset[str] = frozenset()

    # --- events ------------------------------------------------------------------

    def offer(self, event: Event, *, keep: bool = True) -> None:
        """Step the event; accept it if the table allows it, else expect a TransitionError."""
        target = expected_target(self.workflow, self.state, event, event.at)
        try:
            moved = self.workflow.step(self.state, event)
        except TransitionError as error:
            refused: TransitionError | None = error
        else:
            refused = None
        if refused is not None:
            assert (None, self.state.status) == (target, refused.current)
            return
        assert target == moved.status
        if keep:
            self.events.append(event)
            self.state = moved

    @rule(gap=GAPS)
    def wait(self, gap: dt.timedelta) -> None:
        self.now += gap

    @rule(data=st.data())
    def change_status(self, data: st.DataObject) -> None:
        names = [status.name for status in self.workflow.statuses]
        status = data.draw(st.sampled_from([n for n in names if n in POLICY.statuses] or names))
        keep = status in POLICY.statuses
        self.offer(StatusChanged(at=self.now, status=status), keep=keep)

    @rule(note=st.sampled_from(["", "replaced the handset"]))
    def resolve(self, note: str) -> None:
        self.offer(Resolved(at=self.now, note=note))

    @rule()
    def close(self) -> None:
        self.offer(Closed(at=self.now))

    @rule()
    def reopen(self) -> None:
        self.offer(Reopened(at=self.now))

    @rule(score=st.integers(1, 5))
    def answer_survey(self, score: int) -> None:
        self.offer(SurveyAnswered(at=self.now, score=score))

    @rule(data=st.data())
    def other_event(self, data: st.DataObject) -> None:
        team, tier = data.draw(st.sampled_from(TEAMS))
        event = data.draw(
            st.sampled_from(
                [
                    AgentReplied(at=self.now),
                    CustomerReplied(at=self.now),
                    EscalationRequested(at=self.now),
                    PriorityChanged(at=self.now, priority="Critical"),
                    Assigned(at=self.now, team=team, tier=tier, escalated=True),
                ]
            )
        )
        self.offer(event)

    @rule(data=st.data())
    def carry_out(self, data: st.DataObject) -> None:
        due = self.ladder_report().due
        names = [item.level for item in due] or list(self.ladder.level_names)
        self.offer(Escalated(at=self.now, level=data.draw(st.sampled_from(names)), by="desk"))

    # --- laws --------------------------------------------------------------------

    def ladder_report(self, at: dt.datetime | None = None):  # type: ignore[no-untyped-def]
        at = at or self.now
        return self.ladder.evaluate(self.events, at, sla=POLICY.evaluate(self.events, at))

    @invariant()
    def replaying_the_log_gives_the_stepped_state(self) -> None:
        replayed = self.workflow.replay(self.events)
        assert self.state == replayed
        assert instants(self.state) == instants(replayed)
        assert self.workflow.check(self.events).ok

    @invariant()
    def the_ladder_reads_the_stepped_state_as_it_reads_the_log(self) -> None:
        report = POLICY.evaluate(self.events, self.now)
        from_log = self.ladder.evaluate(self.events, self.now, sla=report)
        assert from_log == self.ladder.evaluate(self.state, self.now, sla=report)

    @invariant()
    def levels_only_rise_until_a_reset_and_none_is_due_twice(self) -> None:
        report = self.ladder_report()
        position = -1 if report.level is None else self.ladder.position(report.level)
        reset = self.ladder.on_resolve is OnResolve.RESET and any(
            isinstance(event, Reopened) for event in self.events
        )
        assert reset or position >= self.highest  # type: ignore[operator]
        self.highest = position  # type: ignore[assignment]
        due = [item.level for item in report.due]
        reached = {item.level for item in report.reached}
        assert len(due) == len(set(due))
        assert not set(due) & reached
        assert all(self.ladder.position(name) > position for name in due)  # type: ignore[operator]

    @invariant()
    def next_at_is_exact(self) -> None:
        report = self.ladder_report()
        event(f"due {len(report.due)}, next {report.next_at is not None}, {self.state.status}")
        if report.next_at is None:
            return
        due = {item.level for item in report.due}
        assert report.next_at > self.now
        before = self.ladder_report(report.next_at - US)
        assert due == {item.level for item in before.due}
        at = self.ladder_report(report.next_at)
        assert report.next_level in {item.level for item in at.due}


EscalationMachine.TestCase.settings = settings(
    stateful_step_count=30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_escalation_machine = EscalationMachine.TestCase
