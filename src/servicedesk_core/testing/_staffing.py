"""Strategies for staffing: workloads, targets, arrivals, rosters and desks."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.calendar import BusinessCalendar
from servicedesk_core.events import Channel
from servicedesk_core.priority import FOUR_TIER
from servicedesk_core.sla import Metric, SLAPolicy
from servicedesk_core.staffing import Arrivals, Desk, Roster, StaffingTarget, Workload

__all__ = ["arrivals", "desks", "rosters", "staffing_targets", "workloads"]


def workloads(
    *, min_erlangs: float = 0.0, max_erlangs: float = 200.0
) -> st.SearchStrategy[Workload]:
    """Generate workloads whose offered load lies in ``[min_erlangs, max_erlangs]``.

    Handle times run from 30 seconds to an hour, in whole seconds.
    """
    if not 0 <= min_erlangs <= max_erlangs:
        raise InvalidArgument(
            f"need 0 <= min_erlangs <= max_erlangs, got {min_erlangs} and {max_erlangs}"
        )

    @st.composite
    def build(draw: st.DrawFn) -> Workload:
        seconds = draw(st.integers(min_value=30, max_value=3600))
        erlangs = draw(st.floats(min_value=min_erlangs, max_value=max_erlangs))
        return Workload(
            arrivals_per_hour=erlangs * 3600 / seconds, handle_time=dt.timedelta(seconds=seconds)
        )

    return build()


def staffing_targets(*, occupancy_caps: bool = True) -> st.SearchStrategy[StaffingTarget]:
    """Generate staffing targets: 50-99% within 0 s to 5 min, optional cap and shrinkage."""
    return st.builds(
        StaffingTarget,
        service_level=st.floats(min_value=0.5, max_value=0.99),
        within=st.integers(min_value=0, max_value=300).map(lambda s: dt.timedelta(seconds=s)),
        max_occupancy=(
            st.none() | st.floats(min_value=0.5, max_value=1.0) if occupancy_caps else st.none()
        ),
        shrinkage=st.sampled_from([0.0, 0.1, 0.3, 0.5]),
    )


def arrivals() -> st.SearchStrategy[Arrivals]:
    """Generate arrival patterns: one or two channels, flat or by hour of the week."""
    rate = st.floats(min_value=0, max_value=20)
    profile = rate | st.lists(rate, min_size=168, max_size=168)
    return st.builds(
        Arrivals,
        per_hour=st.dictionaries(st.sampled_from(list(Channel)), profile, min_size=1, max_size=2),
        timezone=st.sampled_from(["UTC", "America/Chicago"]),
    )


def rosters(*, tier: int | None = None) -> st.SearchStrategy[Roster]:
    """Generate rosters of 1-5 agents on a 24x7 or business-hours calendar."""
    return st.builds(
        Roster,
        tier=st.just(tier) if tier is not None else st.sampled_from([1, 2]),
        agents=st.integers(min_value=1, max_value=5),
        calendar=st.sampled_from(_CALENDARS),
        priorities=st.none() | st.just(frozenset({"Critical"})),
    )


@st.composite
def desks(draw: st.DrawFn) -> Desk:
    """Generate desks on a four-tier first-response policy (at least one Tier 1 roster)."""
    hours = dt.timedelta(hours=draw(st.integers(min_value=1, max_value=8)))
    policy = SLAPolicy(
        name="first response",
        scheme=FOUR_TIER,
        calendar=draw(st.sampled_from(_CALENDARS)),
        targets={Metric.FIRST_RESPONSE: dict.fromkeys(FOUR_TIER.names, hours)},
    )
    teams = [draw(rosters(tier=1)), *draw(st.lists(rosters(), max_size=2))]
    tier2 = any(roster.tier == 2 for roster in teams)
    return Desk(
        policy=policy,
        arrivals=draw(arrivals()),
        priorities=draw(
            st.dictionaries(
                st.sampled_from(FOUR_TIER.names), st.floats(0.1, 5), min_size=1, max_size=4
            )
        ),
        handle_times=dt.timedelta(minutes=draw(st.integers(min_value=1, max_value=120))),
        rosters=teams,
        escalation=draw(st.floats(0, 0.5)) if tier2 else 0.0,
    )


_CALENDARS = [
    BusinessCalendar.always_open(),
    BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00"),
]
