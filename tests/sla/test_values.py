"""SLA values are immutable, hashable, picklable and compare by value."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    AgentReplied,
    AttributesChanged,
    Condition,
    Created,
    Metric,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    SLAPolicy,
    Target,
    TargetRange,
    TicketFacts,
    WarningThreshold,
    to_json,
)
from tests.sla.helpers import H, central, desk_policy

POLICY = desk_policy()
VALUES = [  # immutability, pickling and hashing: tests/test_public_api.py
    POLICY,
    PolicySet([PolicyRule(name="all", policy=POLICY, when=Condition(channels={"phone"}))]),
    TargetRange(goal=Target(duration=H), breach=Target(duration=2 * H), warnings=[0.5]),
    WarningThreshold(0.75),
    Created(at=central(16, 9), priority="High", attributes={"plan": "gold"}, tags={"vip"}),
    AgentReplied(at=central(16, 10), public=False),
    MetricDefinition(name="vendor", start_statuses={"waiting_on_vendor"}, stop={"resolved"}),
    AttributesChanged(at=central(16, 11), attributes={"plan": "gold"}, tags_added={"vip"}),
    TicketFacts(priority="High", channel="phone", attributes={"plan": "gold"}, team="desk"),
    PolicySet(
        [PolicyRule(name="all", policy=POLICY)],
        versions=[
            PolicyVersion(effective=central(18, 0), rules=[PolicyRule(name="all", policy=POLICY)])
        ],
        follow_version="current",
    ),
]


def test_a_policy_does_not_depend_on_the_order_its_levels_were_written_in() -> None:
    """Targets given Low first (a database's order) made an unequal policy and other JSON."""
    reordered = {metric: dict(reversed(levels)) for metric, levels in POLICY.targets}
    same = attrs.evolve(POLICY, targets=reordered)
    assert (POLICY, hash(POLICY), to_json(POLICY)) == (same, hash(same), to_json(same))


def test_a_pickled_policy_evaluates_like_the_original() -> None:
    events = [VALUES[4], VALUES[5]]
    copy = pickle.loads(pickle.dumps(POLICY))
    assert POLICY.evaluate(events, central(17, 9)) == copy.evaluate(events, central(17, 9))


def test_a_pickled_policy_set_switches_policy_like_the_original() -> None:
    """The copy's replay finds each policy's compiled plan among its own (unpickled) policies."""
    rules = PolicySet(
        [
            PolicyRule(
                name="phone",
                policy=attrs.evolve(POLICY, name="phone"),
                when=Condition(channels={"phone"}),
            ),
            PolicyRule(name="rest", policy=POLICY),
        ]
    )
    events = [VALUES[4], AttributesChanged(at=central(16, 10), channel="phone")]
    copy = pickle.loads(pickle.dumps(rules))
    expected = rules.evaluate(events, central(17, 9))
    assert ["desk", "phone"] == [span.policy.name for span in expected.policy_spans]
    assert expected == copy.evaluate(events, central(17, 9))


def test_reports_are_immutable_values() -> None:
    report = POLICY.evaluate([VALUES[4]], central(16, 12))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.priority = "Low"  # type: ignore[misc]
    cycle = report[Metric.RESOLUTION].current
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cycle.state = None  # type: ignore[misc,assignment]
    assert report == pickle.loads(pickle.dumps(report))


def test_reports_describe_themselves() -> None:
    text = POLICY.evaluate([VALUES[4]], central(16, 12)).describe()
    assert text.splitlines()[0] == "policy 'desk'; priority High, status open"
    assert "resolution: running, due at 2026-11-16T17:00:00-06:00, remaining 5:00:00" in text
    assert "Cycle(metric=Metric.RESOLUTION" in repr(
        POLICY.evaluate([VALUES[4]], central(16, 12))[Metric.RESOLUTION].current
    )


@given(st.from_type(SLAPolicy), st.from_type(TargetRange))
def test_sla_types_are_registered_for_from_type(policy: SLAPolicy, target: TargetRange) -> None:
    assert policy.metrics
    assert target.breach.duration is not None or target.breach.business_days is not None
