"""Benchmark: lifecycle replay plus ladder evaluation against SLA evaluation.

The workload is seed 000's: the reseller's SLA policy and its three-step
escalation ladder (examples/escalation_reseller.py), on tickets of 20 events
drawn from the moves the default workflow allows (replies, waits, hand-overs,
priority changes, customer requests, escalations carried out). For each
ticket it times the SLA evaluation, the workflow replay and the ladder
evaluation given the SLA report (the ladder reads the report, it does not make
it), once walking the log and once reading the state the replay made. It
prints the ratio of replay plus ladder (reading the replay's state, as a host
that runs both does) to SLA, and the same ratio with the ladder walking the log.

Run: python bench/escalation.py [--quick] [--tickets N]
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
    DEFAULT_WORKFLOW,
    AgentReplied,
    Assigned,
    Created,
    CustomerReplied,
    Escalated,
    EscalationLadder,
    EscalationRequested,
    Event,
    PriorityChanged,
    SLAPolicy,
)

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
EVENTS = 20
TEAMS = (("Service Coordinator", 1), ("VIP Engineers", 2), ("CX Technicians", 2))


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ticket(rng: random.Random, start: dt.datetime, ladder: EscalationLadder) -> list[Event]:
    """A 20-event ticket that the default workflow accepts, still open at the end."""
    levels = [level.name for level in ladder.levels]
    priorities = ["Critical", "High", "Medium", "Standard"]
    at = start
    events: list[Event] = [Created(at=at, priority=rng.choice(priorities))]
    state = DEFAULT_WORKFLOW.replay(events)
    while len(events) < EVENTS:
        at += dt.timedelta(minutes=rng.uniform(1, 90))
        roll = rng.random()
        event: Event
        if roll < 0.25:
            moves = [m for m in DEFAULT_WORKFLOW.allowed(state) if m.event == "StatusChanged"]
            event = rng.choice(moves).to_event(at)
        elif roll < 0.45:
            event = AgentReplied(at=at, public=rng.random() < 0.8)
        elif roll < 0.60:
            event = CustomerReplied(at=at)
        elif roll < 0.72:
            team, tier = rng.choice(TEAMS)
            event = Assigned(at=at, team=team, tier=tier, assignee=rng.choice(["ann", "bob"]))
        elif roll < 0.80:
            event = PriorityChanged(at=at, priority=rng.choice(priorities))
        elif roll < 0.90:
            event = EscalationRequested(at=at, by="customer")
        else:
            event = Escalated(at=at, level=rng.choice(levels), by="desk")
        state = DEFAULT_WORKFLOW.step(state, event)
        events.append(event)
    return events


Work = list[tuple[list[Event], dt.datetime]]


def workload(count: int, ladder: EscalationLadder, seed: int = 7) -> Work:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 5, 14, tzinfo=dt.UTC)
    out: Work = []
    for _ in range(count):
        events = ticket(rng, base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 330)), ladder)
        out.append((events, events[-1].at + dt.timedelta(hours=1)))
    return out


def best_of_three(run: Callable[[], object], count: int) -> float:
    """CPU microseconds per ticket, best of three passes (the machine is shared)."""
    run()  # warm the calendars
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best / count * 1e6


def measure(work: Work, policy: SLAPolicy, ladder: EscalationLadder) -> dict[str, float]:
    """Microseconds per ticket for the SLA, the replay, the ladder, and replay plus ladder."""
    reports = [policy.evaluate(events, now) for events, now in work]
    states = [DEFAULT_WORKFLOW.replay(events) for events, _now in work]
    count = len(work)

    def sla() -> None:
        for events, now in work:
            policy.evaluate(events, now)

    def replay() -> None:
        for events, _now in work:
            DEFAULT_WORKFLOW.replay(events)

    def ladder_on_log() -> None:
        for (events, now), report in zip(work, reports, strict=True):
            ladder.evaluate(events, now, sla=report)

    def ladder_on_state() -> None:
        for (_events, now), report, state in zip(work, reports, states, strict=True):
            ladder.evaluate(state, now, sla=report)

    def both() -> None:
        for (events, now), report in zip(work, reports, strict=True):
            ladder.evaluate(DEFAULT_WORKFLOW.replay(events), now, sla=report)

    def both_on_log() -> None:
        for (events, now), report in zip(work, reports, strict=True):
            DEFAULT_WORKFLOW.replay(events)
            ladder.evaluate(events, now, sla=report)

    return {
        "sla": best_of_three(sla, count),
        "replay": best_of_three(replay, count),
        "ladder_on_log": best_of_three(ladder_on_log, count),
        "ladder_on_state": best_of_three(ladder_on_state, count),
        "both": best_of_three(both, count),
        "both_on_log": best_of_three(both_on_log, count),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 tickets instead of 20,000")
    parser.add_argument("--tickets", type=int, default=None, help="number of tickets")
    args = parser.parse_args(argv)
    count = args.tickets or (2_000 if args.quick else 20_000)
    reseller = load("escalation_reseller")
    work = workload(count, reseller.LADDER)
    say: Callable[[str], None] = print
    say(
        f"Escalation vs SLA, {count:,} tickets of {EVENTS} events, a "
        f"{len(reseller.LADDER.levels)}-level ladder (Python {sys.version.split()[0]})"
    )
    result = measure(work, reseller.SLA, reseller.LADDER)
    rows = [
        ("SLA evaluation (policy.evaluate)", "sla"),
        ("lifecycle replay (DEFAULT_WORKFLOW.replay)", "replay"),
        ("ladder, walking the log", "ladder_on_log"),
        ("ladder, reading the replay's state", "ladder_on_state"),
        ("replay + ladder reading its state", "both"),
        ("replay + ladder walking the log", "both_on_log"),
    ]
    for label, key in rows:
        say(f"  {label:<44}{result[key]:8.1f} us/ticket")
    say(f"(the same with the ladder walking the log: {result['both_on_log'] / result['sla']:.2f})")
    ratio = result["both"] / result["sla"]
    verdict = "within" if ratio <= 1 else "over"
    say(f"ratio (replay + ladder) / SLA = {ratio:.2f}: {verdict} the SLA evaluation's cost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
