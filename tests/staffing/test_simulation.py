"""The desk simulation: seeded, judged by the real SLA engine, and in line with Erlang C."""

from __future__ import annotations

import datetime as dt
import math
import statistics

import pytest

from servicedesk_core import (
    FOUR_TIER,
    BusinessCalendar,
    ConfigError,
    Metric,
    PolicyRule,
    PolicySet,
    SLAPolicy,
)
from servicedesk_core.events import AgentReplied, Assigned, Resolved
from servicedesk_core.sla.bulk import TicketOutcome
from servicedesk_core.staffing import (
    Arrivals,
    Desk,
    ErlangC,
    Roster,
    Workload,
    simulate,
    sweep,
)
from tests.fuzz import verdict_time

ALWAYS = BusinessCalendar.always_open()
DESK_HOURS = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
MONDAY = dt.datetime(2026, 11, 16, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def policy(response: dt.timedelta, calendar: BusinessCalendar = ALWAYS) -> SLAPolicy:
    return SLAPolicy(
        name=f"respond in {response}",
        scheme=FOUR_TIER,
        calendar=calendar,
        targets={
            Metric.FIRST_RESPONSE: dict.fromkeys(FOUR_TIER.names, response),
            Metric.RESOLUTION: dict.fromkeys(FOUR_TIER.names, 8 * response),
        },
    )


def call_centre(agents: int = 13) -> Desk:
    """The reference desk: 200 calls an hour, 180 s each, 24x7, one tier."""
    return Desk(
        policy=policy(dt.timedelta(seconds=20)),
        arrivals=Arrivals(per_hour={"phone": 200}),
        priorities={"High": 1},
        handle_times="PT180S",
        rosters=[Roster(agents=agents, calendar=ALWAYS)],
    )


def test_a_24x7_single_tier_desk_agrees_with_erlang_c() -> None:
    """Share answered within 20 s over four days, seed 11, against Erlang C's 0.7956.

    The waits of neighbouring callers are strongly correlated, so the standard
    error is estimated from 16 batch means of six hours each (about 0.016 here);
    the test allows three of them. A month in bench/staffing.py agrees to 0.005.
    """
    run = simulate(call_centre(13), MONDAY, MONDAY + 4 * DAY, seed=11)
    expected = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT180S")).performance(
        13, "PT20S"
    )
    waits = run.wait_seconds()
    size = len(waits) // 16
    batches = [
        sum(wait <= 20 for wait in waits[i * size : (i + 1) * size]) / size for i in range(16)
    ]
    error = statistics.stdev(batches) / math.sqrt(len(batches))
    actual = sum(wait <= 20 for wait in waits) / len(waits)
    assert abs(expected.service_level - actual) < 3 * error, (actual, error)
    assert 0.005 < error < 0.03
    occupancy = dict(run.occupancy)[1]
    assert abs(expected.occupancy - occupancy) < 0.03


def test_the_same_seed_gives_the_same_run() -> None:
    one = simulate(call_centre(), MONDAY, MONDAY + DAY / 8, seed=3)
    assert one == simulate(call_centre(), MONDAY, MONDAY + DAY / 8, seed=3)
    assert one != simulate(call_centre(), MONDAY, MONDAY + DAY / 8, seed=4)


def two_tier_desk() -> Desk:
    critical_on_call = Roster(agents=1, calendar=ALWAYS, priorities={"Critical"}, name="on call")
    return Desk(
        policy=policy(dt.timedelta(hours=1), DESK_HOURS),
        arrivals=Arrivals(per_hour={"email": 1.5, "phone": 0.5}),
        priorities={"Critical": 1, "High": 2, "Low": 3},
        handle_times={1: "PT20M", 2: "PT1H"},
        rosters=[
            Roster(tier=1, agents=2, calendar=DESK_HOURS),
            Roster(tier=2, agents=1, calendar=DESK_HOURS),
            critical_on_call,
        ],
        escalation=0.3,
    )


def test_every_ticket_is_a_real_log_judged_by_the_real_engine() -> None:
    desk = two_tier_desk()
    run = simulate(desk, MONDAY, MONDAY + 3 * DAY, seed=5)
    end = MONDAY + 3 * DAY
    for ticket in run.tickets:
        report = desk.policy.evaluate(list(ticket.events), end)
        assert TicketOutcome.from_report(report, ticket.outcome.created) == ticket.outcome


def test_tier_1_escalates_to_tier_2_with_an_assignment() -> None:
    run = simulate(two_tier_desk(), MONDAY, MONDAY + 3 * DAY, seed=5)
    escalated = [ticket for ticket in run.tickets if ticket.escalated]
    assert escalated
    for ticket in escalated:
        kinds = [type(event) for event in ticket.events]
        assert [AgentReplied, Assigned] == kinds[1:3]
        handover = ticket.events[2]
        assert isinstance(handover, Assigned)
        assert (True, "Tier 2", 2) == (handover.escalated, handover.team, handover.tier)
    assert any(isinstance(ticket.events[-1], Resolved) for ticket in escalated)


def test_after_hours_only_on_call_answers_and_only_critical() -> None:
    run = simulate(two_tier_desk(), MONDAY, MONDAY + 3 * DAY, seed=5)
    night = [t for t in run.tickets if len(t.events) > 1 and not DESK_HOURS.is_open(t.events[1].at)]
    assert night
    assert {"Critical"} == {ticket.outcome.created.priority for ticket in night}


def test_queues_are_sampled_hourly_and_rows_are_flat() -> None:
    run = simulate(two_tier_desk(), MONDAY, MONDAY + DAY, seed=5)
    assert 24 == len(run.queue_rows())
    assert {"created", "priority", "channel", "escalated"} <= set(run.to_rows()[0])
    assert run.summary.ticket_count == len(run.tickets)


