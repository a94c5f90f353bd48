"""The impact x urgency matrix: total by construction, monotonicity reported per cell."""

import itertools
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import FOUR_TIER, ITIL, ITIL_MATRIX, ConfigError, PriorityMatrix
from servicedesk_core.testing.strategies import priority_matrices
from tests.example_scripts import load

LEVELS = ["High", "Medium", "Low"]


@pytest.mark.parametrize(
    ("impact", "urgency", "expected"),
    [
        ("High", "High", "P1"),
        ("High", "Medium", "P2"),
        ("High", "Low", "P3"),
        ("Medium", "High", "P2"),
        ("Medium", "Medium", "P3"),
        ("Medium", "Low", "P4"),
        ("Low", "High", "P3"),
        ("Low", "Medium", "P4"),
        ("Low", "Low", "P5"),
    ],
)
def test_itil_matrix(impact: str, urgency: str, expected: str) -> None:
    assert ITIL[expected] == ITIL_MATRIX[impact, urgency] == ITIL_MATRIX.lookup(impact, urgency)


def test_itil_matrix_is_monotonic() -> None:
    assert ITIL_MATRIX.is_monotonic
    assert ITIL_MATRIX.violations() == ()


def full_table(value: str = "P3") -> dict[tuple[str, str], str]:
    return {(i, u): value for i in LEVELS for u in LEVELS}


def build(table: object, **options: object) -> PriorityMatrix:
    return PriorityMatrix(
        scheme=ITIL,
        impacts=LEVELS,
        urgencies=LEVELS,
        table=table,  # type: ignore[arg-type]
        **options,  # type: ignore[arg-type]
    )


def test_a_hole_is_a_config_error_naming_every_missing_cell() -> None:
    table = full_table()
    del table["High", "Low"]
    del table["Low", "Medium"]
    with pytest.raises(ConfigError) as info:
        build(table)
    assert info.value.field == "table"
    assert "('High', 'Low'), ('Low', 'Medium')" in str(info.value)


def test_an_unknown_level_is_a_config_error_naming_the_cell() -> None:
    table = full_table()
    table["Medium", "Low"] = "P7"
    with pytest.raises(ConfigError, match="no level 'P7'") as info:
        build(table)
    assert info.value.field == "table['Medium', 'Low']"


def test_a_level_of_another_scheme_is_a_config_error() -> None:
    table: dict[tuple[str, str], object] = dict(full_table())
    table["Low", "Low"] = FOUR_TIER["Low"]
    with pytest.raises(ConfigError, match="four-tier") as info:
        build(table)
    assert info.value.field == "table['Low', 'Low']"


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (("Huge", "Low"), "table['Huge', 'Low']", "unknown impact 'Huge'"),
        (("Low", "Now"), "table['Low', 'Now']", "unknown urgency 'Now'"),
    ],
)
def test_cells_off_the_axes_are_config_errors(
    extra: tuple[str, str], field: str, message: str
) -> None:
    table = full_table()
    table[extra] = "P1"
    with pytest.raises(ConfigError, match=message) as info:
        build(table)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("impacts", "urgencies", "field"),
    [
        ([], ["u"], "impacts"),
        (["i"], [], "urgencies"),
        (["i", "i"], ["u"], "impacts[1]"),
        (["i"], ["u", 3], "urgencies[1]"),
    ],
)
def test_bad_axes_are_config_errors(impacts: list[str], urgencies: list[str], field: str) -> None:
    with pytest.raises(ConfigError) as info:
        PriorityMatrix(scheme=ITIL, impacts=impacts, urgencies=urgencies, table={})
    assert field == info.value.field


def test_rows_must_match_the_axes() -> None:
    with pytest.raises(ConfigError) as info:
        PriorityMatrix.from_rows(ITIL, impacts=["a", "b"], urgencies=["x"], rows=[["P1"]])
    assert info.value.field == "rows"
    with pytest.raises(ConfigError) as info:
        PriorityMatrix.from_rows(ITIL, impacts=["a"], urgencies=["x"], rows=[["P1", "P2"]])
    assert info.value.field == "rows[0]"


def test_a_table_that_is_not_a_mapping_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as info:
        build([("High", "High", "P1")])
    assert info.value.field == "table"


