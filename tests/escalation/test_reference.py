"""Differential test: ladder evaluation agrees with the slow reference evaluator."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk_core import FOUR_TIER, BusinessCalendar, Metric, SLAPolicy, Target, TargetRange
from servicedesk_core.testing.strategies import (
    business_calendars,
    event_logs,
    ladders,
    weekly_hours,
)
from tests.escalation import reference

H = dt.timedelta(hours=1)
HORIZON = dt.timedelta(days=60)
LATER = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3))
SLOW = settings(
    max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
CALENDARS = st.one_of(
    st.just(BusinessCalendar.always_open()),
    business_calendars(
        hours=weekly_hours(max_ranges_per_day=2),
        min_date=dt.date(2025, 1, 1),
        max_date=dt.date(2027, 12, 31),
        max_holidays=4,
    ),
)


def policy_on(calendar: BusinessCalendar) -> SLAPolicy:
    """First response in 1 hour (goal 30 min), resolution in 8 hours on ``calendar``."""
    return SLAPolicy(
        name="reference",
        scheme=FOUR_TIER,
        calendar=calendar,
        targets={
            Metric.FIRST_RESPONSE: {
                level.name: TargetRange(goal=Target(duration=H / 2), breach=Target(duration=H))
                for level in FOUR_TIER
            },
            Metric.RESOLUTION: {level.name: 8 * H for level in FOUR_TIER},
        },
    )


@SLOW
@given(st.data())
def test_ladder_evaluation_agrees_with_the_reference(data: st.DataObject) -> None:
    ladder = data.draw(ladders(calendars=CALENDARS))
    policy = policy_on(data.draw(CALENDARS))
    events = data.draw(event_logs(policy, ladder=ladder, max_size=10))
    now = events[-1].at + data.draw(LATER)
    report = ladder.evaluate(events, now, sla=policy.evaluate(events, now))
    highest, due = reference.due_levels(ladder, events, now, policy)
    assert (highest, due) == (report.level, frozenset(item.level for item in report.due))
    expected = reference.next_at(ladder, events, now, policy, HORIZON)
    if report.next_at is None or report.next_at > now + HORIZON:
        assert expected is None
    else:
        assert expected == report.next_at
