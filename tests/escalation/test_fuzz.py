"""One door, one fuzz test: junk in, only documented errors or report entries out, quickly."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

import attrs
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError, EventLogError, NaiveDatetimeError
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    EscalationLadder,
    Holding,
    Level,
    ReferenceFormat,
    StatusCategory,
    TicketState,
    Trigger,
)
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from tests.escalation.test_values import LADDER
from tests.fuzz import JUNK, LONG_TEXT, MEGABYTE, verdict_time

INSTANTS = st.datetimes(
    min_value=dt.datetime(2026, 11, 1),
    max_value=dt.datetime(2026, 12, 1),
    timezones=st.just(dt.UTC),
)
ANY_EVENT = st.one_of(
    st.builds(Created, at=INSTANTS, priority=st.sampled_from(["High", "Low", "P1"])),
    st.builds(AgentReplied, at=INSTANTS),
    st.builds(StatusChanged, at=INSTANTS, status=st.sampled_from(["open", "on_hold", "x"])),
    st.builds(Resolved, at=INSTANTS, note=st.sampled_from(["", "done"])),
    st.builds(Reopened, at=INSTANTS),
    st.builds(Closed, at=INSTANTS),
    st.builds(SurveyAnswered, at=INSTANTS, score=st.integers(1, 5)),
    st.builds(EscalationRequested, at=INSTANTS),
    st.builds(Escalated, at=INSTANTS, level=st.sampled_from(["coordinator", "supervisor", "x"])),
    st.builds(Assigned, at=INSTANTS, team=st.sampled_from(["", "Tier 1"]), tier=st.none()),
    JUNK,
)


@given(st.lists(ANY_EVENT, max_size=8), INSTANTS)
def test_arbitrary_logs_raise_only_event_log_errors_or_are_reported(
    events: list, now: dt.datetime
) -> None:
    index: int | None = -1
    try:
        DEFAULT_WORKFLOW.replay(events)
    except EventLogError as error:  # TransitionError included
        index = error.index
    assert index is None or -1 <= index < len(events)
    report = DEFAULT_WORKFLOW.check(events)
    assert (index == -1) == report.ok
    try:
        LADDER.evaluate(events, now)
    except EventLogError as error:
        index = error.index
    assert index is None or -1 <= index < len(events)


@given(JUNK, INSTANTS)
def test_a_ladder_given_neither_a_log_nor_a_state_raises_only_documented_errors(
    junk: object, now: dt.datetime
) -> None:
    with contextlib.suppress(ConfigError, EventLogError):
        LADDER.evaluate(junk, now)  # type: ignore[arg-type]


@given(JUNK, JUNK, JUNK)
def test_ladder_parts_raise_only_config_errors(
    first: object, second: object, third: object
) -> None:
    builds = [
        lambda: Trigger(kind=first, after=second, since=third),  # type: ignore[arg-type]
        lambda: Trigger(kind="sla_used", fraction=first, metric=second),  # type: ignore[arg-type]
        lambda: Level(name=first, triggers=second, priorities=third),  # type: ignore[arg-type]
        lambda: Level(
            name="a", triggers=Trigger.requested(), tiers=first, teams=second, calendar=third
        ),  # type: ignore[arg-type]
        lambda: EscalationLadder(name=first, levels=second, on_resolve=third),  # type: ignore[arg-type]
    ]
    for build in builds:
        field: str | None = "built"
        try:
            build()
        except ConfigError as error:
            field = error.field
        except NaiveDatetimeError:
            field = "a naive datetime"
        assert field is not None


def test_a_megabyte_of_text_gets_a_verdict_quickly() -> None:
    """Huge text is rejected unread: a verdict well within 100 ms at every text door."""
    doors = [
        lambda: Trigger.elapsed(MEGABYTE),
        lambda: Level(name=MEGABYTE, triggers=Trigger.requested()),
        lambda: ReferenceFormat(MEGABYTE),
        lambda: ReferenceFormat("CASE-{n}").parse(MEGABYTE),
        lambda: EscalationLadder(name="l", levels=[], on_resolve=MEGABYTE),
        lambda: Escalated(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), level=LONG_TEXT),
    ]
    for door in doors:
        assert verdict_time(door, ConfigError) < 0.1


WORKED_STATE = DEFAULT_WORKFLOW.replay(
    [
        Created(at=dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), priority="High"),
        Assigned(at=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC), team="Tier 1", assignee="ann"),
        EscalationRequested(at=dt.datetime(2026, 11, 2, 11, tzinfo=dt.UTC)),
        Escalated(at=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC), level="coordinator"),
    ]
)
STATE_FIELDS = [field.name for field in attrs.fields(TicketState) if field.init]
HOLDING_FIELDS = [field.name for field in attrs.fields(Holding)]


@given(st.sampled_from(STATE_FIELDS), JUNK)
def test_a_state_built_by_hand_converts_each_field_or_names_it(name: str, junk: object) -> None:
    """A ladder reads states too: a state built by hand is checked like any constructor."""
    fields = {field: getattr(WORKED_STATE, field) for field in STATE_FIELDS}
    state = refused_or_named(lambda: TicketState(**{**fields, name: junk}), name)
    if isinstance(state, TicketState):
        with contextlib.suppress(EventLogError):  # e.g. a priority or level the ladder lacks
            LADDER.evaluate(state, dt.datetime(2026, 12, 1, tzinfo=dt.UTC))


@given(st.sampled_from(HOLDING_FIELDS), JUNK)
def test_a_holding_built_by_hand_converts_each_field_or_names_it(name: str, junk: object) -> None:
    fields = {field: getattr(WORKED_STATE.history[0], field) for field in HOLDING_FIELDS}
    refused_or_named(lambda: Holding(**{**fields, name: junk}), name)


def refused_or_named(build: Callable[[], object], name: str) -> object:
    """What ``build`` made, or ``None`` for a refusal that names field ``name`` (or an item)."""
    field: str | None = name
    try:
        return build()
    except ConfigError as error:
        field = error.field
    except NaiveDatetimeError:
        pass
    assert field is not None
    assert field.startswith(name)
    return None


def test_a_state_built_by_hand_takes_plain_forms() -> None:
    state = attrs.evolve(
        WORKED_STATE,
        category="closed",
        created_at="2026-11-02T09:00:00+00:00",
        survey_due="yes",
        tier="2",
        attributes={"plan": "gold"},
    )
    assert (StatusCategory.CLOSED, WORKED_STATE.created_at, True, 2, (("plan", "gold"),)) == (
        state.category,
        state.created_at,
        state.survey_due,
        state.tier,
        state.attributes,
    )
