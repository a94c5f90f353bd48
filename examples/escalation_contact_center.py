"""Seed 004, the contact-center vendor's Unified Service Model, routed and escalated.

"Customer Care is the central point-of-contact": every inquiry opens a
Customer Care case (``CASE-100``). The representative "assists to
completion, or determines appropriate escalation path": "if something is
broken, likely escalation path is Technical Support" (``TSUP-100``); "if
something needs to be changed or created, likely escalation path is Project
Coordination" (work orders numbered like ``100100``), which also takes
upgrades and training requests. The escalation is "received from Customer
Care (including ticket number)": the case number stays the customer's point
of reference.

"Escalation time will be 1 hour for High/Critical priority cases, it may be
higher for Low/Medium priority cases", and "during our emergency staffing
hours may exceed 1 hour": the hour is counted in the hours the team is on
site (7am to midnight ET on weekdays, 7am to 10pm on weekends).

Run: python examples/escalation_contact_center.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    FOUR_TIER,
    Assigned,
    BusinessCalendar,
    Created,
    EscalationLadder,
    Event,
    Level,
    Metric,
    Routing,
    RoutingRule,
    SLAPolicy,
    Team,
    TicketReferences,
    Trigger,
)

EASTERN = ZoneInfo("America/New_York")
ON_SITE = BusinessCalendar(
    timezone="America/New_York", hours="Mon-Fri 07:00-24:00; Sat,Sun 07:00-22:00"
)
CUSTOMER_CARE = "Customer Care"

ROUTING = Routing(
    teams=[
        Team(name=CUSTOMER_CARE, reference="CASE-{n}", members=["rita", "sam"]),
        Team(name="Technical Support", tier=2, reference="TSUP-{n}", members=["tom"]),
        Team(name="Project Coordination", tier=2, reference="{n}", members=["pia"]),
    ],
    default=CUSTOMER_CARE,
    rules=[
        RoutingRule(
            name="something is broken",
            team="Technical Support",
            kinds=["broken", "outage"],
            from_teams=[CUSTOMER_CARE],
        ),
        RoutingRule(
            name="something to change or create",
            team="Project Coordination",
            kinds=["change", "create", "upgrade", "training", "complex self-service"],
            from_teams=[CUSTOMER_CARE],
        ),
    ],
)

LADDER = EscalationLadder(
    name="Unified Service Model",
    scheme=FOUR_TIER,
    levels=[
        Level(
            name="escalation path",
            triggers=Trigger.elapsed(timedelta(hours=1), since="team"),
            priorities=["Critical", "High"],
            teams=[CUSTOMER_CARE],
            calendar=ON_SITE,
        )
    ],
)

SLA = SLAPolicy(
    name="escalation time",
    scheme=FOUR_TIER,
    calendar=ON_SITE,
    targets={
        Metric.ESCALATION: {
            "Critical": timedelta(hours=1),
            "High": timedelta(hours=1),
            "Medium": None,
            "Low": None,
        }
    },
)


def main() -> None:
    opened = datetime(2026, 11, 16, 22, 40, tzinfo=EASTERN)  # a Monday, late evening
    events = [
        Created(at=opened, priority="High", channel="phone", attributes={"kind": "broken"}),
        Assigned(at=opened, team=CUSTOMER_CARE, assignee="rita", reason="intake"),
    ]
    case_number = ROUTING.team(CUSTOMER_CARE).reference.render(100)
    references = TicketReferences.start(CUSTOMER_CARE, case_number)
    report = LADDER.evaluate(events, opened, sla=SLA)
    print(f"{references.original} opened {opened:%a %H:%M %Z}, High, something broken")
    print(
        f"  escalate by {report.next_at:%a %H:%M} (1 hour on site), wake at {report.wake_at:%H:%M}"
    )

    now = opened + timedelta(minutes=50)
    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    route = ROUTING.route(state)
    print(f"  {now:%H:%M} {route.reason}")
    support = ROUTING.team(route.team)
    references = references.hand_over(support.name, support.reference.render(100))
    events.append(route.to_event(now, by="rita"))
    report = LADDER.evaluate(events, now, sla=SLA)
    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    clock = SLA.evaluate(events, now)[Metric.ESCALATION].state.value
    print(f"  now {references.current} at {state.team} (tier {state.tier}), escalation {clock}")
    print(f"  the customer keeps {references.original} as the point of reference")
    print(f"  levels still due: {[due.level for due in report.due] or 'none'}")

    late = opened.replace(hour=23, minute=30)
    due = LADDER.evaluate([events[0], Assigned(at=late, team=CUSTOMER_CARE)], late).next_at
    print(f"A High case taken at {late:%H:%M}: escalate by {due:%a %H:%M} (staffing hours wait)")

    change: list[Event] = [Created(at=opened, priority="Medium", attributes={"kind": "upgrade"})]
    change.append(Assigned(at=opened, team=CUSTOMER_CARE, assignee="sam"))
    route = ROUTING.route(DEFAULT_WORKFLOW.replay(change))
    work_order = ROUTING.team(route.team).reference.render(100100)
    print(f"CASE-101 (Medium upgrade) -> {route.team}, work order {work_order}")
    print(f"  no escalation level for Medium: next_at {LADDER.evaluate(change, opened).next_at}")


if __name__ == "__main__":
    main()
