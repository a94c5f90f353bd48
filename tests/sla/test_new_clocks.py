"""Zendesk's other metrics, Zammad's update clock on the opening message, user-defined metrics."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    ClockState,
    Created,
    CustomerReplied,
    Metric,
    MetricDefinition,
    OnReopen,
    Reopened,
    Resolved,
    Signal,
    SLAPolicy,
    StatusChanged,
)
from servicedesk_core.sla import builtin_definition
from servicedesk_core.testing.strategies import event_logs, sla_policies
from tests.sla.helpers import DESK, MIN, H, central

LEVELS = FOUR_TIER.names


def policy(*metrics: Metric | str, **settings: object) -> SLAPolicy:
    """Every given metric at 8 hours on the desk (Mon-Fri 07:00-17:00 Central)."""
    return SLAPolicy(
        name="desk",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={metric: dict.fromkeys(LEVELS, 8 * H) for metric in metrics},
        **settings,  # type: ignore[arg-type]
    )


OPENED = Created(at=central(16, 9), priority="High")  # Monday 09:00


def test_requester_wait_pauses_only_while_waiting_on_the_requester() -> None:
    """Zendesk: requester wait counts new, open and on-hold; agent work only new and open."""
    events = [
        OPENED,
        StatusChanged(at=central(16, 10), status="waiting_on_vendor"),
        StatusChanged(at=central(16, 11), status="waiting_on_customer"),
        StatusChanged(at=central(16, 12), status="open"),
    ]
    report = policy(Metric.REQUESTER_WAIT, Metric.AGENT_WORK, Metric.RESOLUTION).evaluate(
        events, central(16, 13)
    )
    assert 3 * H == report[Metric.REQUESTER_WAIT].elapsed  # 9-11 and 12-13
    assert 2 * H == report[Metric.AGENT_WORK].elapsed  # 9-10 and 12-13
    assert 3 * H == report[Metric.RESOLUTION].elapsed


def test_agent_work_and_requester_wait_follow_the_resolution_through_a_reopen() -> None:
    events = [OPENED, Resolved(at=central(16, 11)), Reopened(at=central(17, 9))]
    report = policy(Metric.REQUESTER_WAIT, Metric.AGENT_WORK).evaluate(events, central(17, 10))
    for metric in (Metric.REQUESTER_WAIT, Metric.AGENT_WORK):
        assert (ClockState.RUNNING, 3 * H) == (report[metric].state, report[metric].elapsed)
    new_cycle = policy(Metric.AGENT_WORK, on_reopen=OnReopen.NEW_CYCLE).evaluate(
        events, central(17, 10)
    )
    assert [2 * H, H] == [cycle.elapsed for cycle in new_cycle[Metric.AGENT_WORK].cycles]


def test_a_pausable_update_pauses_in_every_waiting_status() -> None:
    events = [OPENED, StatusChanged(at=central(16, 10), status="waiting_on_vendor")]
    report = policy(Metric.PERIODIC_UPDATE, Metric.PAUSABLE_UPDATE).evaluate(
        events, central(16, 12)
    )
    assert (ClockState.RUNNING, 3 * H) == (
        report[Metric.PERIODIC_UPDATE].state,
        report[Metric.PERIODIC_UPDATE].elapsed,
    )
    assert (ClockState.PAUSED, H) == (
        report[Metric.PAUSABLE_UPDATE].state,
        report[Metric.PAUSABLE_UPDATE].elapsed,
    )


def test_the_update_clock_may_run_on_the_opening_message() -> None:
    """Zammad: the opening message gets an update due from its own arrival."""
    hour = SLAPolicy(
        name="chat",
        scheme=FOUR_TIER,
        calendar=DESK,
        targets={Metric.NEXT_RESPONSE: dict.fromkeys(LEVELS, H)},
    )
    events = [
        OPENED,
        CustomerReplied(at=central(16, 9, 30)),  # before any reply: the same cycle
        AgentReplied(at=central(16, 9, 45)),
        CustomerReplied(at=central(16, 10)),
    ]
    zammad = hour.with_settings(next_response_from_opening=True).evaluate(events, central(16, 10))
    assert [(ClockState.ACHIEVED, central(16, 9)), (ClockState.RUNNING, central(16, 10))] == [
        (cycle.state, cycle.started_at) for cycle in zammad[Metric.NEXT_RESPONSE].cycles
    ]
    assert central(16, 11) == zammad[Metric.NEXT_RESPONSE].due_at
    default = hour.evaluate(events[:2], central(16, 9, 40))
    assert ClockState.PENDING == default[Metric.NEXT_RESPONSE].state


VENDOR = MetricDefinition(
    name="vendor_wait",
    start_statuses={"waiting_on_vendor"},
    stop_statuses={"open"},
    stop={Signal.RESOLVED},
)


def test_a_user_defined_metric_runs_on_its_own_conditions() -> None:
    """Jira SM / ServiceNow: a vendor's turnaround, started and stopped by statuses, in cycles."""
    vendor = SLAPolicy(
        name="vendor",
        scheme=FOUR_TIER,
        calendar=DESK,
        custom_metrics=[VENDOR],
        targets={"vendor_wait": dict.fromkeys(LEVELS, 2 * H)},
    )
    events = [
        OPENED,
        StatusChanged(at=central(16, 10), status="waiting_on_vendor"),
        StatusChanged(at=central(16, 11, 30), status="open"),
        StatusChanged(at=central(16, 13), status="waiting_on_vendor"),
    ]
    cycles = vendor.evaluate(events, central(16, 16))["vendor_wait"].cycles
    assert [
        (ClockState.ACHIEVED, 90 * MIN, central(16, 12)),
        (ClockState.BREACHED, 3 * H, central(16, 15)),
    ] == [(cycle.state, cycle.elapsed, cycle.due_at) for cycle in cycles]
    assert "starts on entering waiting_on_vendor" in VENDOR.describe()


