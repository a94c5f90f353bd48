"""Checks every stored form must pass: plain data, a round trip, canonical text, the schema."""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema

from servicedesk_core import from_dict, from_json, json_schema, to_dict, to_json


@functools.cache
def validator(kind: Any) -> jsonschema.protocols.Validator:
    """A draft 2020-12 validator for the documents of ``kind`` (the schema is checked too)."""
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def assert_plain(data: object) -> None:
    """Only str, int, float, bool, None, lists and dicts with string keys."""
    if isinstance(data, dict):
        for key, value in data.items():
            assert isinstance(key, str), key
            assert_plain(value)
    elif isinstance(data, list):
        for value in data:
            assert_plain(value)
    else:
        assert data is None or isinstance(data, str | int | float | bool), repr(data)


def assert_round_trip(kind: Any, value: object) -> str:
    """``value`` survives dict and JSON, its text is canonical and its document valid."""
    document = to_dict(value)
    assert_plain(document)
    assert value == from_dict(kind, document)
    text = to_json(value)
    assert document == json.loads(text)
    assert text == to_json(from_json(kind, text))
    validator(kind).validate(document)
    return text
