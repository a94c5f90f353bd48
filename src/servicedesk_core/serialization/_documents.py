"""Top-level documents: the public functions, ``schema_version`` and its upgrades, JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Event
from servicedesk_core.serialization._core import (
    Json,
    Schema,
    Schemas,
    fail,
    form_of,
    invalid,
    problems,
)

_T = TypeVar("_T")

SCHEMA_VERSION = 1
"""The version of the document forms this release writes (``"schema_version"``)."""

UPGRADES: Mapping[int, Callable[[Any, dict[str, Json]], dict[str, Json]]] = {}
"""``{n: upgrade}``: turns a version-``n`` document of a type into a version ``n + 1`` one.

Empty while there is one version. See the guide "Storing configuration".
"""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _kind(value: object) -> Any:
    if isinstance(value, list | tuple) and all(isinstance(item, Event) for item in value):
        return list[Event]
    return type(value)


def to_dict(value: object) -> Json:
    """Return ``value`` as plain data: str, int, float, bool, None, lists and dicts.

    A value whose form is an object becomes a document that starts with
    ``"schema_version"``; defaults are left out and keys keep a stable order.
    A list of events becomes an event log document (``{"events": [...]}``).

    Raises:
        TypeError: ``value`` is not a configuration or event type.
        ConfigError: the value holds something that cannot be stored (a
            holidays class that is not in the holidays library).

    >>> from servicedesk_core import BusinessCalendar
    >>> to_dict(BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00"))
    {'schema_version': 1, 'timezone': 'America/Chicago', 'hours': 'Mon-Fri 07:00-17:00'}
    """
    form = form_of(_kind(value))
    data = form.dump(value)
    return {"schema_version": SCHEMA_VERSION, **data} if form.is_object else data


def from_dict(kind: type[_T], data: Json) -> _T:
    """Build a ``kind`` from plain data written by :func:`to_dict` (or by hand).

    Every problem in the document is collected; each has a JSON path
    (``rules[2].policy.targets.High.first_response.goal``), a stable code and a
    message. Unknown keys are problems. Values take the plain forms every
    constructor accepts (enum values, ISO dates, times and durations).

    Raises:
        ConfigError: the document has problems; ``error.issues`` lists them all.
        TypeError: ``kind`` is not a configuration or event type.

    >>> from servicedesk_core import WeeklyHours
    >>> from_dict(WeeklyHours, "Mon-Fri 09:00-17:00")
    WeeklyHours.parse('Mon-Fri 09:00-17:00')
    >>> from servicedesk_core import BusinessCalendar
    >>> from_dict(BusinessCalendar, {"schema_version": 1, "timezone": "UTC", "hours": "Mon 9-5"})
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: 1 problem: hours: in clause 'Mon 9-5': range: ...
    """
    form = form_of(kind)
    try:
        if form.is_object:
            data = _current(kind, data)
        return form.load(data)  # type: ignore[no-any-return]
    except Exception as error:  # every failure is a problem of the document
        fail(problems(error))


def _current(kind: Any, data: Json) -> dict[str, Json]:
    """The document without its ``schema_version``, upgraded to the current version."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"expected an object, got {convert.describe(data)}")
    document = dict(data)
    if "schema_version" not in document:
        message = f"missing; documents of this release have schema_version {SCHEMA_VERSION}"
        fail([invalid("schema_version", message, "config.version")])
    version = document.pop("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        message = f"expected a version number, got {convert.describe(version)}"
        fail([invalid("schema_version", message, "config.version")])
    if version > SCHEMA_VERSION:
        message = (
            f"written by a newer release (version {version}); this one reads versions up to "
            f"{SCHEMA_VERSION}"
        )
        fail([invalid("schema_version", message, "config.version")])
    for step in range(version, SCHEMA_VERSION):
        document = UPGRADES[step](kind, document)
    return document


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Return :func:`to_dict` of ``value`` as JSON text; equal values give equal text.

    >>> from servicedesk_core import TimeRange
    >>> to_json(TimeRange.parse("07:00-17:00"))
    '"07:00-17:00"'
    """
    return json.dumps(to_dict(value), indent=indent, ensure_ascii=False)


def from_json(kind: type[_T], text: str | bytes) -> _T:
    """Build a ``kind`` from JSON text (see :func:`from_dict`).

    Duplicate keys, ``NaN`` and ``Infinity`` are problems, like any malformed JSON.

    Raises:
        ConfigError: malformed JSON (code ``config.syntax``) or a document with problems.
        TypeError: ``kind`` is not a configuration or event type.

    >>> from servicedesk_core import TimeRange
    >>> from_json(TimeRange, '"22:00-06:00"').crosses_midnight
    True
    """
    form_of(kind)
    if not isinstance(text, str | bytes | bytearray):
        fail([invalid("", f"expected JSON text, got {convert.describe(text)}", "config.syntax")])
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        fail([invalid("", f"malformed JSON at {where}: {error.msg}", "config.syntax")])
    except (ValueError, RecursionError) as error:
        fail([invalid("", f"malformed JSON: {error}", "config.syntax")])
    return from_dict(kind, data)


def _no_duplicates(pairs: Sequence[tuple[str, Json]]) -> dict[str, Json]:
    data: dict[str, Json] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key {key!r} appears twice in one object")
        data[key] = value
    return data


def _no_constant(name: str) -> Json:
    raise ValueError(f"{name} is not a number in JSON")


def json_schema(kind: Any) -> Schema:
    """Return the JSON Schema (draft 2020-12) of the documents :func:`to_dict` writes for ``kind``.

    The schema describes the canonical form; :func:`from_dict` also accepts
    the plain forms every constructor accepts (``"yes"`` for true, enum names).

    Raises:
        TypeError: ``kind`` is not a configuration or event type.

    >>> from servicedesk_core import WeeklyHours
    >>> json_schema(WeeklyHours)["type"]
    'string'
    """
    form = form_of(kind)
    schemas = Schemas()
    root = form.schema(schemas)
    if form.is_object:
        root = _versioned(root, schemas.defs)
    title = kind.__name__ if isinstance(kind, type) else repr(kind)
    described: Schema = {"$schema": _DIALECT, "title": title, **root}
    if schemas.defs:
        described["$defs"] = schemas.defs
    return described


def _versioned(schema: Schema, defs: Mapping[str, Schema]) -> Schema:
    """``schema`` with a required ``schema_version`` (in each alternative, for a union)."""
    if "$ref" in schema:
        return _versioned(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    for key in ("anyOf", "oneOf"):
        if key in schema and "properties" not in schema:
            return {**schema, key: [_versioned(part, defs) for part in schema[key]]}
    version = {"const": SCHEMA_VERSION, "description": "the version of the document form"}
    return {
        **schema,
        "properties": {"schema_version": version, **schema.get("properties", {})},
        "required": ["schema_version", *schema.get("required", ())],
    }
