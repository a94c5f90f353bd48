"""Shared helpers for the SLA tests: loading the example policies, building logs."""

from __future__ import annotations

import datetime as dt
import pathlib
from zoneinfo import ZoneInfo

from servicedesk_core import FOUR_TIER, BusinessCalendar, Metric, SLAPolicy, Target, TargetRange

EXAMPLES = pathlib.Path(__file__).parent.parent.parent / "examples"
CENTRAL = ZoneInfo("America/Chicago")
EASTERN = ZoneInfo("America/New_York")
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
H = dt.timedelta(hours=1)
MIN = dt.timedelta(minutes=1)


def central(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """An instant in November 2026, Central time (the 16th is a Monday)."""
    return dt.datetime(2026, 11, day, hour, minute, second, tzinfo=CENTRAL)


def desk_policy(**settings: object) -> SLAPolicy:
    """Four-tier desk policy on Mon-Fri 07:00-17:00 Central with every metric at 4 hours.

    Critical runs around the clock for first response and resolution.
    """
    always = BusinessCalendar.always_open(timezone="America/Chicago")
    four = TargetRange(breach=Target(duration=4 * H), warnings=[0.5])
    targets = {
        metric: {level.name: four for level in FOUR_TIER}
        for metric in (Metric.NEXT_RESPONSE, Metric.PERIODIC_UPDATE, Metric.ESCALATION)
    }
    targets[Metric.FIRST_RESPONSE] = {
        "Critical": Target(duration=H, calendar=always),
        "High": TargetRange(goal=Target(duration=2 * H), breach=Target(duration=4 * H)),
        "Medium": Target(business_days=1),
        "Low": Target(business_days=2),
    }
    targets[Metric.RESOLUTION] = {
        "Critical": Target(duration=4 * H, calendar=always),
        "High": Target(duration=8 * H),
        "Medium": Target(business_days=3),
        "Low": None,
    }
    settings.setdefault("calendar", DESK)
    return SLAPolicy(
        name="desk",
        scheme=FOUR_TIER,
        targets=targets,
        **settings,  # type: ignore[arg-type]
    )


def hours_policy(name: str, **hours: int) -> SLAPolicy:
    """A four-tier policy on the desk calendar: ``hours`` per metric, the same for every level."""
    return SLAPolicy(
        name=name,
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={metric: dict.fromkeys(FOUR_TIER.names, n * H) for metric, n in hours.items()},
    )
