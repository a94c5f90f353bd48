"""Bulk replay (``evaluate_many``) gives, field by field, the figures of ``evaluate`` in a loop."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    AttributesChanged,
    ClockState,
    Condition,
    Created,
    Metric,
    PolicyRule,
    PolicySet,
    Resolved,
    Selection,
    SLAPolicy,
    StatusChanged,
    evaluate,
)
from servicedesk_core._time import to_us
from servicedesk_core.events import Event
from servicedesk_core.sla.bulk import CycleOutcome, TicketOutcome, evaluate_many
from servicedesk_core.testing.strategies import event_logs, policy_sets
from tests.sla.helpers import H, central, desk_policy, hours_policy

SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LATER = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10))


def figures(
    chooser: SLAPolicy | PolicySet | Selection, logs: list[list[Event]], now: dt.datetime
) -> list[TicketOutcome]:
    """The slow obvious path: a full report per ticket, reduced to its figures."""
    return [
        TicketOutcome.from_report(evaluate(chooser, log, now), log[0])  # type: ignore[arg-type]
        for log in logs
    ]


@SLOW
@given(st.data())
def test_bulk_replay_under_a_policy_set_agrees_with_evaluate(data: st.DataObject) -> None:
    """Re-selection, versions, stopped and dropped clocks: every figure of every cycle."""
    rules: PolicySet = data.draw(policy_sets())
    logs = data.draw(st.lists(event_logs(rules), min_size=1, max_size=3))
    now = max(log[-1].at for log in logs) + data.draw(LATER)
    assert figures(rules, logs, now) == evaluate_many(rules, logs, now)
    chosen = rules.select(logs[0][0])  # type: ignore[arg-type]
    assert figures(chosen, logs, now) == evaluate_many(chosen, logs, now)


GOLD = hours_policy("gold", first_response=1, resolution=4)
STANDARD = hours_policy("standard", resolution=8)
RULES = [
    PolicyRule(name="gold", policy=GOLD, when=Condition(attributes={"plan": "gold"})),
    PolicyRule(name="standard", policy=STANDARD),
]
DOWNGRADED = [
    Created(at=central(16, 9), priority="High", attributes={"plan": "gold"}),
    AttributesChanged(at=central(16, 9, 30), attributes={"plan": "silver"}),
]
NOW = central(16, 11)


def test_a_clock_the_new_policy_does_not_measure_stops_or_leaves_the_figures() -> None:
    stopped = evaluate_many(PolicySet(RULES), [DOWNGRADED], NOW)[0]
    assert ("standard", DOWNGRADED[0], "High", False) == (
        stopped.policy,
        stopped.created,
        stopped.priority,
        stopped.resolved,
    )
    assert [
        CycleOutcome(
            Metric.FIRST_RESPONSE,
            "High",
            ClockState.CANCELLED,
            to_us(central(16, 9)),
            to_us(central(16, 9, 30)),
            to_us(central(16, 10)),
            MINUTES_30,
        ),
        CycleOutcome(
            Metric.RESOLUTION,
            "High",
            ClockState.RUNNING,
            to_us(central(16, 9)),
            None,
            to_us(central(16, 17)),
            2 * MINUTES_60,
        ),
    ] == list(stopped.cycles)
    dropped = evaluate_many(PolicySet(RULES, on_policy_change="drop"), [DOWNGRADED], NOW)[0]
    assert [Metric.RESOLUTION] == [cycle.metric for cycle in dropped.cycles]


MINUTES_30, MINUTES_60 = 30 * 60 * 10**6, 60 * 60 * 10**6


def test_a_dropped_metric_leaves_the_figures_even_when_answered_before_the_change() -> None:
    answered = [DOWNGRADED[0], AgentReplied(at=central(16, 9, 10)), DOWNGRADED[1]]
    rules = PolicySet(RULES, on_policy_change="drop")
    report = rules.evaluate(answered, NOW)
    assert [Metric.RESOLUTION] == [metric.metric for metric in report.metrics]
    assert [TicketOutcome.from_report(report, answered[0])] == evaluate_many(rules, [answered], NOW)
    kept = PolicySet(RULES).evaluate(answered, NOW)[Metric.FIRST_RESPONSE]
    assert (ClockState.ACHIEVED, central(16, 9, 10)) == (kept.state, kept.stopped_at)


def test_many_tickets_are_settled_together_as_evaluate_settles_each() -> None:
    """More tickets than one batch, two calendars, creations more than ten years apart."""
    policy = desk_policy()
    logs: list[list[Event]] = []
    for n in range(300):
        at = central(16, 9) + n * (13 * 24 + 7) * H  # 300 tickets span 3,900 days
        log: list[Event] = [Created(at=at, priority=FOUR_TIER.names[n % 4])]
        if n % 3:
            log.append(AgentReplied(at=at + (n % 7) * H))
        if n % 5 == 0:
            log.append(StatusChanged(at=at + 8 * H, status="waiting_on_customer"))
        if n % 4 == 1:
            log.append(Resolved(at=at + 30 * H, note="fixed"))
        logs.append(log)
    now = logs[-1][-1].at + 5 * H
    assert figures(policy, logs, now) == evaluate_many(policy, logs, now)
