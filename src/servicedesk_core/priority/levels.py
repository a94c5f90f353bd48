"""Priority levels and the schemes they belong to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, SchemeMismatchError, UnknownLevelError

__all__ = ["FOUR_TIER", "ITIL", "PriorityLevel", "PriorityScheme"]


def _scheme_name(value: str) -> str:
    return convert.text(value, "scheme", allow_empty=False, max_length=200)


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _rank(value: int | str) -> int:
    return convert.integer(value, "rank")


def _description(value: str) -> str:
    return convert.text(value, "description")


@attrs.frozen(order=False, repr=False)
class PriorityLevel:
    """One level of a :class:`PriorityScheme`; more urgent levels compare greater.

    Levels are hashable and compare by rank within their scheme. Ordering levels
    of different schemes raises :class:`~servicedesk_core.errors.SchemeMismatchError`
    (a ``TypeError``): a P2 is neither more nor less urgent than a "High".

    >>> FOUR_TIER["Critical"] > FOUR_TIER["Low"]
    True
    >>> FOUR_TIER["High"]
    PriorityLevel(scheme='four-tier', name='High', rank=3)
    >>> ITIL["P1"] > FOUR_TIER["Low"]
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.SchemeMismatchError: cannot compare 'P1' of scheme 'ITIL' with ...
    """

    scheme: str = attrs.field(converter=_scheme_name)
    name: str = attrs.field(converter=_name)
    rank: int = attrs.field(converter=_rank)
    description: str = attrs.field(default="", eq=False, converter=_description)

    def _check(self, other: PriorityLevel) -> PriorityLevel:
        if other.scheme != self.scheme:
            raise SchemeMismatchError(
                f"cannot compare {self.name!r} of scheme {self.scheme!r} "
                f"with {other.name!r} of scheme {other.scheme!r}",
                left=self.scheme,
                right=other.scheme,
            )
        return other

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PriorityLevel):
            return NotImplemented
        return self.rank < self._check(other).rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PriorityLevel):
            return NotImplemented
        return self.rank <= self._check(other).rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PriorityLevel):
            return NotImplemented
        return self.rank > self._check(other).rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PriorityLevel):
            return NotImplemented
        return self.rank >= self._check(other).rank

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"PriorityLevel(scheme={self.scheme!r}, name={self.name!r}, rank={self.rank})"


def level_name(value: object, field: str) -> str:
    """Return the name of a priority given as a level or by name (resolved later, in context).

    Raises:
        ConfigError: neither a level nor non-blank text of at most 200 characters.

    >>> level_name(FOUR_TIER["High"], "priorities"), level_name("High", "priorities")
    ('High', 'High')
    """
    if isinstance(value, PriorityLevel):
        return value.name
    return convert.text(value, field, allow_empty=False, max_length=200)


def _to_levels(levels: Iterable[PriorityLevel]) -> tuple[PriorityLevel, ...]:
    listed = convert.instances(levels, "levels", PriorityLevel)
    return tuple(sorted(listed, key=lambda level: -level.rank))


@attrs.frozen(repr=False)
class PriorityScheme:
    """An ordered set of priority levels, most urgent first.

    Names and ranks are unique within a scheme. Asking for an unknown name raises
    :class:`~servicedesk_core.errors.UnknownLevelError` (a ``KeyError``) that lists
    the known names.

    >>> scheme = PriorityScheme.from_names("desk", ["Urgent", "Normal"])
    >>> scheme["Urgent"] > scheme["Normal"]
    True
    >>> [level.name for level in scheme]
    ['Urgent', 'Normal']
    >>> scheme
    <PriorityScheme 'desk': Urgent > Normal>
    >>> scheme["Low"]
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.UnknownLevelError: scheme 'desk' has no level 'Low'; known: ...
    """

    name: str = attrs.field(converter=_name)
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
        """Build a scheme from level names listed most urgent first.

        Args:
            name: The scheme's name.
            names: Level names, most urgent first; the last gets rank 1.
            descriptions: Optional, one per level.

        Returns:
            The scheme.

        Raises:
            ConfigError: no names, a duplicate name, or not one description per level.

        >>> PriorityScheme.from_names("sev", ["S1", "S2", "S3"])["S3"].rank
        1
        """
        listed = convert.tuple_of(names, "names", convert.text)
        texts = convert.tuple_of(descriptions, "descriptions", convert.text) or ("",) * len(listed)
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
        raise UnknownLevelError(self.name, name, self.names)

    def __contains__(self, item: object) -> bool:
        return item in self.levels or any(level.name == item for level in self.levels)

    def __iter__(self) -> Iterator[PriorityLevel]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    def __repr__(self) -> str:
        return f"<PriorityScheme {self.name!r}: {' > '.join(self.names)}>"

    @property
    def names(self) -> tuple[str, ...]:
        """The level names, most urgent first."""
        return tuple(level.name for level in self.levels)

    @property
    def highest(self) -> PriorityLevel:
        """The most urgent level."""
        return self.levels[0]

    @property
    def lowest(self) -> PriorityLevel:
        """The least urgent level."""
        return self.levels[-1]

    def level(self, level: str | PriorityLevel) -> PriorityLevel:
        """Return this scheme's level for a name, or check that a level is one of ours.

        A name matches exactly, or ignoring case and surrounding spaces when that
        is unambiguous, so text from a form or a database resolves.

        Args:
            level: A level name, or a level that must belong to this scheme.

        Returns:
            The level.

        Raises:
            UnknownLevelError: the name (or level) is not in this scheme.
            SchemeMismatchError: the level belongs to another scheme.

        >>> ITIL.level("P2") == ITIL.level(ITIL["P2"]) == ITIL.level(" p2 ")
        True
        """
        if isinstance(level, PriorityLevel):
            if level.scheme != self.name:
                raise SchemeMismatchError(
                    f"level {level.name!r} of scheme {level.scheme!r} "
                    f"is not a level of scheme {self.name!r}",
                    left=self.name,
                    right=level.scheme,
                )
            if level not in self.levels:
                raise UnknownLevelError(self.name, level.name, self.names)
            return level
        if isinstance(level, str) and len(level) <= 200:
            folded = level.strip().casefold()
            found = [known for known in self.levels if known.name.casefold() == folded]
            exact = [known for known in found if known.name == level.strip()]
            if len(found) == 1 or exact:
                return (exact or found)[0]
            raise UnknownLevelError(self.name, level, self.names)
        raise UnknownLevelError(self.name, convert.describe(level), self.names)

    def at_least(self, level: str | PriorityLevel) -> tuple[PriorityLevel, ...]:
        """Return the levels at least as urgent as ``level``, most urgent first.

        Useful for bands such as "High/Critical priority cases".

        >>> [str(level) for level in FOUR_TIER.at_least("High")]
        ['Critical', 'High']
        """
        floor = self.level(level)
        return tuple(candidate for candidate in self.levels if candidate >= floor)


ITIL = PriorityScheme.from_names(
    "ITIL",
    ["P1", "P2", "P3", "P4", "P5"],
    ["Critical", "High", "Moderate", "Low", "Planning"],
)
"""ITIL's five priorities, P1 (critical) to P5 (planning)."""

FOUR_TIER = PriorityScheme.from_names("four-tier", ["Critical", "High", "Medium", "Low"])
"""The common four-tier scheme (Critical, High, Medium, Low)."""
