"""A log that cannot be replayed names the event at fault and says why, through every door."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs
import pytest

from servicedesk_core import (
    AgentReplied,
    Closed,
    ConfigError,
    Created,
    Event,
    EventLogError,
    Metric,
    PolicyRule,
    PolicySet,
    PriorityChanged,
    Reopened,
    Resolved,
    SLAReport,
    StatusChanged,
    SurveyAnswered,
    evaluate,
)
from servicedesk_core.sla.bulk import TicketOutcome, evaluate_many
from tests.sla.helpers import central, desk_policy

POLICY = desk_policy()
RULES = PolicySet([PolicyRule(name="all", policy=POLICY)])
T0 = central(16, 9)
NOW = central(16, 10)
CREATED = Created(at=T0, priority="High")
STATUSES = "['open', 'waiting_on_customer', 'waiting_on_vendor', 'on_hold']"
LEVELS = "(Critical, High, Medium, Low)"


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def bulk(events: Sequence[Event], now: dt.datetime) -> object:
    return evaluate_many(RULES, [events], now)


Door = Callable[[Sequence[Event], dt.datetime], object]
DOORS: dict[str, Door] = {
    "policy": POLICY.evaluate,
    "policy set": RULES.evaluate,
    "set picking once": PolicySet(RULES.rules, reselect="at_creation").evaluate,
    "selection": lambda events, now: RULES.select(CREATED).evaluate(events, now),
    "evaluate_many": bulk,
}

BAD_LOGS: dict[str, tuple[list[object], int | None, str]] = {
    "empty": ([], None, "the log is empty; it starts with a Created event"),
    "first not Created": (
        [AgentReplied(at=T0)],
        0,
        "a log starts with Created, not AgentReplied",
    ),
    "created after now": (
        [Created(at=at(120), priority="High")],
        0,
        "the ticket was created at 2026-11-16 11:00:00-06:00, after now "
        "(2026-11-16 10:00:00-06:00)",
    ),
    "two Created": (
        [CREATED, Created(at=at(1), priority="High")],
        1,
        "a log has one Created event, the first",
    ),
    "out of order": (
        [CREATED, AgentReplied(at=at(5)), AgentReplied(at=at(4))],
        2,
        "AgentReplied at 2026-11-16 09:04:00-06:00 is before the event before it",
    ),
    "after now": (
        [CREATED, AgentReplied(at=at(90))],
        1,
        "AgentReplied at 2026-11-16 10:30:00-06:00 is after now (2026-11-16 10:00:00-06:00)",
    ),
    "unknown priority at creation": (
        [Created(at=T0, priority="P1")],
        0,
        f"priority 'P1' is not a level of scheme 'four-tier' {LEVELS}",
    ),
    "unknown priority later": (
        [CREATED, AgentReplied(at=at(1)), PriorityChanged(at=at(2), priority="Urgent")],
        2,
        f"priority 'Urgent' is not a level of scheme 'four-tier' {LEVELS}",
    ),
    "unknown status": (
        [CREATED, StatusChanged(at=at(1), status="snoozed")],
        1,
        f"status 'snoozed' is not one of the policy's statuses {STATUSES}",
    ),
    "resolved twice": (
        [CREATED, Resolved(at=at(1)), Resolved(at=at(2))],
        2,
        "Resolved, but the ticket is already resolved",
    ),
    "reopened while open": (
        [CREATED, Reopened(at=at(1))],
        1,
        "Reopened, but the ticket is not resolved",
    ),
    "reply after close": (
        [CREATED, Closed(at=at(1)), AgentReplied(at=at(2))],
        2,
        "AgentReplied after the ticket was closed",
    ),
    "not an event": ([CREATED, "replied"], 1, "not an event: 'replied'"),
    "first not an event": (["replied"], 0, "not an event: 'replied'"),
    "the base class": (
        [CREATED, StatusChanged(at=at(1), status="on_hold"), Event(at=T0)],
        2,
        f"not an event: {Event(at=T0)!r}",
    ),
}


@pytest.mark.parametrize(("events", "index", "reason"), list(BAD_LOGS.values()), ids=list(BAD_LOGS))
@pytest.mark.parametrize("door", list(DOORS.values()), ids=list(DOORS))
def test_a_bad_log_names_the_event_and_the_reason(
    door: Door, events: list[Event], index: int | None, reason: str
) -> None:
    with pytest.raises(EventLogError) as raised:
        door(events, NOW)
    assert (index, reason) == (raised.value.index, raised.value.reason)


@pytest.mark.parametrize(
    "events",
    [{"created": CREATED}, "log", None, (event for event in [CREATED])],
    ids=["mapping", "text", "None", "generator"],
)
@pytest.mark.parametrize("door", list(DOORS.values()), ids=list(DOORS))
def test_a_log_that_is_not_a_list_is_a_config_error_at_every_door(
    door: Door, events: object
) -> None:
    """A policy set read ``events[0]`` first: a KeyError for a mapping, a TypeError for a
    generator, where a lone policy said "expected a list of events"."""
    with pytest.raises(ConfigError) as raised:
        door(events, NOW)  # type: ignore[arg-type]
    assert "events" == raised.value.field


@pytest.mark.parametrize("ticket", [None, "T-1", AgentReplied(at=T0), {"priority": "High"}])
def test_selecting_for_something_that_is_not_a_ticket_is_a_config_error(ticket: object) -> None:
    """It raised AttributeError (no attribute 'priority')."""
    with pytest.raises(ConfigError) as raised:
        RULES.select(ticket)  # type: ignore[arg-type]
    assert "ticket" == raised.value.field


@attrs.frozen(kw_only=True)
class HostReply(AgentReplied):
    """A host's own event type, derived from one of ours."""

    channel_id: str = ""


def test_a_subclass_of_an_event_type_is_replayed_as_that_type() -> None:
    events: list[Event] = [CREATED, HostReply(at=at(10), channel_id="slack")]
    same: list[Event] = [CREATED, AgentReplied(at=at(10))]
    report = POLICY.evaluate(events, NOW)
    assert at(10) == report[Metric.FIRST_RESPONSE].stopped_at
    assert POLICY.evaluate(same, NOW) == report


def test_after_closing_only_a_reopen_or_a_survey_answer_may_follow() -> None:
    events = [CREATED, Closed(at=at(1)), SurveyAnswered(at=at(2), score=4), Reopened(at=at(3))]
    report = POLICY.evaluate([*events, Resolved(at=at(4))], NOW)
    assert report.resolved


def test_events_after_now_are_left_out_only_when_asked() -> None:
    events = [CREATED, AgentReplied(at=at(10)), Resolved(at=at(90)), Closed(at=at(91))]
    as_of: SLAReport = evaluate(POLICY, events, NOW, ignore_later=True)
    assert (False, at(10)) == (as_of.resolved, as_of[Metric.FIRST_RESPONSE].stopped_at)
    assert as_of == POLICY.evaluate(events[:2], NOW)
    assert [TicketOutcome.from_report(as_of, CREATED)] == evaluate_many(
        POLICY, [events], NOW, ignore_later=True
    )
