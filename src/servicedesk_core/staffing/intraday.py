"""Intraday staffing: a volume forecast per 15 or 30 minutes becomes agents per interval.

Each interval is staffed on its own, as if its arrival rate held steady (the
usual intraday assumption), with :class:`~servicedesk_core.staffing.ErlangC`,
or :class:`~servicedesk_core.staffing.ErlangA` when the forecast gives a
patience.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import from_us, to_us
from servicedesk_core.errors import ConfigError
from servicedesk_core.metrics._table import Row, Table
from servicedesk_core.staffing.erlang import (
    ErlangA,
    ErlangC,
    QueueModel,
    Staffing,
    StaffingTarget,
    Workload,
)

__all__ = ["Forecast", "IntervalStaffing", "StaffingPlan", "plan_staffing"]

_DAY = dt.timedelta(days=1)


def _start(value: dt.datetime | str) -> dt.datetime:
    return convert.aware_datetime(value, "start")


def _interval(value: dt.timedelta | str) -> dt.timedelta:
    result = convert.duration(value, "interval")
    if not result or _DAY % result:
        raise ConfigError(
            f"an interval divides a day (15 or 30 minutes, an hour...), got {result}",
            field="interval",
        )
    return result


def _volume(value: object, field: str) -> float:
    return convert.number(value, field, min_value=0)


def _volumes(value: Iterable[float]) -> tuple[float, ...]:
    result = convert.tuple_of(value, "volumes", _volume)
    if not result:
        raise ConfigError("a forecast needs at least one interval", field="volumes")
    return result


def _handle_time(value: dt.timedelta | str) -> dt.timedelta:
    return Workload(arrivals_per_hour=0, handle_time=value).handle_time


def _patience(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return None if value is None else convert.duration(value, "patience")


@attrs.frozen(kw_only=True)
class Forecast:
    """Expected arrivals in consecutive intervals from ``start``, and how long each takes.

    Args:
        start: The first interval's start (an aware datetime).
        interval: Each interval's length; it divides a day (15 or 30 minutes).
        volumes: Expected arrivals in each interval.
        handle_time: The average handle time.
        patience: The callers' average patience; staffed with Erlang A when given,
            with Erlang C (nobody abandons) when not.

    Raises:
        ConfigError: a negative volume or time, no intervals, an interval that
            does not divide a day, a patience of zero.
    """

    start: dt.datetime = attrs.field(converter=_start)
    interval: dt.timedelta = attrs.field(converter=_interval)
    volumes: tuple[float, ...] = attrs.field(converter=_volumes)
    handle_time: dt.timedelta = attrs.field(converter=_handle_time)
    patience: dt.timedelta | None = attrs.field(default=None, converter=_patience)

    def __attrs_post_init__(self) -> None:
        if self.patience is not None:  # checked by the model it builds
            self.model(0)

    def boundaries(self) -> list[dt.datetime]:
        """Return each interval's start and the last one's end, in ``start``'s timezone.

        Intervals are real time: a DST change does not stretch or shrink one.
        """
        first, step = to_us(self.start), self.interval // dt.timedelta(microseconds=1)
        tz = self.start.tzinfo
        assert tz is not None
        return [from_us(first + i * step, tz) for i in range(len(self.volumes) + 1)]

    def model(self, index: int) -> QueueModel:
        """Return the queue model of one interval."""
        workload = Workload(
            arrivals_per_hour=self.volumes[index] * (dt.timedelta(hours=1) / self.interval),
            handle_time=self.handle_time,
        )
        if self.patience is None:
            return ErlangC(workload)
        return ErlangA(workload, patience=self.patience)


@attrs.frozen(kw_only=True)
class IntervalStaffing:
    """One interval of a plan: when, how many arrivals, and the agents it needs."""

    start: dt.datetime
    end: dt.datetime
    volume: float
    staffing: Staffing

    def to_row(self) -> Row:
        """Return the interval as a flat dict of plain values."""
        return {
            "start": self.start,
            "end": self.end,
            "volume": self.volume,
            **self.staffing.to_row(),
        }


@attrs.frozen
class StaffingPlan(Table):
    """Agents per interval for a forecast and a target.

    >>> import datetime as dt
    >>> forecast = Forecast(start=dt.datetime(2026, 11, 16, 8, tzinfo=dt.UTC), interval="PT30M",
    ...                     volumes=[50, 100, 100, 60], handle_time="PT3M")
    >>> plan = plan_staffing(forecast, StaffingTarget(service_level=0.8, within="PT20S"))
    >>> [row["agents_needed"] for row in plan.to_rows()]
    [8, 14, 14, 9]
    >>> plan.peak, plan.agent_hours
    (14, 22.5)
    """

    intervals: tuple[IntervalStaffing, ...]
    target: StaffingTarget

    @property
    def peak(self) -> int:
        """The most agents scheduled in any interval."""
        return max(interval.staffing.scheduled for interval in self.intervals)

    @property
    def agent_hours(self) -> float:
        """Scheduled agent time over the whole plan, in hours (what the plan costs)."""
        return sum(
            interval.staffing.scheduled * (interval.end - interval.start) / dt.timedelta(hours=1)
            for interval in self.intervals
        )

    def to_rows(self) -> list[Row]:
        """Return one flat row per interval."""
        return [interval.to_row() for interval in self.intervals]


def plan_staffing(forecast: Forecast, target: StaffingTarget) -> StaffingPlan:
    """Return the agents each interval of ``forecast`` needs to meet ``target``.

    Raises:
        ConfigError: ``forecast`` or ``target`` is not one.
    """
    forecast = convert.instance(Forecast, forecast, "forecast")
    target = convert.instance(StaffingTarget, target, "target")
    bounds = forecast.boundaries()
    return StaffingPlan(
        tuple(
            IntervalStaffing(
                start=bounds[i],
                end=bounds[i + 1],
                volume=volume,
                staffing=forecast.model(i).staffing(target),
            )
            for i, volume in enumerate(forecast.volumes)
        ),
        target,
    )
