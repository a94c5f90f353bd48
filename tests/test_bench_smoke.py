"""The benchmark's workload and our side of it, small enough for every test run.

The peers (the ``bench`` extra) are imported only by their own factories in
``bench/run.py``, so this needs nothing beyond the test extra.
"""

from __future__ import annotations

import datetime as dt

from tests.example_scripts import load_bench


def test_workload_is_seeded_and_covers_closed_times() -> None:
    bench = load_bench("run")
    workload = bench.build_workload(200, seed=7)
    starts = workload.starts
    assert starts == bench.build_workload(200, seed=7).starts
    assert len(starts) == 200
    assert all(dt.date(2025, 1, 1) <= t.date() < dt.date(2028, 1, 1) for t in starts)
    assert any(t.weekday() >= 5 for t in starts)
    assert any(t.hour < 7 or t.hour >= 17 for t in starts)
    assert {t.second for t in starts} == {0}
    expected_days = [1, 1, 1, 5, 40]
    assert expected_days == [bucket.days for bucket in workload.buckets]


def test_our_side_runs_and_agrees_with_the_oracle() -> None:
    bench = load_bench("run")
    workload = bench.build_workload(200)
    library = bench.servicedesk_core_library(workload)
    results = bench.run_libraries(
        [library], workload, budget=0.5, least=0.0, log=lambda _line: None
    )
    cells = results["servicedesk_core"]
    assert len(bench.OPS) * len(workload.buckets) == len(cells)
    assert {200} == {cell.calls for cell in cells.values()}
    assert all(cell.us_per_call > 0 for cell in cells.values())
    found = bench.disagreements(cells, workload, bench.Expected(workload))
    assert found == []
