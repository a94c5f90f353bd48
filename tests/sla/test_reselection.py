"""Policy sets pick again when the ticket changes, in versions with effective dates."""

from __future__ import annotations

import datetime as dt

from servicedesk_core import (
    Assigned,
    AttributesChanged,
    ClockState,
    Condition,
    Created,
    Metric,
    PolicyRule,
    PolicySet,
    PolicyVersion,
)
from tests.sla.helpers import central, hours_policy

GOLD = hours_policy("gold", first_response=1, resolution=4)
STANDARD = hours_policy("standard", resolution=8)
RULES = [
    PolicyRule(name="gold", policy=GOLD, when=Condition(attributes={"plan": "gold"})),
    PolicyRule(name="standard", policy=STANDARD),
]
OPENED = Created(at=central(16, 9), priority="High", attributes={"plan": "silver"})


def test_a_plan_upgrade_picks_the_gold_policy_from_then_on() -> None:
    """Zendesk re-runs its policies on every update; the gold target counts from the start."""
    events = [OPENED, AttributesChanged(at=central(16, 10), attributes={"plan": "gold"})]
    report = PolicySet(RULES).evaluate(events, central(16, 11))
    assert ("gold", central(16, 13)) == (report.policy.name, report[Metric.RESOLUTION].due_at)
    assert [("standard", central(16, 9), central(16, 10)), ("gold", central(16, 10), None)] == [
        (span.policy.name, span.start, span.end) for span in report.policy_spans
    ]
    # gold's first response counts from 09:00, unmeasured until the upgrade: due at once
    assert central(16, 10) == report[Metric.FIRST_RESPONSE].due_at
    once = PolicySet(RULES, reselect="at_creation").evaluate(events, central(16, 11))
    assert ("standard", central(16, 17)) == (once.policy.name, once[Metric.RESOLUTION].due_at)


def test_a_clock_the_new_policy_does_not_measure_stops_or_is_dropped() -> None:
    gold = Created(at=central(16, 9), priority="High", attributes={"plan": "gold"})
    events = [gold, AttributesChanged(at=central(16, 9, 30), attributes={"plan": ""})]
    stopped = PolicySet(RULES).evaluate(events, central(16, 11))[Metric.FIRST_RESPONSE]
    assert (ClockState.CANCELLED, central(16, 9, 30)) == (stopped.state, stopped.stopped_at)
    dropped = PolicySet(RULES, on_policy_change="drop").evaluate(events, central(16, 11))
    assert Metric.FIRST_RESPONSE not in dropped
    assert ClockState.NOT_APPLICABLE == dropped[Metric.FIRST_RESPONSE].state


def test_a_team_change_picks_again() -> None:
    tier_two = hours_policy("tier 2", resolution=2)
    rules = PolicySet(
        [
            PolicyRule(name="tier 2", policy=tier_two, when=Condition(teams={"Tier 2"})),
            PolicyRule(name="standard", policy=STANDARD),
        ]
    )
    events = [OPENED, Assigned(at=central(16, 10), team="Tier 2")]
    report = rules.evaluate(events, central(16, 10))
    assert ("tier 2", central(16, 11)) == (report.policy.name, report[Metric.RESOLUTION].due_at)


CONTRACT_2026 = hours_policy("2026", resolution=8)
CONTRACT_2027 = hours_policy("2027", resolution=4)
NEW_CONTRACT = dt.datetime(2026, 11, 18, tzinfo=central(16, 0).tzinfo)  # Wednesday 00:00


def versioned(follow: str) -> PolicySet:
    return PolicySet(
        [PolicyRule(name="contract", policy=CONTRACT_2026)],
        versions=[
            PolicyVersion(
                effective=NEW_CONTRACT, rules=[PolicyRule(name="contract", policy=CONTRACT_2027)]
            )
        ],
        follow_version=follow,
    )


def test_a_ticket_follows_the_contract_in_effect_at_its_creation_by_default() -> None:
    opened = Created(at=central(17, 15), priority="High")  # Tuesday 15:00
    report = versioned("at_creation").evaluate([opened], central(18, 8))
    assert ("2026", central(18, 13)) == (report.policy.name, report[Metric.RESOLUTION].due_at)
    later = Created(at=central(18, 9), priority="High")
    assert "2027" == versioned("at_creation").evaluate([later], central(18, 9)).policy.name


def test_a_ticket_may_follow_the_contract_in_effect_at_each_moment() -> None:
    opened = Created(at=central(17, 15), priority="High")
    before = versioned("current").evaluate([opened], central(17, 16))
    assert NEW_CONTRACT == before.next_change_at  # the report changes with the contract
    after = versioned("current").evaluate([opened], central(18, 8))
    # 2 hours counted on Tuesday; 4 hours in all from Wednesday on
    assert ("2027", central(18, 9)) == (after.policy.name, after[Metric.RESOLUTION].due_at)
    assert NEW_CONTRACT == after.rule.effective
    assert ["2026", "2027"] == [span.policy.name for span in after.policy_spans]


def test_replays_of_old_tickets_stay_reproducible() -> None:
    """The versions are data: the same log evaluated again gives the same report."""
    opened = Created(at=central(17, 15), priority="High")
    rules = versioned("current")
    assert rules.evaluate([opened], central(20, 9)) == rules.evaluate([opened], central(20, 9))
