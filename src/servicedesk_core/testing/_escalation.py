"""Hypothesis strategies for workflows, escalation ladders and escalation event logs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.calendar import BusinessCalendar, Calendar
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    EscalationLadder,
    Level,
    OnResolve,
    ReferenceFormat,
    Routing,
    RoutingRule,
    StatusCategory,
    Team,
    TicketReferences,
    Trigger,
    Workflow,
)
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    CustomerReplied,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    SurveyAnswered,
)
from servicedesk_core.priority import FOUR_TIER, PriorityScheme
from servicedesk_core.sla import DEFAULT_STATUSES, Metric, SLAPolicy

__all__ = [
    "TEAMS",
    "escalation_steps",
    "ladders",
    "reference_formats",
    "routings",
    "ticket_references",
    "workflows",
]

TEAMS = (("Tier 1", 1), ("Tier 2", 2), ("Vendor", 3))
"""The teams (name, tier) the escalation event logs hand tickets between."""

_ENGINEERS = ("ann", "bob", "cat")
_MIDDLE = (*DEFAULT_STATUSES, "triage")


@st.composite
def workflows(draw: st.DrawFn, *, max_statuses: int = 7) -> Workflow:
    """Valid random workflows: every status reachable, the closed one reachable from each.

    Besides ``new``, ``resolved`` and ``closed`` they have up to
    ``max_statuses - 3`` open or waiting statuses named like the SLA policies'
    default statuses (and ``triage``), random extra transitions, an optional
    reopen (from resolved, closed or both) and random guards.
    """
    if max_statuses < 3:
        raise InvalidArgument(f"max_statuses={max_statuses}: a workflow has at least 3 statuses")
    middle = draw(
        st.lists(
            st.sampled_from(_MIDDLE), unique=True, max_size=min(max_statuses - 3, len(_MIDDLE))
        )
    )
    categories = {name: draw(st.sampled_from(["open", "waiting"])) for name in middle}
    statuses = {"new": "new", **categories, "resolved": "resolved", "closed": "closed"}
    edges: set[tuple[str, str]] = {("resolved", "closed")}
    for index, name in enumerate(middle):  # each reachable from new or an earlier one
        edges.add((draw(st.sampled_from(["new", *middle[:index]])), name))
    finishing = ["resolved"]
    for name in reversed(["new", *middle]):  # each reaches one that finishes
        edges.add((name, draw(st.sampled_from(finishing))))
        finishing.append(name)
    working = ["new", *middle]
    for source, target in draw(
        st.lists(
            st.tuples(st.sampled_from(working), st.sampled_from([*working, "resolved", "closed"]))
        )
    ):
        if source != target:
            edges.add((source, target))
    reopen_to = draw(st.sampled_from(working))
    for source in draw(st.sampled_from([(), ("resolved",), ("closed",), ("resolved", "closed")])):
        edges.add((source, reopen_to))
    return Workflow(
        name="random",
        statuses=statuses,
        transitions=sorted(edges),
        require_note=draw(st.booleans()),
        reopen_within=draw(st.sampled_from([None, dt.timedelta(hours=1), dt.timedelta(days=7)])),
        survey_on_close=draw(st.booleans()),
    )


@st.composite
def ladders(
    draw: st.DrawFn,
    *,
    scheme: PriorityScheme | None = FOUR_TIER,
    calendars: st.SearchStrategy[Calendar] | None = None,
    max_levels: int = 4,
    sla_triggers: bool = True,
    on_resolve: Sequence[OnResolve] = tuple(OnResolve),
) -> EscalationLadder:
    """Valid random ladders: triggers that increase from level to level.

    Levels are scoped at random to priorities of ``scheme`` (none without
    one), to the teams and tiers of ``TEAMS``, and some count time on
    their own calendar. ``calendars`` draws the ladder's calendar (default:
    calendar time); ``sla_triggers=False`` leaves out the triggers that need
    an SLA report.
    """
    if max_levels < 1:
        raise InvalidArgument(f"max_levels={max_levels} must be at least 1")
    if not on_resolve:
        raise InvalidArgument("on_resolve must not be empty")
    calendar = draw(calendars) if calendars is not None else BusinessCalendar.always_open()
    kinds = ["elapsed", "requested", *(["sla"] if sla_triggers else [])]
    reached = _Reached()
    levels = []
    for position in range(draw(st.integers(1, max_levels))):
        triggers = []
        for kind in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=2, unique=True)):
            triggers.append(draw(_next_trigger(kind, reached)))
        level_calendar = draw(st.sampled_from([None, None, calendar]))
        priorities = None
        if scheme is not None and draw(st.booleans()):
            names = [level.name for level in scheme]
            priorities = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
        levels.append(
            Level(
                name=f"level {position + 1}",
                triggers=triggers,
                priorities=priorities,
                teams=draw(
                    st.none() | st.sets(st.sampled_from([n for n, _t in TEAMS]), min_size=1)
                ),
                tiers=draw(
                    st.none() | st.sets(st.sampled_from([t for _n, t in TEAMS]), min_size=1)
                ),
                calendar=level_calendar,
            )
        )
    return EscalationLadder(
        name="random",
        levels=levels,
        calendar=calendar,
        scheme=scheme,
        on_resolve=draw(st.sampled_from(list(on_resolve))),
    )


class _Reached:
    """How far each measure's triggers went on the levels drawn so far."""

    def __init__(self) -> None:
        self.requests = 0
        self.elapsed: dict[str, dt.timedelta] = {}
        self.used: dict[Metric | None, float] = {}


