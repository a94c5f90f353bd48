"""Replaying a ticket's event log under a policy (internal; :func:`~servicedesk_core.evaluate`).

The replay walks the log once, validating it as it goes. Each event gives
:class:`~servicedesk_core.sla.definitions.Signal` s; the policy's metric
definitions, compiled into a :class:`Plan`, say which clocks they start,
stop, reset or resume. Each clock cycle is a
:class:`~servicedesk_core.sla.clock.Clock`; at the end every clock is
measured at ``now`` into the :class:`~servicedesk_core.sla.results.SLAReport`.

Under a policy set (:class:`Chooser`) the replay also follows the ticket's
facts and picks the policy again when they change, or when a new version of
the set takes effect.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from servicedesk_core._convert import brief, describe
from servicedesk_core._time import from_us, to_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    AttributesChanged,
    Closed,
    Created,
    CustomerReplied,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from servicedesk_core.sla.clock import Clock
from servicedesk_core.sla.definitions import MetricDefinition, Signal
from servicedesk_core.sla.facts import TicketFacts
from servicedesk_core.sla.results import ClockState, Cycle, SLAReport, _metric_report, _sla_report
from servicedesk_core.sla.settings import OnPriorityChange, OutOfHoursStart
from servicedesk_core.sla.targets import MetricKey, TargetRange

if TYPE_CHECKING:  # annotations only: the policy module imports this one
    from servicedesk_core.sla.policy import SLAPolicy
    from servicedesk_core.sla.selection import Selection

__all__ = ["Chooser", "Plan", "check_log", "replay"]

_STOP, _RESET, _RESUME, _START = range(4)
_PENDING, _NOT_APPLICABLE = ClockState.PENDING, ClockState.NOT_APPLICABLE
_Actions = tuple[tuple[int, int], ...]  # (action, metric index), in the order to apply
_INDEX = {signal: index for index, signal in enumerate(Signal)}
_CREATED = _INDEX[Signal.CREATED]
_AGENT_RESPONSE = _INDEX[Signal.AGENT_RESPONSE]
_CUSTOMER_MESSAGE = _INDEX[Signal.CUSTOMER_MESSAGE]
_CUSTOMER_FOLLOW_UP = _INDEX[Signal.CUSTOMER_FOLLOW_UP]
_PRIORITY_CHANGED = _INDEX[Signal.PRIORITY_CHANGED]
_ASSIGNED = _INDEX[Signal.ASSIGNED]
_ESCALATED = _INDEX[Signal.ESCALATED]
_RESOLVED = _INDEX[Signal.RESOLVED]
_REOPENED = _INDEX[Signal.REOPENED]
_CLOSED = _INDEX[Signal.CLOSED]


class Plan:
    """A policy's metric definitions and targets, compiled for the replay.

    ``keys`` are the metrics tracked (for a policy set, those of every policy
    in it); ``measured[i]`` says whether this policy sets targets for
    ``keys[i]``; ``targets[level][i]`` is the target range and calendar of
    ``keys[i]`` at a level, ``None`` when the policy does not measure it (one
    row per level: a clock looks its target up without building a key).
    """

    __slots__ = ("keys", "measured", "on_signal", "on_status", "pauses", "targets")

    def __init__(
        self,
        policy: SLAPolicy,
        keys: Sequence[MetricKey],
        definitions: Sequence[MetricDefinition],
    ) -> None:
        self.keys = tuple(keys)
        self.measured = tuple(policy.measures(key) for key in keys)
        self.pauses = tuple(definition.paused_by for definition in definitions)
        on_signal: dict[Signal, list[tuple[int, int]]] = {}
        on_status: dict[str, list[tuple[int, int]]] = {}
        for i, definition in enumerate(definitions):
            for action, signals in (
                (_STOP, definition.stop),
                (_RESET, definition.reset),
                (_RESUME, definition.resume),
                (_START, definition.start),
            ):
                for signal in signals:
                    on_signal.setdefault(signal, []).append((action, i))
            for action, statuses in (
                (_STOP, definition.stop_statuses),
                (_START, definition.start_statuses),
            ):
                for status in statuses:
                    on_status.setdefault(status, []).append((action, i))
        self.on_signal: tuple[_Actions, ...] = tuple(
            tuple(on_signal.get(signal, ())) for signal in Signal
        )
        self.on_status: dict[str, _Actions] = {k: tuple(v) for k, v in on_status.items()}
        self.targets: dict[str, tuple[tuple[TargetRange | None, Calendar] | None, ...]] = {
            level: tuple(
                (policy.target(key, level), policy.calendar_for(key, level))
                if self.measured[i]
                else None
                for i, key in enumerate(keys)
            )
            for level in policy.level_names
        }


class Chooser:
    """How a policy set picks a ticket's policy as the replay goes (internal).

    Args:
        select: Picks a selection from the ticket's facts and an instant (the
            instant chooses the version of the set).
        policies: Every policy of the set.
        plans: The compiled plan of each, in the same order.
        reselect: Whether a change of the facts picks the policy again.
        drop: Whether clocks that the new policy sets no target for leave the
            report (else they stop, keeping their history).
        versions: Instants at which a new version takes effect, when the
            ticket follows the current version.
        reads: The facts some rule's condition reads (``"priority"``,
            ``"team"``...); a change of another fact cannot change the choice.
    """

    __slots__ = ("drop", "plans", "policies", "reads", "reselect", "select", "versions")

    def __init__(
        self,
        select: Callable[[TicketFacts, int], Selection],
        policies: Sequence[SLAPolicy],
        plans: Sequence[Plan],
        *,
        reselect: bool,
        drop: bool,
        versions: Sequence[int] = (),
        reads: frozenset[str] = frozenset(),
    ) -> None:
        self.select, self.policies, self.plans = select, tuple(policies), tuple(plans)
        self.reads = reads
        self.reselect, self.drop, self.versions = reselect, drop, tuple(versions)


def replay(
    policy: SLAPolicy,
    selection: Selection | None,
    events: Sequence[Event],
    now: dt.datetime,
    *,
    plan: Plan,
    chooser: Chooser | None = None,
    ignore_later: bool = False,
) -> SLAReport:
    """Replay ``events`` and report every metric at ``now``.

    Without a ``chooser`` the ticket stays under ``policy`` (picked by
    ``selection``, if given). With ``ignore_later`` the events after ``now``
    are left out instead of being an error.

    Raises:
        EventLogError: the log cannot be replayed.
        NaiveDatetimeError: ``now`` has no timezone.
    """
    state = _Replay(policy, selection, plan, chooser)
    now_us = to_us(now)
    return state._report(now_us, state.replay(events, now_us, now, ignore_later))


class _Replay:
    """One evaluation (private): validates the log while replaying it."""

    __slots__ = (
        "answered",
        "chooser",
        "clocks",
        "closed",
        "created",
        "facts",
        "index",
        "level",
        "open",
        "opening",
        "plan",
        "policy",
        "resolved",
        "selection",
        "spans",
        "status",
    )

    def __init__(
        self, policy: SLAPolicy, selection: Selection | None, plan: Plan, chooser: Chooser | None
    ) -> None:
        self.policy = policy
        self.selection = selection
        self.plan = plan
        self.chooser = chooser
        self.clocks: list[list[Clock]] = [[] for _ in plan.keys]
        self.open: list[Clock | None] = [None] * len(plan.keys)
        self.level = ""
        self.status = policy.statuses[0]
        self.resolved = self.closed = self.answered = False
        self.opening = 0  # where clocks started by the creation start
        self.facts: TicketFacts | None = None
        self.created = 0
        self.spans: list[tuple[int, Selection | None, SLAPolicy]] = []
        self.index = 0

    # the replay

    def replay(
        self, events: Sequence[Event], now: int, now_dt: dt.datetime, ignore_later: bool
    ) -> int | None:
        """Apply the log, validating it; return the next version's instant, if any.

        The clocks are then ready to measure: :func:`replay` reports them, the
        bulk replay (``sla.bulk``) settles them.
        """
        if not isinstance(events, list | tuple):  # the common forms pass without an ABC check
            check_log(events)
        if not events:
            raise EventLogError("the log is empty; it starts with a Created event")
        first = events[0]
        if not isinstance(first, Created):
            _handler(first, 0)  # not an event at all?
            raise EventLogError(f"a log starts with Created, not {type(first).__name__}", index=0)
        previous = first._us
        if previous > now:
            raise EventLogError(
                f"the ticket was created at {first.at}, after now ({now_dt})", index=0
            )
        self._created(first, previous)
        versions = () if self.chooser is None else self.chooser.versions
        version = bisect_right(versions, previous)  # versions before the creation do not apply
        handlers = _HANDLERS
        for index in range(1, len(events)):
            event = events[index]
            handler = handlers.get(type(event)) or _handler(event, index)
            t = event._us
            if not previous <= t <= now:  # one test for an event in order
                if t < previous:
                    raise EventLogError(
                        f"{type(event).__name__} at {event.at} is before the event before it",
                        index=index,
                    )
                if ignore_later:
                    break
                raise EventLogError(
                    f"{type(event).__name__} at {event.at} is after now ({now_dt})", index=index
                )
            if self.closed and not isinstance(event, Reopened | SurveyAnswered):
                raise EventLogError(
                    f"{type(event).__name__} after the ticket was closed", index=index
                )
            previous = t
            self.index = index
            if versions:
                while version < len(versions) and versions[version] <= t:
                    self._version(versions[version])
                    version += 1
            handler(self, event, t)
        while version < len(versions) and versions[version] <= now:
            self._version(versions[version])
            version += 1
        return versions[version] if version < len(versions) else None

    def _unknown_priority(self, priority: str) -> EventLogError:
        known = ", ".join(level.name for level in self.policy.scheme)
        return EventLogError(
            f"priority {priority!r} is not a level of scheme {self.policy.scheme.name!r} ({known})",
            index=self.index,
        )

    # events

    def _created(self, event: Created, t: int) -> None:
        if self.index:
            raise EventLogError("a log has one Created event, the first", index=self.index)
        self.created = t
        if self.chooser is not None:
            self.facts = TicketFacts.from_created(event)
            self._switch(self._choose(t), t)
        else:
            self.spans.append((t, self.selection, self.policy))
        if event.priority not in self.policy.level_names:
            raise self._unknown_priority(event.priority)
        self.level = event.priority
        self.opening = t
        if self.policy.out_of_hours is OutOfHoursStart.WAIT_FOR_OPENING:
            self.opening = self.policy.calendar._next_open_us(t)
        self._apply(self.plan.on_signal[_CREATED], t, self.opening)

    def _agent_replied(self, event: AgentReplied, t: int) -> None:
        if event.public or self.policy.internal_note_is_response:
            self.answered = True
            actions = self.plan.on_signal[_AGENT_RESPONSE]
            if actions:
                self._apply(actions, t, t)

    def _customer_replied(self, event: CustomerReplied, t: int) -> None:
        if event.awaits_answer and not self.resolved:
            on_signal = self.plan.on_signal
            if on_signal[_CUSTOMER_MESSAGE]:
                self._apply(on_signal[_CUSTOMER_MESSAGE], t, t)
            if self.answered and on_signal[_CUSTOMER_FOLLOW_UP]:
                self._apply(on_signal[_CUSTOMER_FOLLOW_UP], t, t)

    def _status_changed(self, event: StatusChanged, t: int) -> None:
        status = event.status
        if status not in self.policy.statuses:
            raise EventLogError(
                f"status {status!r} is not one of the policy's statuses "
                f"{list(self.policy.statuses)}",
                index=self.index,
            )
        if status == self.status:
            return
        self.status = status
        pauses = self.plan.pauses
        for i, clock in enumerate(self.open):
            if clock is not None:
                clock.set_running(t, status not in pauses[i], status)
        actions = self.plan.on_status.get(status)
        if actions:
            self._apply(actions, t, t)

    def _priority_changed(self, event: PriorityChanged, t: int) -> None:
        if event.priority not in self.policy.level_names:
            raise self._unknown_priority(event.priority)
        if event.priority != self.level:
            self.level = event.priority
            if not self._facts_changed(event, t):
                for i, clock in enumerate(self.open):
                    if clock is not None:
                        self._retarget(i, clock, t)
        self._apply(self.plan.on_signal[_PRIORITY_CHANGED], t, t)

    def _attributes_changed(self, event: AttributesChanged, t: int) -> None:
        self._facts_changed(event, t)

    def _assigned(self, event: Assigned, t: int) -> None:
        if event.team:
            self._facts_changed(event, t)
        self._apply(self.plan.on_signal[_ASSIGNED], t, t)
        if event.escalated:
            self._apply(self.plan.on_signal[_ESCALATED], t, t)

    def _resolved(self, event: Resolved, t: int) -> None:
        if self.resolved:
            raise EventLogError("Resolved, but the ticket is already resolved", index=self.index)
        self.resolved = self.answered = True
        self._apply(self.plan.on_signal[_RESOLVED], t, t)

    def _reopened(self, event: Reopened, t: int) -> None:
        if not self.resolved:
            raise EventLogError("Reopened, but the ticket is not resolved", index=self.index)
        self.resolved = self.closed = False
        self._apply(self.plan.on_signal[_REOPENED], t, t)

    def _closed(self, event: Closed, t: int) -> None:
        if not self.resolved:
            self.resolved = self.answered = True
            self._apply(self.plan.on_signal[_RESOLVED], t, t)
        self._apply(self.plan.on_signal[_CLOSED], t, t)
        self.closed = True

    def _ignored(self, event: Event, t: int) -> None:
        """Escalation events and survey answers: no SLA clock reads them."""

    # clocks

    def _apply(self, actions: _Actions, t: int, start: int) -> None:
        """Apply a signal's or a status's actions at ``t``; clocks started start at ``start``."""
        opened = self.open
        for action, i in actions:
            clock = opened[i]
            if action is _START:
                if clock is None:
                    self._start(i, t, start)
            elif action is _STOP:
                if clock is not None:
                    clock.halt(t)
                    opened[i] = None
            elif action is _RESET:
                if clock is not None:
                    clock.halt(t)
                    self._start(i, t, t)
            elif clock is None and self.clocks[i] and not self.clocks[i][-1].cancelled:  # resume
                clock = self.clocks[i][-1]
                clock.resume(t, self.status not in self.plan.pauses[i], self.status)
                opened[i] = clock
                self._retarget(i, clock, t)

    def _start(self, i: int, t: int, start: int) -> None:
        found = self.plan.targets[self.level][i]
        target, cal = (None, self.policy.calendar) if found is None else found
        status = self.status
        clock = Clock(
            self.plan.keys[i],
            self.level,
            target,
            cal,
            t,
            start,
            status not in self.plan.pauses[i],
            status,
            found is not None,
        )
        self.clocks[i].append(clock)
        self.open[i] = clock

    def _retarget(self, i: int, clock: Clock, t: int) -> None:
        """Give the open clock of metric ``i`` the target of the current policy and level.

        A clock the policy does not measure stops, cancelled (``OnPolicyChange.STOP``),
        or goes on unmeasured, out of the report (``DROP``); an unmeasured clock that
        the policy measures takes its target from its start.
        """
        found = self.plan.targets[self.level][i]
        if found is None:  # this policy does not measure the metric
            if not clock.measured:
                return
            assert self.chooser is not None  # a lone policy measures its metrics
            if self.chooser.drop:
                clock.measured, clock.range, clock.level = False, None, self.level
            else:
                clock.halt(t)
                clock.cancelled = True
                self.open[i] = None
            return
        new_range, new_cal = found
        if not clock.measured:  # a target from its start, the whole history on its calendar
            clock.recalendar(new_cal)
            clock.measured = True
            clock.level, clock.range, clock.cal, clock.since = self.level, new_range, new_cal, t
            return
        if (
            self.level == clock.level
            and (new_range is clock.range or new_range == clock.range)
            and (new_cal is clock.cal or new_cal == clock.cal)
        ):
            return
        if clock.range is not None and clock.counted(t) >= clock.budget(clock.range.breach):
            return  # already breached: a breach is never undone
        mode = self.policy.on_priority_change
        match mode:
            case OnPriorityChange.RECOMPUTE:
                clock.recalendar(new_cal)
            case OnPriorityChange.KEEP_ELAPSED:
                clock.close(t)
            case OnPriorityChange.RESTART:
                clock.runs, clock.halts = [], []
                clock.start = clock.mark = t
            case OnPriorityChange.STRICTER:
                # under STRICTER every run so far is on the clock's calendar
                old_target = None if clock.range is None else clock.range.breach
                old = clock.deadline_on(clock.cal, t, old_target)
                new = clock.deadline_on(new_cal, t, None if new_range is None else new_range.breach)
                if new is None or (old is not None and old <= new):
                    return
                clock.recalendar(new_cal)
        clock.level, clock.range, clock.cal, clock.since = self.level, new_range, new_cal, t

    # choosing the policy

    def _choose(self, t: int) -> Selection:
        assert self.chooser is not None
        assert self.facts is not None
        versions = self.chooser.versions
        at = t if versions else self.created
        try:
            return self.chooser.select(self.facts, at)
        except EventLogError as error:
            raise EventLogError(error.reason, index=self.index) from None

    def _facts_changed(self, event: Event, t: int) -> bool:
        """Update the facts; pick the policy again if the set says so. Whether it changed."""
        if self.chooser is None or self.facts is None:
            return False
        if isinstance(event, PriorityChanged | Assigned):
            read = "priority" if isinstance(event, PriorityChanged) else "team"
            if read not in self.chooser.reads:
                return False
        facts = self.facts.updated(event)
        if facts == self.facts:
            return False
        self.facts = facts
        if not self.chooser.reselect:
            return False
        return self._switch(self._choose(t), t)

    def _version(self, t: int) -> None:
        """A new version of the set takes effect at ``t``."""
        self._switch(self._choose(t), t)

    def _switch(self, selection: Selection, t: int) -> bool:
        """Apply ``selection`` from ``t``; whether the policy changed."""
        if self.spans and selection is self.selection:
            return False
        assert self.chooser is not None
        self.selection = selection
        self.spans.append((t, selection, selection.policy))
        if selection.policy is self.policy and len(self.spans) > 1:
            return False
        self.policy = policy = selection.policy
        for known, plan in zip(self.chooser.policies, self.chooser.plans, strict=True):
            if known is policy:  # by identity; a loop costs a third of next() on a generator
                self.plan = plan
                break
        if self.status not in policy.statuses:
            raise EventLogError(
                f"status {self.status!r} is not one of the statuses of policy {policy.name!r}",
                index=self.index,
            )
        if self.level and self.level not in policy.level_names:
            raise self._unknown_priority(self.level)
        for i, clock in enumerate(self.open):
            if clock is not None:
                self._retarget(i, clock, t)
                clock.set_running(t, self.status not in self.plan.pauses[i], self.status)
        return True

    # the report

    def _report(self, now: int, upcoming: int | None) -> SLAReport:
        policy, plan, chooser = self.policy, self.plan, self.chooser
        tz = policy.calendar.tz
        targets = plan.targets[self.level]
        reports = []
        changes: list[int] = [] if upcoming is None else [upcoming]
        for i, clocks in enumerate(self.clocks):
            if not plan.measured[i] and chooser is not None and chooser.drop:
                continue  # a metric the current policy does not measure leaves the report
            cycles: tuple[Cycle, ...] = ()
            for clock in clocks:  # a loop: a comprehension's frame costs more for one or two
                if clock.measured:  # (without a policy set, every clock is)
                    cycles += (clock.measure(now, tz, changes),)
            if cycles:
                state = cycles[-1].state
            elif not plan.measured[i]:
                continue  # no history from an earlier policy either
            else:
                found = targets[i]
                state = _NOT_APPLICABLE if found is None or found[0] is None else _PENDING
            reports.append(_metric_report(plan.keys[i], state, cycles))
        return _sla_report(  # an SLAReport, its fields in order
            from_us(now, tz),  # now
            policy,
            self.selection,  # rule
            self.level,  # priority
            self.status,
            self.resolved,
            tuple(reports),  # metrics
            from_us(min(changes), tz) if changes else None,  # next_change_at
            tuple(self.spans),
        )


_Handler = Callable[[_Replay, object, int], None]
_HANDLERS: dict[type, _Handler] = {
    Created: _Replay._created,  # type: ignore[dict-item]
    AgentReplied: _Replay._agent_replied,  # type: ignore[dict-item]
    CustomerReplied: _Replay._customer_replied,  # type: ignore[dict-item]
    StatusChanged: _Replay._status_changed,  # type: ignore[dict-item]
    PriorityChanged: _Replay._priority_changed,  # type: ignore[dict-item]
    AttributesChanged: _Replay._attributes_changed,  # type: ignore[dict-item]
    Assigned: _Replay._assigned,  # type: ignore[dict-item]
    Resolved: _Replay._resolved,  # type: ignore[dict-item]
    Reopened: _Replay._reopened,  # type: ignore[dict-item]
    Closed: _Replay._closed,  # type: ignore[dict-item]
    Escalated: _Replay._ignored,  # type: ignore[dict-item]
    EscalationRequested: _Replay._ignored,  # type: ignore[dict-item]
    SurveyAnswered: _Replay._ignored,  # type: ignore[dict-item]
}
"""One handler per concrete event type (``AnyEvent``)."""


def _handler(event: object, index: int) -> _Handler:
    """The handler of a subclass of an event type, or an ``EventLogError``."""
    for kind in type(event).__mro__:
        handler = _HANDLERS.get(kind)
        if handler is not None:
            return handler
    raise EventLogError(f"not an event: {brief(event, 200)}", index=index)


def check_log(events: object) -> None:
    """A log is a sequence of events: text, a mapping or a lone event is not."""
    if isinstance(events, str | bytes | bytearray) or not isinstance(events, Sequence):
        raise ConfigError(f"expected a list of events, got {describe(events)}", field="events")
