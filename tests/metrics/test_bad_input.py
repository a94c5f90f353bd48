"""Bad metrics input is a ConfigError naming the field; junk raises nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from servicedesk_core import ConfigError
from servicedesk_core.metrics import (
    TicketSummary,
    compare_policies,
    summarize,
    summarize_reports,
)
from tests.fuzz import JUNK
from tests.metrics.helpers import H, monday, policy, ticket

NOW = monday(1)
LOGS = [ticket(monday(), answer=H, resolve=2 * H)]
SUMMARY = summarize(policy(), LOGS, NOW)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: summarize("policy", LOGS, NOW), "policy"),  # type: ignore[arg-type]
        (lambda: summarize(policy(), 5, NOW), "logs"),  # type: ignore[arg-type]
        (lambda: summarize(policy(), [5], NOW), "logs[0]"),  # type: ignore[list-item]
        (lambda: summarize(policy(), LOGS, NOW, maintenance=[(NOW, NOW - H)]), "maintenance[0]"),
        (lambda: summarize(policy(), LOGS, NOW, maintenance=[(NOW, NOW)]), "maintenance[0]"),
        (lambda: summarize(policy(), LOGS, NOW, maintenance=[(1, 2)]), "maintenance[0]"),  # type: ignore[list-item]
        (lambda: summarize(policy(), LOGS, NOW, maintenance=[NOW]), "maintenance[0]"),  # type: ignore[list-item]
        (lambda: summarize_reports([5]), "reports[0]"),  # type: ignore[list-item]
        (lambda: summarize_reports("reports"), "reports"),  # type: ignore[arg-type]
        (lambda: summarize_reports([(SUMMARY, LOGS[0])]), "reports[0]"),  # type: ignore[list-item]
        (lambda: compare_policies(policy(), "new", LOGS, NOW), "after"),  # type: ignore[arg-type]
        (lambda: SUMMARY.average("bogus"), "metric"),
        (lambda: SUMMARY.percentile(None, 0.5), "metric"),  # type: ignore[arg-type]
        (lambda: TicketSummary(tickets={(2026, "W47"): 1}), "tickets[0]"),  # type: ignore[dict-item]
        (lambda: TicketSummary(scores={5: -1}), "scores[0]"),
        (lambda: TicketSummary(times={("resolution", "business"): ["slow"]}), "times[0][0]"),  # type: ignore[list-item]
        (lambda: TicketSummary(raised=[("printer", "acme")]), "raised[0]"),  # type: ignore[list-item]
    ],
)
def test_bad_input_names_the_field(build: Any, field: str) -> None:
    """Each used to escape as a TypeError, ValueError or AttributeError, or was accepted."""
    with pytest.raises(ConfigError) as caught:
        build()
    assert field == caught.value.field


def test_a_summary_built_from_plain_data_is_the_summary_made() -> None:
    plain = TicketSummary(
        tickets=[[list(key), count] for key, count in SUMMARY.tickets],
        outcomes=dict(SUMMARY.outcomes),
        times={key: list(values) for key, values in SUMMARY.times},
        scores=dict(SUMMARY.scores),
        raised=[list(item) for item in SUMMARY.raised],
    )
    assert SUMMARY == plain


@given(JUNK, JUNK, JUNK, JUNK, JUNK, JUNK)
def test_a_summary_from_junk_raises_only_config_errors(
    tickets: Any, outcomes: Any, excluded: Any, times: Any, scores: Any, raised: Any
) -> None:
    field: str | None = "built"
    try:
        TicketSummary(
            tickets=tickets,
            outcomes=outcomes,
            excluded=excluded,
            times=times,
            scores=scores,
            raised=raised,
        )
    except ConfigError as error:
        field = error.field
    assert field


def test_a_timezone_may_be_its_name_but_never_the_hosts() -> None:
    """``tz=None`` read the machine's own zone (weeks and months differed per host)."""
    from zoneinfo import ZoneInfo

    named = summarize(policy(), LOGS, NOW, tz="America/Chicago")
    assert summarize(policy(), LOGS, NOW, tz=ZoneInfo("America/Chicago")) == named
    assert [] == named.recurring(tz="America/Chicago")
    for call in (
        lambda: summarize(policy(), LOGS, NOW, tz=None),  # type: ignore[arg-type]
        lambda: SUMMARY.recurring(tz=None),  # type: ignore[arg-type]
        lambda: summarize(policy(), LOGS, NOW, tz="Central"),
    ):
        with pytest.raises(ConfigError) as caught:
            call()
        assert "tz" == caught.value.field
