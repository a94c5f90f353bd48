"""Seed 003, the UCaaS partner appendix: three tiers, Tier 1 escalates after 15 minutes.

"Tier 1 - Front-line ... Escalates anything they can't solve in 15 minutes";
"Tier 2 - Technical ... Escalates platform-level bugs to us"; "Tier 3 -
Engineering / vendor. That's us. You file a ticket; we triage and respond."

The routing sends new tickets to Tier 1, Tier 1 tickets up to Tier 2, and
Tier 2's platform bugs to the vendor. A one-level ladder says when Tier 1's
15 minutes are up: counted from the moment the ticket reached Tier 1, and
only while it is there. Each tier numbers tickets its own way; the first
reference stays the customer's.

Run: python examples/escalation_partner.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    AgentReplied,
    Assigned,
    Created,
    EscalationLadder,
    Event,
    Level,
    Resolved,
    Routing,
    RoutingRule,
    StatusChanged,
    Team,
    TicketReferences,
    Trigger,
)

PACIFIC = ZoneInfo("America/Los_Angeles")
TIER_1, TIER_2, VENDOR = "Tier 1", "Tier 2", "Vendor"

ROUTING = Routing(
    teams=[
        Team(name=TIER_1, tier=1, reference="T1-{n}", members=["lee", "max"]),
        Team(name=TIER_2, tier=2, reference="T2-{n}", members=["max", "noor"]),
        Team(name=VENDOR, tier=3, reference="VENDOR-{n}"),
    ],
    default=TIER_1,
    rules=[
        RoutingRule(name="platform-level bug", team=VENDOR, kinds=["platform bug"], from_tiers=[2]),
        RoutingRule(name="Tier 1 cannot solve it", team=TIER_2, from_tiers=[1]),
    ],
)

LADDER = EscalationLadder(
    name="partner tiers",
    levels=[
        Level(
            name="Tier 1 time is up",
            triggers=Trigger.elapsed(timedelta(minutes=15), since="team"),
            teams=[TIER_1],
        )
    ],
)


def main() -> None:
    start = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)

    def at(minutes: int) -> datetime:
        return start + timedelta(minutes=minutes)

    events: list[Event] = [Created(at=start, priority="High", channel="email")]
    intake = ROUTING.route(DEFAULT_WORKFLOW.replay(events))
    events += [
        Assigned(at=at(2), team=intake.team, assignee="max", reason=intake.reason),
        StatusChanged(at=at(2), status="open"),
        AgentReplied(at=at(5)),
    ]
    refs = TicketReferences.start(TIER_1, ROUTING.team(TIER_1).reference.render(4711))
    report = LADDER.evaluate(events, at(5))
    print(f"{refs.original}: {intake.reason}; Tier 1's time is up at {report.next_at:%H:%M}")

    report = LADDER.evaluate(events, at(17))
    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    route = ROUTING.route(state)
    print(f"{at(17):%H:%M} due: {', '.join(due.level for due in report.due)}")
    print(f"  -> {route.team}: {route.reason}; {route.assignee_reason}")
    events.append(route.to_event(at(17), by="max"))
    refs = refs.hand_over(route.team, ROUTING.team(route.team).reference.render(88))

    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    route = ROUTING.route(state, kind="platform bug")
    print(f"{at(40):%H:%M} a platform-level bug -> {route.team} (tier {route.tier})")
    events.append(route.to_event(at(40), by="max"))
    refs = refs.hand_over(route.team, ROUTING.team(route.team).reference.render(12))
    events.append(Resolved(at=at(300), note="vendor fixed the SIP trunk"))

    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    print(f"trail: {' -> '.join(reference for _team, reference in refs.entries)}")
    for holding in state.history:
        who = holding.assignee or "the team's queue"
        print(f"  {holding.at:%H:%M} {holding.team} (tier {holding.tier}), {who}")
    print(f"status {state.status}; ladder due: {LADDER.evaluate(events, at(301)).due or 'nothing'}")


if __name__ == "__main__":
    main()
