"""Bad staffing input is a ConfigError naming the field; junk raises nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError
from servicedesk_core.staffing import (
    ErlangA,
    ErlangC,
    ServiceLevelCurve,
    StaffingTarget,
    Workload,
    erlang_b,
)

LOAD = Workload(arrivals_per_hour=200, handle_time=dt.timedelta(seconds=180))
GOOD_TARGET = {"service_level": 0.8, "within": dt.timedelta(seconds=20)}


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Workload(arrivals_per_hour=-1, handle_time="PT3M"), "arrivals_per_hour"),
        (lambda: Workload(arrivals_per_hour=1, handle_time=dt.timedelta(-1)), "handle_time"),
        (lambda: Workload(arrivals_per_hour=1, handle_time="PT0S"), "handle_time"),
        (lambda: Workload(arrivals_per_hour=float("nan"), handle_time="PT3M"), "arrivals_per_hour"),
        (lambda: ErlangA(LOAD, patience=dt.timedelta(0)), "patience"),
        (lambda: ErlangA(LOAD, patience="-PT1M"), "patience"),
        (lambda: StaffingTarget(**GOOD_TARGET, shrinkage=1), "shrinkage"),
        (lambda: StaffingTarget(**GOOD_TARGET, shrinkage=1.5), "shrinkage"),
        (lambda: StaffingTarget(**GOOD_TARGET, shrinkage=-0.1), "shrinkage"),
        (lambda: StaffingTarget(**GOOD_TARGET, max_occupancy=0), "max_occupancy"),
        (lambda: StaffingTarget(**GOOD_TARGET, max_occupancy=1.01), "max_occupancy"),
        (lambda: StaffingTarget(service_level=1, within="PT20S"), "service_level"),
        (lambda: StaffingTarget(service_level=0, within="PT20S"), "service_level"),
        (lambda: StaffingTarget(service_level=0.8, within="-PT20S"), "within"),
        (lambda: ErlangC(LOAD).performance(-1), "agents"),
        (lambda: ErlangC(LOAD).performance(3, within="-PT1S"), "within"),
        (lambda: ErlangC("10 Erlangs"), "workload"),  # type: ignore[arg-type]
        (lambda: ErlangC(LOAD).performance("9" * 99), "agents"),
        (lambda: Workload(arrivals_per_hour=1e99, handle_time="PT3M"), "arrivals_per_hour"),
        (lambda: erlang_b(3, 2e6), "erlangs"),
        (lambda: ServiceLevelCurve(None), "points"),  # type: ignore[arg-type]
        (lambda: ServiceLevelCurve("9" * 1_000_000), "points"),  # type: ignore[arg-type]
        (lambda: ServiceLevelCurve([LOAD]), "points[0]"),  # type: ignore[list-item]
    ],
)
def test_bad_input_names_the_field(build: Any, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build()
    assert field == caught.value.field


def test_plain_forms_are_accepted() -> None:
    assert LOAD == Workload(arrivals_per_hour="200", handle_time="PT3M")
    target = StaffingTarget(service_level="0.8", within="PT20S", max_occupancy="0.7")
    assert (0.8, 0.7) == (target.service_level, target.max_occupancy)


JUNK = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.integers(min_value=1, max_value=30_000).map(lambda n: "9" * n)
    | st.timedeltas()
    | st.lists(st.integers(), max_size=3)
)


@given(JUNK, JUNK)
def test_workload_from_junk_raises_only_config_error(rate: Any, handle: Any) -> None:
    with contextlib.suppress(ConfigError):
        Workload(arrivals_per_hour=rate, handle_time=handle)


@given(JUNK, JUNK, JUNK, JUNK)
def test_target_from_junk_raises_only_config_error(a: Any, b: Any, c: Any, d: Any) -> None:
    with contextlib.suppress(ConfigError):
        StaffingTarget(service_level=a, within=b, max_occupancy=c, shrinkage=d)


@given(JUNK, JUNK)
def test_models_from_junk_raise_only_config_error(agents: Any, patience: Any) -> None:
    with contextlib.suppress(ConfigError):
        ErlangA(LOAD, patience=patience).performance(3, "PT20S")
    with contextlib.suppress(ConfigError):
        ErlangC(LOAD).performance(agents, "PT20S")


def test_a_patience_of_more_than_a_million_handle_times_is_erlang_c() -> None:
    with pytest.raises(ConfigError) as caught:
        ErlangA(LOAD, patience=dt.timedelta(days=10_000))
    assert "patience" == caught.value.field
