"""Staffing models for notebooks: Erlang C and Erlang A, intraday plans."""

from servicedesk_core.staffing.erlang import (
    MAX_AGENTS,
    ErlangA,
    ErlangC,
    Performance,
    QueueModel,
    ServiceLevelCurve,
    Staffing,
    StaffingTarget,
    Workload,
    erlang_b,
    erlang_c,
)
from servicedesk_core.staffing.intraday import (
    Forecast,
    IntervalStaffing,
    StaffingPlan,
    plan_staffing,
)

__all__ = [
    "MAX_AGENTS",
    "ErlangA",
    "ErlangC",
    "Forecast",
    "IntervalStaffing",
    "Performance",
    "QueueModel",
    "ServiceLevelCurve",
    "Staffing",
    "StaffingPlan",
    "StaffingTarget",
    "Workload",
    "erlang_b",
    "erlang_c",
    "plan_staffing",
]
