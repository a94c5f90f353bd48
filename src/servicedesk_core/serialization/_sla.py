"""Event and SLA forms: events tagged by ``type``, logs, targets in a level-by-metric table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from typing import Any

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core import events
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.events import Event
from servicedesk_core.serialization._core import (
    Form,
    Json,
    Loader,
    Schema,
    Schemas,
    at_key,
    attrs_form,
    fail,
    form_of,
    invalid,
    load_items,
    register,
)
from servicedesk_core.sla import (
    Condition,
    Metric,
    MetricDefinition,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    SLAPolicy,
    Target,
    TargetRange,
    WarningThreshold,
)

# --- events: {"type": "created", "at": ..., ...} ----------------------------------------------


def tag(kind: type[Event]) -> str:
    """The ``type`` of an event class in documents: its name in snake case.

    >>> tag(events.AgentReplied)
    'agent_replied'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind.__name__).lower()


def _event_form(kind: type[Event]) -> Form:
    fields = attrs_form(kind)
    name = tag(kind)

    def dump(event: Event) -> Json:
        return {"type": name, **fields.dump(event)}

    def load(value: Json) -> Event:
        if not isinstance(value, Mapping):
            raise ConfigError(f"expected an object, got {convert.describe(value)}")
        given = value.get("type", name)
        if given != name:
            fail([invalid("type", f"expected {name!r}, got {convert.describe(given)}")])
        return fields.load({key: item for key, item in value.items() if key != "type"})  # type: ignore[no-any-return]

    def schema(schemas: Schemas) -> Schema:
        described = fields.schema(schemas)
        return {
            **described,
            "properties": {"type": {"const": name}, **described["properties"]},
            "required": ["type", *described.get("required", ())],
        }

    return register(
        kind, Form(dump=dump, load=load, schema=schema, name=kind.__name__, is_object=True)
    )


EVENTS: dict[str, type[Event]] = {
    tag(kind): kind
    for kind in (getattr(events, name) for name in events.__all__)
    if isinstance(kind, type) and issubclass(kind, Event) and kind is not Event
}
"""Every concrete event class by its ``type``."""

for _kind in EVENTS.values():
    _event_form(_kind)


def _load_event(value: Json) -> Event:
    if not isinstance(value, Mapping):
        raise ConfigError(
            f"expected an event (an object with a type), got {convert.describe(value)}"
        )
    name = value.get("type")
    if not isinstance(name, str) or name not in EVENTS:
        known = ", ".join(EVENTS)
        if name is None:
            fail([invalid("type", f"missing; known: {known}", "config.missing")])
        fail([invalid("type", f"unknown event type {convert.describe(name)}; known: {known}")])
    return form_of(EVENTS[name]).load(value)  # type: ignore[no-any-return]


register(
    Event,
    Form(
        dump=lambda event: form_of(type(event)).dump(event),
        load=_load_event,
        schema=lambda schemas: {"oneOf": [schemas.ref(kind) for kind in EVENTS.values()]},
        is_object=True,
    ),
)


def _load_log(value: Json) -> list[Event]:
    loader = Loader()
    data = loader.object("", value, ("events",), ("events",))
    loaded = loader.call("events", lambda items: load_items(items, Event), data.get("events", []))
    loader.check()
    return loaded  # type: ignore[no-any-return]


register(
    list[Event],
    Form(
        dump=lambda log: {"events": [form_of(Event).dump(event) for event in log]},
        load=_load_log,
        schema=lambda schemas: {
            "type": "object",
            "description": "a ticket's event log, in order",
            "properties": {"events": {"type": "array", "items": schemas.ref(Event)}},
            "required": ["events"],
            "additionalProperties": False,
        },
        is_object=True,
    ),
)

# --- targets ----------------------------------------------------------------------------------


def _load_calendar_or_name(value: Json) -> Calendar | str:
    return form_of(Calendar if isinstance(value, Mapping) else str).load(value)  # type: ignore[no-any-return]


register(
    Calendar | str,
    Form(
        dump=lambda value: value if isinstance(value, str) else form_of(Calendar).dump(value),
        load=_load_calendar_or_name,
        schema=lambda schemas: {
            "anyOf": [
                {"type": "string", "description": "a calendar of the policy"},
                schemas.ref(Calendar),
            ]
        },
    ),
)
_target = attrs_form(Target)


def _load_target(value: Json) -> Target:
    """A target object, or its duration alone (``"PT4H"``, on the policy's calendar)."""
    if isinstance(value, str):
        return Target(duration=form_of(dt.timedelta).load(value))
    return _target.load(value)  # type: ignore[no-any-return]


register(
    Target,
    attrs.evolve(
        _target,
        load=_load_target,
        schema=lambda schemas: {"anyOf": [_duration_schema(schemas), _target.schema(schemas)]},
    ),
)
attrs_form(WarningThreshold)
attrs_form(TargetRange)


def _duration_schema(schemas: Schemas) -> Schema:
    return {**schemas.ref(dt.timedelta), "description": "business time on the policy's calendar"}


