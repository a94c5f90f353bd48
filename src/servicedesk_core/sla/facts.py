"""What a ticket is at one moment, as a policy set's conditions read it.

The ``Created`` event gives a ticket its priority, channel, attributes and
tags; ``PriorityChanged``, ``AttributesChanged`` and ``Assigned(team=...)``
change them. :class:`TicketFacts` is that state, for picking a policy again.
"""

from __future__ import annotations

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._build import builder
from servicedesk_core.events import (  # the events' converters: facts hold what events say
    Assigned,
    AttributesChanged,
    Channel,
    Created,
    Event,
    PriorityChanged,
    _attributes,
    _channel,
    _level_name,
    _tags,
)

__all__ = ["TicketFacts"]


def _team(value: str) -> str:
    return convert.text(value, "team", max_length=200)


@attrs.frozen(kw_only=True)
class TicketFacts:
    """A ticket's priority, channel, attributes, tags and team at one moment.

    >>> import datetime as dt
    >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> facts = TicketFacts.from_created(Created(at=at, priority="High", tags={"vip"}))
    >>> facts = facts.updated(AttributesChanged(at=at, attributes={"plan": "gold"}))
    >>> facts.attribute("plan"), facts.updated(Assigned(at=at, team="Tier 2")).team
    ('gold', 'Tier 2')
    """

    priority: str = attrs.field(converter=_level_name)
    channel: Channel = attrs.field(converter=_channel)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_attributes)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    team: str = attrs.field(default="", converter=_team)

    @classmethod
    def from_created(cls, created: Created) -> TicketFacts:
        """The facts a ``Created`` event gives a new ticket."""
        return _trusted(created.priority, created.channel, created.attributes, created.tags, "")

    def attribute(self, name: str) -> str | None:
        """Return one attribute's value, or ``None`` when the ticket has none."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    def updated(self, event: Event) -> TicketFacts:
        """Return the facts after ``event`` (unchanged by events that change none of them)."""
        if isinstance(event, PriorityChanged):
            if event.priority == self.priority:
                return self
            return _trusted(event.priority, self.channel, self.attributes, self.tags, self.team)
        if isinstance(event, Assigned) and event.team:
            return _trusted(self.priority, self.channel, self.attributes, self.tags, event.team)
        if isinstance(event, AttributesChanged):
            attributes = dict(self.attributes)
            attributes.update(event.attributes)
            return _trusted(
                self.priority,
                self.channel if event.channel is None else event.channel,
                tuple(sorted((k, v) for k, v in attributes.items() if v)),
                (self.tags | event.tags_added) - event.tags_removed,
                self.team,
            )
        return self


_trusted = builder(TicketFacts)
"""``TicketFacts(priority, channel, attributes, tags, team)`` from values that
events (or facts) have already converted. The replay builds facts from every
``Created`` under a policy set: converting them again cost a tenth of the
evaluation."""
