"""Aware-datetime coercion and integer epoch microseconds (private).

Every instant that enters the library passes through :func:`to_us`, every
instant that leaves it through :func:`from_us`. Integer microseconds make
business-time arithmetic exact and round-trippable.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import zoneinfo

from servicedesk_core._convert import describe
from servicedesk_core.errors import ConfigError, NaiveDatetimeError, NotADatetimeError

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
ONE_US = dt.timedelta(microseconds=1)
US_PER_SECOND = 1_000_000
US_PER_DAY = 86_400 * US_PER_SECOND
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

_sub = dt.datetime.__sub__  # the stdlib subtraction, also for pendulum and pandas subclasses
_floordiv = dt.timedelta.__floordiv__


def to_us(value: dt.datetime) -> int:
    """Return an aware datetime as integer microseconds since the Unix epoch.

    Raises:
        NaiveDatetimeError: ``value`` has no usable tzinfo.
        NotADatetimeError: ``value`` is not a datetime (also a ``TypeError``).
    """
    try:  # the hot path of every query: check types only when the subtraction fails
        delta = _sub(value, EPOCH)
    except TypeError:  # not a datetime, naive, or a tzinfo whose utcoffset() is None
        if not isinstance(value, dt.datetime):
            raise NotADatetimeError(value) from None
        raise NaiveDatetimeError(value) from None
    return delta // ONE_US


_NAIVE_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_IN: dict[dt.tzinfo, dt.datetime] = {}  # 1970-01-01 00:00 wall time labelled with each tz


def from_us(us: int, tz: dt.tzinfo) -> dt.datetime:
    """Return epoch microseconds as a stdlib aware datetime in ``tz``.

    The hot path of every query: ``tz.fromutc`` on the UTC wall time labelled
    with ``tz`` is what ``astimezone`` does after its own checks, at half the cost.
    """
    epoch = _EPOCH_IN.get(tz)
    if epoch is None:
        epoch = _EPOCH_IN.setdefault(tz, _NAIVE_EPOCH.replace(tzinfo=tz))
    return tz.fromutc(epoch + dt.timedelta(0, 0, us))


def duration_us(value: dt.timedelta) -> int:
    """Return a duration (``timedelta`` or pendulum ``Duration``) in integer microseconds.

    Raises:
        TypeError: ``value`` is not a timedelta.
    """
    if type(value) is not dt.timedelta and not isinstance(value, dt.timedelta):
        raise TypeError(f"expected a timedelta, got {type(value).__name__}: {value!r}")
    return _floordiv(value, ONE_US)  # the stdlib fields, also for pendulum's Duration


def to_timedelta(us: int) -> dt.timedelta:
    """Return integer microseconds as a ``timedelta``."""
    return dt.timedelta(microseconds=us)


_ZONE_ALIASES = {
    "ET": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKT": "America/Anchorage",
    "AKST": "America/Anchorage",
    "HT": "Pacific/Honolulu",
    "AT": "America/Puerto_Rico",
    "BST": "Europe/London",
    "CET": "Europe/Paris",
    "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo",
    "AEST": "Australia/Sydney",
    "EASTERN": "America/New_York",
    "CENTRAL": "America/Chicago",
    "MOUNTAIN": "America/Denver",
    "PACIFIC": "America/Los_Angeles",
}
"""Abbreviations people type, and the IANA zone they most likely mean."""

_HOST_ZONES = frozenset({"localtime", "posixrules"})
"""Names in a zoneinfo directory that are a host setting (a link to /etc/localtime)."""

_MAX_ZONE_NAME = 64  # the longest IANA name is about 30 characters


@functools.cache
def _zone_names() -> dict[str, str]:
    """Every IANA name keyed by its folded form and by its folded city part."""
    names: dict[str, str] = {}
    for name in sorted(zoneinfo.available_timezones() - _HOST_ZONES):
        names.setdefault(name.casefold(), name)
        names.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").casefold(), name)
    return names


def suggest_zones(name: str) -> tuple[str, ...]:
    """Return the IANA names someone who typed ``name`` most likely meant (at most three).

    >>> suggest_zones("CT"), suggest_zones("chicago"), suggest_zones("America/Chicgo")
    (('America/Chicago',), ('America/Chicago',), ('America/Chicago',))
    """
    key = name.strip()
    if len(key) > _MAX_ZONE_NAME:
        return ()
    if key.upper() in _ZONE_ALIASES:
        return (_ZONE_ALIASES[key.upper()],)
    names = _zone_names()
    folded = key.replace("_", " ").casefold()
    for candidate in (folded, folded.replace(" ", "_")):
        if candidate in names:
            return (names[candidate],)
    close = difflib.get_close_matches(folded, names, n=3, cutoff=0.8)
    return tuple(dict.fromkeys(names[match] for match in close))


def zone(name: str | dt.tzinfo, *, field: str = "timezone") -> zoneinfo.ZoneInfo:
    """Resolve an IANA timezone name (or a ZoneInfo, or UTC) to a ZoneInfo.

    Raises:
        ConfigError: the name is unknown (the message suggests IANA names, ``"CT"``:
            did you mean ``America/Chicago``?), or the tzinfo is not an IANA zone.

    >>> zone("CT")
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: timezone: unknown timezone 'CT'; did you mean ...
    """
    if isinstance(name, zoneinfo.ZoneInfo):
        return name
    if name is UTC:
        return zoneinfo.ZoneInfo("UTC")
    if not isinstance(name, str):
        raise ConfigError(
            f"expected an IANA timezone name such as 'America/Chicago', got {describe(name)}",
            field=field,
        )
    if len(name) > _MAX_ZONE_NAME:
        raise ConfigError(
            f"expected an IANA timezone name, got a text of {len(name)} characters", field=field
        )
    key = name.strip()  # text from a form or a database, like an enum's
    if key not in _HOST_ZONES:
        try:
            return zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
    suggestions = suggest_zones(name)
    hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    raise ConfigError(
        f"unknown timezone {name!r}{hint} (give an IANA name such as 'America/Chicago')",
        field=field,
    )


def local_to_us(day_ordinal: int, offset_us: int, tz: dt.tzinfo) -> int:
    """Return the instant of a local wall time, ``offset_us`` after midnight of a day.

    The wall time is resolved with ``fold=0``: a time inside a DST gap moves
    forward by the gap, an ambiguous time takes its first occurrence.
    ``offset_us`` may exceed a day (a range that crosses midnight).
    """
    naive_us = (day_ordinal - EPOCH_ORDINAL) * US_PER_DAY + offset_us
    days = _LOCAL_DAYS.get(tz)
    day = naive_us // US_PER_DAY
    steady = days.get(day, _UNKNOWN) if days is not None else _UNKNOWN
    if steady is _UNKNOWN:
        steady = _steady_offset(tz, _LOCAL_DAYS, day, local=True)
    if steady is not None:
        return naive_us - steady  # type: ignore[operator]
    offset = tz.utcoffset(_NAIVE_EPOCH + dt.timedelta(0, 0, naive_us))
    assert offset is not None
    return naive_us - offset // ONE_US


def steady_midnight_us(day_ordinal: int, tz: dt.tzinfo) -> int | None:
    """Return the instant of a day's local midnight if its UTC offset holds all day, else None.

    On such a day a wall time ``w`` after midnight is that instant plus ``w``
    (:func:`local_to_us` without a lookup).
    """
    day = day_ordinal - EPOCH_ORDINAL
    days = _LOCAL_DAYS.get(tz)
    steady = days.get(day, _UNKNOWN) if days is not None else _UNKNOWN
    if steady is _UNKNOWN:
        steady = _steady_offset(tz, _LOCAL_DAYS, day, local=True)
    return None if steady is None else day * US_PER_DAY - steady  # type: ignore[operator]


def utc_offset_us(x: int, tz: dt.tzinfo) -> int:
    """Return the UTC offset of ``tz`` at the instant ``x`` (epoch microseconds).

    >>> import zoneinfo
    >>> utc_offset_us(0, zoneinfo.ZoneInfo("America/Chicago")) // 3_600_000_000
    -6
    """
    days = _UTC_DAYS.get(tz)
    steady = days.get(x // US_PER_DAY, _UNKNOWN) if days is not None else _UNKNOWN
    if steady is _UNKNOWN:
        steady = _steady_offset(tz, _UTC_DAYS, x // US_PER_DAY, local=False)
    if steady is not None:
        return steady  # type: ignore[return-value]
    offset = from_us(x, tz).utcoffset()
    assert offset is not None
    return offset // ONE_US


# Most days have one UTC offset from start to end. For each zone and day (local
# or UTC) the offset is computed once and kept, or None for a day with a
# transition, which then takes the exact path. Days are few (a few hundred a
# year of queries), so the caches stay small.
_LOCAL_DAYS: dict[dt.tzinfo, dict[int, int | None]] = {}
_UNKNOWN = object()
_UTC_DAYS: dict[dt.tzinfo, dict[int, int | None]] = {}


def _steady_offset(
    tz: dt.tzinfo, caches: dict[dt.tzinfo, dict[int, int | None]], day: int, *, local: bool
) -> int | None:
    """The offset of ``tz`` throughout a day (days since the epoch), or None if it changes."""
    days = caches.setdefault(tz, {})
    first, last = day * US_PER_DAY, (day + 1) * US_PER_DAY - 1
    if local:
        start = tz.utcoffset(_NAIVE_EPOCH + dt.timedelta(0, 0, first))
        end = tz.utcoffset(_NAIVE_EPOCH + dt.timedelta(0, 0, last))
    else:
        start, end = from_us(first, tz).utcoffset(), from_us(last, tz).utcoffset()
    assert start is not None
    steady = start // ONE_US if start == end else None
    days[day] = steady
    return steady
