"""The SLA benchmark runs standalone: one table, the targets checked, peers explained."""

from __future__ import annotations

import pathlib
import subprocess
import sys

BENCH = pathlib.Path(__file__).parent.parent.parent / "bench" / "sla.py"


def test_benchmark_runs_standalone() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--tickets", "200"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ticket: 10 events over 3 days" in result.stdout
    assert "add_days: 5 business days" in result.stdout
    assert "Targets:" in result.stdout
    assert "issue" not in result.stdout
