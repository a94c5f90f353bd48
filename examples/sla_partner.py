"""Seed 003, the UCaaS partner guide's response-time table, as an SLA policy.

    Severity  Response         Resolution
    Critical  < 15 min         < 4 hours
    High      < 1 hour         < 24 hours
    Normal    < 4 hours        < 3 business days
    Low       < 1 business day best effort

The guide leaves the partner's hours open ("Most B2B phone customers expect 24/7
support"), so this reading uses Mon-Fri 09:00-17:00 Eastern for business time,
runs Critical around the clock, and reads High's "24 hours" of resolution as a
day of wall time. "Best effort" is no target: the metric is not applicable.

Run: python examples/sla_partner.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    AgentReplied,
    BusinessCalendar,
    Created,
    CustomerReplied,
    Metric,
    PriorityScheme,
    SLAPolicy,
    StatusChanged,
    Target,
)

EASTERN = ZoneInfo("America/New_York")
SCHEME = PriorityScheme.from_names("partner", ["Critical", "High", "Normal", "Low"])
HOURS = BusinessCalendar(timezone="America/New_York", hours="Mon-Fri 09:00-17:00")
TWENTY_FOUR_SEVEN = "24x7"


def _clock(**duration: float) -> Target:
    return Target(duration=timedelta(**duration), calendar=TWENTY_FOUR_SEVEN)


POLICY = SLAPolicy(
    name="partner support table",
    scheme=SCHEME,
    calendar=HOURS,
    calendars={TWENTY_FOUR_SEVEN: BusinessCalendar.always_open(timezone="America/New_York")},
    targets={
        Metric.FIRST_RESPONSE: {
            "Critical": _clock(minutes=15),
            "High": timedelta(hours=1),
            "Normal": timedelta(hours=4),
            "Low": Target(business_days=1),
        },
        Metric.RESOLUTION: {
            "Critical": _clock(hours=4),
            "High": _clock(hours=24),
            "Normal": Target(business_days=3),
            "Low": None,
        },
    },
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=EASTERN)


def main() -> None:
    thursday = at(19, 15)
    print(f"{POLICY.name}: tickets opened {thursday:%a %Y-%m-%d %H:%M %Z}")
    for level in SCHEME:
        report = POLICY.evaluate([Created(at=thursday, priority=level)], thursday)
        parts = []
        for metric in (Metric.FIRST_RESPONSE, Metric.RESOLUTION):
            due = report[metric].due_at
            parts.append(f"{metric.value} {due:%a %H:%M}" if due else f"{metric.value} -")
        print(f"  {level.name:<8} " + ", ".join(parts))

    print("\nOne Normal ticket, replayed on Tuesday at noon:")
    events = [
        Created(at=thursday, priority="Normal", channel="email"),
        AgentReplied(at=at(19, 16, 30)),
        StatusChanged(at=at(19, 16, 45), status="waiting_on_customer"),
        CustomerReplied(at=at(23, 9, 40)),
        StatusChanged(at=at(23, 9, 40), status="open"),
    ]
    report = POLICY.evaluate(events, at(24, 12))
    print(report.describe())
    resolution = report[Metric.RESOLUTION].current
    assert resolution is not None
    for segment in resolution.explain():
        print(f"  {segment.kind.value:<12} {segment.start:%a %H:%M} - {segment.end:%a %H:%M}")


if __name__ == "__main__":
    main()