def test_a_user_defined_metric_resets_on_a_signal_and_pauses_in_a_status() -> None:
    touch = MetricDefinition(
        name="touch",
        start={"created"},
        reset={"agent_response"},
        stop={"resolved"},
        paused_by={"on_hold"},
    )
    desk = SLAPolicy(
        name="touch",
        scheme=FOUR_TIER,
        calendar=DESK,
        custom_metrics=[touch],
        targets={"touch": dict.fromkeys(LEVELS, H)},
    )
    events = [
        OPENED,
        AgentReplied(at=central(16, 9, 30)),
        StatusChanged(at=central(16, 10), status="on_hold"),
    ]
    report = desk.evaluate(events, central(16, 12))
    assert [ClockState.ACHIEVED, ClockState.PAUSED] == [c.state for c in report["touch"].cycles]
    assert 30 * MIN == report["touch"].remaining


BUILT_IN = list(Metric)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=30)
@given(st.sampled_from(BUILT_IN), st.data())
def test_every_built_in_metric_is_a_user_defined_metric(metric: Metric, data) -> None:
    """A custom metric with a built-in one's definition measures exactly the same cycles."""
    base = data.draw(sla_policies(metrics=[metric], custom_metrics=0))
    copy = attrs.evolve(base.definition(metric), name="copy")
    twin = base.with_settings(
        custom_metrics=[copy],
        targets={**dict(base.targets), "copy": dict(dict(base.targets)[metric])},
    )
    events = data.draw(event_logs(twin, allow_reopen_after_close=True))
    report = twin.evaluate(events, events[-1].at + H)

    def seen(key: Metric | str) -> list:
        return [
            (c.state, c.started_at, c.stopped_at, c.due_at, c.elapsed) for c in report[key].cycles
        ]

    assert seen(metric) == seen("copy")


def test_built_in_definitions_follow_the_policys_settings() -> None:
    assert frozenset({Signal.REOPENED}) == builtin_definition(Metric.RESOLUTION).resume
    new_cycle = builtin_definition(Metric.AGENT_WORK, on_reopen=OnReopen.NEW_CYCLE)
    assert (frozenset({Signal.CREATED, Signal.REOPENED}), frozenset()) == (
        new_cycle.start,
        new_cycle.resume,
    )
    desk = policy(Metric.PAUSABLE_UPDATE)
    assert desk.pauses(Metric.PAUSABLE_UPDATE) == desk.definitions[0].paused_by
