"""What a metric's clock measures, as data: the signals that start, stop, reset and resume it.

A :class:`MetricDefinition` says which :class:`Signal` s of a ticket's log start a
cycle of the clock, stop it, reset it (stop the open cycle and start the next)
or resume the last stopped cycle, which statuses start or stop it when the
ticket enters them, and which statuses pause it, as Jira Service
Management's and ServiceNow's SLA definitions do. Policies measure
user-defined metrics by name (``SLAPolicy(custom_metrics=[...])``).

The built-in metrics are such definitions too (:func:`builtin_definition`);
the engine replays nothing else. A definition is plain data: sets of enum
members and status names, no callables, so it serialises.

On each event the engine applies, per metric and in this order: *stop* (if
a cycle is open), *reset* (if a cycle is open: stop it and start the next),
*resume* (if none is open and one was stopped), *start* (if none is open).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from typing import assert_never

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.sla.settings import OnReopen
from servicedesk_core.sla.targets import Metric

__all__ = ["MetricDefinition", "Signal", "builtin_definition"]


class Signal(enum.Enum):
    """What happened on a ticket, as a metric definition reads it.

    One event may give several signals (closing an unresolved ticket is
    ``RESOLVED`` and ``CLOSED``).
    """

    CREATED = "created"
    """The ticket was opened (a clock started by it waits for the opening under
    ``OutOfHoursStart.WAIT_FOR_OPENING``)."""
    AGENT_RESPONSE = "agent_response"
    """An agent answered, with a public reply or an internal note where the policy counts notes."""
    CUSTOMER_MESSAGE = "customer_message"
    """The customer wrote a message awaiting an answer, on an unresolved ticket."""
    CUSTOMER_FOLLOW_UP = "customer_follow_up"
    """The same, once the customer has had a response (or a resolution)."""
    PRIORITY_CHANGED = "priority_changed"
    """The ticket's priority changed."""
    ASSIGNED = "assigned"
    """The ticket was assigned (any ``Assigned`` event)."""
    ESCALATED = "escalated"
    """The ticket was handed to the next tier (``Assigned(escalated=True)``)."""
    RESOLVED = "resolved"
    """The ticket was resolved (or closed without a resolution first)."""
    REOPENED = "reopened"
    """A resolved or closed ticket was reopened."""
    CLOSED = "closed"
    """The ticket was closed."""

    __hash__ = object.__hash__  # members are singletons; the C hash keeps lookups fast


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _signal(value: object, field: str) -> Signal:
    return convert.enum_member(Signal, value, field)


