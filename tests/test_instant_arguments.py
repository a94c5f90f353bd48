"""Every door that takes an instant ("now", a start, an end) refuses junk with a typed error.

A value that is not a datetime raises :class:`NotADatetimeError` (also a
``TypeError``), a naive datetime :class:`NaiveDatetimeError`, and nothing else
comes out: no ``AttributeError`` from deep inside, no answer computed from junk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    FOUR_TIER,
    BusinessCalendar,
    ConfigError,
    Created,
    Delegation,
    EscalationLadder,
    LeadTime,
    Level,
    Metric,
    NaiveDatetimeError,
    NotADatetimeError,
    PolicyRule,
    PolicySet,
    Trigger,
    check_requested_date,
    earliest_date,
    evaluate_many,
    queue_key,
    summarize,
    validate_port_order,
)
from tests.escalation.test_reference import policy_on
from tests.fuzz import JUNK, MEGABYTE
from tests.onboarding.sample import DOCUMENTS, ORDER, PROVIDER

T = dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC)
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
POLICY = policy_on(DESK)
LOG = [Created(at=T, priority=FOUR_TIER.levels[1].name)]
LADDER = EscalationLadder(name="l", levels=[Level(name="a", triggers=Trigger.elapsed("PT1H"))])
OPEN = DEFAULT_WORKFLOW.replay(LOG)  # the reopen window does not matter: now is still checked
H = dt.timedelta(hours=1)

DOORS: dict[str, Callable[[Any], object]] = {
    "SLAPolicy.evaluate": lambda now: POLICY.evaluate(LOG, now),
    "PolicySet.evaluate": lambda now: PolicySet([PolicyRule(name="all", policy=POLICY)]).evaluate(
        LOG, now
    ),
    "evaluate_many": lambda now: list(evaluate_many(POLICY, [LOG], now)),
    "summarize": lambda now: summarize(POLICY, [LOG], now),
    "EscalationLadder.evaluate": lambda now: LADDER.evaluate(LOG, now),
    "Workflow.allowed": lambda now: DEFAULT_WORKFLOW.allowed(OPEN, now),
    "Calendar.add": lambda now: DESK.add(now, H),
    "Calendar.elapsed (start)": lambda now: DESK.elapsed(now, T),
    "Calendar.elapsed (end)": lambda now: DESK.elapsed(T, now),
    "Calendar.is_open": lambda now: DESK.is_open(now),
    "Calendar.next_open": lambda now: DESK.next_open(now),
    "validate_port_order": lambda now: validate_port_order(
        ORDER, documents=DOCUMENTS, now=now, calendar=PROVIDER
    ),
    "check_requested_date": lambda now: check_requested_date(
        LeadTime.days("licence request", 2), now, "2026-03-20", DESK
    ),
    "earliest_date": lambda now: earliest_date(LeadTime.days("licence request", 2), now, DESK),
    "Delegation.is_active": lambda now: Delegation(
        delegator="amy", delegate="bob", roles={"billing_contact"}, starts=T, ends=T + H
    ).is_active(now),
    "MetricReport.counted_between": lambda now: POLICY.evaluate(LOG, T + H)[
        Metric.FIRST_RESPONSE
    ].counted_between(T, now),
}
TEXT_DOORS: dict[str, Callable[[Any], object]] = {  # ISO text is a plain form here
    "queue_key": lambda now: queue_key(FOUR_TIER.levels[0], now),
}
NONE_MEANS_NOT_GIVEN = {"Workflow.allowed"}
NOT_INSTANTS = JUNK.filter(lambda value: not isinstance(value, dt.datetime))


@pytest.mark.parametrize("door", DOORS)
@given(value=NOT_INSTANTS)
def test_what_is_not_a_datetime_is_a_not_a_datetime_error(door: str, value: object) -> None:
    assume(value is not None or door not in NONE_MEANS_NOT_GIVEN)
    with pytest.raises(NotADatetimeError) as error:
        DOORS[door](value)
    assert isinstance(error.value, TypeError)
    assert len(str(error.value)) < 300  # a pasted megabyte is not echoed back


@pytest.mark.parametrize("door", DOORS)
def test_a_naive_datetime_is_a_naive_datetime_error(door: str) -> None:
    with pytest.raises(NaiveDatetimeError):
        DOORS[door](dt.datetime(2026, 3, 2, 15))


@pytest.mark.parametrize("door", DOORS)
def test_a_megabyte_of_text_is_refused_briefly(door: str) -> None:
    with pytest.raises(NotADatetimeError, match=r"expected an aware datetime, got str"):
        DOORS[door](MEGABYTE)


@pytest.mark.parametrize("door", TEXT_DOORS)
@given(value=NOT_INSTANTS)
def test_doors_that_take_iso_text_refuse_junk_naming_it(door: str, value: object) -> None:
    with pytest.raises((NotADatetimeError, ConfigError)):
        TEXT_DOORS[door](value)
