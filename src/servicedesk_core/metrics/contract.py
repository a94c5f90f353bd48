"""Contract accounting: monthly attainment against a threshold, breach tiers and credits.

A :class:`Contract` reads a :class:`~servicedesk_core.TicketSummary`
(tickets opened in maintenance windows are already counted apart) and says,
month by month, whether the attainment met the threshold and which service
credit a miss earns. :func:`compare_policies` judges the same logs under two
policies side by side ("what would the new policy have done to last quarter").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Event
from servicedesk_core.metrics._table import Row, Table
from servicedesk_core.metrics.summary import (
    TicketSummary,
    _logs,
    metric_name,
    summarize,
)
from servicedesk_core.priority import PriorityLevel
from servicedesk_core.priority.levels import level_name
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.selection import PolicySet, policy_or_set
from servicedesk_core.sla.targets import Metric, MetricKey

__all__ = [
    "Contract",
    "ContractMonth",
    "ContractReport",
    "CreditTier",
    "PolicyComparison",
    "compare_policies",
]


def _share(value: object, field: str) -> float:
    return convert.number(value, field, min_value=0, max_value=1)


def _below(value: float | str) -> float:
    return _share(value, "below")


def _credit(value: float | str) -> float:
    return _share(value, "credit")


@attrs.frozen
class CreditTier:
    """A month whose attainment is below ``below`` earns ``credit`` (a share of the fee)."""

    below: float = attrs.field(converter=_below)
    credit: float = attrs.field(converter=_credit)


def _tier(value: object, field: str) -> CreditTier:
    if isinstance(value, CreditTier):
        return value
    if isinstance(value, tuple | list) and len(value) == 2:
        return CreditTier(*value)
    raise ConfigError(
        f"expected a CreditTier or (below, credit), got {convert.describe(value)}", field=field
    )


def _tiers(value: Iterable[CreditTier | tuple[float, float]]) -> tuple[CreditTier, ...]:
    tiers = convert.tuple_of(value, "credits", _tier)
    return tuple(sorted(tiers, key=lambda tier: tier.below))


def _threshold(value: float | str) -> float:
    return _share(value, "threshold")


def _metrics(value: Iterable[Metric | str]) -> frozenset[Metric]:
    return convert.frozenset_of(
        value, "metrics", lambda item, field: convert.enum_member(Metric, item, field)
    )


def _priorities(value: Iterable[str | PriorityLevel] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "priorities", level_name)


@attrs.frozen
class ContractMonth:
    """One month of a contract: decided cycles, attainment, whether it met, the credit."""

    month: str
    achieved: int
    breached: int
    excluded: int
    attainment: float | None
    met: bool
    credit: float

    def to_row(self) -> Row:
        """Return the month as a flat dict of plain values."""
        return attrs.asdict(self)


@attrs.frozen
class ContractReport(Table):
    """A contract's verdict month by month."""

    months: tuple[ContractMonth, ...]

    def to_rows(self) -> list[Row]:
        """Return one row per month."""
        return [month.to_row() for month in self.months]


@attrs.frozen(kw_only=True)
class Contract:
    """Monthly attainment the provider promises, and the credits a miss earns.

    Args:
        threshold: The share of decided cycles that must be achieved each month.
        metrics: The metrics that count (default: first response and resolution).
        priorities: The priorities that count, as levels or names (default: every one).
        credits: Breach tiers, ``(below, credit)``: a month below ``below``
            earns ``credit``; the lowest tier that applies wins.

    >>> contract = Contract(threshold=0.95, credits=[(0.95, 0.05), (0.90, 0.10)])
    >>> contract.credit_for(0.93), contract.credit_for(0.85), contract.credit_for(0.97)
    (0.05, 0.1, 0.0)

    Raises:
        ConfigError: a threshold or tier outside [0, 1], an unknown metric.
    """

    threshold: float = attrs.field(converter=_threshold)
    metrics: frozenset[Metric] = attrs.field(
        default=frozenset({Metric.FIRST_RESPONSE, Metric.RESOLUTION}), converter=_metrics
    )
    priorities: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    credits: tuple[CreditTier, ...] = attrs.field(default=(), converter=_tiers)

    def credit_for(self, attainment: float | None) -> float:
        """Return the credit a month with this attainment earns (none without decided cycles)."""
        if attainment is None:
            return 0.0
        for tier in self.credits:  # lowest first: the worst tier that applies
            if attainment < tier.below:
                return tier.credit
        return 0.0

    def judge(self, summary: TicketSummary) -> ContractReport:
        """Return each month's attainment, verdict and credit.

        Raises:
            ConfigError: ``summary`` is not a :class:`TicketSummary`.
        """
        summary = convert.instance(TicketSummary, summary, "summary")
        months = sorted(set(summary.months()) | {key[0] for key, _c in summary.excluded})
        out = []
        for month in months:
            achieved = breached = excluded = 0
            for item in summary.attainment(month=month):
                if self._counts(item.priority, item.metric):
                    achieved += item.achieved
                    breached += item.breached
            for item in summary.attainment(month=month, excluded=True):
                if self._counts(item.priority, item.metric):
                    excluded += item.total
            decided = achieved + breached
            rate = achieved / decided if decided else None
            out.append(
                ContractMonth(
                    month=month,
                    achieved=achieved,
                    breached=breached,
                    excluded=excluded,
                    attainment=rate,
                    met=rate is None or rate >= self.threshold,
                    credit=self.credit_for(rate),
                )
            )
        return ContractReport(tuple(out))

    def _counts(self, priority: str, metric: MetricKey) -> bool:
        return metric in self.metrics and (self.priorities is None or priority in self.priorities)


@attrs.frozen
class PolicyComparison(Table):
    """The same tickets judged under two policies, side by side."""

    before: TicketSummary
    after: TicketSummary

    def to_rows(self) -> list[Row]:
        """Return one row per priority and metric with both attainments."""
        old = {(a.priority, a.metric): a for a in self.before.attainment()}
        new = {(a.priority, a.metric): a for a in self.after.attainment()}
        rows: list[Row] = []
        for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], metric_name(k[1]))):
            a, b = old.get(key), new.get(key)
            rows.append(
                {
                    "priority": key[0],
                    "metric": metric_name(key[1]),
                    "breached_before": a.breached if a else 0,
                    "breached_after": b.breached if b else 0,
                    "attainment_before": a.rate if a else None,
                    "attainment_after": b.rate if b else None,
                }
            )
        return rows


def compare_policies(
    before: SLAPolicy | PolicySet,
    after: SLAPolicy | PolicySet,
    logs: Iterable[Sequence[Event]],
    now: dt.datetime,
) -> PolicyComparison:
    """Judge the same logs under two policies ("what would the new one have done?").

    Raises:
        ConfigError: ``before`` or ``after`` is not a policy, or ``logs`` not a
            collection of lists of events.
        EventLogError: a log cannot be replayed under one of them.
    """
    before, after = policy_or_set(before, "before"), policy_or_set(after, "after")
    logs = _logs(logs)
    return PolicyComparison(summarize(before, logs, now), summarize(after, logs, now))
