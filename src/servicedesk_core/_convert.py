"""The boundary rule in one place (private): plain values in, typed values out.

Hosts load configuration from databases, JSON and web forms. Every public
constructor passes its fields through these helpers once, at construction.
Each helper accepts the documented type *and* its plain form (an enum's text
value, ISO text for dates, times and durations, ``"true"``/``"false"``) and
rejects anything else with a :class:`~servicedesk_core.errors.ConfigError`
that names the field and says what was expected. Text longer than
:data:`MAX_TEXT` is rejected before it is parsed, so every helper is linear.

Modules keep one small named converter per field (attrs and mypy read its
parameter type as the constructor's)::

    def _channel(value: Channel | str) -> Channel:
        return convert.enum_member(Channel, value, "channel")
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Protocol, TypeVar

import pendulum

from servicedesk_core.errors import ConfigError, NaiveDatetimeError

__all__ = [
    "MAX_TEXT",
    "Items",
    "aware_datetime",
    "boolean",
    "brief",
    "clip",
    "date",
    "describe",
    "duration",
    "duration_text",
    "enum_member",
    "frozenset_of",
    "instance",
    "instances",
    "integer",
    "number",
    "pairs",
    "text",
    "text_sets",
    "time",
    "time_text",
    "tuple_of",
    "unique",
]

MAX_TEXT = 10_000
"""Longest text any field accepts; a longer value is rejected unread."""

_SHORT_TEXT = 100  # enum values, ISO dates/times/durations, numbers and booleans are short

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_INTEGER = re.compile(r"[+-]?[0-9]+")
_HUGE_NUMBER = re.compile(r"(?<![.,0-9])[0-9]{10}")  # a whole number of 10 digits or more


def describe(value: object, limit: int = 60) -> str:
    """Return a short, safe description of a value for an error message.

    >>> describe("x" * 100)
    "str 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (100 characters)"
    >>> describe(None)
    'None'
    """
    if value is None:
        return "None"
    if isinstance(value, str):
        if len(value) > limit:
            return f"str {value[: limit - 4]!r}... ({len(value)} characters)"
        return f"str {value!r}"
    shown = _safe_repr(value)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    return f"{type(value).__name__} {shown}"


def brief(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` when it is short, else :func:`describe` it.

    >>> brief("Huge"), brief("x" * 100)
    ("'Huge'", "str 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (100 characters)")
    """
    if isinstance(value, str | bytes | bytearray) and len(value) > limit:
        return describe(value, limit)  # never copy a pasted megabyte into a repr
    shown = _safe_repr(value)
    return shown if len(shown) <= limit else describe(value, limit)


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Return ``text``, or its start and its length when it is longer than ``limit``.

    For text that goes into a message or a path, which must stay short.

    >>> clip("abc"), clip("x" * 100, 30)
    ('abc', 'xxxxxxxxxx... (100 characters)')
    """
    if len(text) <= limit:
        return text
    tail = f"... ({len(text)} characters)"
    return text[: max(limit - len(tail), 0)] + tail


def _safe_repr(value: object) -> str:
    if isinstance(value, bytes | bytearray) and len(value) > 100:
        return f"<{len(value)} bytes>"
    if isinstance(value, list | tuple | set | frozenset | dict) and len(value) > 20:
        return f"<{len(value)} items>"
    try:
        return repr(value)
    except Exception:  # a host's object with a broken __repr__ still gets a clear error
        return object.__repr__(value)


def _short_text(value: str, field: str, what: str) -> str:
    if len(value) > _SHORT_TEXT:
        raise ConfigError(f"expected {what}, got a text of {len(value)} characters", field=field)
    return value.strip()


def enum_member(kind: type[E], value: object, field: str) -> E:
    """Return ``value`` as a member of ``kind``: a member, its value, or its name.

    Text matches a member's value exactly, or its value or name ignoring case.

    Raises:
        ConfigError: anything else, naming the field and the known values.

    >>> import enum
    >>> class Color(enum.Enum):
    ...     DARK_RED = "dark red"
    >>> enum_member(Color, "dark red", "color"), enum_member(Color, "DARK_RED", "color")
    (<Color.DARK_RED: 'dark red'>, <Color.DARK_RED: 'dark red'>)
    >>> enum_member(Color, "blue", "color")
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: color: expected one of 'dark red', got str 'blue'
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str) and len(value) <= _SHORT_TEXT:
        for member in kind:
            if member.value == value:
                return member
        folded = value.strip().casefold()
        for member in kind:
            if folded in (str(member.value).casefold(), member.name.casefold()):
                return member
    known = ", ".join(repr(member.value) for member in kind)
    raise ConfigError(f"expected one of {known}, got {describe(value)}", field=field)


