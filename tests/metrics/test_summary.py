"""Ticket figures (seed 003's tracking metrics) and summaries that merge across partitions."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import Metric
from servicedesk_core.events import Event
from servicedesk_core.metrics import Attainment, TicketSummary, summarize
from tests.metrics.helpers import H, monday, policy, ticket

POLICY = policy()  # respond within 4 business hours, resolve within 16
LATER = monday(8)


def test_the_partner_appendix_figures() -> None:
    """Tickets per week, average first response and resolution, satisfaction on 1-5."""
    logs = [
        ticket(monday(0), answer=H, resolve=2 * H, score=5),
        ticket(monday(0, 10), answer=3 * H, resolve=6 * H, score=3),
        ticket(monday(1), answer=30 * dt.timedelta(minutes=1), resolve=H, score=4),
    ]
    summary = summarize(POLICY, logs, LATER)
    assert {"2026-W47": 2, "2026-W48": 1} == summary.tickets_per_week()
    assert (H + 3 * H + H / 2).total_seconds() / 3 == summary.average(Metric.FIRST_RESPONSE)
    assert (2 * H + 6 * H + H).total_seconds() / 3 == summary.average("resolution")
    assert 4.0 == summary.satisfaction()


def test_business_and_calendar_times_differ_over_a_weekend() -> None:
    """Opened Friday 16:00, answered Monday 10:00: 2 business hours, 66 calendar hours."""
    friday = dt.datetime(2026, 11, 20, 16, tzinfo=dt.UTC)
    summary = summarize(POLICY, [ticket(friday, answer=66 * H)], LATER)
    assert 2 * 3600.0 == summary.average("first_response")
    assert 66 * 3600.0 == summary.average("first_response", business=False)


def test_percentiles_are_nearest_rank() -> None:
    logs = [ticket(monday(0, 9), answer=n * dt.timedelta(minutes=10)) for n in range(1, 11)]
    summary = summarize(POLICY, logs, LATER)
    assert 600.0 * 9 == summary.percentile("first_response", 0.9)
    assert 600.0 == summary.percentile("first_response", 0)
    assert summary.percentile("resolution", 0.5) is None


def test_figures_without_data_are_none_or_the_default_given() -> None:
    """An empty summary has no average, percentile or satisfaction: ``None``, or ``default``."""
    empty = TicketSummary()
    assert (None, None, None) == (
        empty.average("first_response"),
        empty.percentile("resolution", 0.5),
        empty.satisfaction(),
    )
    assert (0.0, -1.0, 3.0) == (
        empty.average("first_response", business=False, default=0.0),
        empty.percentile("resolution", 0.5, default=-1.0),
        empty.satisfaction(default=3.0),
    )
    full = TicketSummary(times=[(("first_response", "business"), (60.0,))], scores=[(5, 1)])
    assert (60.0, 60.0, 5.0) == (
        full.average("first_response", default=0.0),
        full.percentile("first_response", 1, default=0.0),
        full.satisfaction(default=0.0),
    )


def test_attainment_per_priority_and_metric() -> None:
    logs = [
        ticket(monday(), answer=H, priority="High"),
        ticket(monday(), answer=5 * H, priority="High"),  # breached: 4 business hours
        ticket(monday(), answer=H, priority="Low"),
    ]
    first = [
        a for a in summarize(POLICY, logs, LATER).attainment() if a.metric.value == "first_response"
    ]
    assert [
        Attainment("High", Metric.FIRST_RESPONSE, 1, 1),
        Attainment("Low", Metric.FIRST_RESPONSE, 1, 0),
    ] == first


def test_recurring_issues_from_many_tenants_within_a_window() -> None:
    logs = [
        ticket(monday(0, 9), category="voicemail", tenant="acme"),
        ticket(monday(0, 11), category="voicemail", tenant="globex"),
        ticket(monday(0, 13), category="voicemail", tenant="initech"),
        ticket(monday(0, 9), category="cnam", tenant="acme"),
        ticket(monday(2, 9), category="cnam", tenant="globex"),  # two weeks later
        ticket(monday(4, 9), category="cnam", tenant="initech"),
    ]
    found = summarize(POLICY, logs, LATER).recurring(min_tenants=3, window=dt.timedelta(days=7))
    assert ["voicemail"] == [issue.category for issue in found]
    assert frozenset({"acme", "globex", "initech"}) == found[0].tenants
    assert 2 == len(
        summarize(POLICY, logs, LATER).recurring(min_tenants=3, window=dt.timedelta(days=30))
    )


def test_maintenance_windows_count_apart() -> None:
    window = (monday(0, 8), monday(0, 12))
    logs = [ticket(monday(0, 9), answer=5 * H), ticket(monday(0, 13), answer=5 * H)]
    summary = summarize(POLICY, logs, LATER, maintenance=[window])
    assert 1 == sum(a.breached for a in summary.attainment() if a.metric.value == "first_response")
    assert 1 == sum(
        a.breached for a in summary.attainment(excluded=True) if a.metric.value == "first_response"
    )


OFFSETS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=24 * 60),  # minutes after Monday 9:00, over ten days
        st.integers(min_value=0, max_value=10 * 60),  # answered after, or never (0)
        st.sampled_from(["Critical", "High", "Normal", "Low"]),
        st.sampled_from([None, 1, 3, 5]),
    ),
    max_size=12,
)


def build(specs: list[tuple[int, int, str, int | None]]) -> list[list[Event]]:
    minute = dt.timedelta(minutes=1)
    return [
        ticket(
            monday() + start * 10 * minute,
            answer=answer * minute or None,
            resolve=(answer + 60) * minute if answer else None,
            priority=priority,
            score=score,
            category="voicemail",
            tenant=f"t{start % 3}",
        )
        for start, answer, priority, score in specs
    ]


@given(OFFSETS, st.lists(st.integers(min_value=0, max_value=12), max_size=3))
def test_any_split_merges_to_the_whole(specs: list, cuts: list[int]) -> None:
    """The property behind partitioned runs: summing the parts' summaries is the whole's."""
    logs = build(specs)
    bounds = sorted({0, len(logs), *(min(cut, len(logs)) for cut in cuts)})
    parts = [summarize(POLICY, logs[a:b], LATER) for a, b in itertools.pairwise(bounds)]
    assert summarize(POLICY, logs, LATER) == sum(parts, TicketSummary())
    assert summarize(POLICY, logs, LATER) == sum(reversed(parts), TicketSummary())


def test_summaries_pickle_and_hash() -> None:
    summary = summarize(POLICY, build([(0, 30, "High", 4), (5, 0, "Low", None)]), LATER)
    copy = pickle.loads(pickle.dumps(summary))
    assert summary == copy
    assert hash(summary) == hash(copy)
    expected = ["High", "High", "Low", "Low"]  # the Low ticket is breached unanswered
    assert expected == [row["priority"] for row in summary.to_rows()]
