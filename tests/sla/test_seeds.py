"""Every SLA number in the seed guides, through the example policies in examples/."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import (
    AgentReplied,
    Assigned,
    Channel,
    ClockState,
    Created,
    EventLogError,
    Metric,
)
from tests.example_scripts import load as load_example
from tests.sla.helpers import EASTERN, central

reseller = load_example("sla_reseller")
msp = load_example("sla_msp")
partner = load_example("sla_partner")
contact = load_example("sla_contact_center")

FR = Metric.FIRST_RESPONSE
ON_CALL = "phoned-in priority issue"


def first_response(policy, created: Created):  # type: ignore[no-untyped-def]
    return policy.evaluate([created], created.at)[FR].current


# --- seed 000: the reseller guide --------------------------------------------------


@pytest.mark.parametrize(
    ("created", "breach"),
    [
        (central(20, 16, 30), central(20, 17, 30)),  # Friday before close
        (central(21, 2, 0), central(21, 3, 0)),  # Saturday night: around the clock
        (central(17, 10, 0), central(17, 11, 0)),
    ],
)
def test_reseller_critical_is_one_hour_around_the_clock(
    created: dt.datetime, breach: dt.datetime
) -> None:
    cycle = first_response(reseller.POLICY, Created(at=created, priority="Critical"))
    assert breach == cycle.due_at


def test_reseller_high_is_two_to_four_business_hours() -> None:
    cycle = first_response(reseller.POLICY, Created(at=central(20, 16, 30), priority="High"))
    assert (central(23, 8, 30), central(23, 10, 30)) == (cycle.goal_at, cycle.due_at)
    cycle = first_response(reseller.POLICY, Created(at=central(17, 9, 0), priority="High"))
    assert (central(17, 11, 0), central(17, 13, 0)) == (cycle.goal_at, cycle.due_at)


def test_reseller_medium_is_one_business_day() -> None:
    cycle = first_response(reseller.POLICY, Created(at=central(17, 10, 0), priority="Medium"))
    assert central(18, 10, 0) == cycle.due_at
    cycle = first_response(reseller.POLICY, Created(at=central(20, 16, 30), priority="Medium"))
    assert central(23, 16, 30) == cycle.due_at
    # opened on Saturday: one business day of open time is Monday, due at its close
    cycle = first_response(reseller.POLICY, Created(at=central(21, 11, 0), priority="Medium"))
    assert central(23, 17, 0) == cycle.due_at
    assert dt.timedelta(hours=10) == cycle.remaining


def test_reseller_standard_is_one_to_two_business_days() -> None:
    cycle = first_response(reseller.POLICY, Created(at=central(17, 10, 0), priority="Standard"))
    assert (central(18, 10, 0), central(19, 10, 0)) == (cycle.goal_at, cycle.due_at)


def test_reseller_desk_hours_are_mon_fri_7_to_5_central() -> None:
    assert reseller.DESK.is_open(central(16, 7, 0))
    assert not reseller.DESK.is_open(central(16, 17, 0))
    assert not reseller.DESK.is_open(central(21, 12, 0))
    assert dt.timedelta(hours=50) == reseller.DESK.elapsed(central(16, 0), central(23, 0))


# --- seed 002: the MSP's service routing ---------------------------------------------


@pytest.mark.parametrize(
    ("created", "channel", "priority", "rule", "breach"),
    [
        (central(17, 10, 0), Channel.EMAIL, "Low", "support desk", central(17, 10, 15)),
        (central(17, 16, 50), Channel.PORTAL, "Medium", "support desk", central(18, 7, 5)),
        # after hours by email or portal: the next business day
        (central(17, 20, 0), Channel.EMAIL, "Critical", "support desk", central(18, 7, 15)),
        (central(20, 18, 0), Channel.PORTAL, "High", "support desk", central(23, 7, 15)),
        # phoned-in priority issues: the 24-hour on-call clock
        (
            central(17, 20, 0),
            Channel.PHONE,
            "High",
            "phoned-in priority issue",
            central(17, 20, 15),
        ),
        (
            central(21, 3, 0),
            Channel.PHONE,
            "Critical",
            "phoned-in priority issue",
            central(21, 3, 15),
        ),
        # phoned in, but not a priority issue: desk hours
        (central(21, 3, 0), Channel.PHONE, "Low", "support desk", central(23, 7, 15)),
    ],
)
def test_msp_triage_within_15_minutes(
    created: dt.datetime, channel: Channel, priority: str, rule: str, breach: dt.datetime
) -> None:
    report = msp.POLICIES.evaluate(
        [Created(at=created, priority=priority, channel=channel)], created
    )
    assert rule == report.rule.rule
    assert breach == report[FR].due_at


def test_msp_default_priority_is_low() -> None:
    assert msp.DEFAULT_PRIORITY.name == "Low"


def test_msp_triage_answered_in_time_is_achieved() -> None:
    created = central(17, 20, 0)
    events = [
        Created(at=created, priority="Critical", channel=Channel.PHONE),
        AgentReplied(at=central(17, 20, 14, 59)),
    ]
    assert msp.POLICIES.evaluate(events, central(18, 9))[FR].state == ClockState.ACHIEVED


# --- seed 003: the partner guide's table ---------------------------------------------

THURSDAY = dt.datetime(2026, 11, 19, 15, 0, tzinfo=EASTERN)


def eastern(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=EASTERN)


@pytest.mark.parametrize(
    ("priority", "response", "resolution"),
    [
        ("Critical", eastern(19, 15, 15), eastern(19, 19, 0)),  # < 15 min, < 4 hours
        ("High", eastern(19, 16, 0), eastern(20, 15, 0)),  # < 1 hour, < 24 hours
        ("Normal", eastern(20, 11, 0), eastern(24, 15, 0)),  # < 4 hours, < 3 business days
        ("Low", eastern(20, 15, 0), None),  # < 1 business day, best effort
    ],
)
def test_partner_response_and_resolution_table(
    priority: str, response: dt.datetime, resolution: dt.datetime | None
) -> None:
    report = partner.POLICY.evaluate([Created(at=THURSDAY, priority=priority)], THURSDAY)
    assert response == report[FR].due_at
    assert resolution == report[Metric.RESOLUTION].due_at


def test_partner_low_resolution_is_best_effort() -> None:
    report = partner.POLICY.evaluate([Created(at=THURSDAY, priority="Low")], THURSDAY)
    assert report[Metric.RESOLUTION].state == ClockState.NOT_APPLICABLE
    assert report[Metric.RESOLUTION].current.remaining is None


def test_partner_targets_as_written() -> None:
    policy = partner.POLICY
    assert dt.timedelta(minutes=15) == policy.target(FR, "Critical").breach.duration
    assert dt.timedelta(hours=4) == policy.target(Metric.RESOLUTION, "Critical").breach.duration
    assert dt.timedelta(hours=1) == policy.target(FR, "High").breach.duration
    assert dt.timedelta(hours=24) == policy.target(Metric.RESOLUTION, "High").breach.duration
    assert dt.timedelta(hours=4) == policy.target(FR, "Normal").breach.duration
    assert policy.target(Metric.RESOLUTION, "Normal").breach.business_days == 3
    assert policy.target(FR, "Low").breach.business_days == 1
    assert policy.target(Metric.RESOLUTION, "Low") is None


# --- seed 004: the contact center's communication timetable ------------------------


@pytest.mark.parametrize(
    ("created", "channel", "response"),
    [
        (eastern(16, 10, 0), Channel.PHONE, dt.datetime(2026, 11, 16, 10, 0, 30, tzinfo=EASTERN)),
        (eastern(16, 10, 0), Channel.EMAIL, eastern(16, 10, 10)),
        # weekday coverage runs to midnight
        (eastern(16, 23, 55), Channel.EMAIL, eastern(17, 7, 5)),
        (eastern(16, 23, 45), Channel.EMAIL, eastern(16, 23, 55)),
        # weekend coverage runs 7am-10pm
        (eastern(21, 21, 55), Channel.EMAIL, eastern(22, 7, 5)),
        (eastern(22, 6, 0), Channel.EMAIL, eastern(22, 7, 10)),
        # Friday night runs to midnight, then Saturday from 7am
        (eastern(20, 23, 58), Channel.EMAIL, eastern(21, 7, 8)),
    ],
)
def test_contact_center_response_times(
    created: dt.datetime, channel: Channel, response: dt.datetime
) -> None:
    report = contact.POLICIES.evaluate(
        [Created(at=created, priority="Medium", channel=channel)], created
    )
    assert channel.value == report.rule.rule
    assert response == report[FR].due_at


@pytest.mark.parametrize("priority", ["High", "Critical"])
def test_contact_center_escalation_within_an_hour_for_high_and_critical(priority: str) -> None:
    created = eastern(16, 23, 30)
    report = contact.POLICIES.evaluate(
        [Created(at=created, priority=priority, channel=Channel.PHONE)], created
    )
    assert eastern(17, 7, 30) == report[Metric.ESCALATION].due_at
    saturday = eastern(21, 12, 0)
    events = [
        Created(at=saturday, priority=priority, channel=Channel.EMAIL),
        Assigned(at=eastern(21, 12, 50), assignee="TSUP", escalated=True),
    ]
    escalation = contact.POLICIES.evaluate(events, eastern(21, 14))[Metric.ESCALATION]
    assert (ClockState.ACHIEVED, eastern(21, 13, 0)) == (escalation.state, escalation.due_at)


@pytest.mark.parametrize("priority", ["Low", "Medium"])
def test_contact_center_escalation_has_no_target_for_low_and_medium(priority: str) -> None:
    created = eastern(16, 10)
    report = contact.POLICIES.evaluate(
        [Created(at=created, priority=priority, channel=Channel.PHONE)], created
    )
    assert report[Metric.ESCALATION].state == ClockState.NOT_APPLICABLE


def test_contact_center_takes_phone_and_email_only() -> None:
    created = eastern(16, 10)
    with pytest.raises(EventLogError, match="no policy rule matches") as raised:
        contact.POLICIES.evaluate([Created(at=created, priority="Low", channel="chat")], created)
    assert raised.value.index == 0


def test_contact_center_coverage_hours() -> None:
    week = contact.COVERAGE.elapsed(eastern(16, 0), eastern(23, 0))
    assert dt.timedelta(hours=5 * 17 + 2 * 15) == week


@pytest.mark.parametrize("name", ["sla_reseller", "sla_msp", "sla_partner", "sla_contact_center"])
def test_example_main_prints(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    load_example(name).main()
    assert capsys.readouterr().out.strip()


def test_contact_center_covers_holidays_too() -> None:
    christmas = dt.datetime(
        2026, 12, 25, 10, 0, tzinfo=EASTERN
    )  # "Available 24-7 (including holidays)"
    report = contact.POLICIES.evaluate(
        [Created(at=christmas, priority="Low", channel=Channel.EMAIL)], christmas
    )
    assert dt.datetime(2026, 12, 25, 10, 10, tzinfo=EASTERN) == report[FR].due_at
