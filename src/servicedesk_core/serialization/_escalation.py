"""Escalation forms: workflows, routing between teams, ladders; references as ``CASE-{n}``."""

from __future__ import annotations

from servicedesk_core import _convert as convert
from servicedesk_core.escalation import (
    EscalationLadder,
    Level,
    ReferenceFormat,
    Routing,
    RoutingRule,
    Status,
    Team,
    TicketReferences,
    Transition,
    Trigger,
    Workflow,
)
from servicedesk_core.serialization._core import (
    Form,
    Json,
    Loader,
    at_index,
    attrs_form,
    items,
    register,
)

register(
    ReferenceFormat,
    Form(
        dump=lambda reference: reference.pattern,
        load=lambda value: ReferenceFormat(convert.text(value, "")),
        schema=lambda _s: {
            "type": "string",
            "pattern": "^[^{}]*\\{n\\}[^{}]*$",
            "examples": ["CASE-{n}"],
        },
    ),
)


def _load_entries(value: Json) -> tuple[tuple[str, str], ...]:
    loader = Loader()
    entries = []
    for index, entry in enumerate(loader.call("", items, value) or ()):
        path = at_index("", index)
        data = loader.object(path, entry, ("team", "reference"), ("team", "reference"))
        entries.append(
            (
                loader.get(data, "team", str, path=path),
                loader.get(data, "reference", str, path=path),
            )
        )
    loader.check()
    return tuple(entries)


_ENTRIES = Form(
    dump=lambda entries: [{"team": team, "reference": reference} for team, reference in entries],
    load=_load_entries,
    schema=lambda _s: {
        "type": "array",
        "description": "the original reference first, then one per hand-over",
        "items": {
            "type": "object",
            "properties": {"team": {"type": "string"}, "reference": {"type": "string"}},
            "required": ["team", "reference"],
            "additionalProperties": False,
        },
        "minItems": 1,
    },
)

attrs_form(TicketReferences, fields={"entries": _ENTRIES})
for _cls in (
    Trigger,
    Level,
    EscalationLadder,
    Status,
    Transition,
    Workflow,
    Team,
    RoutingRule,
    Routing,
):
    attrs_form(_cls)
