"""Hypothesis strategies for service-credit contracts."""

from __future__ import annotations

from hypothesis import strategies as st

from servicedesk_core.metrics import Contract, CreditTier
from servicedesk_core.priority import FOUR_TIER
from servicedesk_core.sla import Metric

__all__ = ["contracts", "credit_tiers"]

_SHARES = st.integers(1, 99).map(lambda percent: percent / 100)


def credit_tiers() -> st.SearchStrategy[CreditTier]:
    """Credit tiers: a month below ``below`` earns ``credit`` of the fee."""
    return st.builds(CreditTier, _SHARES, _SHARES)


def contracts() -> st.SearchStrategy[Contract]:
    """Contracts: an attainment threshold over some metrics and priorities, with credit tiers."""
    return st.builds(
        Contract,
        threshold=_SHARES,
        metrics=st.frozensets(st.sampled_from(Metric), min_size=1),
        priorities=st.none() | st.frozensets(st.sampled_from(FOUR_TIER.names), min_size=1),
        credits=st.lists(credit_tiers(), max_size=3, unique_by=lambda tier: tier.below),
    )
