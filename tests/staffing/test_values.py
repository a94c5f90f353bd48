"""Staffing values are immutable, hashable, picklable; the notebook extras stay optional."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from servicedesk_core import BusinessCalendar
from servicedesk_core.metrics import Contract
from servicedesk_core.staffing import (
    Arrivals,
    ErlangA,
    ErlangC,
    Forecast,
    Roster,
    StaffingTarget,
    Workload,
)

LOAD = Workload(arrivals_per_hour=200, handle_time=dt.timedelta(seconds=180))
TARGET = StaffingTarget(service_level=0.8, within=dt.timedelta(seconds=20), shrinkage=0.3)
VALUES = [  # immutability, pickling and hashing: tests/test_public_api.py
    LOAD,
    TARGET,
    ErlangC(LOAD),
    ErlangA(LOAD, patience=dt.timedelta(minutes=3)),
    ErlangC(LOAD).staffing(TARGET),
    ErlangC(LOAD).curve(range(10, 13), dt.timedelta(seconds=20)),
    Forecast(start="2026-11-16T08:00:00+00:00", interval="PT30M", volumes=[5], handle_time="PT3M"),
    Arrivals(per_hour={"phone": 2}),
    Roster(agents=3, calendar=BusinessCalendar.always_open(), priorities={"Critical"}),
    Contract(threshold=0.95, credits=[(0.95, 0.05)]),
]

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.partition('.')[0] in {'pandas', 'matplotlib', 'tqdm', 'numpy'}:
            raise ModuleNotFoundError(f'blocked: {name}', name=name)
sys.meta_path.insert(0, Block())
import servicedesk_core
from servicedesk_core.staffing import ErlangC, Workload
curve = ErlangC(Workload(arrivals_per_hour=200, handle_time='PT3M')).curve([12])
print(curve.to_rows()[0]['agents'])
try:
    curve.to_frame()
except ModuleNotFoundError as error:
    print(error)
"""


def test_import_works_without_pandas_matplotlib_or_tqdm() -> None:
    """A fresh interpreter that cannot import the extras still imports and computes."""
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, check=False, timeout=60
    )
    assert 0 == result.returncode, result.stderr
    lines = result.stdout.splitlines()
    assert "12" == lines[0]
    assert "pip install 'servicedesk-core[pandas]'" in lines[1]


def test_a_curve_becomes_a_data_frame() -> None:
    frame = ErlangC(LOAD).curve(range(10, 15), dt.timedelta(seconds=20)).to_frame()
    assert [10, 11, 12, 13, 14] == frame["agents"].tolist()
    assert 0.7956 == round(float(frame["service_level"][3]), 4)


def test_every_result_is_rows_and_a_frame() -> None:
    from servicedesk_core import simulate, sweep
    from tests.staffing.test_simulation import MONDAY, call_centre

    run = simulate(call_centre(), MONDAY, MONDAY + dt.timedelta(hours=1), seed=1)
    results = [
        ErlangC(LOAD).performance(14, "PT20S"),
        ErlangC(LOAD).staffing(TARGET),
        run,
        run.summary,
        sweep(lambda n: call_centre(n), [13], MONDAY, MONDAY + dt.timedelta(hours=1)),
    ]
    for result in results:
        rows = result.to_rows()
        assert rows
        assert all(isinstance(row, dict) for row in rows)
        assert len(rows) == len(result.to_frame())
