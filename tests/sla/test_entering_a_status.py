"""Statuses start and stop a metric's clock when the ticket enters them, not when it stays."""

from __future__ import annotations

from servicedesk_core import (
    FOUR_TIER,
    ClockState,
    Created,
    MetricDefinition,
    SLAPolicy,
    StatusChanged,
)
from tests.sla.helpers import DESK, H, central

TRIAGE = MetricDefinition(
    name="triage", start={"created"}, stop_statuses={"open"}, stop={"resolved"}
)
POLICY = SLAPolicy(
    name="triage desk",
    scheme=FOUR_TIER,
    calendar=DESK,
    statuses=["new", "open", "on_hold"],
    paused_by={},
    custom_metrics=[TRIAGE],
    targets={"triage": dict.fromkeys(FOUR_TIER.names, H)},
)
NEW = Created(at=central(16, 9), priority="High")


def test_a_status_set_again_is_not_entered_again() -> None:
    again = [NEW, StatusChanged(at=central(16, 9, 10), status="new")]
    report = POLICY.evaluate(again, central(16, 10))["triage"]
    assert (ClockState.BREACHED, None) == (report.state, report.stopped_at)


def test_entering_a_stop_status_stops_the_clock() -> None:
    opened = [NEW, StatusChanged(at=central(16, 9, 20), status="open")]
    report = POLICY.evaluate(opened, central(16, 10))["triage"]
    assert (ClockState.ACHIEVED, central(16, 9, 20)) == (report.state, report.stopped_at)