def _dump_cell(spec: TargetRange | None) -> Json:
    """A cell of the targets table, as short as it can be written."""
    if spec is None:
        return None
    if spec.goal is not None or spec.warnings:
        return form_of(TargetRange).dump(spec)
    breach = spec.breach
    if breach.duration is not None and breach.calendar is None:
        return form_of(Target).dump(breach)["duration"]
    return form_of(Target).dump(breach)


def _load_cell(value: Json) -> TargetRange | None:
    if value is None:
        return None
    if isinstance(value, Mapping) and "breach" in value:
        return form_of(TargetRange).load(value)  # type: ignore[no-any-return]
    return TargetRange(breach=form_of(Target).load(value))


def _cell_schema(schemas: Schemas) -> Schema:
    return {
        "anyOf": [
            {"type": "null", "description": "no target for this level (best effort)"},
            schemas.ref(Target),
            schemas.ref(TargetRange),
        ]
    }


def _load_metric(value: Json) -> Metric | str:
    """A metric of the library by its value, or the name of a user-defined one."""
    name = convert.text(value, "", allow_empty=False, max_length=200)
    try:
        return convert.enum_member(Metric, name, "")
    except ConfigError:
        return name


register(
    Metric | str,
    Form(
        dump=lambda metric: metric.value if isinstance(metric, Metric) else metric,
        load=_load_metric,
        schema=lambda _s: {
            "type": "string",
            "description": "a metric of the library or the name of a custom metric",
            "examples": [metric.value for metric in Metric],
        },
    ),
)

_Targets = tuple[tuple[Metric | str, tuple[tuple[str, TargetRange | None], ...]], ...]


def _dump_targets(targets: _Targets) -> Json:
    """``{level: {metric: cell}}``: one row per level, as SLA tables are written."""
    table: dict[str, dict[str, Json]] = {}
    for metric, levels in targets:
        name = metric.value if isinstance(metric, Metric) else metric
        for level, spec in levels:
            table.setdefault(level, {})[name] = _dump_cell(spec)
    return table


def _load_targets(value: Json) -> dict[Metric | str, dict[str, TargetRange | None]]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"expected an object, got {convert.describe(value)}")
    loader = Loader()
    columns: dict[Metric | str, dict[str, TargetRange | None]] = {}
    for level, row in value.items():  # the policy checks the levels against its scheme
        if not isinstance(row, Mapping):
            message = f"expected a target per metric, got {convert.describe(row)}"
            loader.issues.append(invalid(at_key("", level), message))
            continue
        for name, cell in row.items():
            path = at_key(at_key("", level), name)
            metric = loader.load(path, Metric | str, name)
            spec = loader.call(path, _load_cell, cell)
            if metric is None:
                continue
            column = columns.setdefault(metric, {})
            if str(level) in column:  # "resolution" and "RESOLUTION": one metric
                loader.issues.append(invalid(path, "this metric is given twice for the level"))
            column[str(level)] = spec
    loader.check()
    return columns


def _targets_schema(schemas: Schemas) -> Schema:
    return {
        "type": "object",
        "description": "per priority level, per metric: a target, or null for none",
        "additionalProperties": {
            "type": "object",
            "propertyNames": schemas.ref(Metric | str),
            "additionalProperties": _cell_schema(schemas),
        },
    }


_TARGET_PATH = re.compile(r"targets\.(?P<metric>[^.]+)\.(?P<level>.+?)(?P<rest>\.calendar)?")


def _level_first(issue: Any, levels: Collection[object]) -> Any:
    """The policy names a target ``targets.<metric>.<level>``; documents list levels first."""
    match = _TARGET_PATH.fullmatch(issue.path)
    if match is None or match["metric"] in levels:  # found while loading: levels first already
        return issue
    path = at_key(at_key("targets", match["level"]), match["metric"]) + (match["rest"] or "")
    return attrs.evolve(issue, path=path)


attrs_form(MetricDefinition)
_policy = attrs_form(
    SLAPolicy,
    fields={"targets": Form(dump=_dump_targets, load=_load_targets, schema=_targets_schema)},
)


def _load_policy(value: Json) -> SLAPolicy:
    table = value.get("targets") if isinstance(value, Mapping) else None
    levels = list(table) if isinstance(table, Mapping) else []
    try:
        policy: SLAPolicy = _policy.load(value)
    except ConfigError as error:
        fail([_level_first(issue, levels) for issue in error.issues])
    # A row without targets reaches no metric's check: its level is checked here.
    unknown = [level for level in levels if level not in policy.level_names]
    if unknown:
        message = (
            f"not a level of scheme {policy.scheme.name!r}; known: {', '.join(policy.scheme.names)}"
        )
        fail([invalid(at_key("targets", level), message) for level in unknown])
    return policy


register(SLAPolicy, attrs.evolve(_policy, load=_load_policy))
attrs_form(Condition)
attrs_form(PolicyRule)
attrs_form(PolicyVersion)
attrs_form(PolicySet)
