"""A ticket's events: plain frozen values a helpdesk maps its own records onto.

A log starts with one :class:`Created` and lists events in chronological
order; events at equal instants keep their given order.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from servicedesk_core._time import to_us
from servicedesk_core.priority import PriorityLevel

__all__ = [
    "AgentReplied",
    "Assigned",
    "Channel",
    "Closed",
    "Created",
    "CustomerReplied",
    "Event",
    "PriorityChanged",
    "Reopened",
    "Resolved",
    "StatusChanged",
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


def _aware(_instance: object, _attr: object, value: dt.datetime) -> None:
    to_us(value)  # raises NaiveDatetimeError / TypeError


def _level_name(value: str | PriorityLevel) -> str:
    return value.name if isinstance(value, PriorityLevel) else value


def _channel(value: Channel | str) -> Channel:
    return value if isinstance(value, Channel) else Channel(value)


def _attributes(
    value: Mapping[str, str] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(key), str(item)) for key, item in items))


@attrs.frozen(kw_only=True)
class Created:
    """The ticket was opened: its priority, channel and attributes (plan, account...).

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> Created(at=at, priority="High", channel="email", attributes={"plan": "gold"}).attribute("plan")
    'gold'
    """  # noqa: E501

    at: dt.datetime = attrs.field(validator=_aware)
    priority: str = attrs.field(converter=_level_name)
    channel: Channel = attrs.field(default=Channel.PORTAL, converter=_channel)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_attributes)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)

    def attribute(self, name: str) -> str | None:
        """Return one attribute's value, or ``None`` when the ticket has none."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@attrs.frozen(kw_only=True)
class AgentReplied:
    """An agent wrote on the ticket: a public reply, or an internal note (``public=False``)."""

    at: dt.datetime = attrs.field(validator=_aware)
    public: bool = True


@attrs.frozen(kw_only=True)
class CustomerReplied:
    """The customer wrote; ``awaits_answer=False`` for a message that needs none ("thanks!")."""

    at: dt.datetime = attrs.field(validator=_aware)
    awaits_answer: bool = True


@attrs.frozen(kw_only=True)
class StatusChanged:
    """The ticket entered a status of the policy's list (some statuses pause clocks)."""

    at: dt.datetime = attrs.field(validator=_aware)
    status: str


@attrs.frozen(kw_only=True)
class PriorityChanged:
    """The ticket's priority changed; the policy's ``on_priority_change`` says what follows."""

    at: dt.datetime = attrs.field(validator=_aware)
    priority: str = attrs.field(converter=_level_name)


@attrs.frozen(kw_only=True)
class Assigned:
    """The ticket was assigned; ``escalated=True`` hands it to the next tier."""

    at: dt.datetime = attrs.field(validator=_aware)
    assignee: str = ""
    escalated: bool = False


@attrs.frozen(kw_only=True)
class Resolved:
    """The ticket was resolved; this also answers the customer."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen(kw_only=True)
class Reopened:
    """A resolved ticket was reopened; the policy's ``on_reopen`` says what follows."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen(kw_only=True)
class Closed:
    """The ticket was closed for good (resolving it first if it was not); nothing may follow."""

    at: dt.datetime = attrs.field(validator=_aware)


Event = (
    Created
    | AgentReplied
    | CustomerReplied
    | StatusChanged
    | PriorityChanged
    | Assigned
    | Resolved
    | Reopened
    | Closed
)
"""Any event of a ticket's log."""
