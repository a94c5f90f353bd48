"""Plots for notebooks (the optional ``plot`` extra): each function returns a figure.

The figures are :class:`matplotlib.figure.Figure` objects built without
``pyplot``, so nothing global changes: show one in a notebook by leaving it as
a cell's value, or save it with ``figure.savefig(path)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from servicedesk_core.metrics._table import optional_module
from servicedesk_core.metrics.summary import TicketSummary, metric_name
from servicedesk_core.staffing.erlang import ServiceLevelCurve, StaffingTarget
from servicedesk_core.staffing.simulation import Simulation

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_attainment", "plot_backlog", "plot_service_level"]


def _figure() -> Figure:
    figure: Figure = optional_module("matplotlib.figure").Figure(figsize=(7, 3.5), dpi=100)
    return figure


def plot_service_level(curve: ServiceLevelCurve, target: StaffingTarget | None = None) -> Figure:
    """Service level (and occupancy) against agents, with the target's line if given.

    >>> from servicedesk_core.staffing import ErlangC, Workload
    >>> curve = ErlangC(Workload(arrivals_per_hour=200, handle_time="PT3M")).curve(
    ...     range(10, 20), "PT20S")
    >>> plot_service_level(curve).axes[0].get_xlabel()
    'agents'

    Raises:
        ModuleNotFoundError: matplotlib is not installed (the ``plot`` extra).
    """
    figure = _figure()
    axes = figure.add_subplot()
    agents = [point.agents for point in curve.points]
    axes.plot(agents, [p.service_level for p in curve.points], marker="o", label="service level")
    axes.plot(agents, [p.occupancy for p in curve.points], linestyle="--", label="occupancy")
    if target is not None:
        axes.axhline(
            target.service_level, color="grey", linewidth=1, label=f"target {target.describe()}"
        )
    axes.set_xlabel("agents")
    axes.set_ylabel("share")
    axes.set_ylim(0, 1.02)
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def plot_attainment(summary: TicketSummary) -> Figure:
    """Attainment per priority, one bar per metric.

    Raises:
        ModuleNotFoundError: matplotlib is not installed (the ``plot`` extra).
    """
    figure = _figure()
    axes = figure.add_subplot()
    items = summary.attainment()
    priorities = list(dict.fromkeys(item.priority for item in items))
    metrics = list(dict.fromkeys(metric_name(item.metric) for item in items))
    width = 0.8 / max(1, len(metrics))
    for n, metric in enumerate(metrics):
        rates = {i.priority: i.rate or 0.0 for i in items if metric_name(i.metric) == metric}
        axes.bar(
            [k + n * width for k in range(len(priorities))],
            [rates.get(p, 0.0) for p in priorities],
            width,
            label=metric,
        )
    axes.set_xticks(
        [k + width * (len(metrics) - 1) / 2 for k in range(len(priorities))], priorities
    )
    axes.set_ylabel("attainment")
    axes.set_ylim(0, 1.02)
    if metrics:
        axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def plot_backlog(run: Simulation) -> Figure:
    """Tickets waiting in each tier, hour by hour (the Monday backlog after a weekend).

    Raises:
        ModuleNotFoundError: matplotlib is not installed (the ``plot`` extra).
    """
    figure = _figure()
    axes = figure.add_subplot()
    first = run.queue[0][0] if run.queue else None
    hours = [(at - first).total_seconds() / 3600 for at, _one, _two in run.queue] if first else []
    axes.step(hours, [one for _at, one, _two in run.queue], where="post", label="Tier 1")
    if any(two for _at, _one, two in run.queue):
        axes.step(hours, [two for _at, _one, two in run.queue], where="post", label="Tier 2")
    days = [at for at, _one, _two in run.queue[::24]]
    axes.set_xticks([24.0 * n for n in range(len(days))], [f"{day:%a %H:%M}" for day in days])
    axes.set_ylabel("tickets waiting")
    if hours:
        axes.legend(loc="upper right")
    figure.tight_layout()
    return figure
