"""The SLA benchmark runs standalone and reports microseconds per ticket."""

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
    assert "us/ticket" in result.stdout
    assert "headline" in result.stdout
