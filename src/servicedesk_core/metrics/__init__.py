"""Ticket figures and contract accounting from event logs and SLA reports."""

from servicedesk_core.metrics.contract import (
    Contract,
    ContractMonth,
    ContractReport,
    CreditTier,
    PolicyComparison,
    compare_policies,
)
from servicedesk_core.metrics.summary import (
    Attainment,
    RecurringIssue,
    TicketSummary,
    summarize,
    summarize_outcomes,
    summarize_reports,
)

__all__ = [
    "Attainment",
    "Contract",
    "ContractMonth",
    "ContractReport",
    "CreditTier",
    "PolicyComparison",
    "RecurringIssue",
    "TicketSummary",
    "compare_policies",
    "summarize",
    "summarize_outcomes",
    "summarize_reports",
]
