"""Staffing models for notebooks: Erlang C and Erlang A."""

from servicedesk_core.staffing.erlang import (
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

__all__ = [
    "ErlangA",
    "ErlangC",
    "Performance",
    "QueueModel",
    "ServiceLevelCurve",
    "Staffing",
    "StaffingTarget",
    "Workload",
    "erlang_b",
    "erlang_c",
]
