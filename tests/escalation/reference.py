"""A slow, obvious ladder evaluator: the reference the differential tests compare against.

It shares nothing with ``servicedesk_core.escalation.evaluation`` but the
ladder's data: it replays the log with plain ifs, decides elapsed triggers
with ``calendar.elapsed`` (the library uses ``add``), evaluates the SLA
afresh at every instant it looks at, and finds the next instant by bisection
on integer microseconds.
"""

from __future__ import annotations

import datetime as dt

from servicedesk_core import (
    AgentReplied,
    Assigned,
    ClockState,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    PriorityChanged,
    Reopened,
    Resolved,
    SLAPolicy,
)
from servicedesk_core.escalation import EscalationLadder, OnResolve, Since, TriggerKind

US = dt.timedelta(microseconds=1)


def due_levels(
    ladder: EscalationLadder, events: list, t: dt.datetime, policy: SLAPolicy | None
) -> tuple[str | None, frozenset[str]]:
    """(highest level reached, the names of the levels due) at ``t``."""
    created = events[0].at
    round_start = created
    priority, team, tier = events[0].priority, "", None
    team_since = last_update = created
    requests: list[dt.datetime] = []
    escalations: list[tuple[dt.datetime, str]] = []
    active = True
    for event in events:
        if isinstance(event, Created):
            continue
        if isinstance(event, PriorityChanged):
            priority = event.priority
        elif isinstance(event, Assigned):
            new_team = event.team if event.team else team
            new_tier = event.tier if event.tier is not None else tier
            if new_team != team or new_tier != tier or event.escalated:
                team_since = event.at
            team, tier = new_team, new_tier
        elif isinstance(event, AgentReplied):
            if event.public:
                last_update = event.at
        elif isinstance(event, EscalationRequested):
            requests.append(event.at)
        elif isinstance(event, Escalated):
            escalations.append((event.at, event.level))
        elif isinstance(event, Resolved | Closed):
            active = False
        elif isinstance(event, Reopened):
            active = True
            if ladder.on_resolve is OnResolve.RESET:
                round_start = event.at
    # a reset forgets what came before the reopen's instant (not what came at it)
    requests = [at for at in requests if at >= round_start]
    reached = {level for at, level in escalations if at >= round_start}
    names = [level.name for level in ladder.levels]
    top = max((names.index(name) for name in reached), default=-1)
    highest = names[top] if top >= 0 else None
    if not active:
        return highest, frozenset()
    report = policy.evaluate(events, t) if policy is not None else None
    due = set()
    for level in ladder.levels[top + 1 :]:
        if level.priorities is not None and priority not in level.priorities:
            continue
        if level.teams is not None and team not in level.teams:
            continue
        if level.tiers is not None and tier not in level.tiers:
            continue
        for trigger in level.triggers:
            if trigger.kind is TriggerKind.ELAPSED:
                origin = {
                    Since.CREATED: round_start,
                    Since.TEAM: max(team_since, round_start),
                    Since.AGENT_UPDATE: max(last_update, round_start),
                }[trigger.since]
                calendar = level.calendar if level.calendar is not None else ladder.calendar
                fired = calendar.elapsed(origin, t) >= trigger.after
            elif trigger.kind is TriggerKind.REQUESTED:
                fired = len(requests) >= trigger.count
            else:
                assert report is not None
                fired = False
                for metric_report in report.metrics:
                    if trigger.metric is not None and metric_report.metric is not trigger.metric:
                        continue
                    for cycle in metric_report.cycles:
                        if cycle.target is None:
                            continue
                        if cycle.stopped_at is not None and cycle.stopped_at <= round_start:
                            continue
                        if trigger.kind is TriggerKind.SLA_BREACHED:
                            fired = fired or cycle.state is ClockState.BREACHED
                        else:
                            budget = cycle.elapsed + cycle.remaining
                            used = round(budget // US * trigger.fraction)
                            fired = fired or cycle.elapsed // US >= used
            if fired:
                due.add(level.name)
                break
    return highest, frozenset(due)


def next_at(
    ladder: EscalationLadder,
    events: list,
    now: dt.datetime,
    policy: SLAPolicy | None,
    horizon: dt.timedelta,
) -> dt.datetime | None:
    """The first instant in ``(now, now + horizon]`` at which a new level is due, by bisection."""
    _highest, base = due_levels(ladder, events, now, policy)

    def more(t: dt.datetime) -> bool:
        return not due_levels(ladder, events, t, policy)[1] <= base

    low, high = now, now + horizon  # more(low) is false
    if not more(high):
        return None
    while high - low > US:
        middle = low + (high - low) // 2 // US * US
        if more(middle):
            high = middle
        else:
            low = middle
    return high
