"""Benchmark: SLA evaluation on the seed policies, and the deadline math beneath it.

One table: microseconds of CPU per call for servicedesk_core, and for the
deadline math the peers' times with their ratio to ours (the peers come with
the ``bench`` extra; ``bench/run.py`` has the full calendar comparison). SLA
evaluation has no peer: no Python library replays a ticket's SLA clocks. The
rows show that a ticket's cost grows with its number of events, not with how
long it stays open, and the targets are checked at the end. Each peer's
answers are compared with ours, and its disagreements explained in one line.

Run: python bench/sla.py [--quick] [--tickets N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
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
TICKET_TARGET_US = 20.0
ADD_DAYS_TARGET_US = 3.0
PEERS = ("exchange_calendars", "pandas", "businesstimedelta")


def load(name: str, folder: pathlib.Path = EXAMPLES) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", folder / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
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


def run(work: Workload, passes: int = 5) -> float:
    """CPU microseconds per ticket (best of ``passes`` passes over warm calendars).

    CPU time of this thread, not wall time: the machine is shared, and other
    processes should not count against us; the best pass is the one least
    disturbed by them.
    """
    for policy, events, now in work[:2000]:  # materialise the calendars' years once
        policy.evaluate(events, now)
    best = float("inf")
    for _ in range(passes):
        t0 = time.thread_time()
        for policy, events, now in work:
            policy.evaluate(events, now)
        best = min(best, time.thread_time() - t0)
    return best / len(work) * 1e6


Row = tuple[str, float, dict[str, float | None]]  # label, our us, peer -> us (None: n/a)


def calendar_rows(instants: int, budget: float) -> tuple[list[Row], list[str]]:
    """Deadline and business-day math, ours and the peers', on ``bench/run.py``'s workload.

    Returns the rows and one line per peer saying where its answers differ from ours.
    """
    run_py = load("run", pathlib.Path(__file__).resolve().parent)
    workload = run_py.build_workload(instants)
    libraries = [run_py.servicedesk_core_library(workload)]
    notes = []
    for name in PEERS:
        try:
            libraries.append(run_py.PEERS[name](workload))
        except ImportError:
            notes.append(f"{name}: not installed (`make bench` installs the bench extra)")
    buckets = {bucket.label: bucket for bucket in workload.buckets}
    rows: list[Row] = []
    answers: dict[str, dict[tuple[str, object], list[object]]] = {}
    for op, label, bucket in (
        ("deadline", "deadline: 4 h of business time", buckets["4 h"]),
        ("add_days", "add_days: 5 business days", buckets["50 h"]),
    ):
        inputs = workload.inputs(op, bucket)
        runners = {
            lib.name: (runner, [lib.prepare(x) for x in inputs])
            for lib in libraries
            if run_py.cell_supported(runner := lib.runners.get(op), bucket) and runner is not None
        }
        cells = run_py.time_cell(runners, bucket, budget=budget, least=min(budget, 0.5))
        peers: dict[str, float | None] = {}
        for lib in libraries:
            cell = cells.get(lib.name)
            if lib.name != "servicedesk_core":
                peers[lib.name] = None if cell is None else cell.us_per_call
            if cell is not None:
                normalize = lib.normalize.get(op, lambda value: value)
                found = [normalize(a) for a in cell.answers]
                answers.setdefault(lib.name, {})[op, bucket] = found
        rows.append((label, cells["servicedesk_core"].us_per_call, peers))
    ours = answers["servicedesk_core"]
    for lib in libraries[1:]:
        theirs = answers.get(lib.name, {})
        notes.append(disagreement_line(run_py, workload, lib.name, theirs, ours))
    return rows, notes


_KINDS = {
    "next-open": "answers the next opening where a deadline ends at closing time",
    "DST": "across a DST change",
    "holiday": "across a holiday",
    "weekend": "across a weekend",
    "-": "on a plain span",
}


def disagreement_line(
    run_py: ModuleType,
    workload: object,
    name: str,
    theirs: dict[str, list[object]],
    ours: dict[str, list[object]],
) -> str:
    """One line: how many of a peer's answers differ from ours, and of which kind."""
    expected = run_py.Expected(workload)
    parts = []
    for (op, bucket), answers in theirs.items():
        inputs = workload.inputs(op, bucket)  # type: ignore[attr-defined]
        kinds: dict[str, int] = {}
        for query, got, want in zip(inputs, answers, ours[op, bucket], strict=False):
            if utc(got) != utc(want):
                item = run_py.Disagreement(op, bucket, query, got, want)
                for kind in run_py.tags(item, workload, expected) or ["-"]:
                    kinds[kind] = kinds.get(kind, 0) + 1
        differ = sum(kinds.values())
        said = f"{op}: {differ} of {len(answers)} differ" if kinds else f"{op}: all agree"
        if kinds:
            said += " (" + ", ".join(f"{n} {_KINDS[k]}" for k, n in kinds.items()) + ")"
        parts.append(said)
    return f"{name}: {'; '.join(parts)}"


