"""Money as exact ``Decimal`` (private): floats are refused, never rounded."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError

Money = Decimal
"""An amount of money in the catalogue's currency, always an exact ``Decimal``."""

_LONGEST = 100
"""Longest money text read; a pasted page is refused unread."""


def to_money(value: object, *, field: str) -> Decimal:
    """Return ``value`` as a finite, non-negative ``Decimal``.

    ``Decimal``, ``int`` and decimal strings (``"450.00"``) are exact and accepted.
    A ``float`` is refused: ``0.1`` is not one tenth, and silently rounding money
    is the bug this function exists to prevent.

    Raises:
        ConfigError: ``value`` is a float, a bool, not a number, not finite or negative.

    >>> to_money("450.00", field="price")
    Decimal('450.00')
    >>> to_money(0.1, field="price")
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: price: float 0.1 is not exact money; pass Decimal('0.1')
    """
    if isinstance(value, float):
        raise ConfigError(
            f"float {value!r} is not exact money; pass Decimal({str(value)!r})", field=field
        )
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise ConfigError(f"expected a Decimal amount, got {convert.describe(value)}", field=field)
    if isinstance(value, str) and len(value) > _LONGEST:
        raise ConfigError(f"expected a decimal amount, got {convert.describe(value)}", field=field)
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ConfigError(f"not a decimal amount: {convert.brief(value)}", field=field) from None
    if not amount.is_finite():
        raise ConfigError(f"amount must be finite, got {convert.brief(value)}", field=field)
    if amount < 0:
        raise ConfigError(f"amount must not be negative, got {convert.brief(value)}", field=field)
    return amount


def to_optional_money(value: object, *, field: str) -> Decimal | None:
    """Return ``None`` unchanged, anything else through :func:`to_money`."""
    return None if value is None else to_money(value, field=field)
