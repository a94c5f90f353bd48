"""Scoping by priority (private): level names resolved against a scheme at construction."""

from __future__ import annotations

from collections.abc import Iterable

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, SchemeMismatchError, UnknownLevelError
from servicedesk_core.priority import PriorityLevel, PriorityScheme

Priorities = Iterable[str | PriorityLevel] | None
"""Priorities as users write them: level names or levels (``None``: every priority)."""


def level_names(value: object, field: str) -> frozenset[str] | None:
    """Return the names of the given levels (``None`` stays ``None``); not yet checked."""
    if value is None:
        return None
    return convert.frozenset_of(value, field, _level_name)


def _level_name(value: object, field: str) -> str:
    if isinstance(value, PriorityLevel):
        return value.name
    return convert.text(value, field, allow_empty=False, max_length=200)


def check_priorities(
    scheme: PriorityScheme | None, names: frozenset[str] | None, field: str
) -> None:
    """Check that every name is a level of ``scheme``.

    Raises:
        ConfigError: priorities without a scheme, or a name the scheme lacks.
    """
    if names is None:
        return
    if scheme is None:
        raise ConfigError("scoping by priority needs a priority scheme (scheme=...)", field=field)
    for name in sorted(names):
        try:
            scheme.level(name)
        except (UnknownLevelError, SchemeMismatchError) as error:
            raise ConfigError(str(error), field=field) from None


def scheme_or_none(value: PriorityScheme | None) -> PriorityScheme | None:
    """Return a priority scheme or ``None``; anything else is a ``ConfigError``."""
    return None if value is None else convert.instance(PriorityScheme, value, "scheme")