def test_violations_name_the_offending_cells() -> None:
    desk = load("itil_matrix").DESK_MATRIX
    assert not desk.is_monotonic
    [violation] = desk.violations()
    assert violation.cell == ("organization", "this week")
    assert violation.neighbour == ("department", "this week")
    assert (FOUR_TIER["Low"], FOUR_TIER["Medium"]) == (violation.level, violation.neighbour_level)


def test_monotonic_option_rejects_a_non_monotonic_matrix() -> None:
    table = full_table()
    table["High", "High"] = "P5"
    table["Low", "Low"] = "P1"
    with pytest.raises(ConfigError, match="not monotonic") as info:
        build(table, monotonic=True)
    assert "('High', 'High') is P5" in str(info.value)
    assert "('Low', 'Low') is P1" not in str(info.value)  # lowest corner has no neighbours
    assert info.value.field == "table"
    assert len(build(table).violations()) == 4


def test_unknown_axis_values_raise_key_error_on_lookup() -> None:
    with pytest.raises(KeyError, match="unknown impact 'Huge'"):
        ITIL_MATRIX.lookup("Huge", "High")
    with pytest.raises(KeyError, match="unknown urgency 'Now'"):
        ITIL_MATRIX["High", "Now"]


def test_matrix_is_an_immutable_value() -> None:
    with pytest.raises(TypeError):
        ITIL_MATRIX.table["High", "High"] = ITIL["P5"]  # type: ignore[index]
    copy = pickle.loads(pickle.dumps(ITIL_MATRIX))
    assert copy == ITIL_MATRIX
    assert hash(ITIL_MATRIX) == hash(copy)
    assert ITIL["P1"] == copy["High", "High"]


def test_caller_table_changes_do_not_leak_in() -> None:
    table = full_table()
    matrix = build(table)
    table["High", "High"] = "P1"
    assert ITIL["P3"] == matrix["High", "High"]


@given(priority_matrices())
def test_generated_matrices_are_total(matrix: PriorityMatrix) -> None:
    cells = list(itertools.product(matrix.impacts, matrix.urgencies))
    assert len(cells) == len(matrix.table)
    for impact, urgency in cells:
        assert matrix[impact, urgency] in matrix.scheme
        assert matrix.table[impact, urgency] == matrix[impact, urgency]


def oracle_is_monotonic(matrix: PriorityMatrix) -> bool:
    """Compare every pair of cells, not just neighbours."""
    rows = matrix.rows
    return all(
        rows[i][j] >= rows[k][m]
        for i, j, k, m in itertools.product(
            range(len(matrix.impacts)),
            range(len(matrix.urgencies)),
            range(len(matrix.impacts)),
            range(len(matrix.urgencies)),
        )
        if k >= i and m >= j
    )


@given(priority_matrices())
def test_neighbour_check_agrees_with_all_pairs_oracle(matrix: PriorityMatrix) -> None:
    assert oracle_is_monotonic(matrix) == matrix.is_monotonic


@given(priority_matrices(monotonic=True))
def test_monotonic_strategy_gives_monotonic_matrices(matrix: PriorityMatrix) -> None:
    assert matrix.is_monotonic
    assert matrix.monotonic


@given(st.integers(max_value=0), st.integers(min_value=1, max_value=5))
def test_strategy_rejects_bad_sizes(low: int, high: int) -> None:
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        priority_matrices(min_size=low)
    with pytest.raises(InvalidArgument):
        priority_matrices(min_size=high + 1, max_size=high)


def test_keys_must_be_impact_urgency_pairs() -> None:
    table: dict[object, str] = dict(full_table())
    table["High"] = "P1"
    with pytest.raises(ConfigError, match="keys are \\(impact, urgency\\) pairs") as info:
        build(table)
    assert info.value.field == "table['High']"


def test_scheme_must_be_a_scheme() -> None:
    with pytest.raises(ConfigError) as info:
        PriorityMatrix(scheme="ITIL", impacts=["a"], urgencies=["b"], table={("a", "b"): "P1"})  # type: ignore[arg-type]
    assert info.value.field == "scheme"
    with pytest.raises(ConfigError) as info:
        PriorityMatrix(scheme=ITIL, impacts="ab", urgencies=["b"], table={})
    assert info.value.field == "impacts"
