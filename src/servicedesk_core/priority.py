"""Priority levels and the schemes they belong to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from servicedesk_core.errors import ConfigError

__all__ = ["FOUR_TIER", "ITIL", "PriorityLevel", "PriorityScheme"]


@attrs.frozen(order=False)
class PriorityLevel:
    """One level of a :class:`PriorityScheme`; more urgent levels compare greater.

    Levels of different schemes do not compare: ordering them raises ``TypeError``.

    >>> FOUR_TIER["Critical"] > FOUR_TIER["Low"]
    True
    """

    scheme: str
    name: str
    rank: int
    description: str = attrs.field(default="", eq=False)

    def _check(self, other: object) -> PriorityLevel:
        if not isinstance(other, PriorityLevel):
            raise TypeError(f"cannot compare PriorityLevel with {type(other).__name__}")
        if other.scheme != self.scheme:
            raise TypeError(
                f"cannot compare {self.name!r} of scheme {self.scheme!r} "
                f"with {other.name!r} of scheme {other.scheme!r}"
            )
        return other

    def __lt__(self, other: object) -> bool:
        return self.rank < self._check(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= self._check(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > self._check(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._check(other).rank

    def __str__(self) -> str:
        return self.name


def _to_levels(levels: Iterable[PriorityLevel]) -> tuple[PriorityLevel, ...]:
    return tuple(sorted(levels, key=lambda level: -level.rank))


@attrs.frozen
class PriorityScheme:
    """An ordered set of priority levels, most urgent first.

    >>> scheme = PriorityScheme.from_names("desk", ["Urgent", "Normal"])
    >>> scheme["Urgent"] > scheme["Normal"]
    True
    >>> [level.name for level in scheme]
    ['Urgent', 'Normal']
    """

    name: str
    levels: tuple[PriorityLevel, ...] = attrs.field(converter=_to_levels)

    @levels.validator
    def _check_levels(self, _attr: object, levels: tuple[PriorityLevel, ...]) -> None:
        if not levels:
            raise ConfigError("a scheme needs at least one level", field="levels")
        names: set[str] = set()
        ranks: set[int] = set()
        for level in levels:
            if level.scheme != self.name:
                raise ConfigError(
                    f"level {level.name!r} belongs to scheme {level.scheme!r}", field="levels"
                )
            if level.name in names:
                raise ConfigError(f"duplicate level name {level.name!r}", field="levels")
            if level.rank in ranks:
                raise ConfigError(f"duplicate rank {level.rank} ({level.name!r})", field="levels")
            names.add(level.name)
            ranks.add(level.rank)

    @classmethod
    def from_names(
        cls, name: str, names: Iterable[str], descriptions: Iterable[str] = ()
    ) -> PriorityScheme:
        """Build a scheme from level names listed most urgent first."""
        listed = list(names)
        texts = list(descriptions) or [""] * len(listed)
        if len(texts) != len(listed):
            raise ConfigError("one description per level", field="descriptions")
        return cls(
            name,
            [
                PriorityLevel(name, level, len(listed) - i, text)
                for i, (level, text) in enumerate(zip(listed, texts, strict=True))
            ],
        )

    def __getitem__(self, name: str) -> PriorityLevel:
        for level in self.levels:
            if level.name == name:
                return level
        known = ", ".join(level.name for level in self.levels)
        raise KeyError(f"scheme {self.name!r} has no level {name!r}; known: {known}")

    def __contains__(self, item: object) -> bool:
        return item in self.levels or any(level.name == item for level in self.levels)

    def __iter__(self) -> Iterator[PriorityLevel]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    @property
    def highest(self) -> PriorityLevel:
        """The most urgent level."""
        return self.levels[0]

    @property
    def lowest(self) -> PriorityLevel:
        """The least urgent level."""
        return self.levels[-1]


ITIL = PriorityScheme.from_names(
    "ITIL",
    ["P1", "P2", "P3", "P4", "P5"],
    ["Critical", "High", "Moderate", "Low", "Planning"],
)
"""ITIL's five priorities, P1 (critical) to P5 (planning)."""

FOUR_TIER = PriorityScheme.from_names("four-tier", ["Critical", "High", "Medium", "Low"])
"""The common four-tier scheme (Critical, High, Medium, Low)."""
