"""The escalation benchmark's workload is valid and its measurement runs (no timing asserted)."""

from __future__ import annotations

import pytest

from servicedesk_core import DEFAULT_WORKFLOW
from tests.example_scripts import load_bench


def test_the_workload_is_seeded_20_event_tickets_that_replay_and_evaluate() -> None:
    bench = load_bench("escalation")
    reseller = bench.load("escalation_reseller")
    ladder = reseller.LADDER
    work = bench.workload(30, ladder)
    assert [events for events, _now in work] == [
        events for events, _now in bench.workload(30, ladder)
    ]
    assert {20} == {len(events) for events, _now in work}
    for events, now in work:
        state = DEFAULT_WORKFLOW.replay(events)
        assert not state.is_resolved
        report = ladder.evaluate(events, now, sla=reseller.SLA)
        assert report.active
        assert report == ladder.evaluate(state, now, sla=reseller.SLA.evaluate(events, now))


def test_the_benchmark_prints_the_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == load_bench("escalation").main(["--tickets", "40"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("ratio (replay + ladder) / SLA = ")