@st.composite
def _next_trigger(draw: st.DrawFn, kind: str, reached: _Reached) -> Trigger:
    """A trigger later than every trigger of the same measure drawn before it."""
    open_metrics = [
        metric
        for metric in (None, Metric.FIRST_RESPONSE, Metric.RESOLUTION)
        if reached.used.get(metric, 0.0) < 1  # nothing of a measure may follow its breach
    ]
    if kind == "sla" and not open_metrics:
        kind = "requested"
    if kind == "requested":
        reached.requests += draw(st.integers(1, 2))
        return Trigger.requested(reached.requests)
    if kind == "elapsed":
        since = draw(st.sampled_from(["created", "team", "agent_update"]))
        step = draw(st.sampled_from([1, 15, 60, 240, 1440]))
        after = reached.elapsed.get(since, dt.timedelta(0)) + dt.timedelta(
            minutes=step, microseconds=draw(st.integers(0, 999))
        )
        reached.elapsed[since] = after
        return Trigger.elapsed(after, since=since)
    metric = draw(st.sampled_from(open_metrics))
    used = round(reached.used.get(metric, 0.0) + draw(st.sampled_from([0.05, 0.1, 0.2, 0.3])), 2)
    if used >= 1 or draw(st.integers(0, 4)) == 0:
        reached.used[metric] = 1.0
        return Trigger.sla_breached(metric=metric)
    reached.used[metric] = used
    return Trigger.sla_used(used, metric=metric)


