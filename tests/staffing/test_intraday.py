"""Intraday plans: a forecast per interval becomes agents per interval."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError, NaiveDatetimeError
from servicedesk_core.staffing import (
    ErlangA,
    ErlangC,
    Forecast,
    StaffingTarget,
    Workload,
    plan_staffing,
)

TARGET = StaffingTarget(service_level=0.8, within=dt.timedelta(seconds=20))
MONDAY = dt.datetime(2026, 11, 16, 8, tzinfo=ZoneInfo("America/Chicago"))


def test_each_interval_is_staffed_like_its_own_erlang_c_queue() -> None:
    """100 calls in 30 minutes at 3 minutes each is the reference desk: 10 Erlangs, 14 agents."""
    forecast = Forecast(start=MONDAY, interval="PT30M", volumes=[100, 0, 25], handle_time="PT3M")
    plan = plan_staffing(forecast, TARGET)
    assert [14, 0, 5] == [interval.staffing.agents for interval in plan.intervals]
    expected = ErlangC(Workload(arrivals_per_hour=50, handle_time="PT3M")).staffing(TARGET)
    assert expected == plan.intervals[2].staffing
    assert [MONDAY, MONDAY + dt.timedelta(minutes=30)] == [i.start for i in plan.intervals[:2]]
    assert MONDAY + dt.timedelta(minutes=90) == plan.intervals[-1].end


def test_a_patience_staffs_with_erlang_a() -> None:
    forecast = Forecast(
        start=MONDAY, interval="PT15M", volumes=[50], handle_time="PT3M", patience="PT3M"
    )
    plan = plan_staffing(forecast, TARGET)
    model = ErlangA(Workload(arrivals_per_hour=200, handle_time="PT3M"), patience="PT3M")
    assert model.staffing(TARGET) == plan.intervals[0].staffing
    assert 12 == plan.peak


def test_shrinkage_sets_the_cost_of_the_plan() -> None:
    forecast = Forecast(start=MONDAY, interval="PT30M", volumes=[100, 100], handle_time="PT3M")
    shrunk = StaffingTarget(service_level=0.8, within="PT20S", shrinkage=0.3)
    plan = plan_staffing(forecast, shrunk)
    assert (20, 20.0) == (plan.peak, plan.agent_hours)


def test_intervals_are_real_time_across_a_dst_change() -> None:
    fall_back = dt.datetime(2026, 11, 1, 0, 30, tzinfo=ZoneInfo("America/Chicago"))
    forecast = Forecast(start=fall_back, interval="PT30M", volumes=[1] * 6, handle_time="PT3M")
    bounds = forecast.boundaries()
    steps = {b.astimezone(dt.UTC) - a.astimezone(dt.UTC) for a, b in itertools.pairwise(bounds)}
    assert {dt.timedelta(minutes=30)} == steps


def test_rows_are_flat_and_plain() -> None:
    forecast = Forecast(start=MONDAY, interval="PT30M", volumes=[100], handle_time="PT3M")
    (row,) = plan_staffing(forecast, TARGET).to_rows()
    assert (MONDAY, 100.0, 14, 14) == (
        row["start"],
        row["volume"],
        row["agents_needed"],
        row["scheduled"],
    )
    assert all(not isinstance(value, dict | list | tuple) for value in row.values())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"volumes": [10, -1]}, "volumes[1]"),
        ({"volumes": []}, "volumes"),
        ({"interval": "PT7M"}, "interval"),
        ({"interval": "PT0S"}, "interval"),
        ({"handle_time": "-PT3M"}, "handle_time"),
        ({"patience": "PT0S"}, "patience"),
        ({"start": dt.datetime(2026, 11, 16, 8)}, None),
    ],
)
def test_bad_forecasts_name_the_field(changes: dict[str, object], field: str | None) -> None:
    given_ = {"start": MONDAY, "interval": "PT30M", "volumes": [10], "handle_time": "PT3M"}
    with pytest.raises((ConfigError, NaiveDatetimeError)) as caught:
        Forecast(**{**given_, **changes})  # type: ignore[arg-type]
    if field is not None:
        assert isinstance(caught.value, ConfigError)
        assert field == caught.value.field


@given(st.lists(st.floats(min_value=0, max_value=500), min_size=1, max_size=8))
def test_more_volume_never_needs_fewer_agents(volumes: list[float]) -> None:
    forecast = Forecast(start=MONDAY, interval="PT30M", volumes=volumes, handle_time="PT3M")
    plan = plan_staffing(forecast, TARGET)
    pairs = sorted((i.volume, i.staffing.agents) for i in plan.intervals)
    assert [agents for _v, agents in pairs] == sorted(agents for _v, agents in pairs)
