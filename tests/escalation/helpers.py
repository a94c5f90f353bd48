"""Shared helpers for the escalation tests: instants, a small routing, logs."""

from __future__ import annotations

import datetime as dt

from servicedesk_core.escalation import Routing, RoutingRule, Team
from servicedesk_core.priority import FOUR_TIER

T0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)  # a Monday
MIN = dt.timedelta(minutes=1)
US = dt.timedelta(microseconds=1)


def at(minutes: float) -> dt.datetime:
    """``minutes`` after ``T0``."""
    return T0 + dt.timedelta(minutes=minutes)


TIERS = Routing(
    teams=[
        Team(name="Tier 1", reference="T1-{n}", members=["ann", "bob"]),
        Team(name="Tier 2", tier=2, reference="T2-{n}", members=["cat", "ann"]),
        Team(name="Vendor", tier=3, reference="V-{n}"),
    ],
    default="Tier 1",
    rules=[
        RoutingRule(name="platform bugs", team="Vendor", kinds=["platform bug"], from_tiers=[2]),
        RoutingRule(name="tier 1 escalates", team="Tier 2", from_tiers=[1]),
    ],
    scheme=FOUR_TIER,
)
