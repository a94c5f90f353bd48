"""What a ticket is at each moment: the facts a policy set's conditions read, event by event."""

from __future__ import annotations

import attrs
import pytest

from servicedesk_core import (
    AgentReplied,
    Assigned,
    AttributesChanged,
    Channel,
    Created,
    Event,
    PriorityChanged,
    Resolved,
    StatusChanged,
    TicketFacts,
)
from tests.sla.helpers import central

AT = central(16, 10)
CREATED = Created(
    at=central(16, 9),
    priority="High",
    channel="chat",
    attributes={"plan": "gold", "region": "eu"},
    tags={"vip", "new"},
)
FACTS = TicketFacts.from_created(CREATED)


def test_a_new_ticket_has_the_facts_of_its_creation_and_no_team() -> None:
    expected = TicketFacts(
        priority="High",
        channel=Channel.CHAT,
        attributes=[("plan", "gold"), ("region", "eu")],
        tags={"new", "vip"},
        team="",
    )
    assert expected == FACTS
    assert ("gold", None) == (FACTS.attribute("plan"), FACTS.attribute("account"))


@pytest.mark.parametrize(
    ("event", "changes"),
    [
        (PriorityChanged(at=AT, priority="Low"), {"priority": "Low"}),
        (PriorityChanged(at=AT, priority="High"), {}),
        (Assigned(at=AT, team="Tier 2", assignee="ana"), {"team": "Tier 2"}),
        (Assigned(at=AT, assignee="ana"), {}),
        (AttributesChanged(at=AT, channel="phone"), {"channel": Channel.PHONE}),
        (
            AttributesChanged(at=AT, attributes={"plan": "silver", "account": "acme"}),
            {"attributes": (("account", "acme"), ("plan", "silver"), ("region", "eu"))},
        ),
        (AttributesChanged(at=AT, attributes={"region": ""}), {"attributes": (("plan", "gold"),)}),
        (
            AttributesChanged(at=AT, tags_added={"angry"}, tags_removed={"new"}),
            {"tags": frozenset({"vip", "angry"})},
        ),
        (AgentReplied(at=AT), {}),
        (StatusChanged(at=AT, status="on_hold"), {}),
        (Resolved(at=AT), {}),
    ],
)
def test_each_event_changes_the_facts_it_names_and_no_other(
    event: Event, changes: dict[str, object]
) -> None:
    assert attrs.evolve(FACTS, **changes) == FACTS.updated(event)


def test_a_later_assignment_without_a_team_keeps_the_team() -> None:
    tier_two = FACTS.updated(Assigned(at=AT, team="Tier 2"))
    again = tier_two.updated(Assigned(at=AT, assignee="bo", escalated=True))
    assert "Tier 2" == again.team
    assert "Tier 2" == again.updated(PriorityChanged(at=AT, priority="Low")).team
    assert "Tier 2" == again.updated(AttributesChanged(at=AT, channel="email")).team
