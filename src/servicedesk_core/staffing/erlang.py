"""Erlang queueing models: how many agents a workload needs for a service level.

A :class:`Workload` is an arrival rate and an average handle time; its offered
load in Erlangs is their product. :class:`ErlangC` models callers who wait as
long as it takes (M/M/n); :class:`ErlangA` callers who give up after an
exponentially distributed patience (M/M/n+M). Both answer the same questions:
:meth:`~ErlangC.performance` for a number of agents, :meth:`~ErlangC.staffing`
for a :class:`StaffingTarget`, :meth:`~ErlangC.curve` for a range of agents.

The numerics are stable for any size: Erlang B by its recursion on the
inverse (no factorials, no powers), Erlang C from B, and Erlang A from its
birth-death chain summed in log space. With no more agents than the offered
load an Erlang C queue grows without bound: the answer says so (wait
probability 1, service level 0, infinite average speed of answer) instead of
raising.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from typing import Protocol

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.metrics._table import Row, Table

__all__ = [
    "MAX_AGENTS",
    "ErlangA",
    "ErlangC",
    "Performance",
    "QueueModel",
    "ServiceLevelCurve",
    "Staffing",
    "StaffingTarget",
    "Workload",
    "erlang_b",
    "erlang_c",
]

MAX_AGENTS = 1_000_000
"""The most agents (and Erlangs) the models take: every answer costs time linear in it."""

_MAX_PATIENCE = 1_000_000  # handle times; beyond, Erlang A is Erlang C
_LOG_CUTOFF = 45.0  # terms below e**-45 of the largest cannot move a float sum


def erlang_b(agents: int, erlangs: float) -> float:
    """Return the Erlang B blocking probability of ``agents`` servers offered ``erlangs``.

    Computed by the recursion ``1/B(k) = 1 + k/a * 1/B(k-1)``: linear in
    ``agents``, no factorials, and no overflow (the inverse saturates to
    infinity, and B to 0, for loads far below the agents).

    >>> round(erlang_b(11, 10.0), 12)
    0.163232333244

    Raises:
        ConfigError: a negative number of agents or load, or more than ``MAX_AGENTS``.
    """
    n, a = _agents(agents), convert.number(erlangs, "erlangs", min_value=0, max_value=MAX_AGENTS)
    return _erlang_b(n, a)


def erlang_c(agents: int, erlangs: float) -> float:
    """Return the Erlang C probability that a caller waits (1 when ``agents <= erlangs``).

    >>> round(erlang_c(11, 10.0), 4), erlang_c(10, 10.0)
    (0.6821, 1.0)

    Raises:
        ConfigError: a negative number of agents or load, or more than ``MAX_AGENTS``.
    """
    n, a = _agents(agents), convert.number(erlangs, "erlangs", min_value=0, max_value=MAX_AGENTS)
    return _erlang_c(n, a, _erlang_b(n, a))


def _erlang_b(n: int, a: float) -> float:
    if a == 0:
        return 1.0 if n == 0 else 0.0
    inverse = 1.0
    for k in range(1, n + 1):
        inverse = 1.0 + inverse * k / a
    return 1.0 / inverse


def _erlang_c(n: int, a: float, b: float) -> float:
    if a == 0:
        return 0.0
    if n <= a:
        return 1.0
    return _unit(n * b / (n - a * (1.0 - b)))


def _unit(p: float) -> float:
    """Clamp a probability into [0, 1] against the last bit of rounding."""
    return min(1.0, max(0.0, p))


# --- inputs -------------------------------------------------------------------------


def _rate(value: float | str) -> float:
    return convert.number(value, "arrivals_per_hour", min_value=0)


def _check_load(workload: Workload, _attr: object, _value: dt.timedelta) -> None:
    if workload.erlangs > MAX_AGENTS:
        raise ConfigError(
            f"an offered load of {workload.erlangs:.0f} Erlangs is beyond the {MAX_AGENTS:,} "
            "agents these models staff",
            field="arrivals_per_hour",
        )


def _handle_time(value: dt.timedelta | str) -> dt.timedelta:
    result = convert.duration(value, "handle_time")
    if not result:
        raise ConfigError("must be positive, got 0:00:00", field="handle_time")
    return result


def _service_level(value: float | str) -> float:
    result = convert.number(value, "service_level", min_value=0, exclude_min=True)
    if result >= 1:
        raise ConfigError(
            f"must be below 1 (no number of agents answers every caller in time), got {result}",
            field="service_level",
        )
    return result


def _within(value: dt.timedelta | str) -> dt.timedelta:
    return convert.duration(value, "within")


def _max_occupancy(value: float | str | None) -> float | None:
    if value is None:
        return None
    return convert.number(value, "max_occupancy", min_value=0, max_value=1, exclude_min=True)


def _shrinkage(value: float | str) -> float:
    result = convert.number(value, "shrinkage", min_value=0)
    if result >= 1:
        raise ConfigError(f"must be below 1, got {result}", field="shrinkage")
    return result


def _patience(value: dt.timedelta | str) -> dt.timedelta:
    result = convert.duration(value, "patience")
    if not result:
        raise ConfigError(
            "must be positive (a patience of zero abandons every caller)", field="patience"
        )
    return result


def _workload(value: object) -> Workload:
    return convert.instance(Workload, value, "workload")


def _agents(value: object) -> int:
    return convert.integer(value, "agents", min_value=0, max_value=MAX_AGENTS)


@attrs.frozen(kw_only=True)
class Workload:
    """Arrivals per hour and their average handle time; ``erlangs`` is the offered load.

    >>> Workload(arrivals_per_hour=200, handle_time=dt.timedelta(seconds=180)).erlangs
    10.0
    >>> Workload(arrivals_per_hour="11400", handle_time="PT5M").erlangs
    950.0

    Raises:
        ConfigError: a negative rate, a handle time that is not positive, or a
            load above ``MAX_AGENTS`` Erlangs.
    """

    arrivals_per_hour: float = attrs.field(converter=_rate)
    handle_time: dt.timedelta = attrs.field(converter=_handle_time, validator=_check_load)

    @property
    def erlangs(self) -> float:
        """Offered load in Erlangs, arrivals per hour times handle time in hours."""
        return self.arrivals_per_hour * self.handle_time.total_seconds() / 3600

    def scaled(self, factor: float) -> Workload:
        """Return the workload with ``factor`` times the arrivals (a 20% busier Monday: 1.2).

        >>> Workload(arrivals_per_hour=100, handle_time="PT3M").scaled(1.5).arrivals_per_hour
        150.0
        """
        return attrs.evolve(self, arrivals_per_hour=self.arrivals_per_hour * factor)


@attrs.frozen(kw_only=True)
class StaffingTarget:
    """A service level to reach ("80% answered within 20 s"), and what limits the answer.

    Args:
        service_level: The share of callers answered within ``within``, in (0, 1).
        within: The answer time the service level counts.
        max_occupancy: Optional cap on the share of time agents are busy, in (0, 1].
        shrinkage: The share of paid time agents are away from the queue (breaks,
            training, absence), in [0, 1); scheduled = ceil(agents / (1 - shrinkage)).

    >>> StaffingTarget(service_level=0.8, within="PT20S").describe()
    '80% within 0:00:20'

    Raises:
        ConfigError: a service level outside (0, 1), a negative ``within``, an
            occupancy cap outside (0, 1], a shrinkage outside [0, 1).
    """

    service_level: float = attrs.field(converter=_service_level)
    within: dt.timedelta = attrs.field(converter=_within)
    max_occupancy: float | None = attrs.field(default=None, converter=_max_occupancy)
    shrinkage: float = attrs.field(default=0.0, converter=_shrinkage)

    def describe(self) -> str:
        """Say the target in words."""
        text = f"{self.service_level:.0%} within {self.within}"
        if self.max_occupancy is not None:
            text += f", occupancy at most {self.max_occupancy:.0%}"
        if self.shrinkage:
            text += f", {self.shrinkage:.0%} shrinkage"
        return text

    def scheduled(self, agents: int) -> int:
        """Return the agents to schedule so that ``agents`` are on the queue after shrinkage.

        >>> StaffingTarget(service_level=0.8, within="PT20S", shrinkage=0.3).scheduled(14)
        20
        """
        # the small tolerance keeps 14 / 0.7 (= 20.000000000000004 in floats) at 20
        return math.ceil(agents / (1.0 - self.shrinkage) - 1e-9)


# --- results --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Performance(Table):
    """How a queue performs with a number of agents.

    Attributes:
        model: ``"Erlang C"`` or ``"Erlang A"``.
        agents: Agents on the queue.
        erlangs: The offered load.
        within: The answer time the service level counts.
        wait_probability: The share of callers who wait at all.
        service_level: The share of *all* callers answered within ``within``
            (under Erlang A a caller who abandons counts as not answered in time).
        asa_seconds: The mean wait in seconds: the average speed of answer under
            Erlang C; under Erlang A the mean wait of every caller, answered or
            not (queue length over arrival rate). ``math.inf`` for an Erlang C
            queue with no more agents than the load.
        occupancy: The share of agent time spent handling calls.
        abandon_probability: The share of callers who give up (0 under Erlang C).
        stable: Whether the queue settles (always under Erlang A; under Erlang C
            only with more agents than the load).
    """

    model: str
    agents: int
    erlangs: float
    within: dt.timedelta
    wait_probability: float
    service_level: float
    asa_seconds: float
    occupancy: float
    abandon_probability: float = 0.0
    stable: bool = True

    def to_row(self) -> Row:
        """Return the figures as a flat dict of plain values."""
        return {
            "model": self.model,
            "agents": self.agents,
            "erlangs": self.erlangs,
            "within_seconds": self.within.total_seconds(),
            "wait_probability": self.wait_probability,
            "service_level": self.service_level,
            "asa_seconds": self.asa_seconds,
            "occupancy": self.occupancy,
            "abandon_probability": self.abandon_probability,
            "stable": self.stable,
        }

    def to_rows(self) -> list[Row]:
        """Return the figures as one flat row."""
        return [self.to_row()]


@attrs.frozen(kw_only=True)
class Staffing(Table):
    """The agents a target needs, why that many, and how the queue performs with them.

    Attributes:
        target: The target staffed for.
        agents: Agents needed on the queue.
        scheduled: Agents to schedule once shrinkage takes its share.
        reason: What set the number: ``"service level"``, ``"occupancy cap"`` or
            ``"no arrivals"``.
        performance: The queue's figures with ``agents`` agents.
    """

    target: StaffingTarget
    agents: int
    scheduled: int
    reason: str
    performance: Performance

    def to_row(self) -> Row:
        """Return the answer and its figures as a flat dict of plain values."""
        return {
            "agents_needed": self.agents,
            "scheduled": self.scheduled,
            "reason": self.reason,
            **self.performance.to_row(),
        }

    def to_rows(self) -> list[Row]:
        """Return the answer as one flat row."""
        return [self.to_row()]


def _points(value: Iterable[Performance]) -> tuple[Performance, ...]:
    return convert.instances(value, "points", Performance)


@attrs.frozen
class ServiceLevelCurve(Table):
    """The performance of a queue for each of a range of agents (a plot's data)."""

    points: tuple[Performance, ...] = attrs.field(converter=_points)

    def to_rows(self) -> list[Row]:
        """Return one flat row per number of agents."""
        return [point.to_row() for point in self.points]


class QueueModel(Protocol):
    """What :class:`ErlangC` and :class:`ErlangA` have in common."""

    @property
    def workload(self) -> Workload:
        """The workload the model queues."""

    def performance(self, agents: int, within: dt.timedelta = ...) -> Performance:
        """How the queue performs with ``agents`` agents."""

    def staffing(self, target: StaffingTarget) -> Staffing:
        """The fewest agents that meet ``target``."""

    def curve(self, agents: Iterable[int], within: dt.timedelta = ...) -> ServiceLevelCurve:
        """The performance for each number of agents."""


def _curve(model: QueueModel, agents: Iterable[int], within: dt.timedelta) -> ServiceLevelCurve:
    return ServiceLevelCurve(tuple(model.performance(n, within) for n in agents))


def _idle(model: str, n: int, within: dt.timedelta) -> Performance:
    """Figures without arrivals: nobody waits."""
    return Performance(
        model=model,
        agents=n,
        erlangs=0.0,
        within=within,
        wait_probability=0.0,
        service_level=1.0,
        asa_seconds=0.0,
        occupancy=0.0,
    )


def _least(low: int, high: int, good: Callable[[int], bool]) -> int:
    """The least ``n`` in ``(low, high]`` that is ``good``, given ``good(high)`` and monotone."""
    while high - low > 1:
        middle = (low + high) // 2
        if good(middle):
            high = middle
        else:
            low = middle
    return high


def _finish(model: QueueModel, target: StaffingTarget, agents: int) -> Staffing:
    """The answer for ``agents`` that meet the service level, raised to the occupancy cap."""
    a = model.workload.erlangs
    reason = "service level" if a else "no arrivals"
    cap = target.max_occupancy
    if cap is not None and model.performance(agents).occupancy > cap:

        def capped(n: int) -> bool:
            return model.performance(n).occupancy <= cap

        # occupancy is at most the load over the agents: that many always fit
        agents = _least(agents, max(agents + 1, math.ceil(a / cap - 1e-9)), capped)
        reason = "occupancy cap"
    return Staffing(
        target=target,
        agents=agents,
        scheduled=target.scheduled(agents),
        reason=reason,
        performance=model.performance(agents, target.within),
    )


# --- Erlang C -----------------------------------------------------------------------------


@attrs.frozen
class ErlangC:
    """Callers wait as long as it takes (M/M/n): Erlang C.

    >>> model = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT180S"))
    >>> round(model.performance(13, within="PT20S").service_level, 4)
    0.7956
    >>> model.staffing(StaffingTarget(service_level=0.8, within="PT20S")).agents
    14
    >>> model.performance(10).stable, model.performance(10).asa_seconds
    (False, inf)
    """

    workload: Workload = attrs.field(converter=_workload)

    def performance(self, agents: int, within: dt.timedelta | str = dt.timedelta(0)) -> Performance:
        """Return the queue's figures with ``agents`` agents.

        Raises:
            ConfigError: a negative number of agents or ``within``.
        """
        n = _agents(agents)
        return self._performance(n, _erlang_b(n, self.workload.erlangs), _within(within))

    def _performance(self, n: int, b: float, within: dt.timedelta) -> Performance:
        a = self.workload.erlangs
        handle = self.workload.handle_time.total_seconds()
        if a == 0:
            return _idle("Erlang C", n, within)
        c = _erlang_c(n, a, b)
        if n <= a:
            return Performance(
                model="Erlang C",
                agents=n,
                erlangs=a,
                within=within,
                wait_probability=1.0,
                service_level=0.0,
                asa_seconds=math.inf,
                occupancy=1.0,
                stable=False,
            )
        spare = n - a
        return Performance(
            model="Erlang C",
            agents=n,
            erlangs=a,
            within=within,
            wait_probability=c,
            service_level=_unit(1.0 - c * math.exp(-spare * within.total_seconds() / handle)),
            asa_seconds=c * handle / spare,
            occupancy=a / n,
        )

    def staffing(self, target: StaffingTarget) -> Staffing:
        """Return the fewest agents that meet ``target``.

        One pass of the Erlang B recursion: linear in the answer.

        >>> model = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT180S"))
        >>> answer = model.staffing(StaffingTarget(service_level=0.8, within="PT20S",
        ...                                        max_occupancy=0.7, shrinkage=0.3))
        >>> answer.agents, answer.scheduled, answer.reason
        (15, 22, 'occupancy cap')
        """
        a = self.workload.erlangs
        handle = self.workload.handle_time.total_seconds()
        t = target.within.total_seconds() / handle
        n, inverse = 0, 1.0  # 1 / B(n)
        while True:
            if a == 0:
                break
            if n > a:
                b = 1.0 / inverse
                c = n * b / (n - a * (1.0 - b))
                if 1.0 - c * math.exp(-(n - a) * t) >= target.service_level:
                    break
            n += 1
            inverse = 1.0 + inverse * n / a
        return _finish(self, target, n)

    def curve(
        self, agents: Iterable[int], within: dt.timedelta | str = dt.timedelta(0)
    ) -> ServiceLevelCurve:
        """Return the performance for each number of agents (service level vs agents).

        >>> model = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT180S"))
        >>> [round(p.service_level, 2) for p in model.curve(range(10, 15), "PT20S").points]
        [0.0, 0.39, 0.64, 0.8, 0.89]
        """
        return _curve(self, agents, _within(within))


# --- Erlang A -----------------------------------------------------------------------------


@attrs.frozen
class ErlangA:
    """Callers abandon after an exponential patience with mean ``patience`` (M/M/n+M).

    The chain's states are the callers in the system; its stationary
    probabilities are summed in log space, so any number of agents works.

    Service level here is the share of *all* callers answered within
    ``within``: a caller who abandons, early or late, is not answered in time
    (the strictest of the usual definitions; others drop abandons from the
    denominator or count early abandons as answered).

    >>> model = ErlangA(Workload(arrivals_per_hour=200, handle_time="PT180S"), patience="PT180S")
    >>> p = model.performance(12, within="PT20S")
    >>> round(p.wait_probability, 4), round(p.abandon_probability, 4), round(p.service_level, 4)
    (0.3032, 0.0531, 0.8023)

    Raises:
        ConfigError: a patience that is not positive, or more than a million
            handle times (that queue is :class:`ErlangC`).
    """

    workload: Workload = attrs.field(converter=_workload)
    patience: dt.timedelta = attrs.field(converter=_patience)

    def __attrs_post_init__(self) -> None:
        if self.patience > self.workload.handle_time * _MAX_PATIENCE:
            raise ConfigError(
                f"{self.patience} is more than a million handle times: nobody abandons, "
                "use ErlangC",
                field="patience",
            )

    def performance(self, agents: int, within: dt.timedelta | str = dt.timedelta(0)) -> Performance:
        """Return the queue's figures with ``agents`` agents.

        Raises:
            ConfigError: a negative number of agents or ``within``.
        """
        n, window = _agents(agents), _within(within)
        a = self.workload.erlangs
        handle = self.workload.handle_time.total_seconds()
        if a == 0:
            return _idle("Erlang A", n, window)
        theta = handle / self.patience.total_seconds()  # abandon rate per handle time
        answered_at_once, first, queue = _queue_distribution(n, a, theta)
        p_wait = math.fsum(queue)
        mean_queue = math.fsum(j * p for j, p in enumerate(queue, start=first))
        p_abandon = _unit(theta * mean_queue / a)
        served_in_time = _served_within(first, queue, n, theta, window.total_seconds() / handle)
        return Performance(
            model="Erlang A",
            agents=n,
            erlangs=a,
            within=window,
            wait_probability=_unit(p_wait),
            service_level=_unit(answered_at_once + served_in_time),
            asa_seconds=mean_queue / a * handle,
            occupancy=_unit(a * (1.0 - p_abandon) / n) if n else 0.0,
            abandon_probability=p_abandon,
        )

    def staffing(self, target: StaffingTarget) -> Staffing:
        """Return the fewest agents that meet ``target`` (service level grows with agents).

        >>> model = ErlangA(Workload(arrivals_per_hour=200, handle_time="PT180S"), patience="PT3M")
        >>> model.staffing(StaffingTarget(service_level=0.8, within="PT20S")).agents
        12
        """
        if not self.workload.erlangs:
            return _finish(self, target, 0)

        def meets(n: int) -> bool:
            return self.performance(n, target.within).service_level >= target.service_level

        high = max(1, math.ceil(self.workload.erlangs))
        while not meets(high):
            high *= 2
        return _finish(self, target, _least(0, high, meets))  # no agent answers no one

    def curve(
        self, agents: Iterable[int], within: dt.timedelta | str = dt.timedelta(0)
    ) -> ServiceLevelCurve:
        """Return the performance for each number of agents."""
        return _curve(self, agents, _within(within))


def _queue_distribution(n: int, a: float, theta: float) -> tuple[float, int, list[float]]:
    """The probability of fewer than ``n`` callers, and of ``n + j`` from ``j = first`` on.

    The birth-death chain has arrival rate ``a``, service rate ``k`` with k
    busy agents and abandonment rate ``theta`` per waiting caller (time in
    handle times). Its weights are summed in log space from the most likely
    queue length outwards, and cut where they fall below e**-45 of the
    largest: the work grows with the square root of the queue, not its length.
    """
    log_a = math.log(a)
    below = [0.0]  # log weights of k callers, k = 0..n
    for k in range(1, n + 1):
        below.append(below[-1] + log_a - math.log(k))
    at_n = below.pop()
    # the queue's mode: the last length whose arrival rate still beats its departures
    mode = max(0, math.floor((a - n) / theta)) if theta else 0
    y = n / theta
    peak = (
        at_n + mode * (log_a - math.log(theta)) - (math.lgamma(y + mode + 1) - math.lgamma(y + 1))
    )
    top = max(peak, *below) if below else peak
    right = [peak]
    j = mode
    while right[-1] >= top - _LOG_CUTOFF:
        j += 1
        right.append(right[-1] + log_a - math.log(n + j * theta))
    left = []
    j, current = mode, peak
    while j > 0 and current >= top - _LOG_CUTOFF:
        current -= log_a - math.log(n + j * theta)
        j -= 1
        left.append(current)
    above = left[::-1] + right
    weights = [math.exp(x - top) for x in above]
    free = math.fsum(math.exp(x - top) for x in below)
    total = free + math.fsum(weights)
    return free / total, j, [w / total for w in weights]


def _served_within(first: int, queue: list[float], n: int, theta: float, t: float) -> float:
    """The share of callers who wait and are answered within ``t`` (in handle times).

    ``queue[i]`` is the probability that a caller finds ``first + i`` others waiting.

    A caller who finds ``i`` others waiting moves up at rate ``n + i*theta``
    (an answer or an abandonment ahead) and gives up at rate ``theta``. The
    absorption probability is found by uniformization: a Poisson number of
    steps of a discrete chain, all terms positive.
    """
    if t <= 0 or n == 0:
        return 0.0
    size = first + len(queue)
    # Each move (an answer or an abandonment ahead, or giving up) comes at rate at least
    # n + theta, and a caller is answered or gone within ``size`` moves: past this time
    # that is certain to far below a float's precision, so a longer window (a day of
    # 3-minute calls, microsecond handle times) changes nothing and costs no more.
    moves = size + 10.0 * math.sqrt(size) + 50
    t = min(t, moves / (n + theta))
    while True:  # a caller further back than the number of steps is never answered in time
        rate = n + size * theta  # at least every kept state's total rate
        mean = rate * t
        steps = int(mean + 10.0 * math.sqrt(mean) + 50)
        if steps >= size:
            break
        size = steps
    if first >= size:
        return 0.0
    position = ([0.0] * first + queue)[:size]
    served = 0.0
    answered = 0.0
    log_mean = math.log(mean)
    forward = [(n + i * theta) / rate for i in range(size)]
    stay = [1.0 - (n + (i + 1) * theta) / rate for i in range(size)]
    for m in range(steps + 1):
        weight = math.exp(m * log_mean - mean - math.lgamma(m + 1))
        answered += weight * served
        served += position[0] * forward[0]
        moved = [position[i] * stay[i] + position[i + 1] * forward[i + 1] for i in range(size - 1)]
        moved.append(position[-1] * stay[-1])
        position = moved
    return answered
