"""A slow, obvious reference SLA evaluator for differential tests.

It replays the log into plain records (when each cycle started, stopped, ran,
halted, changed level), then measures everything by walking the calendar's
``open_intervals`` one interval at a time. It never calls ``calendar.add`` or
``calendar.elapsed`` and shares no code with ``servicedesk_core.sla`` beyond
reading a policy's public fields.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from servicedesk_core import (
    AgentReplied,
    Assigned,
    Calendar,
    ClockState,
    Closed,
    Created,
    CustomerReplied,
    Metric,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PriorityChanged,
    Reopened,
    Resolved,
    SLAPolicy,
    StatusChanged,
    Target,
)

ZERO = dt.timedelta(0)
CHUNK = dt.timedelta(days=40)
FAR = dt.timedelta(days=4000)


def utc(t: dt.datetime) -> dt.datetime:
    """Aware datetimes in one zone subtract as wall clocks; in UTC they subtract as instants."""
    return t.astimezone(dt.UTC)


def open_time(cal: Calendar, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Open time in ``[a, b)`` by summing open intervals."""
    if b <= a:
        return ZERO
    return sum((utc(hi) - utc(lo) for lo, hi in cal.open_intervals(a, b)), ZERO)


@dataclass
class Piece:
    """A wall span in which a clock ran, measured on ``cal``; ``end`` None: open-ended."""

    start: dt.datetime
    end: dt.datetime | None
    cal: Calendar


def reach(pieces: list[Piece], amount: dt.timedelta) -> dt.datetime | None:
    """The earliest instant at which the pieces' open time reaches ``amount``."""
    if not pieces:
        return None
    if amount <= ZERO:
        return pieces[0].start
    acc = ZERO
    for piece in pieces:
        lo = utc(piece.start)
        while True:
            hi = piece.end if piece.end is not None else lo + CHUNK
            for a, b in piece.cal.open_intervals(lo, hi):
                a, b = utc(a), utc(b)
                if acc + (b - a) >= amount:
                    return a + (amount - acc)
                acc += b - a
            if piece.end is not None:
                break
            if lo - piece.start > FAR:
                raise AssertionError("reference: deadline too far")
            lo = hi
    return None


@dataclass
class Record:
    metric: Metric
    opened: dt.datetime  # when the cycle was created (toggles are recorded from here)
    start: dt.datetime
    level: str
    running: bool
    toggles: list[tuple[dt.datetime, bool]] = field(default_factory=list)
    levels: list[tuple[dt.datetime, str]] = field(default_factory=list)
    stop: dt.datetime | None = None


@dataclass
class RefCycle:
    state: ClockState
    started_at: dt.datetime
    stopped_at: dt.datetime | None
    due_at: dt.datetime | None
    elapsed: dt.timedelta
    priority: str


def budget(target: Target, cal: Calendar, start: dt.datetime) -> dt.timedelta:
    """Business days go through ``add_days`` (checked against the calendar oracle elsewhere)."""
    if target.duration is not None:
        return target.duration
    assert target.business_days is not None
    due = cal.add_days(start, target.business_days, end_of_day=target.end_of_day)
    return open_time(cal, start, due)


def reference(policy: SLAPolicy, events: list, now: dt.datetime) -> dict[Metric, list[RefCycle]]:
    records: dict[Metric, list[Record]] = {metric: [] for metric in policy.metrics}
    status = policy.statuses[0]
    level = ""
    resolved = False
    answered = False

    def runs(metric: Metric) -> bool:
        return status not in policy.pauses(metric)

    def open_record(metric: Metric) -> Record | None:
        found = records.get(metric)
        return found[-1] if found and found[-1].stop is None else None

    def begin(metric: Metric, at: dt.datetime, start: dt.datetime | None = None) -> None:
        if metric in records:
            records[metric].append(
                Record(metric, at, start or at, level, runs(metric), [(at, runs(metric))])
            )

    def end(metric: Metric, at: dt.datetime) -> None:
        record = open_record(metric)
        if record is not None:
            record.stop = at

    for event in events:
        t = event.at
        if isinstance(event, Created):
            level = event.priority
            start = t
            if policy.out_of_hours is OutOfHoursStart.WAIT_FOR_OPENING:
                start = policy.calendar.next_open(t)
            for metric in (
                Metric.FIRST_RESPONSE,
                Metric.PERIODIC_UPDATE,
                Metric.ESCALATION,
                Metric.RESOLUTION,
            ):
                begin(metric, t, start)
        elif isinstance(event, AgentReplied):
            if event.public or policy.internal_note_is_response:
                answered = True
                end(Metric.FIRST_RESPONSE, t)
                end(Metric.NEXT_RESPONSE, t)
                if open_record(Metric.PERIODIC_UPDATE) is not None:
                    end(Metric.PERIODIC_UPDATE, t)
                    if not resolved:
                        begin(Metric.PERIODIC_UPDATE, t)
        elif isinstance(event, CustomerReplied):
            if (
                event.awaits_answer
                and answered
                and not resolved
                and open_record(Metric.NEXT_RESPONSE) is None
            ):
                begin(Metric.NEXT_RESPONSE, t)
        elif isinstance(event, StatusChanged):
            status = event.status
            for metric in records:
                record = open_record(metric)
                if record is not None:
                    record.toggles.append((t, runs(metric)))
        elif isinstance(event, PriorityChanged):
            if event.priority != level:
                level = event.priority
                for metric in records:
                    record = open_record(metric)
                    if record is not None:
                        record.levels.append((t, level))
        elif isinstance(event, Assigned):
            if event.escalated:
                end(Metric.ESCALATION, t)
        elif isinstance(event, Resolved | Closed):
            if not resolved:
                resolved = answered = True
                for metric in records:
                    end(metric, t)
        elif isinstance(event, Reopened):
            resolved = False
            if records.get(Metric.RESOLUTION):
                if policy.on_reopen is OnReopen.RESUME:
                    record = records[Metric.RESOLUTION][-1]
                    assert record.stop is not None
                    record.toggles.append((record.stop, False))
                    record.toggles.append((t, runs(Metric.RESOLUTION)))
                    record.stop = None
                    current = record.levels[-1][1] if record.levels else record.level
                    if current != level:
                        record.levels.append((t, level))
                else:
                    begin(Metric.RESOLUTION, t)
            begin(Metric.PERIODIC_UPDATE, t)
    return {
        metric: [measure(policy, record, now) for record in found]
        for metric, found in records.items()
    }


