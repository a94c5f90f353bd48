"""The escalation events: plain forms convert at construction, the SLA replay reads past them."""

from __future__ import annotations

import pytest

from servicedesk_core import (
    DEFAULT_WORKFLOW,
    AgentReplied,
    Assigned,
    Closed,
    ConfigError,
    Created,
    Escalated,
    EscalationLadder,
    EscalationRequested,
    Level,
    Reopened,
    Resolved,
    SurveyAnswered,
    Trigger,
)
from tests.sla.helpers import central, desk_policy

POLICY = desk_policy()


def test_assigned_converts_plain_forms_and_keeps_its_defaults() -> None:
    event = Assigned(at=central(16, 9), team="Tier 2", tier="2", escalated="yes", by="amy")
    assert ("", True, "Tier 2", 2, "", "amy") == (
        event.assignee,
        event.escalated,
        event.team,
        event.tier,
        event.reason,
        event.by,
    )
    assert (None, "") == (Assigned(at=central(16, 9)).tier, Assigned(at=central(16, 9)).team)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda at: Assigned(at=at, tier=0), "tier"),
        (lambda at: Assigned(at=at, tier="two"), "tier"),
        (lambda at: Assigned(at=at, team=None), "team"),
        (lambda at: Assigned(at=at, escalated="maybe"), "escalated"),
        (lambda at: Assigned(at=at, assignee=3), "assignee"),
        (lambda at: Escalated(at=at, level=""), "level"),
        (lambda at: Escalated(at=at, level="director", by=["x"]), "by"),
        (lambda at: EscalationRequested(at=at, reason="x" * 20_000), "reason"),
        (lambda at: Resolved(at=at, note=42), "note"),
        (lambda at: SurveyAnswered(at=at, score=6), "score"),
        (lambda at: SurveyAnswered(at=at, score=True), "score"),
        (lambda at: SurveyAnswered(at=at, score="5.0"), "score"),
    ],
)
def test_bad_event_fields_are_config_errors_naming_the_field(build, field: str) -> None:
    with pytest.raises(ConfigError) as raised:
        build(central(16, 9))
    assert field == raised.value.field


def test_new_events_change_no_sla_clock() -> None:
    """Escalations, requests and resolution notes leave every SLA figure as it was."""
    created = Created(at=central(16, 9), priority="High")
    plain = [created, AgentReplied(at=central(16, 10)), Resolved(at=central(16, 12))]
    busy = [
        created,
        EscalationRequested(at=central(16, 9, 30), reason="not moving", by="customer"),
        AgentReplied(at=central(16, 10)),
        Escalated(at=central(16, 11), level="supervisor", by="coordinator"),
        Resolved(at=central(16, 12), note="replaced the handset"),
    ]
    now = central(16, 13)
    assert POLICY.evaluate(plain, now).metrics == POLICY.evaluate(busy, now).metrics


def test_a_survey_may_be_answered_after_closing() -> None:
    events = [
        Created(at=central(16, 9), priority="Low"),
        Closed(at=central(16, 10)),
        SurveyAnswered(at=central(17, 9), score=5),
    ]
    closed_only = POLICY.evaluate(events[:2], central(18, 9))
    assert closed_only.metrics == POLICY.evaluate(events, central(18, 9)).metrics


def test_one_log_with_a_reopen_after_closing_replays_everywhere() -> None:
    """The SLA clocks, the lifecycle and the ladder read the same list, reopen included."""
    events = [
        Created(at=central(16, 9), priority="High"),
        AgentReplied(at=central(16, 10)),
        Resolved(at=central(16, 11), note="reset the phone"),
        Closed(at=central(16, 12)),
        Reopened(at=central(18, 9)),
    ]
    ladder = EscalationLadder(name="l", levels=[Level(name="x", triggers=Trigger.elapsed("PT1H"))])
    assert "open" == DEFAULT_WORKFLOW.replay(events).status
    assert not POLICY.evaluate(events, central(18, 10)).resolved
    assert central(18, 10) == ladder.evaluate(events, central(18, 9, 30)).next_at
