"""Where a ticket stands after its events: :class:`TicketState` and the holders it had."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.events import Escalated, EscalationRequested, _attributes
from servicedesk_core.priority.levels import level_name

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

    def __attrs_post_init__(self) -> None:
        _convert_fields(self, _HOLDING_FIELDS)


Instants = tuple[int, int, int, int | None, int | None]
"""Epoch microseconds of a state's created_at, updated_at, team_since, agent_replied_at
and reopened_at (private)."""


@attrs.frozen(kw_only=True)
class TicketState:
    """A ticket's lifecycle state after replaying its events (immutable).

    Built by :meth:`~servicedesk_core.Workflow.replay`; a
    :class:`~servicedesk_core.Routing` reads it to route the ticket, and an
    :class:`~servicedesk_core.EscalationLadder` can read it instead of the log.
    Built by hand, its fields take their plain forms (ISO text for instants,
    a category's text) and anything else is a ``ConfigError`` naming the field.

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

    def __attrs_post_init__(self) -> None:
        _convert_fields(self, _STATE_FIELDS)

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


# --- a state built by hand -------------------------------------------------------------
# A replay builds states and holdings from values it converted already (``_build``);
# built by hand, each field is converted like any constructor's, or refused naming it.

_Check = Callable[[object, str], object]


def _optional(check: _Check) -> _Check:
    return lambda value, field: None if value is None else check(value, field)


def _instances_of(kind: type) -> _Check:
    return lambda value, field: convert.instances(value, field, kind)


def _convert_fields(value: object, checks: dict[str, _Check]) -> None:
    for name, check in checks.items():
        object.__setattr__(value, name, check(getattr(value, name), name))


_TIER = _optional(functools.partial(convert.integer, min_value=0))
_WHEN = _optional(convert.aware_datetime)
_HOLDING_FIELDS: dict[str, _Check] = {
    "at": convert.aware_datetime,
    "index": functools.partial(convert.integer, min_value=0),
    "assignee": convert.text,
    "team": convert.text,
    "tier": _TIER,
    "escalated": convert.boolean,
    "reason": convert.text,
    "by": convert.text,
}
_STATE_FIELDS: dict[str, _Check] = {
    "status": functools.partial(convert.text, allow_empty=False),
    "category": lambda value, field: convert.enum_member(StatusCategory, value, field),
    "priority": level_name,
    "team": convert.text,
    "tier": _TIER,
    "assignee": convert.text,
    "escalation_level": convert.text,
    "escalations": _instances_of(Escalated),
    "escalation_requests": _instances_of(EscalationRequested),
    "attributes": lambda value, _field: _attributes(value),  # type: ignore[arg-type]
    "created_at": convert.aware_datetime,
    "updated_at": convert.aware_datetime,
    "team_since": convert.aware_datetime,
    "agent_replied_at": _WHEN,
    "reopened_at": _WHEN,
    "resolved_at": _WHEN,
    "closed_at": _WHEN,
    "survey_due": convert.boolean,
    "survey_score": _optional(functools.partial(convert.integer, min_value=1, max_value=5)),
    "history": _instances_of(Holding),
    "events": functools.partial(convert.integer, min_value=1),
}


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
