"""Seed 000, the VoIP reseller's escalation path: coordinator, supervisor, director.

"If something isn't moving quickly enough: Start with your Service
Coordinator ... Escalate to the Help Desk Supervisor - They step in when
technical issues are urgent or require immediate oversight ... Contact the
Client Experience Director - Your advocate for SLA accountability."

As a ladder: each customer request climbs one level; without one, the
coordinator steps in after a business day without an update from us (10 desk
hours, Monday-Friday 7:00-17:00 CT), the supervisor when the response target
is breached, the director after two business days without an update. The
response targets are the guide's (Critical 1 hour around the clock, High
2-4 hours, Medium 1 business day, Standard 1-2 business days).

Run: python examples/escalation_reseller.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    AgentReplied,
    BusinessCalendar,
    Created,
    Escalated,
    EscalationLadder,
    EscalationRequested,
    Event,
    Level,
    Metric,
    PriorityScheme,
    SLAPolicy,
    Target,
    TargetRange,
    Trigger,
)

CENTRAL = ZoneInfo("America/Chicago")
SCHEME = PriorityScheme.from_names("reseller", ["Critical", "High", "Medium", "Standard"])
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
BUSINESS_DAY = timedelta(hours=10)

SLA = SLAPolicy(
    name="reseller client guide",
    scheme=SCHEME,
    calendar=DESK,
    targets={
        Metric.FIRST_RESPONSE: {
            "Critical": Target(
                duration=timedelta(hours=1),
                calendar=BusinessCalendar.always_open(timezone="America/Chicago"),
            ),
            "High": TargetRange(
                goal=Target(duration=timedelta(hours=2)), breach=Target(duration=timedelta(hours=4))
            ),
            "Medium": Target(business_days=1),
            "Standard": TargetRange(goal=Target(business_days=1), breach=Target(business_days=2)),
        },
    },
)

LADDER = EscalationLadder(
    name="escalation path",
    scheme=SCHEME,
    calendar=DESK,
    levels=[
        Level(
            name="Service Coordinator",
            triggers=[Trigger.requested(1), Trigger.elapsed(BUSINESS_DAY, since="agent_update")],
        ),
        Level(
            name="Help Desk Supervisor",
            triggers=[Trigger.requested(2), Trigger.sla_breached(metric="first_response")],
        ),
        Level(
            name="Client Experience Director",
            triggers=[
                Trigger.requested(3),
                Trigger.elapsed(2 * BUSINESS_DAY, since="agent_update"),
            ],
        ),
    ],
)


def _due(events: list[Event], now: datetime) -> str:
    report = LADDER.evaluate(events, now, sla=SLA)
    due = ", ".join(item.level for item in report.due) or "nothing"
    upcoming = f"; next: {report.next_level} at {report.next_at:%a %H:%M}" if report.next_at else ""
    return f"{now:%a %H:%M} due: {due}{upcoming}"


def main() -> None:
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=CENTRAL)
    print("A High ticket nobody answers:")
    events: list[Event] = [Created(at=monday, priority="High")]
    print(" ", _due(events, monday + timedelta(hours=3)))
    breach = monday + timedelta(hours=4)
    print(" ", _due(events, breach))
    events += [
        Escalated(at=breach, level="Help Desk Supervisor", by="desk", reason="response breached"),
        AgentReplied(at=breach + timedelta(minutes=10)),
    ]
    print(" ", _due(events, breach + timedelta(minutes=10)), "(the supervisor replied)")

    print("A Standard ticket whose customer asks three times:")
    events = [Created(at=monday, priority="Standard"), AgentReplied(at=monday)]
    for minutes in (30, 45, 50):
        asked = monday + timedelta(minutes=minutes)
        events.append(EscalationRequested(at=asked, by="customer", reason="not moving"))
        print(" ", _due(events, asked))


if __name__ == "__main__":
    main()
