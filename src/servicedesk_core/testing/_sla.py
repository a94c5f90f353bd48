"""Hypothesis strategies for SLA policies and ticket event logs."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.calendar import BusinessCalendar, Calendar, WeeklyHours
from servicedesk_core.escalation import EscalationLadder, Workflow
from servicedesk_core.priority import FOUR_TIER, PriorityScheme
from servicedesk_core.sla import (
    DEFAULT_STATUSES,
    AgentReplied,
    Assigned,
    AttributesChanged,
    Channel,
    Closed,
    Condition,
    Created,
    CustomerReplied,
    Event,
    FollowVersion,
    Metric,
    MetricDefinition,
    OnPolicyChange,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    PriorityChanged,
    Reopened,
    Reselect,
    Resolved,
    Signal,
    SLAPolicy,
    StatusChanged,
    Target,
    TargetRange,
    WarningThreshold,
)
from servicedesk_core.testing._calendar import business_calendars, weekly_hours

__all__ = [
    "conditions",
    "event_logs",
    "metric_definitions",
    "policy_rules",
    "policy_sets",
    "sla_policies",
    "sla_targets",
    "targets",
    "warning_thresholds",
]

_US = dt.timedelta(microseconds=1)


def _busy(hours: WeeklyHours) -> bool:
    """At least 20 open hours a week, so long targets stay within a few months."""
    week = sum((item.duration for day in hours.days for item in day), dt.timedelta(0))
    return week >= dt.timedelta(hours=20)


# Strategies are built once: building one per draw costs more than the draw.
_MINUTES = st.sampled_from([1, 15, 30, 60, 120, 240, 480, 1440, 4320])
_MICROS = st.one_of(st.just(0), st.integers(0, 59_999_999))
_WARNINGS = st.lists(
    st.one_of(
        st.sampled_from([0.25, 0.5, 0.75, 0.9]).map(WarningThreshold),
        st.sampled_from([1, 5, 30]).map(
            lambda minutes: WarningThreshold(before=dt.timedelta(minutes=minutes))
        ),
    ),
    max_size=2,
)


def _draw_target(draw: st.DrawFn, calendar: Calendar | str | None) -> tuple[Target, Target | None]:
    """A breach target and maybe a goal before it."""
    if draw(st.booleans()):
        duration = dt.timedelta(minutes=draw(_MINUTES), microseconds=draw(_MICROS))
        breach = Target(duration=duration, calendar=calendar)
        if draw(st.booleans()):
            return breach, None
        goal_us = draw(st.integers(1, duration // _US))
        return breach, Target(duration=goal_us * _US, calendar=calendar)
    end_of_day = draw(st.booleans())
    days = draw(st.integers(0 if end_of_day else 1, 3))
    breach = Target(business_days=days, calendar=calendar, end_of_day=end_of_day)
    if draw(st.booleans()):
        return breach, None
    goal = draw(st.integers(0 if end_of_day else 1, days))
    return breach, Target(business_days=goal, calendar=calendar, end_of_day=end_of_day)


def _draw_range(draw: st.DrawFn, calendar: Calendar | None) -> TargetRange:
    breach, goal = _draw_target(draw, calendar)
    warnings = draw(_WARNINGS)
    if breach.duration is not None:
        duration = breach.duration
        warnings = [w for w in warnings if w.before is None or w.before < duration]
    return TargetRange(breach=breach, goal=goal, warnings=warnings)


@st.composite
def _targets(draw: st.DrawFn, calendars: st.SearchStrategy[Calendar | str | None]) -> Target:
    return _draw_target(draw, draw(calendars))[0]


def targets(
    *, calendars: st.SearchStrategy[Calendar | str | None] | None = None
) -> st.SearchStrategy[Target]:
    """Single targets: business time (to the microsecond) or business days, maybe end of day.

    ``calendars`` gives each target's calendar (default: the policy's, a named
    one, or around the clock).
    """
    if calendars is None:
        calendars = st.sampled_from([None, "24x7", BusinessCalendar.always_open()])
    return _targets(calendars)


def warning_thresholds() -> st.SearchStrategy[WarningThreshold]:
    """Warnings at a fraction of the target, or some business time before the breach."""
    fractions = st.floats(min_value=0.01, max_value=0.99).map(WarningThreshold)
    befores = st.integers(1, 600).map(
        lambda minutes: WarningThreshold(before=dt.timedelta(minutes=minutes))
    )
    return fractions | befores


@st.composite
def sla_targets(
    draw: st.DrawFn, *, calendars: st.SearchStrategy[Calendar | None] | None = None
) -> TargetRange:
    """Target ranges: durations or business days, with or without a goal and warnings.

    ``calendars`` gives each range's calendar (``None``: the policy's, the default).
    """
    return _draw_range(draw, draw(calendars) if calendars is not None else None)


@st.composite
def metric_definitions(
    draw: st.DrawFn, *, statuses: Sequence[str] = DEFAULT_STATUSES, name: str | None = None
) -> MetricDefinition:
    """User-defined metrics: random start, stop, reset, resume and pause conditions.

    Every definition can start and stop; statuses come from ``statuses``.
    """
    return _draw_definition(draw, _statuses(tuple(statuses)), name)


_SIGNALS = st.frozensets(st.sampled_from(list(Signal)), max_size=3)
_SOME_SIGNALS = st.frozensets(st.sampled_from(list(Signal)), min_size=1, max_size=3)
_DEFINITION_NAMES = st.sampled_from(["custom", "own", "vendor"])


@functools.lru_cache(maxsize=16)
def _statuses(statuses: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(statuses), max_size=2)


def _draw_definition(
    draw: st.DrawFn, some: st.SearchStrategy[frozenset[str]], name: str | None
) -> MetricDefinition:
    return MetricDefinition(
        name=name if name is not None else draw(_DEFINITION_NAMES),
        start=draw(_SOME_SIGNALS),
        stop=draw(_SOME_SIGNALS),
        reset=draw(_SIGNALS),
        resume=draw(_SIGNALS),
        start_statuses=draw(some),
        stop_statuses=draw(some),
        paused_by=draw(some),
    )


_CELLS = st.sampled_from(["none", "policy", "policy", "own"])
_OWN = st.sampled_from([False, False, True])
_PAUSES = st.frozensets(st.sampled_from(list(DEFAULT_STATUSES[1:])))


@functools.lru_cache(maxsize=32)
def _always_open(timezone: str) -> BusinessCalendar:
    return BusinessCalendar.always_open(timezone=timezone)


@st.composite
def _policies(
    draw: st.DrawFn,
    scheme: PriorityScheme,
    calendars: st.SearchStrategy[Calendar],
    metrics: st.SearchStrategy[list[Metric]],
    on_priority_change: st.SearchStrategy[OnPriorityChange],
    on_reopen: st.SearchStrategy[OnReopen],
    out_of_hours: st.SearchStrategy[OutOfHoursStart],
    custom_metrics: int,
) -> SLAPolicy:
    calendar = draw(calendars)
    always = _always_open(str(calendar.tz))
    chosen: list[Metric | str] = list(draw(metrics))
    defined = [
        _draw_definition(draw, _statuses(DEFAULT_STATUSES), name)
        for name in ("custom", "own")[: draw(st.integers(0, custom_metrics))]
    ]
    chosen += [definition.name for definition in defined]
    targets: dict[Metric | str, dict[str, TargetRange | None]] = {}
    for metric in chosen:
        cells: dict[str, TargetRange | None] = {}
        for level in scheme:
            cell = draw(_CELLS)
            own = cell == "own" and draw(_OWN)
            cells[level.name] = (
                None if cell == "none" else _draw_range(draw, always if own else None)
            )
        targets[metric] = cells
    return SLAPolicy(
        name="random",
        scheme=scheme,
        calendar=calendar,
        targets=targets,
        paused_by={metric: draw(_PAUSES) for metric in chosen if isinstance(metric, Metric)},
        on_priority_change=draw(on_priority_change),
        on_reopen=draw(on_reopen),
        out_of_hours=draw(out_of_hours),
        internal_note_is_response=draw(st.booleans()),
        next_response_from_opening=draw(st.booleans()),
        custom_metrics=defined,
    )


def sla_policies(
    *,
    scheme: PriorityScheme = FOUR_TIER,
    calendars: st.SearchStrategy[BusinessCalendar] | None = None,
    metrics: Sequence[Metric] = tuple(Metric),
    on_priority_change: Sequence[OnPriorityChange] = tuple(OnPriorityChange),
    on_reopen: Sequence[OnReopen] = tuple(OnReopen),
    out_of_hours: Sequence[OutOfHoursStart] = tuple(OutOfHoursStart),
    custom_metrics: int = 1,
    calendar: Calendar | None = None,
) -> st.SearchStrategy[SLAPolicy]:
    """SLA policies over ``scheme`` with random targets, pauses and behaviour choices.

    Each policy sets targets for a non-empty subset of ``metrics`` and up to
    ``custom_metrics`` user-defined metrics; some levels have none, some
    targets run around the clock. The behaviour settings are drawn from the
    given choices. ``calendar`` fixes the policy's calendar.
    """
    for name, choices in (
        ("metrics", metrics),
        ("on_priority_change", on_priority_change),
        ("on_reopen", on_reopen),
        ("out_of_hours", out_of_hours),
    ):
        if not choices:
            raise InvalidArgument(f"{name} must not be empty")
    if calendar is not None:
        chosen_calendars: st.SearchStrategy[Calendar] = st.just(calendar)
    else:
        chosen_calendars = _default_calendars() if calendars is None else calendars
    return _policies(
        scheme,
        chosen_calendars,
        st.lists(st.sampled_from(list(metrics)), min_size=1, unique=True),
        st.sampled_from(list(on_priority_change)),
        st.sampled_from(list(on_reopen)),
        st.sampled_from(list(out_of_hours)),
        custom_metrics,
    )


@functools.lru_cache(maxsize=1)
def _default_calendars() -> st.SearchStrategy[BusinessCalendar]:
    return business_calendars(
        hours=weekly_hours(max_ranges_per_day=2).filter(_busy),
        min_date=dt.date(2025, 1, 1),
        max_date=dt.date(2027, 12, 31),
        max_holidays=8,
        max_overrides=3,
    )


_PLANS = ("gold", "silver")
_TEAMS = ("desk", "tier 2")
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8
)


def conditions(*, priorities: Sequence[str] = FOUR_TIER.names) -> st.SearchStrategy[Condition]:
    """Conditions on priority (among ``priorities``), channel, attributes, tags and team."""
    if not priorities:
        raise InvalidArgument("priorities must not be empty")
    return _conditions(tuple(priorities))


@functools.lru_cache(maxsize=32)
def _conditions(priorities: tuple[str, ...]) -> st.SearchStrategy[Condition]:
    return st.builds(
        Condition,
        priorities=st.none() | st.frozensets(st.sampled_from(priorities), min_size=1),
        channels=st.none() | st.frozensets(st.sampled_from(list(Channel)), min_size=1),
        attributes=st.sampled_from([{}, {"plan": "gold"}, {"plan": ["silver", "gold"]}]),
        tags=st.sampled_from([frozenset(), frozenset({"vip"})]),
        teams=st.none() | st.frozensets(st.sampled_from(_TEAMS), min_size=1),
    )


@st.composite
def _policy_rules(draw: st.DrawFn, policies: st.SearchStrategy[SLAPolicy]) -> PolicyRule:
    policy = draw(policies)
    when = draw(_conditions(tuple(level.name for level in policy.scheme)))
    return PolicyRule(name=draw(_TEXT), policy=policy, when=when)


def policy_rules(
    *, policies: st.SearchStrategy[SLAPolicy] | None = None
) -> st.SearchStrategy[PolicyRule]:
    """Rules of a policy set: a name, a condition and the policy it picks."""
    return _policy_rules(sla_policies() if policies is None else policies)


_EFFECTIVE = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31)
).map(lambda at: at.replace(tzinfo=dt.UTC))


@st.composite
def _policy_sets(draw: st.DrawFn, max_rules: int, max_versions: int) -> PolicySet:
    policies = sla_policies(calendar=draw(_default_calendars()))
    conditions = _conditions(FOUR_TIER.names)

    def rules() -> list[PolicyRule]:
        count = draw(st.integers(1, max_rules))
        found = [
            PolicyRule(name=f"rule {i}", policy=draw(policies), when=draw(conditions))
            for i in range(count - 1)
        ]
        return [*found, PolicyRule(name="fallback", policy=draw(policies))]

    effective = draw(st.lists(_EFFECTIVE, max_size=max_versions, unique=True))
    return PolicySet(
        rules(),
        versions=[PolicyVersion(effective=at, rules=rules()) for at in effective],
        reselect=draw(st.sampled_from(list(Reselect))),
        on_policy_change=draw(st.sampled_from(list(OnPolicyChange))),
        follow_version=draw(st.sampled_from(list(FollowVersion))),
    )


def policy_sets(*, max_rules: int = 3, max_versions: int = 2) -> st.SearchStrategy[PolicySet]:
    """Policy sets whose rules read priority, channel, the ``plan`` attribute, tags and team.

    Every policy shares one calendar and the default statuses, so that a ticket
    may move between them; the last rule of each version matches everything.
    Versions take effect in 2025-2027; the settings are drawn at random.
    """
    if max_rules < 1 or max_versions < 0:
        raise InvalidArgument(f"need max_rules >= 1 and max_versions >= 0, got {max_rules}")
    return _policy_sets(max_rules, max_versions)


_GAPS = st.one_of(
    st.just(dt.timedelta(0)),
    st.sampled_from([dt.timedelta(minutes=m) for m in (1, 10, 30, 60, 240, 600, 1440, 4000)]),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3)),
)


@st.composite
def event_logs(
    draw: st.DrawFn,
    policy: SLAPolicy | PolicySet,
    *,
    min_size: int = 1,
    max_size: int = 12,
    min_start: dt.datetime = dt.datetime(2025, 6, 1),
    max_start: dt.datetime = dt.datetime(2027, 6, 1),
    allow_priority_changes: bool = True,
    workflow: Workflow | None = None,
    ladder: EscalationLadder | None = None,
    allow_reopen_after_close: bool = False,
) -> list[Event]:
    """Valid event logs for ``policy`` (or a policy set): one ``Created``, then events in order.

    The log respects the lifecycle (no second resolution, reopen only when
    resolved, nothing after ``Closed``), uses the policy's priorities and
    statuses, changes the ticket's attributes, tags and team, and often puts
    several events at one instant. The start is a wall time between the naive
    ``min_start`` and ``max_start`` in the policy calendar's timezone.

    Given a ``workflow`` or a ``ladder``, the log also replays through the
    workflow (the default one if only a ladder is given) and holds the
    escalation events: assignments between teams and tiers, escalations to
    the ladder's levels, customer requests and survey answers.
    ``allow_reopen_after_close`` lets a closed ticket of a plain log reopen
    (a workflow may allow it).
    """
    if isinstance(policy, PolicySet):
        policy = policy.rules[0].policy
    if not 1 <= min_size <= max_size:
        raise InvalidArgument(f"need 1 <= min_size={min_size} <= max_size={max_size}")
    tz: ZoneInfo = policy.calendar.tz
    naive = draw(st.datetimes(min_value=min_start, max_value=max_start))
    at = naive.replace(tzinfo=tz, fold=draw(st.sampled_from((0, 1)))).astimezone(dt.UTC)
    levels = [level.name for level in policy.scheme]
    events: list[Event] = [
        Created(
            at=at,
            priority=draw(st.sampled_from(levels)),
            channel=draw(st.sampled_from(list(Channel))),
            attributes=draw(st.sampled_from([{}, {"plan": "gold"}, {"plan": "silver"}])),
            tags=draw(st.sampled_from([frozenset(), frozenset({"vip"})])),
        )
    ]
    size = draw(st.integers(min_size, max_size))
    if workflow is not None or ladder is not None:
        from servicedesk_core.testing._escalation import escalation_steps

        return escalation_steps(draw, policy, events, size, _GAPS, workflow, ladder)
    resolved = False
    kinds = ["agent", "customer", "status", "assigned", "resolve", "reopen", "close", "attributes"]
    if allow_priority_changes:
        kinds.append("priority")
    while len(events) < size:
        at = at + draw(_GAPS)
        kind = draw(st.sampled_from(kinds))
        event: Event
        if kind == "agent":
            event = AgentReplied(at=at, public=draw(st.booleans()))
        elif kind == "customer":
            event = CustomerReplied(at=at, awaits_answer=draw(st.booleans()))
        elif kind == "status":
            event = StatusChanged(at=at, status=draw(st.sampled_from(policy.statuses)))
        elif kind == "priority":
            event = PriorityChanged(at=at, priority=draw(st.sampled_from(levels)))
        elif kind == "assigned":
            team = draw(st.sampled_from(["", *_TEAMS]))
            event = Assigned(at=at, assignee="tier 2", team=team, escalated=draw(st.booleans()))
        elif kind == "attributes":
            event = AttributesChanged(
                at=at,
                channel=draw(st.none() | st.sampled_from(list(Channel))),
                attributes=draw(st.sampled_from([{}, {"plan": "gold"}, {"plan": ""}])),
                tags_added=draw(st.sampled_from([(), ("vip",)])),
                tags_removed=draw(st.sampled_from([(), ("vip",)])),
            )
        elif kind == "resolve" and not resolved:
            event, resolved = Resolved(at=at), True
        elif kind == "reopen" and resolved:
            event, resolved = Reopened(at=at), False
        elif kind == "close":
            events.append(Closed(at=at))
            if not (allow_reopen_after_close and draw(st.booleans())):
                break
            at += draw(_GAPS)
            event, resolved = Reopened(at=at), False
        else:
            continue
        events.append(event)
    return events
