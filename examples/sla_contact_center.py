"""Seed 004, the contact-center vendor's communication timetable, as a policy set.

    Channel  Response Time  Escalation Time
    Phone    <= 30 seconds  <= 1 hour (High/Critical)
    Email    <= 10 minutes  <= 1 hour (High/Critical)

Email is monitored "from 7am to 12 midnight EST, Monday through Friday and from
7am to 10 PM on Weekends", and the phone line is answered by the team in the
same hours (holidays included), so both clocks run on that coverage. Escalation
"may be higher for Low/Medium priority cases": no target for them.

Run: python examples/sla_contact_center.py
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

EASTERN = ZoneInfo("America/New_York")
COVERAGE = BusinessCalendar(
    timezone="America/New_York", hours="Mon-Fri 07:00-24:00; Sat,Sun 07:00-22:00"
)
ONE_HOUR = timedelta(hours=1)
ESCALATION = {"Critical": ONE_HOUR, "High": ONE_HOUR, "Medium": None, "Low": None}


def _timetable(name: str, response: timedelta) -> SLAPolicy:
    return SLAPolicy(
        name=name,
        scheme=FOUR_TIER,
        calendar=COVERAGE,
        targets={
            Metric.FIRST_RESPONSE: {level.name: response for level in FOUR_TIER},
            Metric.ESCALATION: ESCALATION,
        },
    )


POLICIES = PolicySet(
    [
        PolicyRule(
            name="phone",
            when=Condition(channels={Channel.PHONE}),
            policy=_timetable("phone", timedelta(seconds=30)),
        ),
        PolicyRule(
            name="email",
            when=Condition(channels={Channel.EMAIL}),
            policy=_timetable("email", timedelta(minutes=10)),
        ),
    ]
)


def main() -> None:
    late = datetime(2026, 11, 16, 23, 55, tzinfo=EASTERN)  # a Monday
    for channel, priority in [(Channel.PHONE, "High"), (Channel.EMAIL, "Critical")]:
        created = Created(at=late, priority=priority, channel=channel)
        report = POLICIES.evaluate([created], late)
        response = report[Metric.FIRST_RESPONSE].due_at
        escalation = report[Metric.ESCALATION].due_at
        assert response is not None
        assert escalation is not None
        print(
            f"{channel.value:<5} {priority:<8} at {late:%a %H:%M}: "
            f"respond by {response:%a %H:%M:%S}, escalate by {escalation:%a %H:%M}"
        )


if __name__ == "__main__":
    main()
