"""Replaying a log through a workflow (private): one pass, one mutable accumulator.

:class:`Lifecycle` applies events to plain attributes and builds one
:class:`~servicedesk_core.escalation.state.TicketState` at the end, so a replay
costs a few microseconds per event. In strict mode a problem raises; given a
list of issues it records the problem, skips the event and goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, get_args

from servicedesk_core import _convert as convert
from servicedesk_core._build import builder
from servicedesk_core._time import duration_us, from_us, to_timedelta, to_us
from servicedesk_core.calendar import BusinessCalendar
from servicedesk_core.errors import EventLogError, TransitionError
from servicedesk_core.escalation.codes import ESCALATION_CODES
from servicedesk_core.escalation.routing import Routing
from servicedesk_core.escalation.state import Holding, StatusCategory, TicketState, instants
from servicedesk_core.events import (
    AgentReplied,
    AnyEvent,
    Assigned,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from servicedesk_core.report import Issue
from servicedesk_core.sla.replay import check_log

if TYPE_CHECKING:
    from servicedesk_core.escalation.workflow import Move, Workflow

_CALENDAR_TIME = BusinessCalendar.always_open()
_FINAL = (StatusCategory.RESOLVED, StatusCategory.CLOSED)
_CLOSED = StatusCategory.CLOSED
CONCRETE: frozenset[type[Event]] = frozenset(get_args(AnyEvent))
_holding = builder(Holding)  # positional, fields in order: a replay builds many
_ticket_state = builder(TicketState)


def reopen_in_time(workflow: Workflow, closed_at: dt.datetime, at: dt.datetime) -> bool:
    """Whether a reopen at ``at`` is within the workflow's window after ``closed_at``."""
    if workflow.reopen_within is None:
        return True
    elapsed = _CALENDAR_TIME.elapsed_us(to_us(closed_at), to_us(at))
    return elapsed <= duration_us(workflow.reopen_within)


def _stdlib(at: dt.datetime) -> dt.datetime:
    """The instant as a stdlib datetime (pendulum's subclass is converted)."""
    return at if type(at) is dt.datetime else from_us(to_us(at), at.tzinfo)  # type: ignore[arg-type]


class _Skip(Exception):
    """Check mode: the event had a problem and is skipped."""


