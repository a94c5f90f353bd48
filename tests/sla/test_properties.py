"""Laws of evaluation on random policies and logs, and a differential test against the reference."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from servicedesk_core import (
    ClockState,
    Closed,
    Metric,
    OutOfHoursStart,
    PolicySet,
    PriorityChanged,
    SLAPolicy,
    SLAReport,
    StatusChanged,
)
from servicedesk_core.testing.strategies import event_logs, policy_sets, sla_policies
from tests.sla.reference import reference

US = dt.timedelta(microseconds=1)
LATER = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=6))
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def tickets(draw: st.DrawFn, **policy_options: object) -> tuple[SLAPolicy, list, dt.datetime]:
    policy = draw(sla_policies(**policy_options))  # type: ignore[arg-type]
    events = draw(event_logs(policy, allow_reopen_after_close=True))
    return policy, events, events[-1].at + draw(LATER)


@st.composite
def set_tickets(draw: st.DrawFn) -> tuple[PolicySet, list, dt.datetime]:
    rules = draw(policy_sets())
    events = draw(event_logs(rules, allow_reopen_after_close=True))
    return rules, events, events[-1].at + draw(LATER)


def states(report: SLAReport) -> tuple:
    """What may only change at ``next_change_at``: the rule in effect (a new version of a
    policy set), states, goals, warnings, breach instants."""
    cycles = tuple(
        (
            metric.metric,
            tuple(
                (c.state, c.goal_met, tuple(w.at for w in c.warnings), c.breached_at)
                for c in metric.cycles
            ),
        )
        for metric in report.metrics
    )
    return report.rule, cycles


@SLOW
@given(tickets())
def test_elapsed_never_exceeds_wall_time(ticket) -> None:
    policy, events, now = ticket
    for metric in policy.evaluate(events, now).metrics:
        for cycle in metric.cycles:
            end = (cycle.stopped_at or now).astimezone(dt.UTC)  # instants, not wall clocks
            wall = max(end - cycle.started_at.astimezone(dt.UTC), dt.timedelta(0))
            assert dt.timedelta(0) <= cycle.elapsed <= wall
            assert cycle.paused <= wall


@SLOW
@given(tickets(), LATER)
def test_paused_time_never_accrues(ticket, later: dt.timedelta) -> None:
    policy, events, now = ticket
    before = policy.evaluate(events, now)
    after = policy.evaluate(events, now + later)
    for metric_before, metric_after in zip(before.metrics, after.metrics, strict=True):
        for old, new in zip(metric_before.cycles, metric_after.cycles, strict=True):
            if old.state is ClockState.PAUSED:
                assert (ClockState.PAUSED, old.elapsed) == (new.state, new.elapsed)
                assert old.paused + later == new.paused


@SLOW
@given(tickets())
def test_achieved_before_the_breach_instant_is_never_breached(ticket) -> None:
    policy, events, now = ticket
    for metric in policy.evaluate(events, now).metrics:
        for cycle in metric.cycles:
            if cycle.state is ClockState.ACHIEVED and cycle.due_at is not None:
                assert cycle.stopped_at < cycle.due_at
            if cycle.stopped_at is not None and cycle.state is ClockState.BREACHED:
                assert cycle.breached_at <= cycle.stopped_at


@SLOW
@given(tickets(), LATER)
def test_evaluating_later_is_monotone(ticket, later: dt.timedelta) -> None:
    policy, events, now = ticket
    before = policy.evaluate(events, now)
    after = policy.evaluate(events, now + later)
    final = {ClockState.ACHIEVED, ClockState.BREACHED, ClockState.NOT_APPLICABLE}
    for metric_before, metric_after in zip(before.metrics, after.metrics, strict=True):
        assert len(metric_before.cycles) == len(metric_after.cycles)
        for old, new in zip(metric_before.cycles, metric_after.cycles, strict=True):
            if old.state in final or old.state is ClockState.PAUSED:
                assert old.state == new.state
            if old.state is ClockState.RUNNING:
                assert new.state in {ClockState.RUNNING, ClockState.BREACHED}
            assert old.elapsed <= new.elapsed
            assert old.warnings == new.warnings[: len(old.warnings)]
            assert old.goal_met is None or old.goal_met == new.goal_met


def assert_changes_exactly_at_next_change(
    policy: SLAPolicy, events: list, now: dt.datetime
) -> None:
    """Nothing changes strictly between ``now`` and ``next_change_at``; something changes at it."""
    report = policy.evaluate(events, now)
    change = report.next_change_at
    if change is None:
        assert states(report) == states(policy.evaluate(events, now + dt.timedelta(days=60)))
        return
    assert change > now
    assert states(report) == states(policy.evaluate(events, change - US))
    assert states(report) != states(policy.evaluate(events, change))


@SLOW
@given(tickets())
def test_next_change_at_is_exactly_the_next_change(ticket) -> None:
    assert_changes_exactly_at_next_change(*ticket)


@SLOW
@given(sla_policies(out_of_hours=[OutOfHoursStart.WAIT_FOR_OPENING]), st.data())
def test_next_change_at_while_waiting_for_the_opening(policy: SLAPolicy, data) -> None:
    """Tickets opened while the desk is closed, whose status changes before it opens."""
    events = data.draw(event_logs(policy, max_size=1))
    opened = events[0].at
    assume(not policy.calendar.is_open(opened))
    opening = policy.calendar.next_open(opened).astimezone(dt.UTC)
    before_opening = st.datetimes(
        min_value=opened.replace(tzinfo=None), max_value=opening.replace(tzinfo=None)
    ).map(lambda at: at.replace(tzinfo=dt.UTC))
    pausing = sorted(set().union(*(policy.pauses(metric) for metric in policy.metrics)))
    for _ in range(data.draw(st.integers(1, 2))):
        status = data.draw(st.sampled_from(pausing or policy.statuses))
        events.append(
            StatusChanged(at=max(events[-1].at, data.draw(before_opening)), status=status)
        )
    now = data.draw(
        st.one_of(before_opening, st.just(opening)).filter(lambda t: t >= events[-1].at)
    )
    assert_changes_exactly_at_next_change(policy, events, now)


@SLOW
@given(tickets(custom_metrics=0), st.data())
def test_adding_a_pause_never_brings_a_deadline_earlier(ticket, data: st.DataObject) -> None:
    policy, events, now = ticket
    assume(not any(isinstance(event, PriorityChanged) for event in events))
    policy = policy.with_settings(
        paused_by={metric: policy.pauses(metric) | {"on_hold"} for metric in Metric}
    )
    i = data.draw(st.integers(0, len(events) - 1), label="pause after event")
    assume(not isinstance(events[i], Closed))
    j = data.draw(st.integers(i + 1, len(events)), label="resume before event")
    assume(not any(isinstance(event, StatusChanged | Closed) for event in events[i:j]))
    status = policy.statuses[0]
    for event in events[: i + 1]:
        if isinstance(event, StatusChanged):
            status = event.status
    assume(status != "on_hold")
    resume_at = events[j].at if j < len(events) else now
    assume(j < len(events) or not isinstance(events[-1], Closed))
    paused = [
        *events[: i + 1],
        StatusChanged(at=events[i].at, status="on_hold"),
        *events[i + 1 : j],
        StatusChanged(at=resume_at, status=status),
        *events[j:],
    ]
    plain, with_pause = policy.evaluate(events, now), policy.evaluate(paused, now)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    for metric_plain, metric_paused in zip(plain.metrics, with_pause.metrics, strict=True):
        for old, new in zip(metric_plain.cycles, metric_paused.cycles, strict=True):
            assert (old.due_at or far) <= (new.due_at or far)


@SLOW
@given(tickets())
def test_evaluation_is_deterministic(ticket) -> None:
    policy, events, now = ticket
    assert policy.evaluate(events, now) == policy.evaluate(list(events), now)


def assert_agrees_with_the_reference(policy, events: list, now: dt.datetime) -> None:
    report = policy.evaluate(events, now)
    expected = reference(policy, events, now)
    assert set(expected) == {metric.metric for metric in report.metrics}
    for metric in report.metrics:
        actual = [_comparable(c) for c in metric.cycles]
        wanted = [_comparable(c) for c in expected[metric.metric]]
        assert wanted == actual


@SLOW
@given(tickets())
def test_agrees_with_the_reference_evaluator(ticket) -> None:
    assert_agrees_with_the_reference(*ticket)


@SLOW
@given(set_tickets())
def test_policy_sets_agree_with_the_reference_evaluator(ticket) -> None:
    """Re-selection on every change, orphaned clocks stopped or dropped, versions."""
    assert_agrees_with_the_reference(*ticket)


@SLOW
@given(set_tickets())
def test_policy_sets_change_exactly_at_next_change(ticket) -> None:
    assert_changes_exactly_at_next_change(*ticket)


def _comparable(cycle) -> tuple[object, ...]:
    # In UTC: an ambiguous local time never equals another zone's datetime (PEP 495).
    def utc(at: dt.datetime | None) -> dt.datetime | None:
        return None if at is None else at.astimezone(dt.UTC)

    return (
        cycle.state,
        utc(cycle.started_at),
        utc(cycle.stopped_at),
        utc(cycle.due_at),
        cycle.elapsed,
        cycle.priority,
    )


@SLOW
@given(tickets(), st.data())
def test_time_in_a_window_agrees_with_the_reference(ticket, data: st.DataObject) -> None:
    """Counted time within any [a, b), and per local day, on random tickets."""
    policy, events, now = ticket
    report = policy.evaluate(events, now)
    expected = reference(policy, events, now)
    span = st.datetimes(
        min_value=(events[0].at - dt.timedelta(days=1)).replace(tzinfo=None),
        max_value=now.astimezone(dt.UTC).replace(tzinfo=None),
    ).map(lambda at: at.replace(tzinfo=dt.UTC))
    a, b = sorted([data.draw(span), data.draw(span)])
    for metric in report.metrics:
        wanted = sum((c.counted_between(a, b) for c in expected[metric.metric]), dt.timedelta(0))
        assert wanted == metric.counted_between(a, b)
        by_day = metric.counted_by_day()
        assert sum((c.elapsed for c in metric.cycles), dt.timedelta(0)) == sum(
            by_day.values(), dt.timedelta(0)
        )
        for day, counted in by_day.items():
            midnight = dt.datetime.combine(day, dt.time(), tzinfo=report.tz)
            next_midnight = dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(), tzinfo=report.tz
            )
            assert counted == metric.counted_between(midnight, next_midnight)
