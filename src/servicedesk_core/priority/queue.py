"""Queue order: by priority, then first come, first served."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.errors import SchemeMismatchError
from servicedesk_core.priority.levels import PriorityLevel

__all__ = ["order_queue", "queue_key"]

_T = TypeVar("_T")


def queue_key(
    level: PriorityLevel, arrived_at: dt.datetime | str, ref: str = ""
) -> tuple[int, int, str]:
    """Return the sort key that puts more urgent work first, then earlier arrivals.

    Keys compare as tuples ``(-rank, arrival in epoch microseconds, ref)``, so the
    order is total: equal priority falls back to arrival, equal arrival to the
    ticket reference. Sorting with it is stable, so items equal in all three keep
    their order. Instants in different timezones compare as instants.

    Args:
        level: The item's priority.
        arrived_at: When the item arrived (timezone-aware, or ISO 8601 text with an offset).
        ref: A tie-breaker, usually the ticket reference.

    Returns:
        The key.

    Raises:
        NaiveDatetimeError: ``arrived_at`` has no timezone.
        ConfigError: ``level`` is not a :class:`PriorityLevel` (a name has no scheme to rank
            it), ``arrived_at`` is not an aware datetime or ISO text, ``ref`` is not text.

    >>> import datetime as dt
    >>> from servicedesk_core.priority import FOUR_TIER
    >>> nine = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    >>> queue_key(FOUR_TIER["High"], nine) < queue_key(FOUR_TIER["Low"], nine)
    True
    """
    checked = convert.instance(PriorityLevel, level, "level")  # a name has no scheme to rank it
    arrival = convert.aware_datetime(arrived_at, "arrived_at")
    return (-checked.rank, to_us(arrival), convert.text(ref, "ref"))


def order_queue(
    items: Iterable[_T],
    *,
    level: Callable[[_T], PriorityLevel],
    arrived_at: Callable[[_T], dt.datetime],
    ref: Callable[[_T], str] | None = None,
) -> tuple[_T, ...]:
    """Return the items in working order: by priority, then first come, first served.

    Args:
        items: Anything; the accessors read each item's priority, arrival and reference.
        level: Reads an item's priority level.
        arrived_at: Reads an item's arrival instant.
        ref: Reads an item's tie-breaking reference (optional).

    Returns:
        The items, most urgent first, earliest first within a level.

    Raises:
        SchemeMismatchError: the items' levels come from more than one scheme.
        NaiveDatetimeError: an arrival has no timezone.
        ConfigError: a level, an arrival or a reference of the wrong type (see :func:`queue_key`).

    >>> import datetime as dt
    >>> from servicedesk_core.priority import FOUR_TIER
    >>> at = lambda hour: dt.datetime(2026, 3, 2, hour, tzinfo=dt.UTC)
    >>> tickets = [("T1", "Low", at(8)), ("T2", "High", at(10)), ("T3", "High", at(9))]
    >>> ordered = order_queue(tickets, level=lambda t: FOUR_TIER[t[1]], arrived_at=lambda t: t[2])
    >>> [ticket for ticket, _level, _arrived in ordered]
    ['T3', 'T2', 'T1']
    """
    keyed = []
    scheme: str | None = None
    for item in items:
        item_level = convert.instance(PriorityLevel, level(item), "level")
        if scheme is None:
            scheme = item_level.scheme
        elif item_level.scheme != scheme:
            raise SchemeMismatchError(
                f"the queue mixes levels of schemes {scheme!r} and {item_level.scheme!r}",
                left=scheme,
                right=item_level.scheme,
            )
        key = queue_key(item_level, arrived_at(item), ref(item) if ref is not None else "")
        keyed.append((key, item))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(item for _key, item in keyed)
