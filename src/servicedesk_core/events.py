"""A ticket's events: the one vocabulary that SLA clocks, lifecycle and escalation read.

A log starts with one :class:`Created` and lists events in chronological
order; events at equal instants keep their given order.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.priority import PriorityLevel
from servicedesk_core.priority.levels import level_name

__all__ = [
    "AgentReplied",
    "Assigned",
    "AttributesChanged",
    "Channel",
    "Closed",
    "Created",
    "CustomerReplied",
    "Escalated",
    "EscalationRequested",
    "Event",
    "PriorityChanged",
    "Reopened",
    "Resolved",
    "StatusChanged",
    "SurveyAnswered",
]


class Channel(enum.Enum):
    """How a ticket reached the desk.

    >>> Channel("phone")
    <Channel.PHONE: 'phone'>
    """

    PHONE = "phone"
    EMAIL = "email"
    PORTAL = "portal"
    CHAT = "chat"


def _at(value: dt.datetime | str) -> dt.datetime:
    return convert.aware_datetime(value, "at")


@attrs.frozen(kw_only=True)
class Event:
    """The base of every event: when it happened (an aware datetime, or ISO text with an offset).

    The instant is also kept as integer epoch microseconds for the evaluator;
    events compare by it, so an event equals its copy stored with a UTC offset
    (aware datetimes in a DST fold compare unequal across zones).

    Raises:
        NaiveDatetimeError: ``at`` has no timezone.
        ConfigError: ``at`` is not a datetime, or text without an offset.
    """

    at: dt.datetime = attrs.field(converter=_at, eq=False)
    _us: int = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_us", to_us(self.at))


def _level_name(value: str | PriorityLevel) -> str:
    return level_name(value, "priority")


def _channel(value: Channel | str) -> Channel:
    return convert.enum_member(Channel, value, "channel")


def _attributes(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    named = [
        (convert.text(key, "attributes", allow_empty=False, max_length=200), item)
        for key, item in convert.pairs(value, "attributes")
    ]
    convert.unique((name for name, _item in named), "attributes")
    return tuple(
        sorted(
            (name, convert.text(item, f"attributes.{name}", max_length=1000))
            for name, item in named
        )
    )


def _tag(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _tags(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "tags", _tag)


def _public(value: bool | str) -> bool:
    return convert.boolean(value, "public")


def _awaits_answer(value: bool | str) -> bool:
    return convert.boolean(value, "awaits_answer")


def _status(value: str) -> str:
    return convert.text(value, "status", allow_empty=False, max_length=200)


@attrs.frozen(kw_only=True)
class Created(Event):
    """The ticket was opened: its priority, channel and attributes (plan, account...).

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> Created(at=at, priority="High", channel="email", attributes={"plan": "gold"}).attribute("plan")
    'gold'
    """  # noqa: E501

    priority: str = attrs.field(converter=_level_name)
    channel: Channel = attrs.field(default=Channel.PORTAL, converter=_channel)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_attributes)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)

    def attribute(self, name: str) -> str | None:
        """Return one attribute's value, or ``None`` when the ticket has none."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@attrs.frozen(kw_only=True)
class AgentReplied(Event):
    """An agent wrote on the ticket: a public reply, or an internal note (``public=False``)."""

    public: bool = attrs.field(default=True, converter=_public)


@attrs.frozen(kw_only=True)
class CustomerReplied(Event):
    """The customer wrote; ``awaits_answer=False`` for a message that needs none ("thanks!")."""

    awaits_answer: bool = attrs.field(default=True, converter=_awaits_answer)


@attrs.frozen(kw_only=True)
class StatusChanged(Event):
    """The ticket entered a status of the policy's list (some statuses pause clocks)."""

    status: str = attrs.field(converter=_status)


@attrs.frozen(kw_only=True)
class PriorityChanged(Event):
    """The ticket's priority changed; the policy's ``on_priority_change`` says what follows."""

    priority: str = attrs.field(converter=_level_name)


def _changed_channel(value: Channel | str | None) -> Channel | None:
    return None if value is None else _channel(value)


def _tags_added(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "tags_added", _tag)


def _tags_removed(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "tags_removed", _tag)


