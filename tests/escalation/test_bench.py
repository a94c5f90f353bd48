"""The escalation benchmark's workload is valid and its measurement runs (no timing asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from servicedesk_core import DEFAULT_WORKFLOW

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "escalation.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_escalation", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_workload_is_seeded_20_event_tickets_that_replay_and_evaluate() -> None:
    bench = load_bench()
    reseller = bench.load("escalation_reseller")
    ladder = reseller.LADDER
    work = bench.workload(30, ladder)
    assert [events for events, _now in work] == [
        events for events, _now in bench.workload(30, ladder)
    ]
    assert {20} == {len(events) for events, _now in work}
    for events, now in work:
        assert not DEFAULT_WORKFLOW.replay(events).is_resolved
        assert ladder.evaluate(events, now, sla=reseller.SLA).active


def test_the_benchmark_prints_the_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == load_bench().main(["--tickets", "40"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("ratio (replay + ladder) / SLA = ")
