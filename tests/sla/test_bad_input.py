"""Bad event logs raise EventLogError naming the event; bad policies raise ConfigError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    AgentReplied,
    Closed,
    Condition,
    ConfigError,
    Created,
    Event,
    EventLogError,
    Metric,
    NaiveDatetimeError,
    PolicyRule,
    PolicySet,
    PriorityChanged,
    Reopened,
    Resolved,
    ServiceDeskError,
    SLAPolicy,
    StatusChanged,
    Target,
    TargetRange,
    WarningThreshold,
)
from tests.sla.helpers import DESK, H, central, desk_policy

POLICY = desk_policy()
T0 = central(16, 9)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


CREATED = Created(at=T0, priority="High")
DAYS_3 = Target(business_days=3)


@pytest.mark.parametrize(
    ("events", "index", "reason"),
    [
        ([AgentReplied(at=T0)], 0, "starts with Created"),
        ([CREATED, Created(at=at(1), priority="High")], 1, "one Created"),
        ([CREATED, AgentReplied(at=at(5)), AgentReplied(at=at(4))], 2, "before the event"),
        ([CREATED, AgentReplied(at=at(90))], 1, "after now"),
        ([Created(at=T0, priority="P1")], 0, "priority 'P1' is not a level"),
        ([CREATED, PriorityChanged(at=at(1), priority="Urgent")], 1, "'Urgent' is not a level"),
        ([CREATED, StatusChanged(at=at(1), status="snoozed")], 1, "status 'snoozed'"),
        ([CREATED, Resolved(at=at(1)), Resolved(at=at(2))], 2, "already resolved"),
        ([CREATED, Reopened(at=at(1))], 1, "not resolved"),
        ([CREATED, Closed(at=at(1)), AgentReplied(at=at(2))], 2, "after the ticket was closed"),
        ([CREATED, "replied"], 1, "not an event"),
        ([CREATED, Event(at=T0)], 1, "not an event"),
    ],
)
def test_bad_logs_name_the_event_and_the_reason(events: list, index: int, reason: str) -> None:
    with pytest.raises(EventLogError, match=reason) as raised:
        POLICY.evaluate(events, at(60))
    assert index == raised.value.index
    assert f"event {index}: " in str(raised.value)


def test_an_empty_log_is_an_event_log_error() -> None:
    with pytest.raises(EventLogError, match="empty") as raised:
        POLICY.evaluate([], T0)
    assert raised.value.index is None


def test_event_log_error_is_a_service_desk_error_and_a_value_error() -> None:
    assert issubclass(EventLogError, ServiceDeskError)
    assert issubclass(EventLogError, ValueError)


def test_a_policy_set_checks_the_first_event_too() -> None:
    policies = PolicySet([PolicyRule(name="all", policy=POLICY)])
    with pytest.raises(EventLogError, match="starts with Created"):
        policies.evaluate([AgentReplied(at=T0)], T0)
    with pytest.raises(EventLogError, match="empty"):
        policies.evaluate([], T0)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        Created(at=dt.datetime(2026, 11, 16, 9), priority="High")
    with pytest.raises(NaiveDatetimeError):
        POLICY.evaluate([CREATED], dt.datetime(2026, 11, 16, 9))


# --- configuration -----------------------------------------------------------------


def policy(targets: dict, **settings: object) -> SLAPolicy:
    return SLAPolicy(name="p", scheme=FOUR_TIER, calendar=DESK, targets=targets, **settings)  # type: ignore[arg-type]


def every_level(target: object) -> dict:
    return {level.name: target for level in FOUR_TIER}


def test_a_level_without_a_target_is_a_config_error() -> None:
    targets = every_level(H)
    del targets["Low"]
    with pytest.raises(ConfigError, match="no target") as raised:
        policy({Metric.RESOLUTION: targets})
    assert raised.value.field == "targets.resolution.Low"


def test_an_unknown_level_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'P1' is not a level"):
        policy({Metric.RESOLUTION: {**every_level(H), "P1": H}})


def test_an_unknown_calendar_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown calendar 'night'"):
        policy({Metric.RESOLUTION: every_level(Target(duration=H, calendar="night"))})


def test_something_that_is_not_a_calendar_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="expected a Calendar") as raised:
        SLAPolicy(name="p", scheme=FOUR_TIER, calendar="Mon-Fri 09:00-17:00", targets={})  # type: ignore[arg-type]
    assert raised.value.field == "calendar"
    with pytest.raises(ConfigError, match="expected a calendar or a calendar name"):
        policy({Metric.RESOLUTION: every_level(Target(duration=H, calendar=42))})  # type: ignore[arg-type]


def test_an_unknown_pause_status_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown statuses") as raised:
        policy({}, paused_by={Metric.RESOLUTION: {"snoozed"}})
    assert raised.value.field == "paused_by.resolution"


def test_duplicate_statuses_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match="duplicate"):
        policy({}, statuses=("open", "open"))


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: WarningThreshold(1.0), r"in \(0, 1\)"),
        (lambda: WarningThreshold(0), r"in \(0, 1\)"),
        (lambda: WarningThreshold(), "exactly one"),
        (lambda: WarningThreshold(before=dt.timedelta(0)), "positive"),
        (
            lambda: TargetRange(breach=Target(duration=H), warnings=[WarningThreshold(before=H)]),
            "not after the start",
        ),
        (
            lambda: TargetRange(goal=Target(duration=2 * H), breach=Target(duration=H)),
            "comes after",
        ),
        (
            lambda: TargetRange(goal=Target(business_days=3), breach=Target(business_days=2)),
            "after",
        ),
        (
            lambda: TargetRange(goal=Target(duration=H, calendar="x"), breach=Target(duration=H)),
            "one calendar",
        ),
        (lambda: Target(), "exactly one"),
        (lambda: Target(duration=H, business_days=1), "exactly one"),
        (lambda: Target(duration=dt.timedelta(0)), "positive"),
        (lambda: Target(business_days=0), "at least 1"),
        (lambda: Target(business_days=-1, end_of_day=True), "at least 0"),
        (lambda: Target(duration=H, end_of_day=True), "end of day"),
        (lambda: TargetRange.of("4h"), "expected a duration"),
    ],
)
def test_inconsistent_targets_are_config_errors(build, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        build()


def test_policy_sets_need_rules_with_distinct_names_and_known_priorities() -> None:
    with pytest.raises(ConfigError, match="at least one rule"):
        PolicySet([])
    rule = PolicyRule(name="all", policy=POLICY)
    with pytest.raises(ConfigError, match="repeat"):
        PolicySet([rule, rule])
    with pytest.raises(ConfigError, match=r"\['P1'\] are not levels"):
        PolicyRule(name="p1", policy=POLICY, when=Condition(priorities={"P1"}))


def test_event_log_errors_pickle_with_their_index() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(EventLogError("out of order", index=3)))
    assert (3, "out of order", "event 3: out of order") == (error.index, error.reason, str(error))


# --- fuzzing: only documented errors come out ------------------------------------------

INSTANTS = st.datetimes(
    min_value=dt.datetime(2026, 11, 1),
    max_value=dt.datetime(2026, 12, 1),
    timezones=st.just(dt.UTC),
)
ANY_EVENT = st.one_of(
    st.builds(Created, at=INSTANTS, priority=st.sampled_from(["High", "Low", "P1"])),
    st.builds(AgentReplied, at=INSTANTS, public=st.booleans()),
    st.builds(StatusChanged, at=INSTANTS, status=st.sampled_from(["open", "on_hold", "x"])),
    st.builds(PriorityChanged, at=INSTANTS, priority=st.sampled_from(["Critical", "P9"])),
    st.builds(Resolved, at=INSTANTS),
    st.builds(Reopened, at=INSTANTS),
    st.builds(Closed, at=INSTANTS),
    st.sampled_from([None, "replied", 42]),
)


@given(st.lists(ANY_EVENT, max_size=8), INSTANTS)
def test_arbitrary_logs_raise_only_event_log_errors(events: list, now: dt.datetime) -> None:
    index: int | None = -1
    try:
        report = POLICY.evaluate(events, now)
    except EventLogError as error:
        index = error.index
    else:
        assert isinstance(events[0], Created)
        assert report.priority in POLICY.level_names
    assert index is None or -1 <= index < len(events)