def escalation_steps(
    draw: st.DrawFn,
    policy: SLAPolicy,
    events: list[Event],
    size: int,
    gaps: st.SearchStrategy[dt.timedelta],
    workflow: Workflow | None,
    ladder: EscalationLadder | None,
) -> list[Event]:
    """Continue a log that holds its ``Created`` event with moves the workflow allows.

    The engine of ``event_logs(policy, workflow=..., ladder=...)``: status
    moves the workflow and the policy both know, resolutions with a note,
    assignments between ``TEAMS``, escalations to the ladder's levels,
    customer requests and survey answers.
    """
    workflow = workflow or DEFAULT_WORKFLOW
    state = workflow.replay(events)
    at = events[0].at
    levels = [level.name for level in ladder.levels] if ladder is not None else ["supervisor"]
    priorities = [level.name for level in policy.scheme]
    kinds = [
        "move",
        "move",
        "agent",
        "customer",
        "assigned",
        "escalated",
        "request",
        "priority",
        "survey",
    ]
    while len(events) < size:
        at = at + draw(gaps)
        kind = draw(st.sampled_from(kinds))
        if state.category is StatusCategory.CLOSED and kind not in ("move", "survey"):
            kind = draw(st.sampled_from(["move", "survey", "stop"]))
        event: Event
        if kind == "move":
            moves = [
                move
                for move in workflow.allowed(state, at)
                if move.event != "StatusChanged" or move.target in policy.statuses
            ]
            if not moves:
                if state.is_closed:
                    break
                continue
            event = draw(st.sampled_from(moves)).to_event(at, note="fixed")
        elif kind == "survey":
            if not state.is_resolved:
                continue
            event = SurveyAnswered(at=at, score=draw(st.integers(1, 5)))
        elif kind == "stop":
            break
        elif kind == "agent":
            event = AgentReplied(at=at, public=draw(st.booleans()))
        elif kind == "customer":
            event = CustomerReplied(at=at, awaits_answer=draw(st.booleans()))
        elif kind == "assigned":
            team, tier = draw(st.sampled_from(TEAMS))
            event = Assigned(
                at=at,
                team=draw(st.sampled_from([team, ""])),
                tier=draw(st.sampled_from([tier, None])),
                assignee=draw(st.sampled_from(["", *_ENGINEERS])),
                escalated=draw(st.booleans()),
            )
        elif kind == "escalated":
            event = Escalated(at=at, level=draw(st.sampled_from(levels)))
        elif kind == "request":
            event = EscalationRequested(at=at)
        else:
            event = PriorityChanged(at=at, priority=draw(st.sampled_from(priorities)))
        state = workflow.step(state, event)
        events.append(event)
    return events


_PREFIXES = ("", "CASE-", "TSUP-", "V")


def reference_formats() -> st.SearchStrategy[ReferenceFormat]:
    """Reference formats such as ``CASE-{n}`` or a bare ``{n}``."""
    return st.sampled_from(_PREFIXES).map(lambda prefix: ReferenceFormat(prefix + "{n}"))


def ticket_references() -> st.SearchStrategy[TicketReferences]:
    """A ticket's references: the original one, then one per team it was handed to."""
    entry = st.tuples(
        st.sampled_from([name for name, _tier in TEAMS]),
        st.builds(
            lambda prefix, n: f"{prefix}{n}", st.sampled_from(_PREFIXES), st.integers(1, 10**6)
        ),
    )
    return st.lists(entry, min_size=1, max_size=3).map(
        lambda entries: TicketReferences(tuple(entries))
    )


@st.composite
def routings(draw: st.DrawFn, *, scheme: PriorityScheme | None = FOUR_TIER) -> Routing:
    """Valid routings between the teams of ``TEAMS``: rules by kind, priority, attribute, origin."""
    teams = [
        Team(
            name=name,
            tier=tier,
            reference=draw(reference_formats()),
            members=draw(st.frozensets(st.sampled_from(_ENGINEERS))),
        )
        for name, tier in TEAMS
    ]
    names = [team.name for team in teams]
    levels = [level.name for level in scheme] if scheme is not None else []
    rules = []
    for index in range(draw(st.integers(0, 3))):
        rules.append(
            RoutingRule(
                name=f"rule {index}",
                team=draw(st.sampled_from(names)),
                kinds=draw(
                    st.none() | st.frozensets(st.sampled_from(["incident", "change"]), min_size=1)
                ),
                priorities=draw(st.none() | st.frozensets(st.sampled_from(levels), min_size=1))
                if levels
                else None,
                attributes=draw(
                    st.dictionaries(
                        st.just("plan"),
                        st.frozensets(st.sampled_from(["gold", "silver"]), min_size=1),
                    )
                ),
                from_teams=draw(st.none() | st.frozensets(st.sampled_from(names), min_size=1)),
                from_tiers=draw(
                    st.none() | st.frozensets(st.sampled_from([t for _n, t in TEAMS]), min_size=1)
                ),
            )
        )
    return Routing(teams=teams, default=draw(st.sampled_from(names)), rules=rules, scheme=scheme)