def pieces_of(
    record: Record, start: dt.datetime, end: dt.datetime, cal_at: list[tuple[dt.datetime, Calendar]]
) -> list[Piece]:
    """The running pieces of a record within ``[start, end)``, split where the calendar changes.

    The last piece is open-ended when the clock was running at ``end``.
    """
    marks = sorted({t for t, _ in record.toggles} | {t for t, _ in cal_at})
    running = False
    pieces: list[Piece] = []

    def running_at(t: dt.datetime) -> bool:
        state = False
        for when, value in record.toggles:
            if when <= t:
                state = value
        return state

    def cal_for(t: dt.datetime) -> Calendar:
        chosen = cal_at[0][1]
        for when, cal in cal_at:
            if when <= t:
                chosen = cal
        return chosen

    bounds = [m for m in marks if start < m < end]
    edges = [start, *bounds, end]
    for a, b in itertools.pairwise(edges):
        running = running_at(a)
        if running and a < b:
            pieces.append(Piece(a, b, cal_for(a)))
    tail_running = running_at(end) if record.stop is None else running_at_before(record, end)
    if tail_running:
        if pieces and pieces[-1].end == end and pieces[-1].cal is cal_for(end):
            pieces[-1] = Piece(pieces[-1].start, None, pieces[-1].cal)
        else:
            pieces.append(Piece(max(start, end), None, cal_for(end)))
    return pieces


def running_at_before(record: Record, stop: dt.datetime) -> bool:
    """Whether the clock was running just before it stopped (at ``stop`` itself if opened then)."""
    state = False
    for when, value in record.toggles:
        if when <= stop:
            state = value
    return state


def measure(policy: SLAPolicy, record: Record, now: dt.datetime) -> RefCycle:
    metric = record.metric
    level = record.level
    start = record.start
    cal = policy.calendar_for(metric, level)
    cal_at: list[tuple[dt.datetime, Calendar]] = [(record.opened, cal)]
    stop = record.stop
    end = now if stop is None else stop

    def counted(upto: dt.datetime, cals: list[tuple[dt.datetime, Calendar]] | None = None):
        total = ZERO
        for piece in pieces_of(record, start, upto, cal_at if cals is None else cals):
            total += open_time(piece.cal, piece.start, piece.end or upto)
        return total

    def projected(when: dt.datetime, lvl: str, on: Calendar) -> dt.datetime | None:
        """The deadline of ``lvl``'s target with all history on ``on``, running on from ``when``."""
        target = policy.target(metric, lvl)
        if target is None:
            return None
        left = budget(target.breach, on, start) - counted(when, [(record.opened, on)])
        return when if left <= ZERO else reach([Piece(when, None, on)], left)

    for when, new_level in record.levels:
        target = policy.target(metric, level)
        if target is not None and counted(when) >= budget(target.breach, cal, start):
            break  # breached before the change: kept
        new_cal = policy.calendar_for(metric, new_level)
        mode = policy.on_priority_change
        if mode is OnPriorityChange.RECOMPUTE:
            cal_at = [(record.opened, new_cal)]
        elif mode is OnPriorityChange.KEEP_ELAPSED:
            cal_at.append((when, new_cal))
        elif mode is OnPriorityChange.RESTART:
            start = when
            cal_at = [(record.opened, new_cal)]
        else:  # STRICTER
            old, new = projected(when, level, cal), projected(when, new_level, new_cal)
            if new is None or (old is not None and old <= new):
                continue
            cal_at = [(record.opened, new_cal)]
        level, cal = new_level, new_cal

    target = policy.target(metric, level)
    shown_start = start if stop is None else min(start, stop)
    elapsed = counted(end) if end > start else ZERO
    due_at = None
    if target is not None:
        pieces = pieces_of(record, start, end, cal_at) if end >= start else []
        if not pieces and end < start and running_at_before(record, end):
            pieces = [Piece(start, None, cal)]
        due_at = reach(pieces, budget(target.breach, cal, start))
    if target is None:
        state = ClockState.NOT_APPLICABLE
    elif stop is None and now < start:
        state = ClockState.PENDING
    elif due_at is not None and due_at <= end:
        state = ClockState.BREACHED
    elif stop is not None:
        state = ClockState.ACHIEVED
    elif not running_at_before(record, now):
        state = ClockState.PAUSED
    else:
        state = ClockState.RUNNING
    return RefCycle(state, shown_start, stop, due_at, elapsed, level)
