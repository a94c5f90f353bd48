"""Seed 002, the MSP's service routing, as a policy set.

"Our First Response SLA is to review and triage ticket submissions within 15
minutes of receipt", with "Support Desk Hours Monday - Friday 7am - 5pm Central
Time". "Issues reported by email or client portal outside of normal support
hours will be addressed on the next business day", while "priority issues ...
should be phoned in and they will be addressed by our 24-hour On Call support
team". The default priority is Low.

So two policies: phoned-in Critical and High tickets triage within 15 minutes
on the 24-hour on-call clock; everything else triages within 15 minutes of
desk time, which puts an after-hours email at 07:15 the next business day.

Run: python examples/sla_msp.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    FOUR_TIER,
    BusinessCalendar,
    Channel,
    Condition,
    Created,
    Metric,
    PolicyRule,
    PolicySet,
    SLAPolicy,
)

CENTRAL = ZoneInfo("America/Chicago")
DEFAULT_PRIORITY = FOUR_TIER["Low"]
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
ON_CALL = BusinessCalendar.always_open(timezone="America/Chicago")
TRIAGE = timedelta(minutes=15)


def _triage(name: str, calendar: BusinessCalendar) -> SLAPolicy:
    return SLAPolicy(
        name=name,
        scheme=FOUR_TIER,
        calendar=calendar,
        targets={Metric.FIRST_RESPONSE: {level.name: TRIAGE for level in FOUR_TIER}},
    )


POLICIES = PolicySet(
    [
        PolicyRule(
            name="phoned-in priority issue",
            when=Condition(channels={Channel.PHONE}, priorities={"Critical", "High"}),
            policy=_triage("24-hour on call", ON_CALL),
        ),
        PolicyRule(name="support desk", policy=_triage("support desk hours", DESK)),
    ]
)


def main() -> None:
    tuesday_night = datetime(2026, 11, 17, 20, 0, tzinfo=CENTRAL)
    cases = [
        ("email, Tuesday 10:00", tuesday_night.replace(hour=10), Channel.EMAIL, "Low"),
        ("email, Tuesday 20:00", tuesday_night, Channel.EMAIL, "High"),
        ("phone, Tuesday 20:00", tuesday_night, Channel.PHONE, "High"),
        ("phone, Tuesday 20:00", tuesday_night, Channel.PHONE, "Low"),
    ]
    for label, at, channel, priority in cases:
        created = Created(at=at, priority=priority, channel=channel)
        rule = POLICIES.select(created).rule
        due = POLICIES.evaluate([created], at)[Metric.FIRST_RESPONSE].due_at
        assert due is not None
        print(f"{label:<22} {priority:<5} -> {rule}: triage by {due:%a %H:%M}")


if __name__ == "__main__":
    main()