def utc(value: object) -> object:
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def print_table(rows: list[Row], say: Callable[[str], None]) -> None:
    head = f"{'operation':<50}{'servicedesk_core':>18}" + "".join(f"{n:>22}" for n in PEERS)
    say(head)
    say("-" * len(head))
    for label, us, peers in rows:
        line = f"{label:<50}{us:>18.1f}"
        for name in PEERS:
            peer = peers.get(name)
            text = "n/a" if peer is None else f"{peer:,.1f} ({peer / us:.1f}x)"
            line += f"{text:>22}"
        say(line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 tickets instead of 100,000")
    parser.add_argument("--tickets", type=int, default=None, help="number of tickets")
    args = parser.parse_args(argv)
    count = args.tickets or (5_000 if args.quick else 100_000)
    small = args.quick or count < 5_000
    say: Callable[[str], None] = print
    say(
        f"SLA evaluation on the seed policies ({count:,} tickets) and the deadline math "
        f"beneath it; Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs, CPU time of the benchmark thread"
    )
    say("Microseconds per call (peer / servicedesk_core in parentheses)")
    day, year = dt.timedelta(days=1), dt.timedelta(days=365)
    ticket_rows = [
        ("ticket: 10 events over 3 days, evaluated 1 h later", 10, 3 * day, dt.timedelta(hours=1)),
        ("ticket: 10 events over 3 days, a year later", 10, 3 * day, year),
        ("ticket: 10 events over a year, 1 h later", 10, year, dt.timedelta(hours=1)),
        ("ticket: 5 events over 3 days", 5, 3 * day, dt.timedelta(hours=1)),
        ("ticket: 20 events over 3 days", 20, 3 * day, dt.timedelta(hours=1)),
    ]
    rows: list[Row] = []
    for label, n_events, spread, age in ticket_rows:
        work = workload(
            count if n_events == 10 else count // 5, n_events=n_events, spread=spread, age=age
        )
        rows.append((label, run(work), {}))
    heavy = workload(count // 5, n_events=10, spread=3 * day, age=dt.timedelta(hours=1), heavy=True)
    rows.append(("ticket: every metric, with goals and warnings", run(heavy), {}))
    calendar, notes = calendar_rows(1_000 if small else 20_000, 0.3 if small else 3.0)
    rows.extend(calendar)
    print_table(rows, say)
    headline, add_days = rows[0][1], calendar[1][1]
    say("")
    say("Targets:")
    for what, value, target in (
        ("a 10-event ticket", headline, TICKET_TARGET_US),
        ("add_days", add_days, ADD_DAYS_TARGET_US),
    ):
        verdict = "met" if value <= target else "MISSED"
        say(f"  {what:<18} <= {target:4.0f} us: {value:5.1f} us  {verdict}")
    say(
        f"  age and length: a year-old ticket costs {rows[1][1] / headline:.2f}x, a year-long "
        f"one {rows[2][1] / headline:.2f}x; 5 events {rows[3][1]:.1f} us, 20 events "
        f"{rows[4][1]:.1f} us"
    )
    say("Peers' answers against ours (add_days keeps the wall-clock time; see bench/run.py):")
    for note in notes:
        say(f"  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
