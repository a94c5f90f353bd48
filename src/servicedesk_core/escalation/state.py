"""Where a ticket stands after its events: :class:`TicketState` and the holders it had."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from servicedesk_core._time import to_us
from servicedesk_core.events import Escalated, EscalationRequested

__all__ = ["Holding", "StatusCategory", "TicketState"]


class StatusCategory(enum.Enum):
    """What a status means to the lifecycle, whatever the desk calls it.

    >>> StatusCategory("waiting")
    <StatusCategory.WAITING: 'waiting'>
    """

    NEW = "new"
    """Not yet triaged; a ticket starts here (a workflow has one such status)."""
    OPEN = "open"
    """Being worked on."""
    WAITING = "waiting"
    """Waiting on someone (customer, vendor); pauses nothing by itself, SLA policies decide."""
    RESOLVED = "resolved"
    """Resolved, awaiting closure or a reopen (a workflow has one such status)."""
    CLOSED = "closed"
    """Closed; only a reopen moves it, where the workflow allows one (one such status)."""


@attrs.frozen(kw_only=True)
class Holding:
    """One entry of a ticket's history of holders: who took it, when and why.

    Attributes:
        at: When the assignment happened.
        index: Position of its ``Assigned`` event in the log.
        assignee: The engineer holding the ticket from then on (``""``: nobody named).
        team: The team holding it (``""``: not routed yet).
        tier: The support tier (``None``: unknown).
        escalated: Whether the hand-over was a functional escalation.
        reason: Why the holder changed, as the event said.
        by: Who made the change.
    """

    at: dt.datetime
    index: int
    assignee: str
    team: str
    tier: int | None
    escalated: bool
    reason: str
    by: str


Instants = tuple[int, int, int, int | None, int | None]
"""Epoch microseconds of a state's created_at, updated_at, team_since, agent_replied_at
and reopened_at (private)."""


@attrs.frozen(kw_only=True)
class TicketState:
    """A ticket's lifecycle state after replaying its events (immutable).

    Built by :meth:`~servicedesk_core.Workflow.replay`; a
    :class:`~servicedesk_core.Routing` reads it to route the ticket, and an
    :class:`~servicedesk_core.EscalationLadder` can read it instead of the log.

    Attributes:
        status: The current status's name.
        category: What that status means.
        priority: The priority level's name (from ``Created`` and ``PriorityChanged``).
        team: The team holding the ticket (``""``: not routed yet).
        tier: Its support tier (``None``: unknown).
        assignee: The engineer holding it (``""``: nobody).
        escalation_level: The ladder level of the latest ``Escalated`` event (``""``: none).
        escalations: Every ``Escalated`` event, oldest first (who carried out which level).
        escalation_requests: Every ``EscalationRequested`` event, oldest first.
        attributes: The ``Created`` event's attributes (product, plan, kind...).
        created_at: When the ticket was created.
        updated_at: When its latest event happened.
        team_since: When it reached its current team or tier (an ``Assigned`` that
            moved it, or an escalating one), else when it was created.
        agent_replied_at: When an agent last replied publicly (``None``: never).
        reopened_at: When it was last reopened (``None``: never).
        resolved_at: When it was last resolved (``None`` unless resolved or closed).
        closed_at: When it was closed (``None`` unless closed).
        survey_due: Whether a satisfaction survey is due (closed, not yet answered).
        survey_score: The latest survey score, 1 to 5 (``None``: no answer).
        history: Every assignment, oldest first.
        events: How many events were replayed (the index the next event gets).
    """

    status: str
    category: StatusCategory
    priority: str
    team: str
    tier: int | None
    assignee: str
    escalation_level: str
    escalations: tuple[Escalated, ...]
    escalation_requests: tuple[EscalationRequested, ...]
    attributes: tuple[tuple[str, str], ...]
    created_at: dt.datetime
    updated_at: dt.datetime
    team_since: dt.datetime
    agent_replied_at: dt.datetime | None
    reopened_at: dt.datetime | None
    resolved_at: dt.datetime | None
    closed_at: dt.datetime | None
    survey_due: bool
    survey_score: int | None
    history: tuple[Holding, ...]
    events: int
    _instants: Instants | None = attrs.field(init=False, default=None, eq=False, repr=False)
    """What a replay knew of the instants (see :func:`instants`); ``None`` when built by hand."""

    @property
    def is_closed(self) -> bool:
        """Whether the ticket is closed."""
        return self.category is StatusCategory.CLOSED

    @property
    def is_resolved(self) -> bool:
        """Whether the ticket is resolved or closed."""
        return self.category in (StatusCategory.RESOLVED, StatusCategory.CLOSED)

    @property
    def last_engineer(self) -> str:
        """The engineer who last held the ticket (``""``: none ever did)."""
        for holding in reversed(self.history):
            if holding.assignee:
                return holding.assignee
        return ""

    def attribute(self, name: str) -> str | None:
        """Return one of the ticket's attributes, or ``None`` when it has none."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


def instants(state: TicketState) -> Instants:
    """A state's instants in epoch microseconds (private): the replay's, else converted."""
    if state._instants is not None:
        return state._instants
    replied, reopened = state.agent_replied_at, state.reopened_at
    return (
        to_us(state.created_at),
        to_us(state.updated_at),
        to_us(state.team_since),
        None if replied is None else to_us(replied),
        None if reopened is None else to_us(reopened),
    )
