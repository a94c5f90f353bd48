"""Priority forms: schemes as level names, matrices as rows, triage rules with ``when``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from servicedesk_core.errors import ConfigError
from servicedesk_core.priority import (
    PriorityLevel,
    PriorityMatrix,
    PriorityScheme,
    TriageRule,
    TriageRules,
)
from servicedesk_core.serialization._core import (
    Form,
    Json,
    Loader,
    Schema,
    Schemas,
    at_index,
    at_key,
    attrs_form,
    fail,
    form_of,
    invalid,
    items,
    register,
)

attrs_form(PriorityLevel)


# --- schemes: level names, most urgent first --------------------------------------------------


def _dump_scheme(scheme: PriorityScheme) -> dict[str, Json]:
    levels: list[Json] = []
    for index, level in enumerate(scheme.levels):
        implied = len(scheme.levels) - index
        if level.rank == implied and not level.description:
            levels.append(level.name)
            continue
        entry: dict[str, Json] = {"name": level.name}
        if level.rank != implied:
            entry["rank"] = level.rank
        if level.description:
            entry["description"] = level.description
        levels.append(entry)
    return {"name": scheme.name, "levels": levels}


def _load_scheme(value: Json) -> PriorityScheme:
    loader = Loader()
    data = loader.object("", value, ("name", "levels"), ("name", "levels"))
    name = loader.get(data, "name", str)
    entries = loader.call("levels", items, data.get("levels", [])) or []
    levels = []
    for index, entry in enumerate(entries):
        path = at_index("levels", index)
        if isinstance(entry, Mapping):
            parts = loader.object(path, entry, ("name", "rank", "description"), ("name",))
            level_name = loader.get(parts, "name", str, path=path)
        else:
            parts, level_name = {}, loader.load(path, str, entry)
        rank = loader.get(parts, "rank", int, len(entries) - index, path=path)
        description = loader.get(parts, "description", str, "", path=path)
        levels.append((level_name, rank, description))
    loader.check()
    try:
        return PriorityScheme(name, [PriorityLevel(name, *level) for level in levels])
    except ConfigError as error:
        fail([invalid("levels", error.message)])


def _scheme_schema(_schemas: Schemas) -> Schema:
    level = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "rank": {"type": "integer", "description": "default: the count of levels below + 1"},
            "description": {"type": "string", "default": ""},
        },
        "required": ["name"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "levels": {
                "type": "array",
                "description": "most urgent first: a level's name, or the level",
                "items": {"anyOf": [{"type": "string"}, level]},
                "minItems": 1,
            },
        },
        "required": ["name", "levels"],
        "additionalProperties": False,
    }


register(
    PriorityScheme,
    Form(
        dump=_dump_scheme,
        load=_load_scheme,
        schema=_scheme_schema,
        name="PriorityScheme",
        is_object=True,
    ),
)

# --- a level, or its name -------------------------------------------------------------------


def _dump_level_or_name(value: str | PriorityLevel) -> Json:
    return value if isinstance(value, str) else form_of(PriorityLevel).dump(value)


def _load_level_or_name(value: Json) -> str | PriorityLevel:
    if isinstance(value, Mapping):
        return form_of(PriorityLevel).load(value)  # type: ignore[no-any-return]
    return form_of(str).load(value)  # type: ignore[no-any-return]


register(
    str | PriorityLevel,
    Form(
        dump=_dump_level_or_name,
        load=_load_level_or_name,
        schema=lambda schemas: {"anyOf": [{"type": "string"}, schemas.ref(PriorityLevel)]},
    ),
)

# --- matrices: one row per impact -------------------------------------------------------------

_MATRIX_KEYS = ("scheme", "impacts", "urgencies", "rows", "monotonic")


def _dump_matrix(matrix: PriorityMatrix) -> dict[str, Json]:
    data: dict[str, Json] = {
        "scheme": _dump_scheme(matrix.scheme),
        "impacts": list(matrix.impacts),
        "urgencies": list(matrix.urgencies),
        "rows": [[level.name for level in row] for row in matrix.rows],
    }
    if matrix.monotonic:
        data["monotonic"] = True
    return data


def _load_matrix(value: Json) -> PriorityMatrix:
    loader = Loader()
    data = loader.object("", value, _MATRIX_KEYS, _MATRIX_KEYS[:4])
    scheme = loader.get(data, "scheme", PriorityScheme)
    impacts = loader.get(data, "impacts", tuple[str, ...])
    urgencies = loader.get(data, "urgencies", tuple[str, ...])
    rows = loader.get(data, "rows", tuple[tuple[str, ...], ...])
    monotonic = loader.get(data, "monotonic", bool, False)
    loader.check()
    if len(rows) != len(impacts):
        fail([invalid("rows", f"{len(impacts)} impacts but {len(rows)} rows")])
    for i, row in enumerate(rows):
        if len(row) != len(urgencies):
            loader.issues.append(
                invalid(at_index("rows", i), f"{len(urgencies)} urgencies but {len(row)} cells")
            )
        for j, name in enumerate(row):
            if name not in scheme.names:
                known = ", ".join(scheme.names)
                loader.issues.append(
                    invalid(
                        f"rows[{i}][{j}]", f"{name!r} is not a level of the scheme; known: {known}"
                    )
                )
    loader.check()
    try:
        return PriorityMatrix.from_rows(
            scheme, impacts=impacts, urgencies=urgencies, rows=rows, monotonic=monotonic
        )
    except ConfigError as error:
        field = error.field or ""
        path = field if field.split("[")[0] in ("impacts", "urgencies") else "rows"
        fail([invalid(path, error.message)])


def _matrix_schema(schemas: Schemas) -> Schema:
    names = {"type": "array", "items": {"type": "string"}, "minItems": 1}
    return {
        "type": "object",
        "properties": {
            "scheme": schemas.ref(PriorityScheme),
            "impacts": {**names, "description": "most severe first"},
            "urgencies": {**names, "description": "most severe first"},
            "rows": {
                "type": "array",
                "description": "one row per impact, one level name per urgency",
                "items": {"type": "array", "items": {"type": "string"}},
            },
            "monotonic": {"type": "boolean", "default": False},
        },
        "required": list(_MATRIX_KEYS[:4]),
        "additionalProperties": False,
    }


register(
    PriorityMatrix,
    Form(
        dump=_dump_matrix,
        load=_load_matrix,
        schema=_matrix_schema,
        name="PriorityMatrix",
        is_object=True,
    ),
)

# --- triage rules: name, level, description and the conditions under "when" ---------------

_RULE_FIELDS = {field.name: field for field in attrs.fields(attrs.resolve_types(TriageRule))}
_HEAD = ("name", "level", "description")
_CONDITIONS = tuple(name for name in _RULE_FIELDS if name not in _HEAD)


def _dump_triage_rule(rule: TriageRule) -> dict[str, Json]:
    data: dict[str, Json] = {"name": rule.name, "level": _dump_level_or_name(rule.level)}
    if rule.description:
        data["description"] = rule.description
    when = {
        name: form_of(_RULE_FIELDS[name].type).dump(getattr(rule, name))
        for name in _CONDITIONS
        if getattr(rule, name) != _RULE_FIELDS[name].default
    }
    if when:
        data["when"] = when
    return data


def _load_triage_rule(value: Json) -> TriageRule:
    loader = Loader()
    data = loader.object("", value, (*_HEAD, "when"), _HEAD[:2])
    kwargs: dict[str, Any] = {
        "name": loader.get(data, "name", str),
        "level": loader.get(data, "level", str | PriorityLevel),
        "description": loader.get(data, "description", str, ""),
    }
    when = loader.object("when", data.get("when", {}), _CONDITIONS)
    for name in _CONDITIONS:
        if name in when:
            kwargs[name] = loader.get(when, name, _RULE_FIELDS[name].type, path="when")
    loader.check()
    try:
        return TriageRule(**kwargs)
    except ConfigError as error:
        field = error.field or ""
        fail([invalid(at_key("when", field) if field in _CONDITIONS else field, error.message)])


def _triage_rule_schema(schemas: Schemas) -> Schema:
    conditions = {
        name: {
            **schemas.ref(_RULE_FIELDS[name].type),
            "default": form_of(_RULE_FIELDS[name].type).dump(_RULE_FIELDS[name].default),
        }
        for name in _CONDITIONS
    }
    return {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "level": schemas.ref(str | PriorityLevel),
            "description": {"type": "string", "default": ""},
            "when": {"type": "object", "properties": conditions, "additionalProperties": False},
        },
        "required": ["name", "level"],
        "additionalProperties": False,
    }


register(
    TriageRule,
    Form(
        dump=_dump_triage_rule,
        load=_load_triage_rule,
        schema=_triage_rule_schema,
        name="TriageRule",
        is_object=True,
    ),
)
attrs_form(TriageRules)