class Lifecycle:
    """One replay of one log (private to :class:`~servicedesk_core.Workflow`)."""

    def __init__(
        self, workflow: Workflow, routing: Routing | None, issues: list[object] | None
    ) -> None:
        self.workflow = workflow
        self.routing = None if routing is None else convert.instance(Routing, routing, "routing")
        self.issues = issues
        self.index = 0
        self.last_us = 0
        self.status = workflow.initial
        self.category = StatusCategory.NEW
        self.priority = ""
        self.team = ""
        self.tier: int | None = None
        self.assignee = ""
        self.level = ""
        self.escalations: list[Escalated] = []
        self.requests: list[EscalationRequested] = []
        self.attributes: tuple[tuple[str, str], ...] = ()
        self.created_at: dt.datetime | None = None
        self.updated_at: dt.datetime | None = None
        self.team_since: dt.datetime | None = None
        self.agent_replied_at: dt.datetime | None = None
        self.reopened_at: dt.datetime | None = None
        # the same instants in epoch µs, for the state's Instants: created, updated,
        # team_since, agent_replied, reopened
        self.marks: list[int | None] = [0, 0, 0, None, None]
        self.resolved_at: dt.datetime | None = None
        self.closed_at: dt.datetime | None = None
        self.survey_due = False
        self.survey_score: int | None = None
        self.history: list[Holding] = []
        self.last: Event | None = None  # the last event applied after ``Created``

    # --- entry points ---------------------------------------------------------------

    def run(self, events: Sequence[Event]) -> TicketState | None:
        """Replay a whole log (check mode: ``None`` when it has no ``Created`` to start from)."""
        if not isinstance(events, list | tuple):  # the common forms pass without an ABC check
            check_log(events)
        try:
            if not events:
                self._log("log.empty", "the log is empty; it starts with a Created event", None)
            first = events[0]
            if not isinstance(first, Created):
                self._log("log.first", f"a log starts with Created, not {type(first).__name__}", 0)
        except _Skip:
            return None
        self._start(first)
        handlers = _HANDLERS
        for index in range(1, len(events)):
            self.index = index
            event = events[index]
            handler = handlers.get(type(event))
            try:
                # one test for the common case: an event in order, on a ticket not closed
                if handler is None or event._us < self.last_us or self.category is _CLOSED:
                    self._apply(event)  # the careful path says what is wrong, if anything
                    continue
                self.last_us = event._us
                handler(self, event)
            except _Skip:
                continue
            self.last = event
        self.index = len(events)
        return self._state()

    def resume(self, state: TicketState, event: Event) -> TicketState:
        """Apply one event to a state built by an earlier replay (strict mode)."""
        self.index = state.events
        self.last_us = to_us(state.updated_at)
        self.status, self.category = state.status, state.category
        self.priority, self.team, self.tier = state.priority, state.team, state.tier
        self.assignee, self.level, self.attributes = (
            state.assignee,
            state.escalation_level,
            state.attributes,
        )
        self.escalations = list(state.escalations)
        self.requests = list(state.escalation_requests)
        self.created_at, self.updated_at = state.created_at, state.updated_at
        self.team_since, self.agent_replied_at = state.team_since, state.agent_replied_at
        self.reopened_at = state.reopened_at
        self.marks = list(instants(state))
        self.resolved_at, self.closed_at = state.resolved_at, state.closed_at
        self.survey_due, self.survey_score = state.survey_due, state.survey_score
        self.history = list(state.history)
        self._apply(event)
        self.index += 1
        return self._state()

    # --- problems -------------------------------------------------------------------

    def _log(self, code: str, reason: str, index: int | None) -> NoReturn:
        if self.issues is None:
            raise EventLogError(reason, index=index)
        path = "events" if index is None else f"events[{index}]"
        self.issues.append(ESCALATION_CODES.issue(code, path, reason))
        raise _Skip

    def _refuse(self, code: str, reason: str, requested: str) -> NoReturn:
        if self.issues is None:
            raise TransitionError(
                reason,
                index=self.index,
                current=self.status,
                requested=requested,
                allowed=self.workflow.moves(self.status),
                code=code,
            )
        issue: Issue = ESCALATION_CODES.issue(code, f"events[{self.index}]", reason)
        self.issues.append(issue)
        raise _Skip

    # --- the replay -----------------------------------------------------------------

    def _start(self, created: Created) -> None:
        at = _stdlib(created.at)
        self.last_us = created._us
        self.priority = created.priority
        self.attributes = created.attributes
        self.created_at = self.updated_at = self.team_since = at
        self.marks[0] = self.marks[1] = self.marks[2] = created._us

    def _move(self, target: str, event: Event) -> Move:
        """The table's move from the current status to ``target`` by ``event``."""
        kind = type(event).__name__
        move = self.workflow._edges.get((self.status, target))
        if move is None:
            self._refuse(
                "lifecycle.not_allowed",
                f"cannot go from {self.status!r} to {target!r} ({kind})",
                target,
            )
        if move.event != kind:
            self._refuse(
                "lifecycle.wrong_event",
                f"moving to {target!r} takes a {move.event} event, not {kind}",
                target,
            )
        return move

    def _go(self, target: str) -> None:
        self.status = target
        self.category = self.workflow._categories[target]

    def _apply(self, event: Event) -> None:
        kind = type(event)
        if kind not in CONCRETE:
            kind = kind_of(event)  # type: ignore[assignment]
            if kind is None:
                self._log("log.not_event", f"not an event: {convert.describe(event)}", self.index)
        t = event._us
        if t < self.last_us:
            self._log(
                "log.order",
                f"{kind.__name__} at {event.at} is before the event before it",
                self.index,
            )
        self.last_us = t  # order is the log's: a refused event still counts for it
        if self.category is _CLOSED and kind is not Reopened and kind is not SurveyAnswered:
            self._refuse(
                "lifecycle.closed",
                f"{kind.__name__} on a closed ticket; it moves only by reopening",
                kind.__name__,
            )
        _HANDLERS[kind](self, event)
        self.last = event  # its instant becomes ``updated_at`` when the state is built

    def _created(self, _event: Created) -> None:
        self._log("log.created_twice", "a log has one Created event, the first", self.index)

    def _resolved(self, event: Resolved) -> None:
        target = self.workflow.resolved_status
        self._move(target, event)
        if self.workflow.require_note and not event.note.strip():
            self._refuse("lifecycle.note_required", "resolving needs a resolution note", target)
        self._go(target)
        self.resolved_at = _stdlib(event.at)

    def _closed(self, event: Closed) -> None:
        self._move(self.workflow.closed_status, event)
        self._go(self.workflow.closed_status)
        self.closed_at = at = _stdlib(event.at)
        self.resolved_at = self.resolved_at or at
        self.survey_due = self.workflow.survey_on_close and self.survey_score is None

    def _survey(self, event: SurveyAnswered) -> None:
        if self.category not in _FINAL:
            self._refuse(
                "lifecycle.survey_early",
                "a survey is answered once the ticket is resolved or closed",
                "SurveyAnswered",
            )
        self.survey_score, self.survey_due = event.score, False

    def _priority(self, event: PriorityChanged) -> None:
        self.priority = event.priority

    def _escalated(self, event: Escalated) -> None:
        self.level = event.level
        self.escalations.append(event)

    def _requested(self, event: EscalationRequested) -> None:
        self.requests.append(event)

    def _replied(self, event: AgentReplied) -> None:
        if event.public:
            self.agent_replied_at = _stdlib(event.at)
            self.marks[3] = event._us

    def _status_changed(self, event: StatusChanged) -> None:
        target = event.status
        if target == self.status:
            return
        category = self.workflow._status_steps.get((self.status, target))
        if category is None:
            self._no_status_move(target, event)
        self.status, self.category = target, category

    def _no_status_move(self, target: str, event: StatusChanged) -> NoReturn:
        """Say why ``target`` is not a ``StatusChanged`` move from here."""
        if target not in self.workflow._categories:
            known = ", ".join(status.name for status in self.workflow.statuses)
            self._log(
                "log.unknown_status",
                f"status {convert.brief(target)} is not one of the workflow's ({known})",
                self.index,
            )
        self._move(target, event)  # refuses: not allowed, or a move another event makes
        raise AssertionError(f"{target!r} is missing from the workflow's status moves")

    def _reopen(self, event: Reopened) -> None:
        at = _stdlib(event.at)
        target = self.workflow.reopen_to
        if self.category not in _FINAL or target is None:
            self._refuse(
                "lifecycle.not_allowed",
                f"cannot reopen from {self.status!r} (Reopened)",
                target or "Reopened",
            )
        self._move(target, event)
        if self.closed_at is not None and not reopen_in_time(self.workflow, self.closed_at, at):
            late = to_timedelta(to_us(at) - to_us(self.closed_at))
            self._refuse(
                "lifecycle.reopen_window",
                f"reopening {late} after closing; the window is {self.workflow.reopen_within}",
                target,
            )
        self._go(target)
        self.reopened_at = at
        self.marks[4] = event._us
        self.resolved_at = self.closed_at = None
        self.survey_due, self.survey_score = False, None

    def _assigned(self, event: Assigned) -> None:
        team, tier = event.team or self.team, event.tier
        if self.routing is not None:
            if event.team and self.routing.tier_of(event.team) is None:
                self._log(
                    "log.unknown_team",
                    f"team {convert.brief(event.team)} is not one of the routing's "
                    f"({', '.join(self.routing.team_names)})",
                    self.index,
                )
            if tier is not None and tier not in self.routing.tiers:
                self._log("log.unknown_tier", f"no team is at tier {tier}", self.index)
            if tier is None and event.team:
                tier = self.routing.tier_of(event.team)
        if team != self.team:
            self.assignee = event.assignee  # a new team's queue, unless an engineer is named
        elif event.assignee:
            self.assignee = event.assignee
        tier = self.tier if tier is None else tier
        at = _stdlib(event.at)
        if team != self.team or tier != self.tier or event.escalated:
            self.team_since = at
            self.marks[2] = event._us
        self.team, self.tier = team, tier
        self.history.append(
            _holding(
                at,
                self.index,
                self.assignee,
                self.team,
                self.tier,
                event.escalated,
                event.reason,
                event.by,
            )
        )

    def _state(self) -> TicketState:
        if self.last is not None:
            self.updated_at = _stdlib(self.last.at)
            self.marks[1] = self.last._us
        assert self.created_at is not None
        assert self.updated_at is not None
        assert self.team_since is not None
        return _ticket_state(  # a TicketState, its fields in order
            self.status,
            self.category,
            self.priority,
            self.team,
            self.tier,
            self.assignee,
            self.level,
            tuple(self.escalations),
            tuple(self.requests),
            self.attributes,
            self.created_at,
            self.updated_at,
            self.team_since,
            self.agent_replied_at,
            self.reopened_at,
            self.resolved_at,
            self.closed_at,
            self.survey_due,
            self.survey_score,
            tuple(self.history),
            self.index,
            tuple(self.marks),  # _instants
        )


def _nothing(_lifecycle: Lifecycle, _event: Event) -> None:
    """Customer replies, notes and the like change no lifecycle state."""


_HANDLERS: dict[type[Event], Callable[[Lifecycle, Any], None]] = dict.fromkeys(CONCRETE, _nothing)
_HANDLERS |= {
    Created: Lifecycle._created,
    StatusChanged: Lifecycle._status_changed,
    Resolved: Lifecycle._resolved,
    Reopened: Lifecycle._reopen,
    Closed: Lifecycle._closed,
    SurveyAnswered: Lifecycle._survey,
    PriorityChanged: Lifecycle._priority,
    Assigned: Lifecycle._assigned,
    Escalated: Lifecycle._escalated,
    EscalationRequested: Lifecycle._requested,
    AgentReplied: Lifecycle._replied,
}
"""What each kind of event does to the lifecycle (every concrete kind has an entry)."""


def kind_of(event: object) -> type[Event] | None:
    """The concrete event type of ``event`` (a subclass counts as its base), else ``None``."""
    kind = type(event)
    if kind in CONCRETE:
        return kind
    return next((concrete for concrete in CONCRETE if isinstance(event, concrete)), None)