@attrs.frozen(kw_only=True)
class AttributesChanged(Event):
    """The ticket's channel, attributes (plan, account...) or tags changed.

    ``attributes`` sets values (an empty value removes the attribute);
    ``channel=None`` leaves the channel as it was. A policy set picks the
    ticket's policy again after it (``Reselect.ON_CHANGE``).

    >>> import datetime as dt
    >>> AttributesChanged(at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
    ...                   attributes={"plan": "gold"}, tags_added=["vip"]).tags_added
    frozenset({'vip'})
    """

    channel: Channel | None = attrs.field(default=None, converter=_changed_channel)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_attributes)
    tags_added: frozenset[str] = attrs.field(default=frozenset(), converter=_tags_added)
    tags_removed: frozenset[str] = attrs.field(default=frozenset(), converter=_tags_removed)


def _assignee(value: str) -> str:
    return convert.text(value, "assignee")


def _escalated(value: bool | str) -> bool:
    return convert.boolean(value, "escalated")


def _team(value: str) -> str:
    return convert.text(value, "team")


def _tier(value: int | str | None) -> int | None:
    return None if value is None else convert.integer(value, "tier", min_value=1)


def _reason(value: str) -> str:
    return convert.text(value, "reason")


def _by(value: str) -> str:
    return convert.text(value, "by")


@attrs.frozen(kw_only=True)
class Assigned(Event):
    """The ticket was assigned to an engineer, a team or a tier.

    Empty ``assignee`` or ``team`` and ``tier=None`` leave that part as it
    was. ``escalated=True`` marks a functional escalation (a hand-over to the
    next tier or team); it stops the SLA escalation clock.

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 2, 9, 15, tzinfo=dt.UTC)
    >>> Assigned(at=at, team="Technical Support", tier="2", escalated="true").tier
    2
    """

    assignee: str = attrs.field(default="", converter=_assignee)
    escalated: bool = attrs.field(default=False, converter=_escalated)
    team: str = attrs.field(default="", converter=_team)
    tier: int | None = attrs.field(default=None, converter=_tier)
    reason: str = attrs.field(default="", converter=_reason)
    by: str = attrs.field(default="", converter=_by)


def _ladder_level(value: str) -> str:
    return convert.text(value, "level", allow_empty=False)


@attrs.frozen(kw_only=True)
class Escalated(Event):
    """A level of a hierarchical escalation ladder was carried out (a supervisor took notice).

    >>> import datetime as dt
    >>> Escalated(at=dt.datetime(2026, 3, 2, 11, tzinfo=dt.UTC), level="supervisor").level
    'supervisor'
    """

    level: str = attrs.field(converter=_ladder_level)
    reason: str = attrs.field(default="", converter=_reason)
    by: str = attrs.field(default="", converter=_by)


@attrs.frozen(kw_only=True)
class EscalationRequested(Event):
    """The customer asked for the ticket to be escalated (a ladder trigger)."""

    reason: str = attrs.field(default="", converter=_reason)
    by: str = attrs.field(default="", converter=_by)


def _note(value: str) -> str:
    return convert.text(value, "note")


@attrs.frozen(kw_only=True)
class Resolved(Event):
    """The ticket was resolved, with an optional resolution note; this also answers the customer."""

    note: str = attrs.field(default="", converter=_note)


@attrs.frozen(kw_only=True)
class Reopened(Event):
    """A resolved ticket was reopened; the policy's ``on_reopen`` says what follows."""


@attrs.frozen(kw_only=True)
class Closed(Event):
    """The ticket was closed (resolving it first if it was not).

    Only a survey answer or, where the workflow allows it, a reopen may follow.
    """


def _score(value: int | str) -> int:
    return convert.integer(value, "score", min_value=1, max_value=5)


@attrs.frozen(kw_only=True)
class SurveyAnswered(Event):
    """The requester answered the satisfaction survey: a score from 1 to 5.

    >>> import datetime as dt
    >>> SurveyAnswered(at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC), score="4").score
    4
    """

    score: int = attrs.field(converter=_score)


AnyEvent = (
    Created
    | AgentReplied
    | CustomerReplied
    | StatusChanged
    | PriorityChanged
    | AttributesChanged
    | Assigned
    | Resolved
    | Reopened
    | Closed
    | Escalated
    | EscalationRequested
    | SurveyAnswered
)
"""Every concrete event type, for exhaustive matches."""