def instance(kind: type[T], value: object, field: str) -> T:
    """Return ``value`` if it is a ``kind``; for items of a collection of objects.

    Raises:
        ConfigError: anything else, naming the field and the expected type.

    >>> instance(int, "7", "count")
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: count: expected an int, got str '7'
    """
    if not isinstance(value, kind):
        raise ConfigError(f"expected {_article(kind.__name__)}, got {describe(value)}", field=field)
    return value


def _article(name: str) -> str:
    """``name`` with "a" or "an"; an acronym goes by its first letter's sound ("an SLAPolicy").

    >>> _article("int"), _article("Event"), _article("SLAPolicy"), _article("Staff")
    ('an int', 'an Event', 'an SLAPolicy', 'a Staff')
    """
    vowel_sound = "AEFHILMNORSX" if name[1:2].isupper() else "AEIOUaeiou"
    return f"{'an' if name[:1] in vowel_sound else 'a'} {name}"


def boolean(value: object, field: str) -> bool:
    """Return a flag: a bool, 0 or 1, or text ``true/false``, ``yes/no``, ``on/off``, ``1/0``.

    Raises:
        ConfigError: anything else (the text ``"false"`` is never true).

    >>> boolean("False", "public"), boolean(1, "public")
    (False, True)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        folded = _short_text(value, field, "true or false").casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    raise ConfigError(f"expected true or false, got {describe(value)}", field=field)


def text(value: object, field: str, *, allow_empty: bool = True, max_length: int = MAX_TEXT) -> str:
    """Return ``value`` if it is text of an acceptable length.

    Raises:
        ConfigError: not a str, blank when ``allow_empty`` is false, or too long.
    """
    if not isinstance(value, str):
        raise ConfigError(f"expected text, got {describe(value)}", field=field)
    if len(value) > max_length:
        raise ConfigError(
            f"text of {len(value)} characters is longer than {max_length}", field=field
        )
    if not allow_empty and not value.strip():
        raise ConfigError("expected non-blank text", field=field)
    return value


def integer(
    value: object, field: str, *, min_value: int | None = None, max_value: int | None = None
) -> int:
    """Return an int (not a bool), also from its decimal text, within the bounds.

    Raises:
        ConfigError: not an integer, or out of bounds.

    >>> integer("7", "days", min_value=0)
    7
    """
    if isinstance(value, str):
        stripped = _short_text(value, field, "an integer")
        if _INTEGER.fullmatch(stripped):
            value = int(stripped)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(f"expected an integer, got {describe(value)}", field=field)
    _check_bounds(value, field, min_value, max_value)
    return value


def number(
    value: object,
    field: str,
    *,
    min_value: float | None = None,
    max_value: float | None = None,
    exclude_min: bool = False,
) -> float:
    """Return a finite float from an int, a float or decimal text, within the bounds.

    Raises:
        ConfigError: not a finite number, or out of bounds.

    >>> number("0.8", "service_level", min_value=0, max_value=1)
    0.8
    """
    if isinstance(value, str):
        stripped = _short_text(value, field, "a number")
        with contextlib.suppress(ValueError):
            value = float(stripped)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ConfigError(f"expected a number, got {describe(value)}", field=field)
    try:
        result = float(value)
    except OverflowError:  # an int beyond any float
        result = math.inf
    if not math.isfinite(result):
        raise ConfigError(f"expected a finite number, got {_number(value)}", field=field)
    if exclude_min and min_value is not None and result <= min_value:
        raise ConfigError(f"must be greater than {min_value}, got {_number(value)}", field=field)
    _check_bounds(result, field, min_value, max_value)
    return result


def _check_bounds(
    value: float, field: str, min_value: float | None, max_value: float | None
) -> None:
    if min_value is not None and value < min_value:
        raise ConfigError(f"must be at least {min_value}, got {_number(value)}", field=field)
    if max_value is not None and value > max_value:
        raise ConfigError(f"must be at most {max_value}, got {_number(value)}", field=field)


def _number(value: float) -> str:
    """``repr`` of a number, or its size for an int too long to print (over 4300 digits).

    >>> _number(-7), _number(10**5000)
    ('-7', 'an integer of about 5001 digits')
    """
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"an integer of about {round(value.bit_length() * math.log10(2)) + 1} digits"
    return repr(value)


def date(value: object, field: str) -> dt.date:
    """Return a calendar date: a ``date`` (not a datetime) or ISO text ``YYYY-MM-DD``.

    Raises:
        ConfigError: anything else; a datetime is rejected, not truncated.

    >>> date("2026-12-24", "day")
    datetime.date(2026, 12, 24)
    """
    if isinstance(value, dt.datetime):
        raise ConfigError(
            f"expected a date, got the datetime {value.isoformat()}; pass value.date()",
            field=field,
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        stripped = _short_text(value, field, "an ISO date")
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(stripped)
    raise ConfigError(f"expected a date (YYYY-MM-DD), got {describe(value)}", field=field)


def time(value: object, field: str) -> dt.time:
    """Return a wall-clock time: a naive ``time`` or ISO text ``HH:MM[:SS]``.

    Raises:
        ConfigError: anything else, or a time with a tzinfo.

    >>> time("07:30", "start")
    datetime.time(7, 30)
    """
    if isinstance(value, str):
        stripped = _short_text(value, field, "a time (HH:MM)")
        with contextlib.suppress(ValueError):
            value = dt.time.fromisoformat(stripped)
    if not isinstance(value, dt.time):
        raise ConfigError(f"expected a time (HH:MM), got {describe(value)}", field=field)
    if value.tzinfo is not None:
        raise ConfigError(f"expected a wall-clock time without tzinfo, got {value}", field=field)
    return value


def duration(value: object, field: str, *, allow_negative: bool = False) -> dt.timedelta:
    """Return a ``timedelta`` from a timedelta, a pendulum ``Duration`` or ISO 8601 text.

    Text is parsed by pendulum; a leading ``-`` negates it (see :func:`duration_text`).
    Months and years have no fixed length, so a duration holding them is rejected
    rather than guessed.

    Raises:
        ConfigError: anything else, or a negative duration unless allowed.

    >>> duration("PT4H", "goal"), duration("P1DT30M", "goal")
    (datetime.timedelta(seconds=14400), datetime.timedelta(days=1, seconds=1800))
    """
    negative = False
    if isinstance(value, str):
        stripped = _short_text(value, field, "an ISO 8601 duration (PT4H)")
        negative = stripped.startswith("-")
        try:
            if _HUGE_NUMBER.search(stripped):  # pendulum wraps these round instead of failing
                raise OverflowError
            value = pendulum.parse(stripped[negative:]) if stripped[negative:][:1] == "P" else value
        except OverflowError:
            raise ConfigError(f"{stripped!r} is too long for a duration", field=field) from None
        except ValueError:  # pendulum's ParserError; the message below says what to write
            pass
    if not isinstance(value, dt.timedelta):
        raise ConfigError(
            f"expected a duration (timedelta or ISO 8601 such as 'PT4H'), got {describe(value)}",
            field=field,
        )
    if isinstance(value, pendulum.Duration) and (value.years or value.months):
        raise ConfigError(
            "months and years have no fixed length; give days, hours or minutes", field=field
        )
    result = dt.timedelta(value.days, value.seconds, value.microseconds)
    result = -result if negative else result
    if result < dt.timedelta(0) and not allow_negative:
        raise ConfigError(f"must not be negative, got {result}", field=field)
    return result


def duration_text(value: dt.timedelta) -> str:
    """Return the canonical ISO 8601 text of a duration, which :func:`duration` reads back.

    Days, then hours, minutes and (fractional) seconds, each only when not zero;
    zero is ``PT0S`` and a negative duration gets a leading ``-``. pendulum parses
    ISO 8601 durations but does not write them.

    >>> duration_text(dt.timedelta(hours=4)), duration_text(dt.timedelta(days=1, minutes=30))
    ('PT4H', 'P1DT30M')
    >>> duration_text(dt.timedelta(seconds=90, microseconds=500))
    'PT1M30.0005S'
    """
    if value < dt.timedelta(0):
        return "-" + duration_text(-value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M")) if amount)
    if seconds or value.microseconds:
        clock += f"{seconds}.{value.microseconds:06d}".rstrip("0").rstrip(".") + "S"
    days = f"{value.days}D" if value.days else ""
    if not days and not clock:
        return "PT0S"
    return f"P{days}" + (f"T{clock}" if clock else "")


def time_text(value: dt.time) -> str:
    """Return a wall-clock time as ``HH:MM``, with seconds only when it has them.

    >>> time_text(dt.time(7, 30)), time_text(dt.time(7, 30, 15))
    ('07:30', '07:30:15')
    """
    return value.isoformat(
        timespec="minutes" if not (value.second or value.microsecond) else "auto"
    )


def aware_datetime(value: object, field: str) -> dt.datetime:
    """Return an aware datetime: a datetime with tzinfo or ISO 8601 text with an offset.

    Raises:
        NaiveDatetimeError: a datetime without tzinfo.
        ConfigError: text without an offset, or anything else.

    >>> aware_datetime("2026-03-02T09:00:00+00:00", "at")
    datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)
    """
    if isinstance(value, str):
        stripped = _short_text(value, field, "an ISO 8601 datetime with an offset")
        try:
            parsed = dt.datetime.fromisoformat(stripped)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.utcoffset() is None:
            raise ConfigError(f"{value!r} has no UTC offset; add one (+00:00) or a Z", field=field)
        value = parsed if parsed is not None else value
    if not isinstance(value, dt.datetime):
        raise ConfigError(f"expected an aware datetime, got {describe(value)}", field=field)
    if value.utcoffset() is None:
        raise NaiveDatetimeError(value)
    return value


def _items(value: object, field: str) -> Iterable[object]:
    if (
        value is None
        or isinstance(value, str | bytes | bytearray | Mapping)
        or not isinstance(value, Iterable)
    ):
        raise ConfigError(f"expected a list, got {describe(value)}", field=field)
    return value


def tuple_of(value: object, field: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    """Return a tuple of converted items; each item's errors name ``field[i]``.

    Raises:
        ConfigError: ``value`` is not a collection (text and mappings are not), or an item is bad.

    >>> tuple_of(["1", 2], "days", integer)
    (1, 2)
    """
    return tuple(
        item(element, f"{field}[{index}]") for index, element in enumerate(_items(value, field))
    )


def frozenset_of(value: object, field: str, item: Callable[[object, str], T]) -> frozenset[T]:
    """Return a frozenset of converted items; each item's errors name ``field[i]``.

    Raises:
        ConfigError: ``value`` is not a collection (text and mappings are not), or an item is bad.

    >>> sorted(frozenset_of({"b", "a"}, "tags", text))
    ['a', 'b']
    """
    return frozenset(tuple_of(value, field, item))


K_co = TypeVar("K_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)


class Items(Protocol[K_co, V_co]):
    """A mapping as a converter reads it: its ``(key, value)`` items (the type of an argument).

    ``Mapping`` is invariant in its key, so a user's ``dict[str, float]`` is
    not a ``Mapping[Channel | str, float]``, and a dict literal whose values
    are of mixed kinds loses its type against a union of mappings. ``Items``
    is covariant in both, so one ``Items[Channel | str, float]`` accepts every
    such dict. At run time the value must be a ``Mapping`` (see :func:`pairs`).
    """

    def items(self) -> AbstractSet[tuple[K_co, V_co]]:
        """The ``(key, value)`` pairs."""
        ...


def pairs(value: object, field: str) -> tuple[tuple[object, object], ...]:
    """Return the items of a mapping, or of a collection of ``(key, value)`` pairs.

    Keys and values are left to the caller's converters.

    Raises:
        ConfigError: neither a mapping nor a collection of pairs.

    >>> pairs({"plan": "gold"}, "attributes"), pairs([("plan", "gold")], "attributes")
    ((('plan', 'gold'),), (('plan', 'gold'),))
    """
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, str | bytes | bytearray) or not isinstance(value, Iterable):
        raise ConfigError(
            f"expected a mapping or (key, value) pairs, got {describe(value)}", field=field
        )
    return tuple_of(value, field, _pair)


def unique(keys: Iterable[object], field: str) -> None:
    """Refuse a key given twice, in any spelling (``"phone"`` and ``"PHONE"`` are one channel).

    Call it on converted keys, so that two spellings of one value count as one key.

    Raises:
        ConfigError: a key seen twice, naming the field.

    >>> unique([dt.date(2026, 12, 24), date("2026-12-24", "overrides")], "overrides")
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: overrides: datetime.date(2026, 12, 24) is given twice
    """
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            raise ConfigError(f"{brief(key)} is given twice", field=field)
        seen.add(key)


def text_sets(value: object, field: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Names, each with a set of text values: a mapping or (name, values) pairs, sorted by name.

    A lone text is a set of one (``{"plan": "gold"}``); a name given twice is refused.

    Raises:
        ConfigError: not pairs, a blank or overlong name, a name twice, a value not text.

    >>> [(name, sorted(values)) for name, values in text_sets(
    ...     {"product": ["VIP", "CX"], "plan": "gold"}, "attributes")]
    [('plan', ['gold']), ('product', ['CX', 'VIP'])]
    """
    out = []
    for key, values in pairs(value, field):
        name = text(key, field, allow_empty=False, max_length=200)
        named = f"{field}.{name}"
        if isinstance(values, str):
            out.append((name, frozenset([text(values, named)])))
        else:
            out.append((name, frozenset_of(values, named, text)))
    unique((name for name, _values in out), field)
    return tuple(sorted(out, key=lambda item: item[0]))


def _pair(value: object, field: str) -> tuple[object, object]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ConfigError(f"expected a (key, value) pair, got {describe(value)}", field=field)
    return value[0], value[1]


def instances(values: object, field: str, kind: type[T]) -> tuple[T, ...]:
    """Return a tuple of ``kind`` objects; an item of another type is named ``field[i]``.

    Raises:
        ConfigError: ``values`` is not a collection, or an item is not a ``kind``.

    >>> instances([1, 2], "counts", int)
    (1, 2)
    """
    return tuple_of(values, field, functools.partial(instance, kind))
