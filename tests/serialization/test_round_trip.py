"""Round trips beyond the drawn values of every type (see test_coverage.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    EscalationLadder,
    Event,
    Level,
    TimeRange,
    Trigger,
    from_json,
    to_dict,
    to_json,
)
from servicedesk_core.testing import strategies
from tests.serialization.helpers import assert_round_trip

DAY = dt.timedelta(days=1)


@given(
    start=st.times(),
    duration=st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=DAY),
)
def test_time_ranges_round_trip_to_the_microsecond(start, duration):
    """A range with seconds and microseconds is written and read back exactly."""
    if duration == DAY:
        start = dt.time(0)
    assert_round_trip(TimeRange, TimeRange(start, duration))


@given(hours=strategies.weekly_hours(allow_empty=True, max_ranges_per_day=4))
def test_weekly_hours_are_their_parse_text(hours):
    assert f'"{hours}"' == to_json(hours)


@given(data=st.data())
def test_a_replayed_log_gives_the_same_report(data):
    """Evaluating a stored and loaded event log gives the report of the original log."""
    policy = data.draw(strategies.sla_policies())
    log = data.draw(strategies.event_logs(policy))
    now = log[-1].at + data.draw(strategies.durations(max_value=dt.timedelta(days=5)))
    loaded = from_json(list[Event], to_json(log))
    assert log == loaded
    assert policy.evaluate(log, now) == policy.evaluate(loaded, now)
    assert_round_trip(list[Event], log)


def test_an_empty_event_log_is_stored_like_any_other():
    """``to_dict([])`` raised TypeError, though ``from_dict`` reads an empty log."""
    assert {"schema_version": 1, "events": []} == to_dict([])
    assert [] == from_json(list[Event], to_json(()))


def test_a_ladder_on_a_custom_metric_round_trips():
    """A trigger names a built-in metric or a custom one; both are stored as their names."""
    ladder = EscalationLadder(
        name="vendor",
        levels=[
            Level(name="chase", triggers=Trigger.sla_used(0.5, metric="vendor_wait")),
            Level(name="lead", triggers=Trigger.sla_breached(metric="resolution")),
        ],
    )
    assert ["vendor_wait", "resolution"] == [
        level["triggers"][0]["metric"] for level in to_dict(ladder)["levels"]
    ]
    assert_round_trip(EscalationLadder, ladder)
