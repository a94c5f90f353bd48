"""The impact x urgency matrix: every (impact, urgency) pair maps to one level."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, ServiceDeskError
from servicedesk_core.priority.levels import ITIL, PriorityLevel, PriorityScheme

__all__ = ["ITIL_MATRIX", "MatrixViolation", "PriorityMatrix"]


def _to_impacts(values: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(values, "impacts", convert.text)


def _to_urgencies(values: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(values, "urgencies", convert.text)


def _to_scheme(value: PriorityScheme) -> PriorityScheme:
    return convert.instance(PriorityScheme, value, "scheme")


def _to_monotonic(value: bool | str) -> bool:
    return convert.boolean(value, "monotonic")


def _check_axis(field: str, names: tuple[str, ...]) -> None:
    if not names:
        raise ConfigError("at least one value is needed", field=field)
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ConfigError(f"duplicate {name!r}", field=f"{field}[{i}]")
        seen.add(name)


@attrs.frozen(kw_only=True)
class MatrixViolation:
    """A cell that is less urgent than a neighbour with less impact or urgency.

    Attributes:
        cell: The (impact, urgency) cell that is too low.
        level: Its level.
        neighbour: The (impact, urgency) cell with one step less impact or urgency.
        neighbour_level: The neighbour's level, more urgent than ``level``.
    """

    cell: tuple[str, str]
    level: PriorityLevel
    neighbour: tuple[str, str]
    neighbour_level: PriorityLevel

    def __str__(self) -> str:
        return (
            f"{self.cell} is {self.level} but {self.neighbour}, which has less impact "
            f"or urgency, is {self.neighbour_level}"
        )


@attrs.frozen(kw_only=True)
class PriorityMatrix:
    """A total map from (impact, urgency) to a level of one scheme.

    ``impacts`` and ``urgencies`` are listed most severe first. ``table`` maps
    every ``(impact, urgency)`` pair to a level (or its name). A missing pair, an
    unknown impact or urgency, or an unknown level raises ``ConfigError``. With
    ``monotonic=True`` construction also fails when more impact or urgency gives
    a less urgent level; :meth:`violations` reports such cells without raising.

    >>> from servicedesk_core.priority import FOUR_TIER
    >>> matrix = PriorityMatrix.from_rows(
    ...     FOUR_TIER,
    ...     impacts=["wide", "narrow"],
    ...     urgencies=["now", "later"],
    ...     rows=[["Critical", "High"], ["High", "Low"]],
    ... )
    >>> matrix["wide", "later"]
    PriorityLevel(scheme='four-tier', name='High', rank=3)
    >>> matrix.is_monotonic
    True
    """

    scheme: PriorityScheme = attrs.field(converter=_to_scheme)
    impacts: tuple[str, ...] = attrs.field(converter=_to_impacts)
    urgencies: tuple[str, ...] = attrs.field(converter=_to_urgencies)
    table: Mapping[tuple[str, str], str | PriorityLevel] = attrs.field(eq=False, hash=False)
    monotonic: bool = attrs.field(default=False, converter=_to_monotonic)
    _cells: tuple[tuple[PriorityLevel, ...], ...] = attrs.field(init=False, repr=False)

    @_cells.default
    def _build_cells(self) -> tuple[tuple[PriorityLevel, ...], ...]:
        _check_axis("impacts", self.impacts)
        _check_axis("urgencies", self.urgencies)
        if not isinstance(self.table, Mapping):
            raise ConfigError(
                f"expected a mapping, got {convert.describe(self.table)}", field="table"
            )
        table = dict(self.table)
        for key in table:
            if not (isinstance(key, tuple) and len(key) == 2):
                raise ConfigError(
                    f"keys are (impact, urgency) pairs, got {convert.describe(key)}",
                    field=f"table[{convert.brief(key)}]",
                )
            impact, urgency = key
            if impact not in self.impacts:
                raise ConfigError(
                    f"unknown impact {convert.brief(impact)}; known: {', '.join(self.impacts)}",
                    field=f"table[{convert.brief(impact)}, {convert.brief(urgency)}]",
                )
            if urgency not in self.urgencies:
                raise ConfigError(
                    f"unknown urgency {convert.brief(urgency)}; known: {', '.join(self.urgencies)}",
                    field=f"table[{impact!r}, {convert.brief(urgency)}]",
                )
        missing = [
            (impact, urgency)
            for impact in self.impacts
            for urgency in self.urgencies
            if (impact, urgency) not in table
        ]
        if missing:
            holes = ", ".join(f"({i!r}, {u!r})" for i, u in missing)
            raise ConfigError(f"the matrix has no level for {holes}", field="table")
        rows = []
        for impact in self.impacts:
            row = []
            for urgency in self.urgencies:
                value = table[impact, urgency]
                try:
                    row.append(self.scheme.level(value))
                except (ServiceDeskError, TypeError) as error:
                    raise ConfigError(str(error), field=f"table[{impact!r}, {urgency!r}]") from None
            rows.append(tuple(row))
        return tuple(rows)

    def __attrs_post_init__(self) -> None:
        # Keep an immutable, resolved copy of the table the caller gave.
        resolved = {
            (impact, urgency): self._cells[i][j]
            for i, impact in enumerate(self.impacts)
            for j, urgency in enumerate(self.urgencies)
        }
        object.__setattr__(self, "table", _FrozenTable(resolved))
        if self.monotonic:
            found = self.violations()
            if found:
                raise ConfigError(
                    "not monotonic: " + "; ".join(str(v) for v in found), field="table"
                )

    @classmethod
    def from_rows(
        cls,
        scheme: PriorityScheme,
        *,
        impacts: Iterable[str],
        urgencies: Iterable[str],
        rows: Iterable[Iterable[str | PriorityLevel]],
        monotonic: bool | str = False,
    ) -> PriorityMatrix:
        """Build a matrix from one row per impact, one column per urgency.

        Args:
            scheme: The scheme the levels belong to.
            impacts: Impact values, most severe first (one row each).
            urgencies: Urgency values, most severe first (one column each).
            rows: Level names (or levels), ``rows[i][j]`` for ``(impacts[i], urgencies[j])``.
            monotonic: Also require monotonicity.

        Returns:
            The matrix.

        Raises:
            ConfigError: the rows do not match the axes, or any check of the class fails.

        >>> PriorityMatrix.from_rows(ITIL, impacts=["all"], urgencies=["now"], rows=[["P1"]])[
        ...     "all", "now"
        ... ].name
        'P1'
        """
        impacts = _to_impacts(impacts)
        urgencies = _to_urgencies(urgencies)
        grid = convert.tuple_of(rows, "rows", _row)
        if len(grid) != len(impacts):
            raise ConfigError(f"{len(impacts)} impacts but {len(grid)} rows", field="rows")
        table: dict[tuple[str, str], str | PriorityLevel] = {}
        for i, (impact, row) in enumerate(zip(impacts, grid, strict=True)):
            if len(row) != len(urgencies):
                raise ConfigError(
                    f"{len(urgencies)} urgencies but {len(row)} cells", field=f"rows[{i}]"
                )
            for urgency, value in zip(urgencies, row, strict=True):
                table[impact, urgency] = value
        return cls(
            scheme=scheme,
            impacts=impacts,
            urgencies=urgencies,
            table=table,
            monotonic=monotonic,
        )

    def __getitem__(self, key: tuple[str, str]) -> PriorityLevel:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise KeyError(f"expected an (impact, urgency) pair, got {convert.describe(key)}")
        impact, urgency = key
        return self.lookup(impact, urgency)

    def lookup(self, impact: str, urgency: str) -> PriorityLevel:
        """Return the level for an impact and an urgency.

        Raises:
            KeyError: ``impact`` or ``urgency`` is not on the matrix's axes.

        >>> ITIL_MATRIX.lookup("Medium", "High").name
        'P2'
        """
        try:
            i = self.impacts.index(impact)
        except ValueError:
            raise KeyError(
                f"unknown impact {convert.brief(impact)}; known: {', '.join(self.impacts)}"
            ) from None
        try:
            j = self.urgencies.index(urgency)
        except ValueError:
            raise KeyError(
                f"unknown urgency {convert.brief(urgency)}; known: {', '.join(self.urgencies)}"
            ) from None
        return self._cells[i][j]

    @property
    def rows(self) -> tuple[tuple[PriorityLevel, ...], ...]:
        """The levels, one row per impact and one column per urgency."""
        return self._cells

    def violations(self) -> tuple[MatrixViolation, ...]:
        """Report every cell that is less urgent than a less severe neighbour.

        A neighbour is one step less impact (the row below) or one step less
        urgency (the column to the right). Checking neighbours suffices: if every
        step keeps or raises the level, so does every path.

        >>> bad = PriorityMatrix.from_rows(
        ...     ITIL, impacts=["high", "low"], urgencies=["now"], rows=[["P3"], ["P1"]]
        ... )
        >>> [str(v) for v in bad.violations()]
        ["('high', 'now') is P3 but ('low', 'now'), which has less impact or urgency, is P1"]
        """
        found = []
        for i, impact in enumerate(self.impacts):
            for j, urgency in enumerate(self.urgencies):
                here = self._cells[i][j]
                neighbours = []
                if i + 1 < len(self.impacts):
                    neighbours.append((i + 1, j))
                if j + 1 < len(self.urgencies):
                    neighbours.append((i, j + 1))
                for ni, nj in neighbours:
                    there = self._cells[ni][nj]
                    if here < there:
                        found.append(
                            MatrixViolation(
                                cell=(impact, urgency),
                                level=here,
                                neighbour=(self.impacts[ni], self.urgencies[nj]),
                                neighbour_level=there,
                            )
                        )
        return tuple(found)

    @property
    def is_monotonic(self) -> bool:
        """Whether more impact or urgency never gives a less urgent level."""
        return not self.violations()


def _row(value: object, field: str) -> tuple[str | PriorityLevel, ...]:
    return convert.tuple_of(value, field, _cell)


def _cell(value: object, _field: str) -> str | PriorityLevel:
    return value  # type: ignore[return-value]  # resolved against the scheme by the class


class _FrozenTable(Mapping[tuple[str, str], PriorityLevel]):
    """A read-only mapping, so the matrix stays immutable all the way down."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[tuple[str, str], PriorityLevel]) -> None:
        self._data = data

    def __getitem__(self, key: tuple[str, str]) -> PriorityLevel:
        return self._data[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{self._data!r}"


ITIL_MATRIX = PriorityMatrix.from_rows(
    ITIL,
    impacts=["High", "Medium", "Low"],
    urgencies=["High", "Medium", "Low"],
    rows=[
        ["P1", "P2", "P3"],
        ["P2", "P3", "P4"],
        ["P3", "P4", "P5"],
    ],
    monotonic=True,
)
"""ITIL's 3x3 impact x urgency matrix onto P1-P5 (priority = impact + urgency - 1)."""
