"""Time in a window: counted business time within any [a, b), and per local day."""

from __future__ import annotations

import datetime as dt

from servicedesk_core import AgentReplied, Created, CustomerReplied, Metric
from tests.sla.helpers import MIN, H, central, desk_policy

POLICY = desk_policy()


def test_counted_time_per_local_day_and_within_a_window() -> None:
    """Opened Monday 16:00; Monday counts 1 hour, Tuesday 5 hours by noon."""
    opened = Created(at=central(16, 16), priority="High")
    resolution = POLICY.evaluate([opened], central(17, 12))[Metric.RESOLUTION]
    assert {dt.date(2026, 11, 16): H, dt.date(2026, 11, 17): 5 * H} == resolution.counted_by_day()
    assert H == resolution.counted_between(central(17, 10), central(17, 11))
    assert 6 * H == resolution.counted_between(central(1, 0), central(30, 0))
    assert dt.timedelta(0) == resolution.counted_between(central(17, 18), central(17, 20))


def test_a_metrics_window_adds_its_cycles() -> None:
    """Next response: two cycles on Monday, 20 and 45 minutes; a window cuts the second."""
    events = [
        Created(at=central(16, 9), priority="High"),
        AgentReplied(at=central(16, 9, 10)),
        CustomerReplied(at=central(16, 10)),
        AgentReplied(at=central(16, 10, 20)),
        CustomerReplied(at=central(16, 11)),
        AgentReplied(at=central(16, 11, 45)),
    ]
    metric = POLICY.evaluate(events, central(16, 12))[Metric.NEXT_RESPONSE]
    assert {dt.date(2026, 11, 16): 65 * MIN} == metric.counted_by_day()
    assert 35 * MIN == metric.counted_between(central(16, 10, 10), central(16, 11, 25))
    first = metric.cycles[0]
    assert 20 * MIN == first.counted_between(central(16, 0), central(17, 0))
