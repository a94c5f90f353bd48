"""A small desk for metrics tests: the partner seed's four levels, 24x7 and business hours."""

from __future__ import annotations

import datetime as dt

from servicedesk_core import BusinessCalendar, Metric, PriorityScheme, SLAPolicy
from servicedesk_core.events import AgentReplied, Created, Event, Resolved, SurveyAnswered

UTC = dt.UTC
SCHEME = PriorityScheme.from_names("partner", ["Critical", "High", "Normal", "Low"])
HOURS = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
H = dt.timedelta(hours=1)


def policy(response: dt.timedelta = 4 * H, calendar: BusinessCalendar = HOURS) -> SLAPolicy:
    """Every level answers within ``response`` and resolves within four times that."""
    return SLAPolicy(
        name=f"respond in {response}",
        scheme=SCHEME,
        calendar=calendar,
        targets={
            Metric.FIRST_RESPONSE: dict.fromkeys(SCHEME.names, response),
            Metric.RESOLUTION: dict.fromkeys(SCHEME.names, 4 * response),
        },
    )


def ticket(
    opened: dt.datetime,
    *,
    answer: dt.timedelta | None = None,
    resolve: dt.timedelta | None = None,
    priority: str = "High",
    score: int | None = None,
    category: str = "",
    tenant: str = "",
) -> list[Event]:
    attributes = {"category": category, "tenant": tenant} if category else {}
    events: list[Event] = [Created(at=opened, priority=priority, attributes=attributes)]
    if answer is not None:
        events.append(AgentReplied(at=opened + answer))
    if resolve is not None:
        events.append(Resolved(at=opened + resolve))
        if score is not None:
            events.append(SurveyAnswered(at=opened + resolve + H, score=score))
    return events


def monday(week: int = 0, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 11, 16, hour, tzinfo=UTC) + dt.timedelta(weeks=week)
