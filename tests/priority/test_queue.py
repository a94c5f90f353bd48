"""Queue order: priority first, then arrival, then reference; stable and total."""

import datetime as dt
import itertools
import random
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    ITIL,
    ConfigError,
    NaiveDatetimeError,
    PriorityLevel,
    PriorityScheme,
    SchemeMismatchError,
    order_queue,
    queue_key,
)
from servicedesk_core.testing.strategies import priority_schemes

NINE = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)

Ticket = tuple[str, PriorityLevel, dt.datetime]


def ordered(tickets: list[Ticket], *, with_ref: bool = False) -> list[str]:
    result = order_queue(
        tickets,
        level=lambda t: t[1],
        arrived_at=lambda t: t[2],
        ref=(lambda t: t[0]) if with_ref else None,
    )
    return [ref for ref, _, _ in result]


def test_priority_first_then_first_come_first_served() -> None:
    tickets = [
        ("a", FOUR_TIER["Low"], NINE),
        ("b", FOUR_TIER["Critical"], NINE + 5 * MINUTE),
        ("c", FOUR_TIER["Low"], NINE - MINUTE),
        ("d", FOUR_TIER["Critical"], NINE + MINUTE),
    ]
    assert ordered(tickets) == ["d", "b", "c", "a"]


def test_equal_keys_keep_their_input_order() -> None:
    tickets = [("z", ITIL["P3"], NINE), ("y", ITIL["P3"], NINE), ("x", ITIL["P3"], NINE)]
    assert ordered(tickets) == ["z", "y", "x"]
    assert ordered(tickets, with_ref=True) == ["x", "y", "z"]


def test_arrivals_compare_as_instants_across_timezones() -> None:
    chicago = NINE.astimezone(ZoneInfo("America/Chicago")) - MINUTE  # 02:59 local, earlier
    tickets = [("utc", ITIL["P2"], NINE), ("chicago", ITIL["P2"], chicago)]
    assert ordered(tickets) == ["chicago", "utc"]


def test_naive_arrival_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        queue_key(ITIL["P1"], dt.datetime(2026, 3, 2, 9))


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: queue_key("High", NINE), "level"),  # type: ignore[arg-type]
        (lambda: queue_key(None, NINE), "level"),  # type: ignore[arg-type]
        (lambda: queue_key(ITIL["P1"], NINE, 5), "ref"),  # type: ignore[arg-type]
        (lambda: queue_key(ITIL["P1"], "9 o'clock"), "arrived_at"),
        (lambda: order_queue([1], level=lambda _: "High", arrived_at=lambda _: NINE), "level"),  # type: ignore[arg-type, return-value]
    ],
)
def test_junk_is_a_config_error_naming_the_argument(build: object, field: str) -> None:
    """A level name without a scheme, None or a number for a reference raised AttributeError
    (or a TypeError only when the queue was sorted)."""
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    assert field == caught.value.field


def test_an_arrival_as_iso_text_is_that_instant() -> None:
    assert queue_key(ITIL["P1"], NINE) == queue_key(ITIL["P1"], "2026-03-02T09:00:00Z")


def test_a_queue_cannot_mix_schemes() -> None:
    tickets = [("a", ITIL["P1"], NINE), ("b", FOUR_TIER["Low"], NINE)]
    with pytest.raises(SchemeMismatchError, match="mixes levels of schemes 'ITIL' and 'four-tier'"):
        ordered(tickets)


def test_empty_queue() -> None:
    assert ordered([]) == []


@st.composite
def queues(draw: st.DrawFn) -> tuple[PriorityScheme, list[Ticket]]:
    scheme = draw(priority_schemes())
    minutes = st.integers(min_value=0, max_value=30)
    tickets = draw(
        st.lists(
            st.tuples(st.sampled_from(["r1", "r2", "r3"]), st.sampled_from(scheme.levels), minutes),
            max_size=12,
        )
    )
    return scheme, [(ref, level, NINE + m * MINUTE) for ref, level, m in tickets]


@given(queues())
def test_order_is_priority_then_arrival(queue: tuple[PriorityScheme, list[Ticket]]) -> None:
    _scheme, tickets = queue
    result = order_queue(tickets, level=lambda t: t[1], arrived_at=lambda t: t[2])
    assert sorted(result) == sorted(tickets)
    for (_, level_a, at_a), (_, level_b, at_b) in itertools.pairwise(result):
        assert level_a > level_b or (level_a == level_b and at_a <= at_b)


@given(queues(), st.randoms(use_true_random=False))
def test_order_with_refs_does_not_depend_on_input_order(
    queue: tuple[PriorityScheme, list[Ticket]], rnd: random.Random
) -> None:
    _scheme, tickets = queue
    shuffled = list(tickets)
    rnd.shuffle(shuffled)
    first = order_queue(
        tickets, level=lambda t: t[1], arrived_at=lambda t: t[2], ref=lambda t: t[0]
    )
    second = order_queue(
        shuffled, level=lambda t: t[1], arrived_at=lambda t: t[2], ref=lambda t: t[0]
    )
    assert first == second


@given(queues())
def test_keys_form_a_total_order(queue: tuple[PriorityScheme, list[Ticket]]) -> None:
    _scheme, tickets = queue
    keys = [queue_key(level, at, ref) for ref, level, at in tickets]
    for (ref_a, level_a, at_a), key_a in zip(tickets, keys, strict=True):
        for (ref_b, level_b, at_b), key_b in zip(tickets, keys, strict=True):
            assert [key_a < key_b, key_a == key_b, key_a > key_b].count(True) == 1
            assert (key_a == key_b) == ((level_a, at_a, ref_a) == (level_b, at_b, ref_b))
            if level_a != level_b:
                assert (key_a < key_b) == (level_a > level_b)
            elif at_a != at_b:
                assert (key_a < key_b) == (at_a < at_b)
