"""Ticket references per team (``CASE-100``, ``TSUP-100``, ``100100``) and the trail of them.

Each team numbers tickets its own way. A :class:`ReferenceFormat` renders a
sequence number that the host supplies (the library keeps no counters) and
reads one back. :class:`TicketReferences` keeps a ticket's references across
hand-overs: the original one stays the customer's point of reference.
"""

from __future__ import annotations

import re

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError

__all__ = ["ReferenceFormat", "TicketReferences"]

_SLOT = "{n}"
_MAX_NUMBER = 10**18


def _pattern(value: str) -> str:
    text = convert.text(value, "pattern", allow_empty=False, max_length=100)
    if text.count(_SLOT) != 1 or "{" in text.replace(_SLOT, "") or "}" in text.replace(_SLOT, ""):
        raise ConfigError(
            f"expected text with one {_SLOT} where the number goes ('CASE-{{n}}'), got {text!r}",
            field="pattern",
        )
    return text


@attrs.frozen
class ReferenceFormat:
    """How one team writes a ticket's reference: text with one ``{n}`` for the number.

    >>> ReferenceFormat("TSUP-{n}").render(100)
    'TSUP-100'
    >>> ReferenceFormat("{n}").render(100100)
    '100100'
    >>> ReferenceFormat("CASE-{n}").parse("CASE-100"), ReferenceFormat("CASE-{n}").parse("TSUP-100")
    (100, None)

    Raises:
        ConfigError: the pattern is not text with exactly one ``{n}``.
    """

    pattern: str = attrs.field(converter=_pattern)

    def render(self, number: int) -> str:
        """Return the reference for a sequence number the host supplies.

        Raises:
            ConfigError: the number is not a non-negative integer.
        """
        n = convert.integer(number, "number", min_value=0, max_value=_MAX_NUMBER)
        return self.pattern.replace(_SLOT, str(n))

    def parse(self, text: str) -> int | None:
        """Return the number in a reference written this way, or ``None`` if it is not."""
        if not isinstance(text, str) or len(text) > len(self.pattern) + 20:
            return None
        prefix, suffix = self.pattern.split(_SLOT)
        if not (text.startswith(prefix) and text.endswith(suffix)):
            return None
        digits = text[len(prefix) : len(text) - len(suffix)]
        return int(digits) if re.fullmatch(r"[0-9]+", digits) else None


def _entries(value: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return convert.tuple_of(value, "entries", _entry)


def _entry(value: object, field: str) -> tuple[str, str]:
    if not isinstance(value, tuple) or len(value) != 2:
        raise ConfigError(
            f"expected a (team, reference) pair, got {convert.describe(value)}", field=field
        )
    team, reference = value
    return (
        convert.text(team, f"{field}.team", allow_empty=False),
        convert.text(reference, f"{field}.reference", allow_empty=False),
    )


@attrs.frozen
class TicketReferences:
    """A ticket's hand-over trail: (team, reference) pairs, the original first.

    >>> refs = TicketReferences.start("Customer Care", "CASE-100")
    >>> refs = refs.hand_over("Technical Support", "TSUP-100")
    >>> refs.original, refs.current, refs.of("Customer Care")
    ('CASE-100', 'TSUP-100', 'CASE-100')

    Raises:
        ConfigError: no entries, or an entry that is not a (team, reference) pair of texts.
    """

    entries: tuple[tuple[str, str], ...] = attrs.field(converter=_entries)

    def __attrs_post_init__(self) -> None:
        if not self.entries:
            raise ConfigError("a ticket has at least its original reference", field="entries")

    @classmethod
    def start(cls, team: str, reference: str) -> TicketReferences:
        """Begin the trail with the reference of the team that opened the ticket."""
        return cls(((team, reference),))

    def hand_over(self, team: str, reference: str) -> TicketReferences:
        """Return the trail with the hand-over to ``team`` under ``reference`` appended.

        A team that had the ticket before keeps the reference it gave it then
        (the given one is ignored), so returning a ticket never renumbers it.

        >>> refs = TicketReferences.start("Tier 1", "T1-7").hand_over("Tier 2", "T2-3")
        >>> refs.hand_over("Tier 1", "T1-8").current
        'T1-7'
        """
        return TicketReferences((*self.entries, (team, self.of(team) or reference)))

    @property
    def original(self) -> str:
        """The first reference, the customer's point of reference across hand-overs."""
        return self.entries[0][1]

    @property
    def current(self) -> str:
        """The reference of the team that most recently received the ticket."""
        return self.entries[-1][1]

    def of(self, team: str) -> str | None:
        """Return the reference a team gave the ticket, or ``None`` if it never had it."""
        for name, reference in self.entries:
            if name == team:
                return reference
        return None
