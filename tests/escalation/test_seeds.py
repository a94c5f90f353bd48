"""Every escalation number in the seed guides, through the runnable examples."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    AgentReplied,
    Assigned,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    Resolved,
    StatusChanged,
)
from tests.example_scripts import load

CENTRAL = ZoneInfo("America/Chicago")
EASTERN = ZoneInfo("America/New_York")
MONDAY = dt.datetime(2026, 11, 16, 9, 0, tzinfo=CENTRAL)


def minutes(n: float, start: dt.datetime = MONDAY) -> dt.datetime:
    return start + dt.timedelta(minutes=n)


def due(report: object) -> list[str]:
    return [item.level for item in report.due]  # type: ignore[attr-defined]


# --- seed 000: coordinator -> supervisor -> director ------------------------------------

RESELLER = load("escalation_reseller")


def test_000_the_escalation_path_has_three_steps_in_order() -> None:
    assert (
        "Service Coordinator",
        "Help Desk Supervisor",
        "Client Experience Director",
    ) == RESELLER.LADDER.level_names


def test_000_each_customer_request_climbs_one_step() -> None:
    events = [Created(at=MONDAY, priority="Standard"), AgentReplied(at=MONDAY)]
    expected = [
        ["Service Coordinator"],
        ["Service Coordinator", "Help Desk Supervisor"],
        ["Service Coordinator", "Help Desk Supervisor", "Client Experience Director"],
    ]
    for asked, levels in enumerate(expected, start=1):
        events.append(EscalationRequested(at=minutes(asked), by="customer"))
        assert levels == due(RESELLER.LADDER.evaluate(events, minutes(asked), sla=RESELLER.SLA))


def test_000_the_supervisor_steps_in_when_the_high_response_target_is_breached() -> None:
    """High: 2-4 hours; nobody answered by 13:00, so the supervisor is due then."""
    events = [Created(at=MONDAY, priority="High")]
    report = RESELLER.LADDER.evaluate(events, minutes(239), sla=RESELLER.SLA)
    assert ([], "Help Desk Supervisor", minutes(240)) == (
        due(report),
        report.next_level,
        report.next_at,
    )
    assert ["Help Desk Supervisor"] == due(
        RESELLER.LADDER.evaluate(events, minutes(240), sla=RESELLER.SLA)
    )


def test_000_not_moving_for_a_business_day_brings_the_coordinator() -> None:
    events = [Created(at=MONDAY, priority="Standard"), AgentReplied(at=minutes(60))]
    report = RESELLER.LADDER.evaluate(events, minutes(61), sla=RESELLER.SLA)
    assert ("Service Coordinator", minutes(60 + 24 * 60)) == (report.next_level, report.next_at)


def test_000_after_the_supervisor_only_the_director_remains() -> None:
    events = [
        Created(at=MONDAY, priority="High"),
        Escalated(at=minutes(240), level="Help Desk Supervisor"),
        AgentReplied(at=minutes(250)),
    ]
    report = RESELLER.LADDER.evaluate(events, minutes(250), sla=RESELLER.SLA)
    wednesday = minutes(250 + 2 * 24 * 60)
    assert ([], "Client Experience Director", wednesday) == (
        due(report),
        report.next_level,
        report.next_at,
    )


# --- seed 002: triage, routing, same engineer, resolution note and survey -------------

MSP = load("escalation_msp")
EIGHT = MONDAY.replace(hour=8)


def test_002_triage_within_15_minutes_or_the_triage_lead_steps_in() -> None:
    events = [Created(at=EIGHT, priority="Low", channel="email")]
    report = MSP.LADDER.evaluate(events, EIGHT, sla=MSP.TRIAGE)
    assert (minutes(15, EIGHT), minutes(15, EIGHT)) == (report.next_at, report.wake_at)
    assert ["triage lead"] == due(MSP.LADDER.evaluate(events, minutes(15, EIGHT), sla=MSP.TRIAGE))
    triaged = [
        *events,
        Assigned(at=minutes(10, EIGHT), team="Service Desk"),
        AgentReplied(at=minutes(10, EIGHT)),
    ]
    assert (None, []) == (
        MSP.LADDER.evaluate(triaged, minutes(60, EIGHT), sla=MSP.TRIAGE).next_at,
        due(MSP.LADDER.evaluate(triaged, minutes(60, EIGHT), sla=MSP.TRIAGE)),
    )


@pytest.mark.parametrize(
    ("priority", "kind", "team"),
    [
        ("Critical", None, "Infrastructure"),
        ("High", None, "Infrastructure"),
        ("Medium", None, "Service Desk"),
        ("Low", "elevated access", "Systems Administration"),
    ],
)
def test_002_incidents_go_to_the_team_best_qualified(
    priority: str, kind: str | None, team: str
) -> None:
    state = DEFAULT_WORKFLOW.replay([Created(at=EIGHT, priority=priority)])
    assert team == MSP.ROUTING.route(state, kind=kind).team


def test_002_the_same_engineer_works_the_incident_from_start_to_finish() -> None:
    events = [
        Created(at=EIGHT, priority="Low"),
        Assigned(at=minutes(5, EIGHT), team="Service Desk", assignee="dana"),
    ]
    route = MSP.ROUTING.route(DEFAULT_WORKFLOW.replay(events, routing=MSP.ROUTING))
    assert ("Desktop Support", "dana") == (route.team, route.assignee)


def test_002_incidents_are_ordered_by_priority_then_arrival() -> None:
    assert ["internet outage", "payroll down", "printer offline"] == [
        name
        for name, _created in MSP.order_queue(
            [
                ("printer offline", Created(at=EIGHT, priority="Low")),
                ("internet outage", Created(at=minutes(5, EIGHT), priority="Critical")),
                ("payroll down", Created(at=minutes(2, EIGHT), priority="High")),
            ],
            level=lambda item: MSP.FOUR_TIER[item[1].priority],
            arrived_at=lambda item: item[1].at,
        )
    ]


def test_002_closing_needs_a_resolution_explanation_and_sends_a_survey() -> None:
    events = [
        Created(at=EIGHT, priority="Low"),
        StatusChanged(at=minutes(10, EIGHT), status="open"),
        Resolved(at=minutes(60, EIGHT), note="Print spooler restarted."),
        Closed(at=minutes(70, EIGHT)),
    ]
    assert DEFAULT_WORKFLOW.replay(events).survey_due
    unexplained = [*events[:2], Resolved(at=minutes(60, EIGHT))]
    assert {"lifecycle.note_required"} == DEFAULT_WORKFLOW.check(unexplained).codes


# --- seed 003: Tier 1 escalates after 15 minutes, Tier 2 platform bugs to the vendor --

PARTNER = load("escalation_partner")
PACIFIC = ZoneInfo("America/Los_Angeles")
TEN = dt.datetime(2026, 11, 18, 10, tzinfo=PACIFIC)


def test_003_tier_1_escalates_what_it_cannot_solve_in_15_minutes() -> None:
    events = [Created(at=TEN, priority="Low"), Assigned(at=minutes(2, TEN), team="Tier 1")]
    report = PARTNER.LADDER.evaluate(events, minutes(2, TEN))
    assert minutes(17, TEN) == report.next_at
    assert [] == due(
        PARTNER.LADDER.evaluate(events, minutes(17, TEN) - dt.timedelta(microseconds=1))
    )
    assert ["Tier 1 time is up"] == due(PARTNER.LADDER.evaluate(events, minutes(17, TEN)))
    route = PARTNER.ROUTING.route(DEFAULT_WORKFLOW.replay(events))
    assert ("Tier 2", True) == (route.team, route.escalated)


def test_003_tier_2_escalates_platform_bugs_to_the_vendor_tier_3() -> None:
    events = [Created(at=TEN, priority="Low"), Assigned(at=minutes(2, TEN), team="Tier 2", tier=2)]
    state = DEFAULT_WORKFLOW.replay(events, routing=PARTNER.ROUTING)
    route = PARTNER.ROUTING.route(state, kind="platform bug")
    assert ("Vendor", 3, True) == (route.team, route.tier, route.escalated)
    assert "Tier 2" == PARTNER.ROUTING.route(state, kind="call quality").team
    assert [] == due(PARTNER.LADDER.evaluate(events, minutes(600, TEN)))


# --- seed 004: the Unified Service Model ------------------------------------------------

CONTACT = load("escalation_contact_center")
EVENING = dt.datetime(2026, 11, 16, 22, 40, tzinfo=EASTERN)


def test_004_each_team_numbers_tickets_its_own_way() -> None:
    assert ["CASE-100", "TSUP-100", "100100"] == [
        CONTACT.ROUTING.team(name).reference.render(number)
        for name, number in [
            ("Customer Care", 100),
            ("Technical Support", 100),
            ("Project Coordination", 100100),
        ]
    ]


@pytest.mark.parametrize(
    ("kind", "team"),
    [
        ("broken", "Technical Support"),
        ("outage", "Technical Support"),
        ("change", "Project Coordination"),
        ("create", "Project Coordination"),
        ("upgrade", "Project Coordination"),
        ("training", "Project Coordination"),
        ("billing question", "Customer Care"),
    ],
)
def test_004_customer_care_escalates_broken_things_and_changes(kind: str, team: str) -> None:
    new = DEFAULT_WORKFLOW.replay([Created(at=EVENING, priority="Medium")])
    assert "Customer Care" == CONTACT.ROUTING.route(new, kind=kind).team
    held = DEFAULT_WORKFLOW.replay(
        [Created(at=EVENING, priority="Medium"), Assigned(at=EVENING, team="Customer Care")]
    )
    assert team == CONTACT.ROUTING.route(held, kind=kind).team


@pytest.mark.parametrize(
    ("priority", "escalate_in"),
    [("Critical", 60), ("High", 60), ("Medium", None), ("Low", None)],
)
def test_004_escalation_within_1_hour_for_high_and_critical(
    priority: str, escalate_in: int | None
) -> None:
    events = [
        Created(at=EVENING, priority=priority),
        Assigned(at=EVENING, team="Customer Care"),
    ]
    report = CONTACT.LADDER.evaluate(events, EVENING, sla=CONTACT.SLA)
    expected = None if escalate_in is None else minutes(escalate_in, EVENING)
    assert (expected, expected) == (report.next_at, report.sla_next_change_at)


def test_004_emergency_staffing_hours_may_exceed_the_hour() -> None:
    late = EVENING.replace(hour=23, minute=30)
    events = [Created(at=late, priority="High"), Assigned(at=late, team="Customer Care")]
    tuesday = dt.datetime(2026, 11, 17, 7, 30, tzinfo=EASTERN)
    assert tuesday == CONTACT.LADDER.evaluate(events, late).next_at


def test_004_the_case_number_stays_the_point_of_reference() -> None:
    refs = CONTACT.TicketReferences.start("Customer Care", "CASE-100")
    refs = refs.hand_over("Technical Support", "TSUP-100")
    assert ("CASE-100", "TSUP-100") == (refs.original, refs.current)
