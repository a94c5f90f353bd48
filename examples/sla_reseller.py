"""Seed 000, the VoIP reseller's client guide, as an SLA policy.

"Business Support: Monday-Friday, 7:00 AM - 5:00 PM CT"; response targets:
Critical within 1 hour (around the clock: the after-hours emergency line is
for critical outages), High 2-4 hours, Medium 1 business day, Standard 1-2
business days. The guide names no holidays, so the desk has none.

Run: python examples/sla_reseller.py
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servicedesk_core import (
    BusinessCalendar,
    Created,
    Metric,
    PriorityScheme,
    SLAPolicy,
    Target,
    TargetRange,
)

CENTRAL = ZoneInfo("America/Chicago")
SCHEME = PriorityScheme.from_names("reseller", ["Critical", "High", "Medium", "Standard"])
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
AROUND_THE_CLOCK = BusinessCalendar.always_open(timezone="America/Chicago")

POLICY = SLAPolicy(
    name="reseller client guide",
    scheme=SCHEME,
    calendar=DESK,
    calendars={"after-hours emergency line": AROUND_THE_CLOCK},
    targets={
        Metric.FIRST_RESPONSE: {
            "Critical": Target(duration=timedelta(hours=1), calendar="after-hours emergency line"),
            "High": TargetRange(
                goal=Target(duration=timedelta(hours=2)),
                breach=Target(duration=timedelta(hours=4)),
            ),
            "Medium": Target(business_days=1),
            "Standard": TargetRange(goal=Target(business_days=1), breach=Target(business_days=2)),
        },
    },
)


def main() -> None:
    friday = datetime(2026, 11, 20, 16, 30, tzinfo=CENTRAL)
    print(f"{POLICY.name}: tickets opened Friday {friday:%Y-%m-%d %H:%M %Z}")
    for level in SCHEME:
        report = POLICY.evaluate([Created(at=friday, priority=level)], friday)
        first = report[Metric.FIRST_RESPONSE].current
        assert first is not None
        goal = f"goal {first.goal_at:%a %H:%M}, " if first.goal_at else ""
        print(f"  {level.name:<9} first response {goal}breach {first.due_at:%a %H:%M}")


if __name__ == "__main__":
    main()
