"""Benchmark the staffing and metrics layers against their targets and peers.

- agents needed at 950 Erlangs (target: under 5 ms), beside the textbook
  factorial formula (which overflows long before 950 agents);
- a year of a 50-tickets-a-day desk, 3 priorities and 2 tiers, simulated and
  SLA-evaluated (target: under 10 s);
- metrics over 100,000 evaluated tickets (target: under 1 s);
- bulk replay (``evaluate_many``) against ``evaluate`` in a loop giving the same
  figures (target: 1.5x), and against a loop that keeps nothing;
- a month of a 24x7 single-tier desk against Erlang C.

CPU time (``time.process_time``), best of three where it is cheap.

Run: python bench/staffing.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import math
import pathlib
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from types import ModuleType

from servicedesk_core import (
    FOUR_TIER,
    Arrivals,
    BusinessCalendar,
    Desk,
    ErlangC,
    Metric,
    Roster,
    SLAPolicy,
    StaffingTarget,
    Target,
    Workload,
    evaluate_many,
    simulate,
    summarize_outcomes,
)
from servicedesk_core.sla import PolicySet, TicketOutcome

HERE = pathlib.Path(__file__).resolve().parent
UTC = dt.UTC


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cpu(run: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def textbook_agents(erlangs: float, target: float, within_s: float, handle_s: float) -> int:
    """The formula as often written: a**n / n! with floats (overflows past ~170 agents)."""
    n = math.floor(erlangs) + 1
    while True:
        top = erlangs**n / math.factorial(n) * n / (n - erlangs)
        below = sum(erlangs**k / math.factorial(k) for k in range(n))
        c = top / (below + top)
        if 1 - c * math.exp(-(n - erlangs) * within_s / handle_s) >= target:
            return n
        n += 1


def erlang(say: Callable[[str], None]) -> None:
    target = StaffingTarget(service_level=0.8, within="PT20S")
    big = ErlangC(Workload(arrivals_per_hour=11_400, handle_time="PT5M"))
    small = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT3M"))
    ours = cpu(lambda: big.staffing(target), 20)
    ours_small = cpu(lambda: small.staffing(target), 200)
    peer_small = cpu(lambda: textbook_agents(10, 0.8, 20, 180), 200)
    try:
        textbook_agents(950, 0.8, 20, 300)
        peer = "answered"
    except OverflowError as error:
        peer = f"OverflowError ({error})"
    verdict = "meets" if ours < 0.005 else "misses"
    say(
        f"agents needed at 950 Erlangs: {big.staffing(target).agents} in {ours * 1e3:.2f} ms "
        f"({verdict} the 5 ms target); textbook formula: {peer}"
    )
    say(
        f"  at 10 Erlangs: {ours_small * 1e6:.0f} us vs textbook {peer_small * 1e6:.0f} us "
        f"({peer_small / ours_small:.1f}x)"
    )


def year_desk() -> Desk:
    hours = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
    always = BusinessCalendar.always_open(timezone="America/Chicago")
    scheme_levels = ["Critical", "High", "Medium"]
    targets = {
        Metric.FIRST_RESPONSE: {
            "Critical": Target(duration=dt.timedelta(hours=1), calendar=always),
            "High": dt.timedelta(hours=2),
            "Medium": Target(business_days=1),
            "Low": None,
        },
        Metric.RESOLUTION: {
            "Critical": Target(duration=dt.timedelta(hours=4), calendar=always),
            "High": Target(business_days=1),
            "Medium": Target(business_days=3),
            "Low": None,
        },
    }
    policy = SLAPolicy(name="year", scheme=FOUR_TIER, calendar=hours, targets=targets)
    per_hour = [0.0] * 168
    for day in range(7):
        for hour in range(24):
            per_hour[day * 24 + hour] = (5.0 if 7 <= hour < 17 else 0.8) if day < 5 else 0.6
    scale = 50 * 7 / sum(per_hour)
    return Desk(
        policy=policy,
        arrivals=Arrivals(
            per_hour={"email": [r * scale for r in per_hour]}, timezone="America/Chicago"
        ),
        priorities=dict(zip(scheme_levels, [1, 4, 10], strict=True)),
        handle_times={1: dt.timedelta(minutes=20), 2: dt.timedelta(minutes=60)},
        rosters=[
            Roster(tier=1, agents=3, calendar=hours),
            Roster(tier=2, agents=2, calendar=hours),
            Roster(tier=1, agents=1, calendar=always, priorities={"Critical"}),
        ],
        escalation=0.25,
    )


def simulation(say: Callable[[str], None], days: int) -> list:
    desk = year_desk()
    start = dt.datetime(2026, 1, 5, tzinfo=UTC)
    began = time.process_time()
    run = simulate(desk, start, start + dt.timedelta(days=days), seed=1)
    took = time.process_time() - began
    verdict = "meets" if took < 10 * days / 365 else "misses"
    say(
        f"{days} days of a 50-tickets-a-day desk, 3 priorities, 2 tiers: {len(run.tickets):,} "
        f"tickets simulated and SLA-evaluated in {took:.2f} s ({verdict} the 10 s a year target)"
    )
    return [ticket.events for ticket in run.tickets], desk.policy, start + dt.timedelta(days=days)


def metrics(
    say: Callable[[str], None], logs: list, policy: SLAPolicy, now: dt.datetime, count: int
) -> None:
    copies = (count + len(logs) - 1) // len(logs)
    many = (logs * copies)[:count]
    outcomes = evaluate_many(policy, many, now)
    took = cpu(lambda: summarize_outcomes(outcomes, many), 3)
    verdict = "meets" if took * 100_000 / count < 1 else "misses"
    say(f"metrics over {count:,} evaluated tickets: {took:.2f} s ({verdict} the 1 s target)")


Groups = dict[int, tuple[SLAPolicy | PolicySet, list]]


def _loop(groups: Groups, now: dt.datetime) -> None:
    for policy, logs in groups.values():
        for events in logs:
            policy.evaluate(events, now)


def _figures(groups: Groups, now: dt.datetime) -> list:
    return [
        [TicketOutcome.from_report(policy.evaluate(events, now), events[0]) for events in logs]
        for policy, logs in groups.values()
    ]


def _batch(groups: Groups, now: dt.datetime) -> list:
    return [evaluate_many(policy, logs, now) for policy, logs in groups.values()]


def bulk(say: Callable[[str], None], count: int) -> None:
    """evaluate_many against evaluate in a loop giving the same figures (TicketOutcome).

    The loop that throws each report away is printed too: it keeps nothing,
    so it skips the work of building and keeping results that any use pays.
    """
    sla = load("sla")
    day = dt.timedelta(days=1)
    for label, heavy in (("seed policies", False), ("goals and warnings", True)):
        work = sla.workload(count, n_events=10, spread=3 * day, age=30 * day, heavy=heavy)
        groups: Groups = {}
        for policy, events, _now in work:
            groups.setdefault(id(policy), (policy, []))[1].append(events)
        now = max(n for _p, _e, n in work)

        bare = partial(_loop, groups, now)
        bare()  # warm the calendars
        slow, dropped = cpu(partial(_figures, groups, now)), cpu(bare)
        fast = cpu(partial(_batch, groups, now))
        verdict = "meets" if slow / fast >= 1.5 else "misses"
        say(
            f"bulk replay, {label}: {fast / count * 1e6:.1f} us/ticket with evaluate_many, "
            f"{slow / count * 1e6:.1f} in a loop of evaluate giving the same figures: "
            f"{slow / fast:.2f}x ({verdict} the 1.5x target); a loop that keeps nothing "
            f"{dropped / count * 1e6:.1f} us/ticket ({dropped / fast:.2f}x)"
        )


def agreement(say: Callable[[str], None], days: int) -> None:
    always = BusinessCalendar.always_open()
    policy = SLAPolicy(
        name="20 s",
        scheme=FOUR_TIER,
        calendar=always,
        targets={Metric.FIRST_RESPONSE: dict.fromkeys(FOUR_TIER.names, dt.timedelta(seconds=20))},
    )
    desk = Desk(
        policy=policy,
        arrivals=Arrivals(per_hour={"phone": 200}),
        priorities={"High": 1},
        handle_times="PT180S",
        rosters=[Roster(agents=13, calendar=always)],
    )
    start = dt.datetime(2026, 1, 5, tzinfo=UTC)
    run = simulate(desk, start, start + dt.timedelta(days=days), seed=1)
    waits = run.wait_seconds()
    simulated = sum(wait <= 20 for wait in waits) / len(waits)
    expected = (
        ErlangC(Workload(arrivals_per_hour=200, handle_time="PT180S"))
        .performance(13, "PT20S")
        .service_level
    )
    say(
        f"{days} days of a 24x7 desk (10 Erlangs, 13 agents): {simulated:.4f} answered within "
        f"20 s, Erlang C {expected:.4f} (difference {simulated - expected:+.4f})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    args = parser.parse_args(argv)
    say: Callable[[str], None] = print
    say(f"staffing and metrics (Python {sys.version.split()[0]})")
    erlang(say)
    logs, policy, now = simulation(say, 60 if args.quick else 365)
    metrics(say, logs, policy, now, 10_000 if args.quick else 100_000)
    bulk(say, 2_000 if args.quick else 20_000)
    agreement(say, 3 if args.quick else 30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
