"""Contract accounting: monthly attainment, breach tiers and credits, two policies side by side."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk_core import FOUR_TIER, ConfigError
from servicedesk_core.metrics import Contract, compare_policies, summarize
from tests.metrics.helpers import H, monday, policy, ticket

CONTRACT = Contract(threshold=0.9, credits=[(0.9, 0.05), (0.75, 0.10)])


def month_of(n_breached: int, *, start: dt.datetime, total: int = 10) -> list:
    return [
        ticket(
            start + i * dt.timedelta(minutes=20),
            answer=(5 if i < n_breached else 1) * H,
            resolve=6 * H,
        )
        for i in range(total)
    ]


def test_monthly_attainment_against_the_threshold_with_credits() -> None:
    november = month_of(0, start=monday())  # everything on time
    december = month_of(2, start=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))  # 18 of 20
    january = month_of(4, start=dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC))  # 16 of 20
    summary = summarize(
        policy(), november + december + january, dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
    )
    rows = CONTRACT.judge(summary).to_rows()
    assert ["2026-11", "2026-12", "2027-01"] == [row["month"] for row in rows]
    assert [1.0, 0.9, 0.8] == [row["attainment"] for row in rows]
    assert [True, True, False] == [row["met"] for row in rows]
    assert [0.0, 0.0, 0.05] == [row["credit"] for row in rows]


def test_the_worst_tier_that_applies_wins() -> None:
    assert 0.10 == CONTRACT.credit_for(0.5)
    assert 0.0 == CONTRACT.credit_for(None)


def test_maintenance_windows_are_excluded_from_the_verdict() -> None:
    logs = month_of(5, start=monday())
    window = (
        monday(0, 8),
        monday(
            0,
            10,
        ),
    )
    summary = summarize(policy(), logs, monday(8), maintenance=[window])
    (month,) = CONTRACT.judge(summary).months
    assert month.excluded > 0
    assert month.achieved + month.breached + month.excluded == 20


def test_the_same_log_under_two_policies() -> None:
    """What a 1-hour response promise would have done to tickets answered in 2 hours."""
    logs = [ticket(monday(), answer=2 * H, resolve=3 * H) for _ in range(3)]
    rows = compare_policies(policy(4 * H), policy(H), logs, monday(4)).to_rows()
    first = next(row for row in rows if row["metric"] == "first_response")
    assert (0, 3, 1.0, 0.0) == (
        first["breached_before"],
        first["breached_after"],
        first["attainment_before"],
        first["attainment_after"],
    )


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": 0.9, "credits": [(2, 0.1)]}, "below"),
        ({"threshold": 0.9, "credits": ["x"]}, "credits[0]"),
        ({"threshold": 0.9, "metrics": ["speed"]}, "metrics[0]"),
    ],
)
def test_bad_contracts_name_the_field(options: dict, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Contract(**options)
    assert field == caught.value.field


def test_a_contract_may_name_its_priorities_by_level() -> None:
    """Like every other scope by priority; a level was refused as "expected text"."""
    contract = Contract(threshold=0.9, priorities=[FOUR_TIER["Critical"], "High"])
    assert frozenset({"Critical", "High"}) == contract.priorities
