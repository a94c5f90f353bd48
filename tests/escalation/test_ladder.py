"""Escalation ladders: levels due by time, SLA and requests; scopes; resets; next_at."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import (
    FOUR_TIER,
    BusinessCalendar,
    ConfigError,
    EventLogError,
    Metric,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    SLAPolicy,
    StatusChanged,
    Target,
)
from servicedesk_core.escalation import EscalationLadder, Level, OnResolve, Trigger
from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    Closed,
    Created,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
)
from tests.escalation.helpers import T0, US, at

H = dt.timedelta(hours=1)
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
CREATED = Created(at=T0, priority="High")  # Monday 03:00 in Chicago

LADDER = EscalationLadder(
    name="three steps",
    levels=[
        Level(name="coordinator", triggers=[Trigger.requested(), Trigger.elapsed("PT2H")]),
        Level(name="supervisor", triggers=[Trigger.requested(2), Trigger.elapsed("PT4H")]),
        Level(name="director", triggers=[Trigger.requested(3), Trigger.elapsed("PT8H")]),
    ],
)


def due(report: object) -> list[str]:
    return [item.level for item in report.due]  # type: ignore[attr-defined]


def test_levels_fall_due_in_turn_on_calendar_time() -> None:
    assert ([], "coordinator", at(120)) == _next(LADDER.evaluate([CREATED], at(119)))
    report = LADDER.evaluate([CREATED], at(120))
    assert (["coordinator"], "supervisor", at(240)) == _next(report)
    assert at(120) == report.due[0].since
    assert ["coordinator", "supervisor", "director"] == due(LADDER.evaluate([CREATED], at(600)))


def _next(report: object) -> tuple[list[str], str | None, dt.datetime | None]:
    return due(report), report.next_level, report.next_at  # type: ignore[attr-defined]


def test_a_level_carried_out_is_not_due_again_nor_any_level_below_it() -> None:
    events = [CREATED, Escalated(at=at(130), level="supervisor", by="amy", reason="no reply")]
    report = LADDER.evaluate(events, at(300))
    assert ("supervisor", [], "director", at(480)) == (
        report.level,
        due(report),
        report.next_level,
        report.next_at,
    )
    assert [("supervisor", at(130), "amy", "no reply")] == [
        (r.level, r.at, r.by, r.reason) for r in report.reached
    ]


def test_customer_requests_climb_one_level_each() -> None:
    events = [CREATED, EscalationRequested(at=at(5)), EscalationRequested(at=at(6))]
    report = LADDER.evaluate(events, at(10))
    assert ["coordinator", "supervisor"] == due(report)
    assert [at(5), at(6)] == [item.since for item in report.due]
    assert "requested" == report.due[0].trigger.kind.value


def test_a_resolution_resets_the_ladder_by_default() -> None:
    events = [
        CREATED,
        EscalationRequested(at=at(5)),
        Escalated(at=at(6), level="coordinator"),
        Resolved(at=at(30)),
    ]
    resolved = LADDER.evaluate(events, at(600))
    assert (False, [], None) == (resolved.active, due(resolved), resolved.next_at)
    reopened = LADDER.evaluate([*events, Reopened(at=at(700))], at(700))
    assert (None, [], at(820)) == (reopened.level, due(reopened), reopened.next_at)
    kept = EscalationLadder(name="kept", levels=LADDER.levels, on_resolve="keep")
    assert OnResolve.KEEP == kept.on_resolve
    report = kept.evaluate([*events, Reopened(at=at(700))], at(700))
    assert ("coordinator", ["supervisor", "director"]) == (report.level, due(report))


def test_a_closed_ticket_falls_due_for_nothing() -> None:
    report = LADDER.evaluate([CREATED, Closed(at=at(1))], at(6000))
    assert (False, [], None, None) == (report.active, due(report), report.next_at, report.wake_at)


def test_time_since_the_team_restarts_when_the_ticket_changes_team_or_tier() -> None:
    """Seed 003: Tier 1 escalates anything it cannot solve in 15 minutes."""
    ladder = EscalationLadder(
        name="tiers",
        levels=[
            Level(name="to tier 2", triggers=Trigger.elapsed("PT15M", since="team"), tiers=[1])
        ],
    )
    events = [CREATED, Assigned(at=at(10), team="Tier 1", tier=1, assignee="ann")]
    assert (at(25), []) == (
        ladder.evaluate(events, at(24)).next_at,
        due(ladder.evaluate(events, at(24))),
    )
    assert ["to tier 2"] == due(ladder.evaluate(events, at(25)))
    same_team = [*events, Assigned(at=at(20), assignee="bob")]
    assert at(25) == ladder.evaluate(same_team, at(21)).next_at
    handed = [*events, Assigned(at=at(20), team="Tier 2", tier=2, escalated=True)]
    assert (None, []) == (
        ladder.evaluate(handed, at(60)).next_at,
        due(ladder.evaluate(handed, at(60))),
    )


def test_time_since_the_last_agent_update_restarts_with_each_public_reply() -> None:
    ladder = EscalationLadder(
        name="not moving",
        levels=[Level(name="coordinator", triggers=Trigger.elapsed("PT10H", since="agent_update"))],
        calendar=DESK,
    )
    events = [CREATED, AgentReplied(at=at(360)), AgentReplied(at=at(400), public=False)]
    # Monday 09:00 Chicago + 10 business hours: Tuesday 09:00
    assert dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC) == ladder.evaluate(events, at(401)).next_at


def test_levels_scoped_by_priority_follow_priority_changes() -> None:
    """Seed 004: escalation within 1 hour for High and Critical cases only."""
    ladder = EscalationLadder(
        name="contact center",
        scheme=FOUR_TIER,
        levels=[
            Level(
                name="escalate",
                triggers=Trigger.elapsed("PT1H"),
                priorities=[FOUR_TIER["Critical"], "High"],
            )
        ],
    )
    assert ["escalate"] == due(ladder.evaluate([CREATED], at(60)))
    lowered = [CREATED, PriorityChanged(at=at(30), priority="Medium")]
    assert ([], None) == (
        due(ladder.evaluate(lowered, at(90))),
        ladder.evaluate(lowered, at(90)).next_at,
    )
    with pytest.raises(EventLogError, match="'P1' is not a level") as raised:
        ladder.evaluate([CREATED, PriorityChanged(at=at(1), priority="P1")], at(2))
    assert 1 == raised.value.index


def test_a_level_counts_time_on_its_own_calendar() -> None:
    """Seed 004: during emergency-staffing hours escalation may take longer than an hour."""
    staffed = BusinessCalendar(
        timezone="America/New_York", hours="Mon-Fri 07:00-24:00; Sat,Sun 07:00-22:00"
    )
    ladder = EscalationLadder(
        name="staffed",
        levels=[Level(name="escalate", triggers=Trigger.elapsed("PT1H"), calendar=staffed)],
    )
    late = Created(
        at=dt.datetime(2026, 3, 7, 2, 30, tzinfo=dt.UTC), priority="High"
    )  # Fri 21:30 ET
    expected = dt.datetime(2026, 3, 7, 3, 30, tzinfo=dt.UTC)
    assert expected == ladder.evaluate([late], late.at).next_at
    saturday = Created(at=dt.datetime(2026, 3, 8, 3, 30, tzinfo=dt.UTC), priority="High")
    # Saturday 22:30 EST: the desk reopens on Sunday 07:00, the first morning of
    # daylight-saving time (11:00 UTC), so the hour ends at 12:00 UTC
    expected = dt.datetime(2026, 3, 8, 12, tzinfo=dt.UTC)
    assert expected == ladder.evaluate([saturday], saturday.at).next_at


POLICY = SLAPolicy(
    name="desk",
    scheme=FOUR_TIER,
    calendar=DESK,
    targets={Metric.RESOLUTION: {level.name: Target(duration=4 * H) for level in FOUR_TIER}},
)
SLA_LADDER = EscalationLadder(
    name="sla",
    levels=[
        Level(name="warn", triggers=Trigger.sla_used(0.5, metric="resolution")),
        Level(name="breach", triggers=Trigger.sla_breached()),
    ],
)


def test_sla_triggers_read_the_report_of_the_same_events() -> None:
    opened = Created(at=dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC), priority="High")  # 09:00 CST
    half = dt.datetime(2026, 3, 2, 17, tzinfo=dt.UTC)
    report = SLA_LADDER.evaluate([opened], half - US, sla=POLICY.evaluate([opened], half - US))
    assert ([], half, "warn") == (due(report), report.next_at, report.next_level)
    report = SLA_LADDER.evaluate([opened], half, sla=POLICY)
    breach = dt.datetime(2026, 3, 2, 19, tzinfo=dt.UTC)
    assert (["warn"], None, breach) == (due(report), report.due[0].since, report.next_at)
    report = SLA_LADDER.evaluate([opened], breach, sla=POLICY)
    assert (["warn", "breach"], breach) == (due(report), report.due[1].since)


def test_wake_at_is_the_earlier_of_the_ladder_and_the_sla() -> None:
    opened = Created(at=dt.datetime(2026, 3, 2, 15, tzinfo=dt.UTC), priority="High")
    now = dt.datetime(2026, 3, 2, 16, tzinfo=dt.UTC)
    breach = dt.datetime(2026, 3, 2, 19, tzinfo=dt.UTC)  # 4 business hours after 09:00 CST
    for after, wake in [("PT3H", dt.datetime(2026, 3, 2, 18, tzinfo=dt.UTC)), ("PT5H", breach)]:
        ladder = EscalationLadder(
            name="x", levels=[Level(name="x", triggers=Trigger.elapsed(after))]
        )
        report = ladder.evaluate([opened], now, sla=POLICY)
        assert (breach, wake) == (report.sla_next_change_at, report.wake_at)


def test_sla_triggers_need_the_sla_report_of_now() -> None:
    with pytest.raises(ConfigError, match="pass sla=") as raised:
        SLA_LADDER.evaluate([CREATED], at(1))
    assert "sla" == raised.value.field
    with pytest.raises(ConfigError, match="not of now"):
        SLA_LADDER.evaluate([CREATED], at(2), sla=POLICY.evaluate([CREATED], at(1)))
    with pytest.raises(ConfigError, match="expected an SLA report"):
        SLA_LADDER.evaluate([CREATED], at(2), sla="desk")  # type: ignore[arg-type]


BROKEN: list[tuple[list[Event], int | None, str]] = [
    ([], None, "empty"),
    ([Escalated(at=T0, level="coordinator")], 0, "starts with Created"),
    ([CREATED, Created(at=at(1), priority="High")], 1, "one Created"),
    ([CREATED, AgentReplied(at=at(5)), AgentReplied(at=at(4))], 2, "before the event"),
    ([CREATED, AgentReplied(at=at(90))], 1, "after now"),
    ([CREATED, Escalated(at=at(1), level="ceo")], 1, "'ceo' is not a level"),
    ([CREATED, "escalated"], 1, "not an event"),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("events", "index", "message"), BROKEN)
def test_broken_logs_raise_event_log_errors_with_the_index(
    events: list[Event], index: int | None, message: str
) -> None:
    with pytest.raises(EventLogError, match=message) as raised:
        LADDER.evaluate(events, at(60))
    assert index == raised.value.index


ELAPSED = Trigger.elapsed("PT1H")
BAD = [
    ({"levels": []}, "levels", "at least one level"),
    ({"levels": [Level(name="a", triggers=ELAPSED)] * 2}, "levels[1]", "listed twice"),
    ({"levels": ["a"]}, "levels[0]", "expected a Level"),
    (
        {"levels": [Level(name="a", triggers=ELAPSED, priorities=["High"])]},
        "levels[0].priorities",
        "needs a priority scheme",
    ),
    (
        {"levels": [Level(name="a", triggers=ELAPSED, priorities=["P1"])], "scheme": FOUR_TIER},
        "levels[0].priorities",
        "no level 'P1'",
    ),
    (
        {"levels": [Level(name="a", triggers=ELAPSED), Level(name="b", triggers=ELAPSED)]},
        "levels[1].triggers",
        "not increasing",
    ),
    (
        {
            "levels": [
                Level(name="a", triggers=Trigger.requested(2)),
                Level(name="b", triggers=Trigger.requested()),
            ]
        },
        "levels[1].triggers",
        "not increasing",
    ),
    (
        {
            "levels": [
                Level(name="a", triggers=Trigger.sla_breached()),
                Level(name="b", triggers=Trigger.sla_used(0.9)),
            ]
        },
        "levels[1].triggers",
        "not increasing",
    ),
    ({"calendar": "24x7"}, "calendar", "expected a Calendar"),
    ({"on_resolve": "forget"}, "on_resolve", "expected one of"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD)
def test_bad_ladders_are_config_errors_naming_the_culprit(
    changes: dict[str, object], field: str, message: str
) -> None:
    settings: dict[str, object] = {"name": "l", "levels": [Level(name="a", triggers=ELAPSED)]}
    with pytest.raises(ConfigError, match=message) as raised:
        EscalationLadder(**{**settings, **changes})  # type: ignore[arg-type]
    assert field == raised.value.field


def test_triggers_of_levels_that_never_share_a_ticket_are_not_compared() -> None:
    ladder = EscalationLadder(
        name="by priority",
        scheme=FOUR_TIER,
        levels=[
            Level(name="slow", triggers=Trigger.elapsed("PT4H"), priorities=["Low"]),
            Level(name="fast", triggers=Trigger.elapsed("PT1H"), priorities=["High"]),
            Level(name="other start", triggers=Trigger.elapsed("PT30M", since="team")),
            Level(name="own calendar", triggers=Trigger.elapsed("PT10M"), calendar=DESK),
        ],
    )
    assert ("slow", "fast", "other start", "own calendar") == ladder.level_names


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Trigger(kind="elapsed"), "after"),
        (lambda: Trigger(kind="sla_used"), "fraction"),
        (lambda: Trigger(kind="elapsed", after="PT1H", count=2), "count"),
        (lambda: Trigger(kind="requested", metric="resolution"), "metric"),
        (lambda: Trigger.sla_used(0), "fraction"),
        (lambda: Trigger.sla_used("1.5"), "fraction"),
        (lambda: Trigger.sla_breached(metric=" "), "metric"),  # a custom name is not blank
        (lambda: Trigger.requested(0), "count"),
        (lambda: Trigger.elapsed("soon"), "after"),
        (lambda: Trigger(kind="whenever"), "kind"),
        (lambda: Level(name="a", triggers=[]), "triggers"),
        (lambda: Level(name="a", triggers=["PT1H"]), "triggers[0]"),
        (lambda: Level(name="", triggers=ELAPSED), "name"),
        (lambda: Level(name="a", triggers=ELAPSED, tiers=["one"]), "tiers[0]"),
        (lambda: Level(name="a", triggers=ELAPSED, teams="Tier 1"), "teams"),
        (lambda: Level(name="a", triggers=ELAPSED, calendar="desk"), "calendar"),
    ],
)
def test_bad_triggers_and_levels_are_config_errors_naming_the_field(build, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as raised:
        build()
    assert field == raised.value.field


def test_triggers_accept_their_plain_forms() -> None:
    trigger = Trigger(kind="elapsed", after="PT15M", since="TEAM")
    assert Trigger.elapsed(dt.timedelta(minutes=15), since="team") == trigger
    assert Trigger.sla_used(0.75, metric=Metric.RESOLUTION) == Trigger(
        kind="sla_used", fraction="0.75", metric="resolution"
    )
    assert Trigger.requested(2) == Trigger(kind="requested", count="2")
    assert Metric.RESOLUTION == Trigger.sla_breached(metric="RESOLUTION").metric


VENDOR = MetricDefinition(
    name="vendor_wait", start_statuses={"waiting_on_vendor"}, stop_statuses={"open"}
)
WITH_VENDOR = SLAPolicy(
    name="with vendor",
    scheme=FOUR_TIER,
    calendar=BusinessCalendar.always_open(),
    custom_metrics=[VENDOR],
    targets={"vendor_wait": {level.name: 4 * H for level in FOUR_TIER}},
)


def test_a_trigger_reads_a_custom_metric_of_the_policy() -> None:
    """Half of the 4-hour vendor wait used: 2 hours after the ticket went to the vendor."""
    ladder = EscalationLadder(
        name="vendor",
        levels=[Level(name="chase", triggers=Trigger.sla_used(0.5, metric="vendor_wait"))],
    )
    assert "50% of the vendor_wait target used" == ladder.levels[0].triggers[0].describe()
    events = [CREATED, StatusChanged(at=at(60), status="waiting_on_vendor")]
    before = ladder.evaluate(events, at(179), sla=WITH_VENDOR)
    assert ([], at(180)) == (due(before), before.next_at)
    assert ["chase"] == due(ladder.evaluate(events, at(180), sla=WITH_VENDOR))


def test_a_custom_metric_the_policy_does_not_measure_is_a_config_error() -> None:
    """A misspelt custom metric would never fire: evaluated with its policy, it is refused."""
    ladder = EscalationLadder(
        name="typo", levels=[Level(name="chase", triggers=Trigger.sla_breached(metric="vendr"))]
    )
    with pytest.raises(
        ConfigError, match="metric 'vendr', which SLA policy 'with vendor'"
    ) as error:
        ladder.evaluate([CREATED], at(10), sla=WITH_VENDOR)
    assert "sla" == error.value.field
    in_a_set = PolicySet([PolicyRule(name="all", policy=WITH_VENDOR)])
    assert [] == due(ladder.evaluate([CREATED], at(10), sla=in_a_set))  # another may measure it
