"""A cycle's figures add up: every pause counts, and instants are exact integer microseconds."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from servicedesk_core import (
    AgentReplied,
    Created,
    CustomerReplied,
    Metric,
    SLAPolicy,
    StatusChanged,
)
from servicedesk_core.testing.strategies import event_logs, sla_policies
from tests.sla.helpers import MIN, H, central, desk_policy

POLICY = desk_policy()


def test_the_paused_time_of_a_cycle_is_the_sum_of_its_pauses() -> None:
    events = [
        Created(at=central(16, 9), priority="High"),
        StatusChanged(at=central(16, 10), status="waiting_on_customer"),
        StatusChanged(at=central(16, 11), status="open"),
        StatusChanged(at=central(16, 12), status="waiting_on_customer"),
        StatusChanged(at=central(16, 14), status="open"),
    ]
    resolution = POLICY.evaluate(events, central(16, 15))[Metric.RESOLUTION]
    assert (3 * H, 3 * H, central(17, 10)) == (  # 5 of 8 hours left at 15:00
        resolution.paused,
        resolution.elapsed,
        resolution.due_at,
    )
    still_waiting = POLICY.evaluate(events[:4], central(16, 13))[Metric.RESOLUTION]
    assert 2 * H == still_waiting.paused


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sla_policies().flatmap(lambda policy: event_logs(policy).map(lambda log: (policy, log))))
def test_instants_and_durations_are_exact_integers(ticket: tuple[SLAPolicy, list]) -> None:
    """The report keeps epoch microseconds as integers (no float rounding on long targets)."""
    policy, events = ticket
    report = policy.evaluate(events, events[-1].at + dt.timedelta(days=2))
    for metric in report.metrics:
        for cycle in metric.cycles:
            figures = [cycle.started_us, cycle.elapsed_us, cycle.paused_us]
            figures += [cycle.goal_us, cycle.due_us, cycle.stopped_us, cycle.breached_us]
            figures += [cycle.remaining_us, *(at for _threshold, at in cycle.warnings_us)]
            assert all(type(figure) is int for figure in figures if figure is not None)


def test_each_cycle_counts_its_own_days_and_the_metric_adds_them() -> None:
    """Next response over two days: 2 hours on Monday evening's message, then 30 minutes."""
    events = [
        Created(at=central(16, 9), priority="High"),
        AgentReplied(at=central(16, 9, 10)),
        CustomerReplied(at=central(16, 15)),
        AgentReplied(at=central(17, 7, 30)),
        CustomerReplied(at=central(17, 8)),
        AgentReplied(at=central(17, 8, 30)),
    ]
    metric = POLICY.evaluate(events, central(17, 9))[Metric.NEXT_RESPONSE]
    monday, tuesday = dt.date(2026, 11, 16), dt.date(2026, 11, 17)
    assert [{monday: 2 * H, tuesday: 30 * MIN}, {tuesday: 30 * MIN}] == [
        cycle.counted_by_day() for cycle in metric.cycles
    ]
    assert {monday: 2 * H, tuesday: H} == metric.counted_by_day()
