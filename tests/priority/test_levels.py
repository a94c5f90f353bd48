"""Priority levels and schemes: order, membership, errors, values."""

import pickle

import attrs
import pytest
from hypothesis import given

from servicedesk_core import (
    FOUR_TIER,
    ITIL,
    ConfigError,
    PriorityLevel,
    PriorityScheme,
    SchemeMismatchError,
    ServiceDeskError,
    UnknownLevelError,
)
from servicedesk_core.testing.strategies import priority_schemes


def test_ready_made_schemes() -> None:
    assert ITIL.names == ("P1", "P2", "P3", "P4", "P5")
    assert tuple(level.description for level in ITIL) == (
        "Critical",
        "High",
        "Moderate",
        "Low",
        "Planning",
    )
    assert FOUR_TIER.names == ("Critical", "High", "Medium", "Low")


def test_more_urgent_compares_greater() -> None:
    assert ITIL["P1"] > ITIL["P2"] >= ITIL["P2"]
    assert ITIL["P5"] < ITIL["P4"] <= ITIL["P4"]
    assert max(FOUR_TIER) == FOUR_TIER.highest == FOUR_TIER["Critical"]
    assert min(FOUR_TIER) == FOUR_TIER.lowest == FOUR_TIER["Low"]


def test_one_line_custom_scheme() -> None:
    scheme = PriorityScheme.from_names("desk", ["Urgent", "Normal", "Whenever"])
    assert [level.rank for level in scheme] == [3, 2, 1]
    assert len(scheme) == 3
    assert "Normal" in scheme
    assert scheme["Normal"] in scheme
    assert "Later" not in scheme


@pytest.mark.parametrize("op", ["__lt__", "__le__", "__gt__", "__ge__"])
def test_levels_of_different_schemes_do_not_compare(op: str) -> None:
    with pytest.raises(SchemeMismatchError) as info:
        getattr(ITIL["P1"], op)(FOUR_TIER["Low"])
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ServiceDeskError)
    assert (info.value.left, info.value.right) == ("ITIL", "four-tier")


def test_level_does_not_order_against_other_types() -> None:
    with pytest.raises(TypeError):
        _ = ITIL["P1"] < 3  # type: ignore[operator]


def test_levels_of_different_schemes_are_never_equal() -> None:
    assert FOUR_TIER["High"] != PriorityScheme.from_names("x", ["Critical", "High"])["High"]


def test_unknown_name_names_the_known_ones() -> None:
    with pytest.raises(UnknownLevelError) as info:
        _ = ITIL["P9"]
    error = info.value
    assert isinstance(error, KeyError)
    assert (
        error.scheme,
        error.name,
        error.known,
    ) == ("ITIL", "P9", ("P1", "P2", "P3", "P4", "P5"))
    assert str(error) == "scheme 'ITIL' has no level 'P9'; known: P1, P2, P3, P4, P5"


def test_an_unknown_pasted_megabyte_is_quoted_briefly() -> None:
    with pytest.raises(UnknownLevelError) as info:
        _ = ITIL["P" * 1_000_000]
    assert "P" * 1_000_000 == info.value.name
    assert 200 > len(str(info.value))
    assert "(1000000 characters)" in str(info.value)


def test_level_accepts_own_levels_and_rejects_others() -> None:
    assert ITIL["P2"] is ITIL.level(ITIL["P2"])
    with pytest.raises(SchemeMismatchError):
        ITIL.level(FOUR_TIER["Low"])
    with pytest.raises(UnknownLevelError):
        ITIL.level(PriorityLevel("ITIL", "P0", 9))


def test_at_least_is_a_band_of_the_most_urgent_levels() -> None:
    assert (ITIL["P1"], ITIL["P2"], ITIL["P3"]) == ITIL.at_least("P3")
    assert (ITIL["P1"],) == ITIL.at_least(ITIL["P1"])


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (lambda: PriorityScheme("s", []), "levels", "at least one level"),
        (
            lambda: PriorityScheme("s", [PriorityLevel("s", "A", 1), PriorityLevel("s", "A", 2)]),
            "levels",
            "duplicate level name 'A'",
        ),
        (
            lambda: PriorityScheme("s", [PriorityLevel("s", "A", 1), PriorityLevel("s", "B", 1)]),
            "levels",
            "duplicate rank 1",
        ),
        (
            lambda: PriorityScheme("s", [PriorityLevel("t", "A", 1)]),
            "levels",
            "belongs to scheme 't'",
        ),
        (lambda: PriorityScheme.from_names("s", ["A", "B"], ["a"]), "descriptions", "one"),
        (lambda: PriorityScheme.from_names("s", ["A", "A"]), "levels", "duplicate level name"),
        (lambda: PriorityScheme.from_names("s", "ABC"), "names", "expected a list"),
        (lambda: PriorityScheme.from_names("s", ["A"], "a"), "descriptions", "expected a list"),
        (lambda: PriorityScheme.from_names("s", [3]), "names[0]", "expected text"),
        (lambda: PriorityScheme.from_names("s", [""]), "name", "non-blank"),
        (lambda: PriorityLevel("s", "A", "one"), "rank", "integer"),
        (lambda: PriorityLevel("s", "A", True), "rank", "integer"),
        (lambda: PriorityLevel(None, "A", 1), "scheme", "expected text"),
        (lambda: PriorityScheme("s", ["A"]), "levels[0]", "a PriorityLevel"),
        (lambda: PriorityScheme("s", 3), "levels", "expected a list"),
        (lambda: PriorityScheme("s", None), "levels", "expected a list"),
    ],
)
def test_bad_schemes_raise_config_error_naming_the_field(
    build: object, field: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build()  # type: ignore[operator]
    assert field == info.value.field


def test_a_rank_given_as_text_is_converted() -> None:
    assert 1 == PriorityLevel("s", "A", "1").rank


def test_level_names_resolve_ignoring_case_and_spaces() -> None:
    assert ITIL["P2"] == ITIL.level(" p2 ")
    with pytest.raises(UnknownLevelError):
        ITIL.level(None)  # type: ignore[arg-type]


def test_reprs_are_short() -> None:
    assert repr(ITIL["P1"]) == "PriorityLevel(scheme='ITIL', name='P1', rank=5)"
    assert repr(ITIL) == "<PriorityScheme 'ITIL': P1 > P2 > P3 > P4 > P5>"
    assert str(ITIL["P1"]) == "P1"


def test_levels_and_schemes_are_immutable_hashable_values() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ITIL["P1"].rank = 0  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ITIL.name = "other"  # type: ignore[misc]
    assert {ITIL["P1"], ITIL["P1"]} == {ITIL["P1"]}
    assert pickle.loads(pickle.dumps(ITIL)) == ITIL
    assert hash(ITIL) == hash(pickle.loads(pickle.dumps(ITIL)))


@given(priority_schemes())
def test_generated_schemes_are_ordered_and_indexable(scheme: PriorityScheme) -> None:
    assert all(a > b for a, b in zip(scheme.levels, scheme.levels[1:], strict=False))
    assert list(scheme.levels) == [scheme[name] for name in scheme.names]
    assert scheme.highest == max(scheme)
    assert scheme.lowest == min(scheme)
    for level in scheme:
        assert scheme.at_least(level)[-1] == level


@given(priority_schemes(), priority_schemes())
def test_comparison_is_a_total_order_within_a_scheme(a: PriorityScheme, b: PriorityScheme) -> None:
    for x in a:
        for y in a:
            assert [x < y, x == y, x > y].count(True) == 1
    if a.name != b.name:
        with pytest.raises(SchemeMismatchError):
            _ = a.highest < b.highest
