"""Seed 002, the MSP's incident routing: triage, route, same engineer, close with a survey.

"Our First Response SLA is to review and triage ticket submissions within 15
minutes of receipt." "Incidents are routed to the proper support team best
qualified to resolve the issue. Incidents are ordered by priority, then by
first-come first-served." "When possible, incidents are worked by the same
engineer from start to finish." "Incidents requiring elevated access or
system administration are escalated according to the SLA timeline."
"Resolved incidents are closed with a detailed resolution explanation and a
survey sent to the incident requestor."

The lifecycle is ``DEFAULT_WORKFLOW`` (built from this guide); the desk runs
Monday-Friday 7am-5pm Central. Critical and High outages go to the
infrastructure team, elevated access to systems administration, the rest to
desktop support; a triage lead steps in when the 15 minutes are used up.

Run: python examples/escalation_msp.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    FOUR_TIER,
    Assigned,
    BusinessCalendar,
    Closed,
    Created,
    EscalationLadder,
    Event,
    Level,
    Metric,
    Resolved,
    Routing,
    RoutingRule,
    SLAPolicy,
    StatusChanged,
    SurveyAnswered,
    Team,
    Trigger,
    order_queue,
)

CENTRAL = ZoneInfo("America/Chicago")
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
TRIAGE = SLAPolicy(
    name="triage within 15 minutes",
    scheme=FOUR_TIER,
    calendar=DESK,
    targets={Metric.FIRST_RESPONSE: {level.name: timedelta(minutes=15) for level in FOUR_TIER}},
)
ROUTING = Routing(
    scheme=FOUR_TIER,
    teams=[
        Team(name="Service Desk", members=["dana", "eli"]),
        Team(name="Infrastructure", members=["eli", "fay"]),
        Team(name="Desktop Support", members=["dana", "gus"]),
        Team(name="Systems Administration", tier=2, members=["hal"]),
    ],
    default="Service Desk",
    rules=[
        RoutingRule(
            name="elevated access", team="Systems Administration", kinds=["elevated access"]
        ),
        RoutingRule(name="outage", team="Infrastructure", priorities=["Critical", "High"]),
        RoutingRule(name="individual issue", team="Desktop Support", from_teams=["Service Desk"]),
    ],
)
LADDER = EscalationLadder(
    name="triage",
    levels=[Level(name="triage lead", triggers=Trigger.sla_breached(metric="first_response"))],
)


def main() -> None:
    monday = datetime(2026, 11, 16, 8, 0, tzinfo=CENTRAL)
    queue = [
        ("printer offline", Created(at=monday, priority="Low", channel="email")),
        ("internet outage", Created(at=monday + timedelta(minutes=5), priority="Critical")),
        ("payroll down", Created(at=monday + timedelta(minutes=2), priority="High")),
    ]
    ordered = order_queue(
        queue, level=lambda item: FOUR_TIER[item[1].priority], arrived_at=lambda item: item[1].at
    )
    print("triage order:", ", ".join(name for name, _created in ordered))

    created = queue[0][1]
    report = LADDER.evaluate([created], created.at, sla=TRIAGE)
    print(f"printer offline: triage by {report.wake_at:%H:%M}, then the {report.next_level}")

    at = created.at + timedelta(minutes=10)
    events: list[Event] = [created, Assigned(at=at, team="Service Desk", assignee="dana")]
    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    route = ROUTING.route(state)
    print(f"  {at:%H:%M} {route.team}: {route.reason}; {route.assignee_reason}")
    events += [route.to_event(at, by="dana"), StatusChanged(at=at, status="open")]
    resolved = at + timedelta(hours=2)
    events += [
        Resolved(at=resolved, note="Print spooler restarted; driver updated to v5.2."),
        Closed(at=resolved + timedelta(hours=1)),
    ]
    state = DEFAULT_WORKFLOW.replay(events, routing=ROUTING)
    print(f"  {state.status} by {state.assignee} (same engineer), survey due: {state.survey_due}")
    state = DEFAULT_WORKFLOW.step(state, SurveyAnswered(at=resolved + timedelta(days=1), score=5))
    print(f"  survey answered: {state.survey_score}/5")
    print("  a resolution without a note is refused:", end=" ")
    print(DEFAULT_WORKFLOW.check([created, Resolved(at=resolved)]).codes)

    access = Created(at=monday, priority="Medium", attributes={"kind": "elevated access"})
    route = ROUTING.route(DEFAULT_WORKFLOW.replay([access]))
    print(f"admin rights request -> {route.team} (tier {route.tier}): {route.reason}")


if __name__ == "__main__":
    main()