def _status(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _start(value: Iterable[Signal | str]) -> frozenset[Signal]:
    return convert.frozenset_of(value, "start", _signal)


def _stop(value: Iterable[Signal | str]) -> frozenset[Signal]:
    return convert.frozenset_of(value, "stop", _signal)


def _reset(value: Iterable[Signal | str]) -> frozenset[Signal]:
    return convert.frozenset_of(value, "reset", _signal)


def _resume(value: Iterable[Signal | str]) -> frozenset[Signal]:
    return convert.frozenset_of(value, "resume", _signal)


def _start_statuses(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "start_statuses", _status)


def _stop_statuses(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "stop_statuses", _status)


def _paused_by(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "paused_by", _status)


@attrs.frozen(kw_only=True)
class MetricDefinition:
    """A metric as conditions: when its clock starts, pauses, stops, and starts again.

    Args:
        name: The metric's name; targets and reports use it. A policy's custom
            metric may not take a built-in metric's name.
        start: Signals that start a cycle when none is open.
        stop: Signals that stop the open cycle.
        reset: Signals that stop the open cycle and start the next one
            (cycles, as in a periodic update).
        resume: Signals that continue the last stopped cycle when none is
            open; the time in between is excluded like a pause.
        start_statuses: Entering one of these statuses starts a cycle.
        stop_statuses: Entering one of these statuses stops the open cycle.
        paused_by: Statuses in which the clock does not count.

    Text values are accepted for signals (``"agent_response"``).

    >>> vendor = MetricDefinition(name="vendor_wait", start_statuses={"waiting_on_vendor"},
    ...     stop_statuses={"open"}, stop={"resolved"})
    >>> vendor.describe()
    'starts on entering waiting_on_vendor; stops on resolved or entering open'

    Raises:
        ConfigError: a blank name, nothing that starts or nothing that stops
            the clock, an unknown signal.
    """

    name: str = attrs.field(converter=_name)
    start: frozenset[Signal] = attrs.field(default=frozenset(), converter=_start)
    stop: frozenset[Signal] = attrs.field(default=frozenset(), converter=_stop)
    reset: frozenset[Signal] = attrs.field(default=frozenset(), converter=_reset)
    resume: frozenset[Signal] = attrs.field(default=frozenset(), converter=_resume)
    start_statuses: frozenset[str] = attrs.field(default=frozenset(), converter=_start_statuses)
    stop_statuses: frozenset[str] = attrs.field(default=frozenset(), converter=_stop_statuses)
    paused_by: frozenset[str] = attrs.field(default=frozenset(), converter=_paused_by)

    def __attrs_post_init__(self) -> None:
        if not (self.start or self.start_statuses):
            raise ConfigError("nothing starts the clock", field="start")
        if not (self.stop or self.stop_statuses or self.reset):
            raise ConfigError("nothing stops the clock", field="stop")

    @property
    def statuses(self) -> frozenset[str]:
        """Every status the definition names."""
        return self.start_statuses | self.stop_statuses | self.paused_by

    def describe(self) -> str:
        """Say the definition in words."""
        parts = []
        for verb, signals, statuses in (
            ("starts", self.start, self.start_statuses),
            ("stops", self.stop, self.stop_statuses),
            ("resets", self.reset, frozenset[str]()),
            ("resumes", self.resume, frozenset[str]()),
        ):
            said = sorted(signal.value for signal in signals)
            said += [f"entering {status}" for status in sorted(statuses)]
            if said:
                parts.append(f"{verb} on {' or '.join(said)}")
        if self.paused_by:
            parts.append(f"paused in {', '.join(sorted(self.paused_by))}")
        return "; ".join(parts)


_ANSWERED = frozenset({Signal.AGENT_RESPONSE, Signal.RESOLVED})


def builtin_definition(
    metric: Metric,
    *,
    paused_by: frozenset[str] = frozenset(),
    on_reopen: OnReopen = OnReopen.RESUME,
    next_response_from_opening: bool = False,
) -> MetricDefinition:
    """Return a built-in metric as a definition, under a policy's settings.

    The engine measures built-in metrics through these definitions; a custom
    metric with the same fields (and another name) measures the same.

    >>> builtin_definition(Metric.FIRST_RESPONSE).describe()
    'starts on created; stops on agent_response or resolved'
    >>> builtin_definition(Metric.PERIODIC_UPDATE).describe()
    'starts on created or reopened; stops on resolved; resets on agent_response'
    >>> builtin_definition(Metric.RESOLUTION, on_reopen=OnReopen.NEW_CYCLE).describe()
    'starts on created or reopened; stops on resolved'
    """
    define = functools.partial(MetricDefinition, name=metric.value, paused_by=paused_by)
    match metric:
        case Metric.FIRST_RESPONSE:
            return define(start={Signal.CREATED}, stop=_ANSWERED)
        case Metric.NEXT_RESPONSE:
            if next_response_from_opening:
                return define(start={Signal.CREATED, Signal.CUSTOMER_MESSAGE}, stop=_ANSWERED)
            return define(start={Signal.CUSTOMER_FOLLOW_UP}, stop=_ANSWERED)
        case Metric.PERIODIC_UPDATE | Metric.PAUSABLE_UPDATE:
            return define(
                start={Signal.CREATED, Signal.REOPENED},
                stop={Signal.RESOLVED},
                reset={Signal.AGENT_RESPONSE},
            )
        case Metric.ESCALATION:
            return define(start={Signal.CREATED}, stop={Signal.ESCALATED, Signal.RESOLVED})
        case Metric.RESOLUTION | Metric.REQUESTER_WAIT | Metric.AGENT_WORK:
            if on_reopen is OnReopen.RESUME:
                return define(
                    start={Signal.CREATED}, stop={Signal.RESOLVED}, resume={Signal.REOPENED}
                )
            return define(start={Signal.CREATED, Signal.REOPENED}, stop={Signal.RESOLVED})
        case _:
            assert_never(metric)
