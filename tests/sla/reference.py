"""A slow, obvious reference SLA evaluator for differential tests.

It replays the log into plain records (when each cycle started, stopped, ran,
halted, changed level or policy), then measures everything by walking the
calendar's ``open_intervals`` one interval at a time. It never calls
``calendar.add`` or ``calendar.elapsed`` and shares no code with
``servicedesk_core.sla`` beyond reading the public fields of policies, policy
sets and metric definitions: the built-in metrics' rules are its own table
(``RULES``), and it picks a policy set's rules itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from servicedesk_core import (
    AgentReplied,
    Assigned,
    AttributesChanged,
    Calendar,
    ClockState,
    Closed,
    Created,
    CustomerReplied,
    FollowVersion,
    Metric,
    OnPolicyChange,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PolicySet,
    PriorityChanged,
    Reopened,
    Reselect,
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
    metric: object
    opened: dt.datetime  # when the cycle was created (toggles are recorded from here)
    start: dt.datetime
    policy: SLAPolicy  # the policy and level when it was created
    level: str
    measured: bool  # whether a policy applied gives the metric a target (as the replay goes)
    toggles: list[tuple[dt.datetime, bool]] = field(default_factory=list)
    changes: list[tuple[dt.datetime, SLAPolicy, str]] = field(default_factory=list)
    stop: dt.datetime | None = None
    cancelled: bool = False
    first_measured: bool = False


@dataclass
class RefCycle:
    state: ClockState
    started_at: dt.datetime
    stopped_at: dt.datetime | None
    due_at: dt.datetime | None
    elapsed: dt.timedelta
    priority: str
    counted: list[tuple[dt.datetime, dt.datetime, Calendar]] = field(default_factory=list)

    def counted_between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        """Open time of the counted pieces within ``[a, b)``."""
        return sum(
            (
                open_time(cal, max(lo, a, key=utc), min(hi, b, key=utc))
                for lo, hi, cal in self.counted
            ),
            ZERO,
        )


def budget(target: Target, cal: Calendar, start: dt.datetime) -> dt.timedelta:
    """Business days go through ``add_days`` (checked against the calendar oracle elsewhere)."""
    if target.duration is not None:
        return target.duration
    assert target.business_days is not None
    due = cal.add_days(start, target.business_days, end_of_day=target.end_of_day)
    return open_time(cal, start, due)


ANSWERED = {"agent_response", "resolved"}
UPDATE = ({"created", "reopened"}, {"resolved"}, {"agent_response"}, set())
WHOLE_LIFE = ({"created"}, {"resolved"}, set(), {"reopened"})


def owner(policy: SLAPolicy, metric: object, others: list[SLAPolicy]) -> SLAPolicy:
    """The policy whose definition of a custom metric applies (its own, else the first's)."""
    for candidate in [policy, *others]:
        if any(definition.name == metric for definition in candidate.custom_metrics):
            return candidate
    return policy


def rules(policy: SLAPolicy, metric: object) -> tuple[set, set, set, set, set, set]:
    """(start, stop, reset, resume, start statuses, stop statuses) of a metric under a policy."""
    if not isinstance(metric, Metric):
        for definition in policy.custom_metrics:
            if definition.name == metric:
                return (
                    {s.value for s in definition.start},
                    {s.value for s in definition.stop},
                    {s.value for s in definition.reset},
                    {s.value for s in definition.resume},
                    set(definition.start_statuses),
                    set(definition.stop_statuses),
                )
        raise KeyError(metric)
    if metric is Metric.FIRST_RESPONSE:
        found = ({"created"}, ANSWERED, set(), set())
    elif metric is Metric.NEXT_RESPONSE:
        opening = policy.next_response_from_opening
        start = {"created", "customer_message"} if opening else {"customer_follow_up"}
        found = (start, ANSWERED, set(), set())
    elif metric in (Metric.PERIODIC_UPDATE, Metric.PAUSABLE_UPDATE):
        found = UPDATE
    elif metric is Metric.ESCALATION:
        found = ({"created"}, {"escalated", "resolved"}, set(), set())
    elif policy.on_reopen is OnReopen.RESUME:
        found = WHOLE_LIFE
    else:
        found = ({"created", "reopened"}, {"resolved"}, set(), set())
    return (*found, set(), set())


def pauses(policy: SLAPolicy, metric: object) -> frozenset[str]:
    given = dict(policy.paused_by)
    if metric in given:
        return given[metric]
    for definition in policy.custom_metrics:
        if definition.name == metric:
            return definition.paused_by
    return frozenset()


def measures(policy: SLAPolicy, metric: object) -> bool:
    return any(key == metric for key, _levels in policy.targets)


def matches(when, facts: dict) -> bool:
    if when.priorities is not None and facts["priority"] not in when.priorities:
        return False
    if when.channels is not None and facts["channel"] not in when.channels:
        return False
    if when.teams is not None and facts["team"] not in when.teams:
        return False
    if any(facts["attributes"].get(key) not in allowed for key, allowed in when.attributes):
        return False
    return when.tags <= facts["tags"]


def pick(rule_set: PolicySet, facts: dict, at: dt.datetime):
    """The first matching rule's policy, in the version in effect at ``at``."""
    rules_now = rule_set.rules
    for version in rule_set.versions:
        if utc(version.effective) <= utc(at):
            rules_now = version.rules
    for rule in rules_now:
        if matches(rule.when, facts):
            return rule
    raise AssertionError("reference: no rule matches")


def reference(
    policy: SLAPolicy | PolicySet, events: list, now: dt.datetime
) -> dict[object, list[RefCycle]]:
    """Each shown metric's cycles, as the engine should report them."""
    rule_set = policy if isinstance(policy, PolicySet) else None
    if rule_set is None:
        assert isinstance(policy, SLAPolicy)
        tracked = list(policy.metrics)
        current = policy
    else:
        every = [rule.policy for rule in rule_set.rules]
        every += [rule.policy for version in rule_set.versions for rule in version.rules]
        tracked = [m for m in Metric if any(measures(p, m) for p in every)]
        tracked += list(
            dict.fromkeys(m for p in every for m in p.metrics if not isinstance(m, Metric))
        )
        current = every[0]
    records: dict[object, list[Record]] = {metric: [] for metric in tracked}
    status = current.statuses[0]
    level = ""
    resolved = answered = False
    opening = now
    facts: dict = {}
    created_at = now
    rule = None
    follow_current = rule_set is not None and rule_set.follow_version is FollowVersion.CURRENT
    boundaries = sorted((v.effective for v in rule_set.versions), key=utc) if follow_current else []
    drop = rule_set is not None and rule_set.on_policy_change is OnPolicyChange.DROP

    every_policy = every if rule_set is not None else [current]

    def runs(metric: object) -> bool:
        return status not in pauses(owner(current, metric, every_policy), metric)

    def open_record(metric: object) -> Record | None:
        found = records.get(metric)
        return found[-1] if found and found[-1].stop is None else None

    def begin(metric: object, at: dt.datetime, start: dt.datetime | None = None) -> None:
        if open_record(metric) is None:
            measured = measures(current, metric)
            records[metric].append(
                Record(
                    metric,
                    at,
                    start or at,
                    current,
                    level,
                    measured,
                    [(at, runs(metric))],
                    first_measured=measured,
                )
            )

    def end(metric: object, at: dt.datetime) -> None:
        record = open_record(metric)
        if record is not None:
            record.stop = at

    def signal(name: str, t: dt.datetime) -> None:
        for metric in tracked:
            start, stop, reset, resume, _, _ = rules(owner(current, metric, every_policy), metric)
            if name in stop:
                end(metric, t)
            if name in reset and open_record(metric) is not None:
                end(metric, t)
                begin(metric, t)
            if name in resume and open_record(metric) is None and records[metric]:
                record = records[metric][-1]
                if not record.cancelled:
                    record.toggles.append((record.stop, False))
                    record.toggles.append((t, runs(metric)))
                    record.stop = None
                    if measures(current, metric) or not record.measured or drop:
                        record.changes.append((t, current, level))
                        record.measured = measures(current, metric)
                    else:  # resumed under a policy that no longer measures it
                        record.stop, record.cancelled = t, True
            if name in start:
                begin(metric, t, opening if name == "created" else t)

    def switch(t: dt.datetime) -> None:
        nonlocal current, rule
        at = t if follow_current else created_at
        chosen = pick(rule_set, facts, at)
        if rule is not None and chosen is rule:
            return
        rule = chosen
        if chosen.policy is current:
            return
        current = chosen.policy
        for metric in tracked:
            record = open_record(metric)
            if record is None:
                continue
            if measures(current, metric):
                record.measured = True
                record.changes.append((t, current, level))
            elif record.measured:
                if drop:
                    record.measured = False
                    record.changes.append((t, current, level))
                else:
                    record.stop, record.cancelled = t, True
                    continue
            record.toggles.append((t, runs(metric)))

    def facts_changed(t: dt.datetime) -> bool:
        if rule_set is None or rule_set.reselect is not Reselect.ON_CHANGE:
            return False
        before = current
        switch(t)
        return current is not before

    for event in events:
        t = event.at
        if isinstance(event, Created):
            created_at = t
            facts = {
                "priority": event.priority,
                "channel": event.channel,
                "attributes": dict(event.attributes),
                "tags": set(event.tags),
                "team": "",
            }
            if rule_set is not None:
                switch(t)
            while boundaries and utc(boundaries[0]) <= utc(t):
                boundaries.pop(0)  # versions before the creation do not apply
            level = event.priority
            opening = t
            if current.out_of_hours is OutOfHoursStart.WAIT_FOR_OPENING:
                opening = current.calendar.next_open(t)
            signal("created", t)
            continue
        while boundaries and utc(boundaries[0]) <= utc(t):
            switch(boundaries.pop(0))
        if isinstance(event, AgentReplied):
            if event.public or current.internal_note_is_response:
                answered = True
                signal("agent_response", t)
        elif isinstance(event, CustomerReplied):
            if event.awaits_answer and not resolved:
                signal("customer_message", t)
                if answered:
                    signal("customer_follow_up", t)
        elif isinstance(event, StatusChanged):
            if event.status != status:
                status = event.status
                for metric in tracked:
                    record = open_record(metric)
                    if record is not None:
                        record.toggles.append((t, runs(metric)))
                for metric in tracked:
                    _, _, _, _, starts, stops = rules(owner(current, metric, every_policy), metric)
                    if status in stops:
                        end(metric, t)
                    if status in starts:
                        begin(metric, t)
        elif isinstance(event, PriorityChanged):
            if event.priority != level:
                level = event.priority
                facts["priority"] = level
                if not facts_changed(t):
                    for metric in tracked:
                        record = open_record(metric)
                        if record is not None and record.measured:
                            record.changes.append((t, current, level))
            signal("priority_changed", t)
        elif isinstance(event, AttributesChanged):
            if event.channel is not None:
                facts["channel"] = event.channel
            for key, value in event.attributes:
                if value:
                    facts["attributes"][key] = value
                else:
                    facts["attributes"].pop(key, None)
            facts["tags"] = (facts["tags"] | event.tags_added) - event.tags_removed
            facts_changed(t)
        elif isinstance(event, Assigned):
            if event.team:
                facts["team"] = event.team
                facts_changed(t)
            signal("assigned", t)
            if event.escalated:
                signal("escalated", t)
        elif isinstance(event, Resolved):
            resolved = answered = True
            signal("resolved", t)
        elif isinstance(event, Closed):
            if not resolved:
                resolved = answered = True
                signal("resolved", t)
            signal("closed", t)
        elif isinstance(event, Reopened):
            resolved = False
            signal("reopened", t)
    while boundaries and utc(boundaries[0]) <= utc(now):
        switch(boundaries.pop(0))
    shown = {}
    for metric, found in records.items():
        cycles = [measure(record, now, drop) for record in found]
        cycles = [cycle for cycle in cycles if cycle is not None]
        if measures(current, metric) or (cycles and not drop):
            shown[metric] = cycles
    return shown


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


def measure(record: Record, now: dt.datetime, drop: bool) -> RefCycle | None:
    """The cycle as the engine reports it, or ``None`` when it is not shown (never measured)."""
    metric = record.metric
    policy, level = record.policy, record.level
    measured = record.first_measured
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

    def projected(when, on_policy, lvl: str, on: Calendar) -> dt.datetime | None:
        """The deadline of ``lvl``'s target with all history on ``on``, running on from ``when``."""
        target = on_policy.target(metric, lvl)
        if target is None:
            return None
        left = budget(target.breach, on, start) - counted(when, [(record.opened, on)])
        return when if left <= ZERO else reach([Piece(when, None, on)], left)

    for when, new_policy, new_level in record.changes:
        if not measures(new_policy, metric):
            measured = False  # dropped: it goes on unmeasured
            policy, level = new_policy, new_level
            continue
        new_cal = new_policy.calendar_for(metric, new_level)
        if not measured:  # a target from its start, the whole history on its calendar
            measured = True
            cal_at = [(record.opened, new_cal)]
            policy, level, cal = new_policy, new_level, new_cal
            continue
        target = policy.target(metric, level)
        if new_level == level and new_policy.target(metric, new_level) == target and new_cal == cal:
            policy = new_policy
            continue
        if target is not None and counted(when) >= budget(target.breach, cal, start):
            continue  # breached before the change: kept
        mode = new_policy.on_priority_change
        if mode is OnPriorityChange.RECOMPUTE:
            cal_at = [(record.opened, new_cal)]
        elif mode is OnPriorityChange.KEEP_ELAPSED:
            cal_at.append((when, new_cal))
        elif mode is OnPriorityChange.RESTART:
            start = when
            cal_at = [(record.opened, new_cal)]
        else:  # STRICTER
            old = projected(when, policy, level, cal)
            new = projected(when, new_policy, new_level, new_cal)
            if new is None or (old is not None and old <= new):
                continue  # the old target stays
            cal_at = [(record.opened, new_cal)]
        policy, level, cal = new_policy, new_level, new_cal
    if not measured:
        return None

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
    elif record.cancelled:
        state = ClockState.CANCELLED
    elif stop is not None:
        state = ClockState.ACHIEVED
    elif not running_at_before(record, now):
        state = ClockState.PAUSED
    else:
        state = ClockState.RUNNING
    counted = [
        (piece.start, piece.end or end, piece.cal)
        for piece in (pieces_of(record, start, end, cal_at) if end > start else [])
    ]
    return RefCycle(state, shown_start, stop, due_at, elapsed, level, counted)
