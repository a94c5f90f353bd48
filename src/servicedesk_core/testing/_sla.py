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
    Channel,
    Closed,
    Condition,
    Created,
    CustomerReplied,
    Event,
    Metric,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    PolicyRule,
    PolicySet,
    PriorityChanged,
    Reopened,
    Resolved,
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
    """A breach target and maybe a goal before it (drawn without building strategies)."""
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
    calendars: st.SearchStrategy[BusinessCalendar],
    metrics: st.SearchStrategy[list[Metric]],
    on_priority_change: st.SearchStrategy[OnPriorityChange],
    on_reopen: st.SearchStrategy[OnReopen],
    out_of_hours: st.SearchStrategy[OutOfHoursStart],
) -> SLAPolicy:
    calendar = draw(calendars)
    always = _always_open(calendar.timezone)
    chosen = draw(metrics)
    targets: dict[Metric, dict[str, TargetRange | None]] = {}
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
        paused_by={metric: draw(_PAUSES) for metric in chosen},
        on_priority_change=draw(on_priority_change),
        on_reopen=draw(on_reopen),
        out_of_hours=draw(out_of_hours),
        internal_note_is_response=draw(st.booleans()),
    )


def sla_policies(
    *,
    scheme: PriorityScheme = FOUR_TIER,
    calendars: st.SearchStrategy[BusinessCalendar] | None = None,
    metrics: Sequence[Metric] = tuple(Metric),
    on_priority_change: Sequence[OnPriorityChange] = tuple(OnPriorityChange),
    on_reopen: Sequence[OnReopen] = tuple(OnReopen),
    out_of_hours: Sequence[OutOfHoursStart] = tuple(OutOfHoursStart),
) -> st.SearchStrategy[SLAPolicy]:
    """SLA policies over ``scheme`` with random targets, pauses and behaviour choices.

    Each policy sets targets for a non-empty subset of ``metrics``; some levels
    have none, some targets run around the clock. The behaviour settings are
    drawn from the given choices.
    """
    for name, choices in (
        ("metrics", metrics),
        ("on_priority_change", on_priority_change),
        ("on_reopen", on_reopen),
        ("out_of_hours", out_of_hours),
    ):
        if not choices:
            raise InvalidArgument(f"{name} must not be empty")
    if calendars is None:
        calendars = _default_calendars()
    return _policies(
        scheme,
        calendars,
        st.lists(st.sampled_from(list(metrics)), min_size=1, unique=True),
        st.sampled_from(list(on_priority_change)),
        st.sampled_from(list(on_reopen)),
        st.sampled_from(list(out_of_hours)),
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


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=8
)


def conditions(*, priorities: Sequence[str] = FOUR_TIER.names) -> st.SearchStrategy[Condition]:
    """Conditions on priority (among ``priorities``), channel, attributes and tags."""
    if not priorities:
        raise InvalidArgument("priorities must not be empty")
    return _conditions(tuple(priorities))


@functools.lru_cache(maxsize=32)
def _conditions(priorities: tuple[str, ...]) -> st.SearchStrategy[Condition]:
    return st.builds(
        Condition,
        priorities=st.none() | st.frozensets(st.sampled_from(priorities)),
        channels=st.none() | st.frozensets(st.sampled_from(Channel)),
        attributes=st.dictionaries(
            st.sampled_from(["plan", "region"]), st.frozensets(_TEXT, min_size=1, max_size=3)
        ),
        tags=st.frozensets(st.sampled_from(["vip", "billing", "voice"])),
    )


def _draw_rule(draw: st.DrawFn, name: str, policies: st.SearchStrategy[SLAPolicy]) -> PolicyRule:
    policy = draw(policies)
    when = draw(_conditions(tuple(level.name for level in policy.scheme)))
    return PolicyRule(name=name, policy=policy, when=when)


@st.composite
def _policy_rules(draw: st.DrawFn, policies: st.SearchStrategy[SLAPolicy]) -> PolicyRule:
    return _draw_rule(draw, draw(_TEXT), policies)


def policy_rules(
    *, policies: st.SearchStrategy[SLAPolicy] | None = None
) -> st.SearchStrategy[PolicyRule]:
    """Rules of a policy set: a name, a condition and the policy it picks."""
    return _policy_rules(sla_policies() if policies is None else policies)


@st.composite
def _policy_sets(
    draw: st.DrawFn,
    names: st.SearchStrategy[list[str]],
    policies: st.SearchStrategy[SLAPolicy],
) -> PolicySet:
    return PolicySet([_draw_rule(draw, name, policies) for name in draw(names)])


def policy_sets(
    *,
    min_rules: int = 1,
    max_rules: int = 3,
    policies: st.SearchStrategy[SLAPolicy] | None = None,
) -> st.SearchStrategy[PolicySet]:
    """Policy sets of ``min_rules`` to ``max_rules`` rules with unique names.

    Bounds that are not ``1 <= min_rules <= max_rules`` raise ``InvalidArgument``.
    """
    if not 1 <= min_rules <= max_rules:
        raise InvalidArgument(f"need 1 <= min_rules={min_rules} <= max_rules={max_rules}")
    names = st.lists(_TEXT, min_size=min_rules, max_size=max_rules, unique=True)
    return _policy_sets(names, sla_policies() if policies is None else policies)


_GAPS = st.one_of(
    st.just(dt.timedelta(0)),
    st.sampled_from([dt.timedelta(minutes=m) for m in (1, 10, 30, 60, 240, 600, 1440, 4000)]),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3)),
)


@st.composite
def event_logs(
    draw: st.DrawFn,
    policy: SLAPolicy,
    *,
    min_size: int = 1,
    max_size: int = 12,
    min_start: dt.datetime = dt.datetime(2025, 6, 1),
    max_start: dt.datetime = dt.datetime(2027, 6, 1),
    allow_priority_changes: bool = True,
    workflow: Workflow | None = None,
    ladder: EscalationLadder | None = None,
) -> list[Event]:
    """Valid event logs for ``policy``: one ``Created``, then events in order.

    The log respects the lifecycle (no second resolution, reopen only when
    resolved, nothing after ``Closed``), uses the policy's priorities and
    statuses, and often puts several events at one instant. The start is a
    wall time between the naive ``min_start`` and ``max_start`` in the
    policy calendar's timezone.

    Given a ``workflow`` or a ``ladder``, the log also replays through the
    workflow (the default one if only a ladder is given) and holds the
    escalation events: assignments between teams and tiers, escalations to
    the ladder's levels, customer requests and survey answers.
    """
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
        )
    ]
    size = draw(st.integers(min_size, max_size))
    if workflow is not None or ladder is not None:
        from servicedesk_core.testing._escalation import escalation_steps

        return escalation_steps(draw, policy, events, size, _GAPS, workflow, ladder)
    resolved = False
    kinds = ["agent", "customer", "status", "assigned", "resolve", "reopen", "close"]
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
            event = Assigned(at=at, assignee="tier 2", escalated=draw(st.booleans()))
        elif kind == "resolve" and not resolved:
            event, resolved = Resolved(at=at), True
        elif kind == "reopen" and resolved:
            event, resolved = Reopened(at=at), False
        elif kind == "close":
            events.append(Closed(at=at))
            break
        else:
            continue
        events.append(event)
    return events
