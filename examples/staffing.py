# %% [markdown]
# # Staffing a desk from the seed guides
#
# A notebook in percent format: run it as a script (`python examples/staffing.py
# [PLOT_DIR]`) or open it as a notebook. It answers three questions an analyst
# asks, from the seeds' numbers:
#
# 1. How many people does the desk need to answer 80% of calls in 20 seconds?
# 2. What does 24x7 cover cost compared with business hours and an on-call line?
# 3. How bad is the Monday backlog after a weekend?
#
# and then reports the week from partitions summarized on a process pool.
#
# Given a directory, it writes two plots there (service level against agents,
# and the backlog over the week); it needs the `plot` extra for them.

# %%
from __future__ import annotations

import datetime as dt
import pathlib
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from zoneinfo import ZoneInfo

from servicedesk_core import BusinessCalendar, PolicyRule, PolicySet, TicketSummary, summarize
from servicedesk_core.staffing import (
    Arrivals,
    Desk,
    ErlangA,
    ErlangC,
    Forecast,
    Roster,
    StaffingTarget,
    Workload,
    plan_staffing,
    simulate,
)

CENTRAL = ZoneInfo("America/Chicago")
TARGET = StaffingTarget(service_level=0.8, within=dt.timedelta(seconds=20), shrinkage=0.3)


def table(rows: Sequence[Mapping[str, object]], columns: list[str]) -> str:
    """A plain text table (a notebook would show ``to_frame()`` instead)."""

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    widths = [max(len(c), *(len(cell(r[c])) for r in rows)) for c in columns]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    for row in rows:
        lines.append("  ".join(cell(row[c]).ljust(w) for c, w in zip(columns, widths, strict=True)))
    return "\n".join(lines)


# %% [markdown]
# ## 1. Agents for 80% in 20 seconds
#
# The contact-center vendor (seed 004) answers the phone "in 30 seconds or less";
# take the textbook 80/20 target on 200 calls an hour of 3 minutes (10 Erlangs).

# %%
LOAD = Workload(arrivals_per_hour=200, handle_time=dt.timedelta(minutes=3))
MODEL = ErlangC(LOAD)
CURVE = MODEL.curve(range(11, 17), TARGET.within)
ANSWER = MODEL.staffing(TARGET)
PATIENT = ErlangA(LOAD, patience=dt.timedelta(minutes=3)).staffing(TARGET)


def question_1() -> None:
    print("1. Agents for 80% within 20 s at 10 Erlangs (Erlang C):")
    print(table(CURVE.to_rows(), ["agents", "service_level", "asa_seconds", "occupancy"]))
    print(
        f"   needed: {ANSWER.agents} on the phones, {ANSWER.scheduled} scheduled with 30% "
        f"shrinkage; with callers who hang up after 3 minutes (Erlang A): {PATIENT.agents}"
    )


# %% [markdown]
# ## 2. 24x7 against business hours and on-call
#
# The MSP (seed 002) keeps its desk open Monday to Friday, 7am to 5pm Central, and
# a 24-hour on-call team for phoned-in priority issues. Staffing every hour of the
# week for a forecast that is busy by day and quiet at night costs this much:

# %%
WEEKDAY = [2, 2, 1, 1, 1, 2, 6, 14, 22, 24, 22, 20, 18, 20, 22, 20, 16, 10, 6, 4, 3, 3, 2, 2]
WEEKEND = [1] * 24
MONDAY = dt.datetime(2026, 11, 16, tzinfo=CENTRAL)
WEEK = Forecast(
    start=MONDAY,
    interval=dt.timedelta(hours=1),
    volumes=WEEKDAY * 5 + WEEKEND * 2,
    handle_time=dt.timedelta(minutes=12),
)
PLAN = plan_staffing(WEEK, StaffingTarget(service_level=0.8, within="PT5M", shrinkage=0.3))
DESK_HOURS = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")


