"""evaluate_many: the same figures as evaluate in a loop."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk_core import Condition, EventLogError, PolicyRule, PolicySet, SLAPolicy
from servicedesk_core.events import Event
from servicedesk_core.sla.bulk import TicketOutcome, evaluate_many
from servicedesk_core.testing.strategies import event_logs, sla_policies
from tests.example_scripts import load_bench
from tests.metrics.helpers import H, monday, policy, ticket


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_bulk_replay_agrees_with_the_loop(data: st.DataObject) -> None:
    """Differential: every cycle's state, start, stop, due instant and counted time."""
    chosen: SLAPolicy = data.draw(sla_policies())
    logs = data.draw(st.lists(event_logs(chosen), min_size=1, max_size=4))
    now = max(log[-1].at for log in logs) + data.draw(
        st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30))
    )
    expected = [TicketOutcome.from_report(chosen.evaluate(log, now), log[0]) for log in logs]
    assert expected == evaluate_many(chosen, logs, now)  # type: ignore[arg-type]


def test_a_policy_set_picks_per_ticket() -> None:
    fast, slow = policy(H), policy(8 * H)
    rules = PolicySet(
        [
            PolicyRule(name="critical", policy=fast, when=Condition(priorities=["Critical"])),
            PolicyRule(name="rest", policy=slow),
        ]
    )
    logs = [ticket(monday(), priority="Critical"), ticket(monday(), priority="Low")]
    names = [outcome.policy for outcome in evaluate_many(rules, logs, monday(1))]
    assert [fast.name, slow.name] == names


def test_a_bad_log_raises_the_evaluators_error() -> None:
    logs: list[list[Event]] = [ticket(monday()), []]
    with pytest.raises(EventLogError):
        evaluate_many(policy(), logs, monday(1))


def test_bulk_replay_agrees_with_the_loop_on_the_seed_policies() -> None:
    """Differential on the benchmark's tickets: the four seed policies, sets that re-select."""
    bench = load_bench("sla")
    day = dt.timedelta(days=1)
    work = bench.workload(200, n_events=10, spread=3 * day, age=day)
    now = max(n for _p, _e, n in work)
    for chosen, events, _n in work:
        expected = TicketOutcome.from_report(chosen.evaluate(events, now), events[0])
        assert [expected] == evaluate_many(chosen, [events], now)
