"""Playbook forms: checks whose answers continue, resolve (``remedy``) or escalate (``to``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from servicedesk_core.playbook import CONTINUE, Check, Continue, Escalate, Playbook, Resolve
from servicedesk_core.serialization._core import Form, Json, Schemas, attrs_form, form_of, register

attrs_form(Resolve)
attrs_form(Escalate)
attrs_form(Check)
attrs_form(Playbook)


def _dump_end(value: Resolve | Escalate) -> Json:
    return form_of(type(value)).dump(value)


def _load_end(value: Json) -> Resolve | Escalate:
    kind = Escalate if isinstance(value, Mapping) and "to" in value else Resolve
    return form_of(kind).load(value)  # type: ignore[no-any-return]


def _load_outcome(value: Json) -> Any:
    return CONTINUE if value == "continue" else _load_end(value)


def _ends(schemas: Schemas) -> list[dict[str, Any]]:
    return [schemas.ref(Resolve), schemas.ref(Escalate)]


register(
    Resolve | Escalate,
    Form(dump=_dump_end, load=_load_end, schema=lambda schemas: {"anyOf": _ends(schemas)}),
)
register(
    Continue | Resolve | Escalate,
    Form(
        dump=lambda value: "continue" if isinstance(value, Continue) else _dump_end(value),
        load=_load_outcome,
        schema=lambda schemas: {"anyOf": [{"const": "continue"}, *_ends(schemas)]},
    ),
)