def test_a_sweep_is_one_call_with_progress() -> None:
    seen: list[tuple[int, int]] = []
    result = sweep(
        lambda n: call_centre(n),
        [11, 13],
        MONDAY,
        MONDAY + DAY / 12,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [(1, 2), (2, 2)] == seen
    rates = {
        row["scenario"]: row["attainment"]
        for row in result.to_rows()
        if row["metric"] == "first_response"
    }
    assert rates[13] > rates[11]


def test_a_sweep_shows_a_tqdm_bar_when_asked() -> None:
    result = sweep(lambda n: call_centre(n), [12], MONDAY, MONDAY + DAY / 24, progress=True)
    assert 1 == len(result.runs)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: attr(rosters=[]), "rosters"),
        (lambda: attr(rosters=[Roster(tier=2, agents=1, calendar=ALWAYS)]), "rosters"),
        (lambda: Roster(agents=0, calendar=ALWAYS), "agents"),
        (lambda: Arrivals(per_hour={"phone": -1}), "per_hour.phone"),
        (lambda: Arrivals(per_hour={"phone": [1, 2]}), "per_hour.phone"),
        (lambda: Arrivals(per_hour={"fax": 1}), "per_hour"),
        (lambda: attr(priorities={"Urgent": 1}), "priorities.Urgent"),
        (lambda: attr(handle_times="-PT1M"), "handle_times"),
        (lambda: attr(escalation=0.2), "escalation"),
        (lambda: attr(handle_times={3: "PT1M"}), "handle_times"),
        (lambda: attr(handle_times={"first": "PT1M"}), "handle_times"),
        (lambda: Arrivals(per_hour={"phone": 1, "PHONE": 2}), "per_hour"),
        (lambda: attr(priorities={"High": 1, FOUR_TIER["High"]: 2}), "priorities"),
        (lambda: attr(tier2_team=1.5), "tier2_team"),
        (lambda: attr(tier2_team=""), "tier2_team"),
        (lambda: attr(tier2_team="x" * 1_000_000), "tier2_team"),
        (lambda: simulate(call_centre(), MONDAY, MONDAY), "end"),
    ],
)
def test_bad_input_names_the_field(build: object, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    assert field == caught.value.field


def policy_set(*policies: SLAPolicy) -> PolicySet:
    return PolicySet([PolicyRule(name=p.name, policy=p) for p in policies])


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (
            lambda: attr(policy=policy_set(policy(DAY)), priorities={"Urgent": 1}),
            "priorities.Urgent",
        ),
        (
            lambda: attr(rosters=[Roster(agents=1, calendar=ALWAYS, priorities=["Urgent"])]),
            "rosters[0].priorities",
        ),
        (lambda: simulate(call_centre(), MONDAY, MONDAY + DAY, seed=None), "seed"),  # type: ignore[arg-type]
        (lambda: simulate(call_centre(), MONDAY, MONDAY + DAY, seed=[1]), "seed"),  # type: ignore[arg-type]
        (lambda: sweep(call_centre, [1], MONDAY, MONDAY + DAY, progress=5), "progress"),  # type: ignore[arg-type]
    ],
)
def test_what_would_fail_late_is_refused_at_the_door(build: object, field: str) -> None:
    """Levels unknown to a policy set's policies, a roster covering no level, a seed that
    is not a number (``None`` seeds from the OS: no longer reproducible), a progress that is
    not callable: each used to pass and fail or mislead during the run."""
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    assert field == caught.value.field


def test_more_tickets_than_a_simulation_takes_are_refused_at_once() -> None:
    """Documented guard: ten million calls an hour get their verdict within 100 ms."""
    flood = attr(arrivals=Arrivals(per_hour={"phone": 10_000_000}))
    with pytest.raises(ConfigError) as caught:
        simulate(flood, MONDAY, MONDAY + DAY)
    assert verdict_time(lambda: simulate(flood, MONDAY, MONDAY + DAY), ConfigError) < 0.1
    assert "end" == caught.value.field


def test_a_sweep_over_an_iterator_keeps_each_value_with_its_run() -> None:
    result = sweep(call_centre, iter([12, 14]), MONDAY, MONDAY + DAY / 24)
    assert (12, 14) == result.values
    assert [12, 14] == sorted({row["scenario"] for row in result.to_rows()})  # type: ignore[type-var]


def test_handle_times_keyed_by_tier_text_are_those_tiers() -> None:
    """``{"1": ..., "2": ...}`` (JSON keys) used to be ignored for the 10 minute default."""
    expected = (dt.timedelta(minutes=20), dt.timedelta(hours=1))
    assert expected == attr(handle_times={"1": "PT20M", "2": "PT1H"}).handle_times


def test_priorities_may_be_levels_as_everywhere_else() -> None:
    """A roster's priorities and a desk's mix took level names only (a level was refused)."""
    critical, high = FOUR_TIER["Critical"], FOUR_TIER["High"]
    roster = Roster(agents=1, calendar=ALWAYS, priorities={critical})
    assert frozenset({"Critical"}) == roster.priorities
    assert (("Critical", 1.0), ("High", 2.0)) == attr(priorities={critical: 1, high: 2}).priorities


def test_a_horizon_with_no_open_time_is_a_config_error() -> None:
    desk = attr(rosters=[Roster(agents=1, calendar=DESK_HOURS)])
    saturday = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    with pytest.raises(ConfigError) as caught:
        simulate(desk, saturday, saturday + 2 * DAY)
    assert "end" == caught.value.field


def attr(**changes: object) -> Desk:
    import attrs

    return attrs.evolve(call_centre(), **changes)  # type: ignore[arg-type]
