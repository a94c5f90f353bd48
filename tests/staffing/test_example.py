"""examples/staffing.py answers its questions and writes its two plots where asked."""

from __future__ import annotations

import pathlib

from servicedesk_core import TicketSummary
from servicedesk_core.staffing import plot_attainment
from tests.example_scripts import load


def test_the_example_answers_with_the_reference_numbers() -> None:
    example = load("staffing")
    assert (14, 20, 12) == (example.ANSWER.agents, example.ANSWER.scheduled, example.PATIENT.agents)
    assert example.PLAN.agent_hours > 0
    assert len(example.RUN.tickets) > 100


def test_the_example_writes_two_plots(tmp_path: pathlib.Path) -> None:
    example = load("staffing")
    written = example.plots(tmp_path)
    assert ["staffing-service-level.png", "staffing-backlog.png"] == [path.name for path in written]
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in written)


def test_attainment_plots_a_bar_per_priority_and_metric() -> None:
    example = load("staffing")
    figure = plot_attainment(example.RUN.summary)
    assert 1 == len(figure.axes)
    assert plot_attainment(TicketSummary()).axes