def question_2() -> None:
    open_hours = [i for i in PLAN.intervals if DESK_HOURS.is_open(i.start)]
    desk_cost = sum(i.staffing.scheduled for i in open_hours)
    on_call = 168 - len(open_hours)  # one engineer on call whenever the desk is closed
    print("2. A week of 24x7 staffing against desk hours plus one on-call engineer:")
    print(f"   24x7 to target: {PLAN.agent_hours:.0f} agent hours (peak {PLAN.peak} scheduled)")
    print(f"   desk hours to target + on-call: {desk_cost} + {on_call} = {desk_cost + on_call}")


# %% [markdown]
# ## 3. The Monday backlog
#
# Seed 003's partner table (`examples/sla_partner.py`): a business-hours desk of
# three Tier 1 agents and two Tier 2, a Critical-only on-call line, 30% of tickets
# escalated. Simulate a week from Friday noon and judge every ticket by the policy.

# %%
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sla_partner  # noqa: E402  (the seed-003 policy, next to this script)

EASTERN_DESK = sla_partner.HOURS
ALWAYS = BusinessCalendar.always_open(timezone="America/New_York")
PARTNER = Desk(
    policy=PolicySet([PolicyRule(name="partner", policy=sla_partner.POLICY)]),
    arrivals=Arrivals(per_hour={"email": 0.8, "phone": 0.4}, timezone="America/New_York"),
    priorities={"Critical": 0.5, "High": 2, "Normal": 5, "Low": 2},
    handle_times={1: dt.timedelta(minutes=25), 2: dt.timedelta(minutes=60)},
    rosters=[
        Roster(tier=1, agents=3, calendar=EASTERN_DESK),
        Roster(tier=2, agents=2, calendar=EASTERN_DESK),
        Roster(tier=1, agents=1, calendar=ALWAYS, priorities={"Critical"}, name="on call"),
    ],
    escalation=0.3,
)
FRIDAY = dt.datetime(2026, 11, 20, 12, tzinfo=ZoneInfo("America/New_York"))
RUN = simulate(PARTNER, FRIDAY, FRIDAY + dt.timedelta(days=7), seed=2026)


def question_3() -> None:
    monday_open = max(
        (one for at, one, _two in RUN.queue if at.weekday() == 0 and at.hour == 9), default=0
    )
    print(f"3. A simulated week from Friday noon: {len(RUN.tickets)} tickets")
    print(f"   Tier 1 queue when the desk opens on Monday: {monday_open} tickets")
    columns = ["priority", "metric", "achieved", "breached", "attainment"]
    print(table(RUN.summary.to_rows(), columns))
    print(f"   occupancy: {', '.join(f'tier {t} {o:.0%}' for t, o in RUN.occupancy)}")


# %% [markdown]
# ## The week's report, computed per partition
#
# Summaries merge (`a + b`), so a process pool (or Dask, or Spark) can summarize
# partitions of the logs and add the parts; the sum is the whole.


# %%
def report_by_partition() -> TicketSummary:
    logs = [list(ticket.events) for ticket in RUN.tickets]
    end = FRIDAY + dt.timedelta(days=7)
    parts = [logs[i : i + 50] for i in range(0, len(logs), 50)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        summaries = pool.map(partial(summarize, PARTNER.policy, now=end), parts)
        total = sum(summaries, TicketSummary())
    assert total == summarize(PARTNER.policy, logs, end)
    first = total.average("first_response", business=False, default=0.0)
    print(
        f"4. Report from {len(parts)} partitions: {total.tickets_per_week()}, average first "
        f"response {first / 3600:.1f} h (calendar time)"
    )
    return total


# %% [markdown]
# ## Plots


# %%
def plots(directory: pathlib.Path) -> list[pathlib.Path]:
    from servicedesk_core.staffing import plot_backlog, plot_service_level

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, figure in (
        (
            "staffing-service-level.png",
            plot_service_level(MODEL.curve(range(10, 21), "PT20S"), TARGET),
        ),
        ("staffing-backlog.png", plot_backlog(RUN)),
    ):
        path = directory / name
        figure.savefig(path)
        written.append(path)
    return written


def main(argv: list[str]) -> None:
    question_1()
    question_2()
    question_3()
    report_by_partition()
    if argv:
        for path in plots(pathlib.Path(argv[0])):
            print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
