"""Benchmark: evaluate tickets of about 10 events on the seed policies.

Prints microseconds per ticket, and shows that the cost grows with the number
of events, not with how long a ticket stays open.

Run: python bench/sla.py [--quick] [--tickets N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import pathlib
import random
import sys
import time
from collections.abc import Callable, Sequence
from types import ModuleType

from servicedesk_core import (
    AgentReplied,
    Assigned,
    Channel,
    Created,
    CustomerReplied,
    Event,
    Metric,
    PolicySet,
    PriorityChanged,
    Reopened,
    Resolved,
    SLAPolicy,
    StatusChanged,
    Target,
    TargetRange,
)

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
TARGET_US = 50.0


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_policies() -> list[tuple[str, SLAPolicy | PolicySet, list[str], list[Channel]]]:
    reseller, msp = load("sla_reseller"), load("sla_msp")
    partner, contact = load("sla_partner"), load("sla_contact_center")
    four = ["Critical", "High", "Medium", "Low"]
    return [
        ("reseller", reseller.POLICY, [lvl.name for lvl in reseller.SCHEME], list(Channel)),
        ("msp", msp.POLICIES, four, list(Channel)),
        ("partner", partner.POLICY, [lvl.name for lvl in partner.SCHEME], list(Channel)),
        ("contact center", contact.POLICIES, four, [Channel.PHONE, Channel.EMAIL]),
    ]


def heavy_policy() -> tuple[str, SLAPolicy, list[str], list[Channel]]:
    """Every metric, each with a goal and two warnings: more cycles and instants per ticket."""
    reseller = load("sla_reseller")
    levels = [level.name for level in reseller.SCHEME]
    hours = lambda h: Target(duration=dt.timedelta(hours=h))  # noqa: E731
    target = TargetRange(goal=hours(2), breach=hours(4), warnings=[0.5, 0.75])
    policy = SLAPolicy(
        name="every metric",
        scheme=reseller.SCHEME,
        calendar=reseller.DESK,
        targets={metric: dict.fromkeys(levels, target) for metric in Metric},
    )
    return ("every metric", policy, levels, list(Channel))


def ticket(
    rng: random.Random,
    start: dt.datetime,
    levels: Sequence[str],
    channels: Sequence[Channel],
    n_events: int,
    spread: dt.timedelta,
) -> list[Event]:
    """A plausible ticket: created, replies back and forth, a pause, maybe a priority change."""
    step = spread / n_events
    at = start
    events: list[Event] = [
        Created(at=at, priority=rng.choice(levels), channel=rng.choice(channels))
    ]
    resolved = False
    while len(events) < n_events:
        at += step * rng.uniform(0.2, 1.8)
        roll = rng.random()
        if resolved:
            events.append(Reopened(at=at))
            resolved = False
        elif roll < 0.30:
            events.append(AgentReplied(at=at, public=rng.random() < 0.8))
        elif roll < 0.55:
            events.append(CustomerReplied(at=at))
        elif roll < 0.70:
            status = rng.choice(["waiting_on_customer", "open", "waiting_on_vendor", "open"])
            events.append(StatusChanged(at=at, status=status))
        elif roll < 0.78:
            events.append(PriorityChanged(at=at, priority=rng.choice(levels)))
        elif roll < 0.86:
            events.append(Assigned(at=at, assignee="tier 2", escalated=True))
        elif len(events) > n_events - 3:
            events.append(Resolved(at=at))
            resolved = True
        else:
            events.append(AgentReplied(at=at))
    return events


Workload = list[tuple[SLAPolicy | PolicySet, list[Event], dt.datetime]]


def workload(
    count: int,
    *,
    n_events: int,
    spread: dt.timedelta,
    age: dt.timedelta,
    seed: int = 7,
    heavy: bool = False,
) -> Workload:
    rng = random.Random(seed)
    policies = [heavy_policy()] if heavy else seed_policies()
    base = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    out: Workload = []
    for i in range(count):
        _name, policy, levels, channels = policies[i % len(policies)]
        start = base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 330))
        events = ticket(rng, start, levels, channels, n_events, spread)
        out.append((policy, events, events[-1].at + age))
    return out


def run(work: Workload) -> float:
    """CPU microseconds per ticket (best of three passes over warm calendars).

    CPU time, not wall time: the machine is shared, and other processes should
    not count against us.
    """
    for policy, events, now in work[:2000]:  # materialise the calendars' years once
        policy.evaluate(events, now)
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for policy, events, now in work:
            policy.evaluate(events, now)
        best = min(best, time.process_time() - t0)
    return best / len(work) * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 tickets instead of 100,000")
    parser.add_argument("--tickets", type=int, default=None, help="number of tickets")
    args = parser.parse_args(argv)
    count = args.tickets or (5_000 if args.quick else 100_000)
    say: Callable[[str], None] = print
    say(f"SLA evaluation, {count:,} tickets on the seed policies (Python {sys.version.split()[0]})")
    day, year = dt.timedelta(days=1), dt.timedelta(days=365)
    rows = [
        ("10 events over 3 days, evaluated 1 hour later", 10, 3 * day, dt.timedelta(hours=1)),
        ("10 events over 3 days, evaluated a year later", 10, 3 * day, year),
        ("10 events over a year, evaluated 1 hour later", 10, year, dt.timedelta(hours=1)),
        ("5 events over 3 days", 5, 3 * day, dt.timedelta(hours=1)),
        ("20 events over 3 days", 20, 3 * day, dt.timedelta(hours=1)),
    ]
    results = []
    for label, n_events, spread, age in rows:
        work = workload(
            count if n_events == 10 else count // 5, n_events=n_events, spread=spread, age=age
        )
        us = run(work)
        results.append(us)
        say(f"  {label:<48} {us:8.1f} us/ticket")
    heavy = workload(count // 5, n_events=10, spread=3 * day, age=dt.timedelta(hours=1), heavy=True)
    heavy_us = run(heavy)
    say(f"  {'for scale: every metric with goal and warnings':<48} {heavy_us:8.1f} us/ticket")
    headline = results[0]
    verdict = "meets" if headline < TARGET_US else "misses"
    say(f"headline {headline:.1f} us/ticket {verdict} the {TARGET_US:.0f} us target")
    say(
        f"age: a year-old ticket costs {results[1] / headline:.2f}x, a year-long one "
        f"{results[2] / headline:.2f}x; events: 5 -> {results[3]:.1f}, 20 -> {results[4]:.1f} us"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
