"""Staffing models for notebooks: Erlang C and A, intraday plans, a desk simulation."""

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
from servicedesk_core.staffing.plots import plot_attainment, plot_backlog, plot_service_level
from servicedesk_core.staffing.simulation import (
    Arrivals,
    Desk,
    Roster,
    SimulatedTicket,
    Simulation,
    Sweep,
    simulate,
    sweep,
)

__all__ = [
    "MAX_AGENTS",
    "Arrivals",
    "Desk",
    "ErlangA",
    "ErlangC",
    "Forecast",
    "IntervalStaffing",
    "Performance",
    "QueueModel",
    "Roster",
    "ServiceLevelCurve",
    "SimulatedTicket",
    "Simulation",
    "Staffing",
    "StaffingPlan",
    "StaffingTarget",
    "Sweep",
    "Workload",
    "erlang_b",
    "erlang_c",
    "plan_staffing",
    "plot_attainment",
    "plot_backlog",
    "plot_service_level",
    "simulate",
    "sweep",
]
