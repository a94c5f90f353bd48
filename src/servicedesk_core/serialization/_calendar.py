"""Calendar forms: hours in the ``WeeklyHours.parse`` grammar, holidays as a reference."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import holidays as holidays_lib

from servicedesk_core import _convert as convert
from servicedesk_core.calendar import (
    BusinessCalendar,
    Calendar,
    CombinedCalendar,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)
from servicedesk_core.errors import ConfigError
from servicedesk_core.serialization._core import (
    Form,
    Json,
    Loader,
    Schema,
    Schemas,
    attrs_form,
    fail,
    form_of,
    invalid,
    register,
)

_RANGE = r"\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?-\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?"


def _text(parse: Any) -> Any:
    """Load text with ``parse``; its problem is the value's own, whatever field it names."""

    def load(value: Json) -> Any:
        try:
            return parse(convert.text(value, ""))
        except ConfigError as error:
            raise ConfigError(error.message) from None

    return load


register(
    TimeRange,
    Form(
        dump=str,
        load=_text(TimeRange.parse),
        schema=lambda _s: {"type": "string", "pattern": f"^{_RANGE}$", "examples": ["07:00-17:00"]},
    ),
)
register(
    WeeklyHours,
    Form(
        dump=str,
        load=_text(WeeklyHours.parse),
        schema=lambda _s: {
            "type": "string",
            "description": "clauses separated by ';': days (Mon-Fri, Sat,Sun, Daily) then "
            "HH:MM-HH:MM ranges separated by ',' or 'closed'",
            "examples": ["Mon-Fri 07:00-17:00; Sat 09:00-12:00"],
        },
    ),
)


def _day_text(ranges: tuple[TimeRange, ...]) -> str:
    return ",".join(str(item) for item in ranges) or "closed"


def _parse_day(text: str) -> tuple[TimeRange, ...]:
    if text.strip().lower() == "closed":
        return ()
    return tuple(TimeRange.parse(part) for part in text.split(","))


register(
    tuple[TimeRange, ...],
    Form(
        dump=_day_text,
        load=_text(_parse_day),
        schema=lambda _s: {
            "type": "string",
            "pattern": f"^(closed|{_RANGE}(,{_RANGE})*)$",
            "examples": ["07:00-12:00", "closed"],
        },
    ),
)


# --- holidays -------------------------------------------------------------------------------

_RULE_KEYS = ("country", "market", "subdiv", "observed", "categories")


def _code(factory: type[holidays_lib.HolidayBase]) -> tuple[str, str]:
    """``("country", "US")`` or ``("market", "NYSE")`` for a class of the holidays library."""
    for key, lookup in (
        ("market", holidays_lib.financial_holidays),
        ("country", holidays_lib.country_holidays),
    ):
        declared = getattr(factory, key, None)
        if not isinstance(declared, str):
            continue
        for code in (factory.__name__, declared):  # the alias the class was made with, if any
            try:
                if type(lookup(code)) is factory:
                    return key, code
            except NotImplementedError:
                continue
        return key, declared
    raise ConfigError(
        f"{factory.__name__} is not a country or market of the holidays library, so it cannot "
        "be stored as a reference; list the dates instead",
        field="holidays",
    )


def _dump_rule(rule: HolidayRule) -> dict[str, Json]:
    key, code = _code(rule.factory)
    data: dict[str, Json] = {key: code}
    if rule.subdiv is not None:
        data["subdiv"] = rule.subdiv
    if not rule.observed:
        data["observed"] = False
    if rule.categories:
        data["categories"] = list(rule.categories)
    return data


def _load_rule(value: Json, keys: tuple[str, ...] = _RULE_KEYS) -> HolidayRule:
    loader = Loader()
    data = loader.object("", value, keys)
    subdiv = loader.get(data, "subdiv", str | None)
    observed = loader.get(data, "observed", bool, True)
    categories = loader.get(data, "categories", tuple[str, ...], ())
    if "country" in data and "market" in data:
        loader.issues.append(invalid("market", "give a country or a market, not both"))
    key = "market" if "market" in data else "country"
    if key not in data:
        loader.issues.append(
            invalid("country", "missing: give a country or a market", "config.missing")
        )
    code = loader.get(data, key, str)
    loader.check()
    lookup = holidays_lib.financial_holidays if key == "market" else holidays_lib.country_holidays
    try:
        factory = type(lookup(code))
    except NotImplementedError:
        fail([invalid(key, f"the holidays library has no {key} {code!r}")])
    try:
        factory(subdiv=subdiv, observed=observed, categories=categories or None)
    except (NotImplementedError, ValueError) as error:
        fail([invalid("subdiv" if subdiv is not None else "categories", str(error))])
    return HolidayRule(factory=factory, subdiv=subdiv, observed=observed, categories=categories)


def _rule_schema(_schemas: Schemas) -> Schema:
    return {
        "type": "object",
        "properties": {
            "country": {"type": "string", "description": "ISO 3166 code, e.g. US"},
            "market": {"type": "string", "description": "financial market code, e.g. NYSE"},
            "subdiv": {"type": "string", "description": "subdivision, e.g. TX"},
            "observed": {"type": "boolean", "default": True},
            "categories": {"type": "array", "items": {"type": "string"}},
        },
        "oneOf": [{"required": ["country"]}, {"required": ["market"]}],
        "additionalProperties": False,
    }


register(
    HolidayRule,
    Form(
        dump=_dump_rule,
        load=_load_rule,
        schema=_rule_schema,
        name="HolidayRule",
        is_object=True,
    ),
)


def _dump_holidays(value: HolidaySet) -> dict[str, Json]:
    data = _dump_rule(value.rule) if value.rule is not None else {}
    for key, dates in (("added", value.added), ("removed", value.removed)):
        if dates:
            data[key] = [day.isoformat() for day in sorted(dates)]
    return data


def _load_holidays(value: Json) -> HolidaySet:
    loader = Loader()
    data = loader.object("", value, (*_RULE_KEYS, "added", "removed"))
    rule = None
    if any(key in data for key in _RULE_KEYS):
        reference = {key: item for key, item in data.items() if key in _RULE_KEYS}
        rule = loader.call("", _load_rule, reference)
    added = loader.get(data, "added", frozenset[dt.date], frozenset())
    removed = loader.get(data, "removed", frozenset[dt.date], frozenset())
    loader.check()
    return HolidaySet(rule, added=added, removed=removed)


def _holidays_schema(schemas: Schemas) -> Schema:
    rule = _rule_schema(schemas)
    dates = {"type": "array", "items": {"type": "string", "format": "date"}, "uniqueItems": True}
    return {
        "type": "object",
        "description": "a reference to the holidays library plus dates added or removed",
        "properties": {**rule["properties"], "added": dates, "removed": dates},
        "additionalProperties": False,
    }


register(
    HolidaySet,
    Form(
        dump=_dump_holidays,
        load=_load_holidays,
        schema=_holidays_schema,
        name="HolidaySet",
        is_object=True,
    ),
)

# --- calendars ------------------------------------------------------------------------------

attrs_form(BusinessCalendar)
attrs_form(CombinedCalendar)


def _load_calendar(value: Json) -> Calendar:
    combined = isinstance(value, Mapping) and "kind" in value
    return form_of(CombinedCalendar if combined else BusinessCalendar).load(value)  # type: ignore[no-any-return]


register(
    Calendar,
    Form(
        dump=lambda calendar: form_of(type(calendar)).dump(calendar),
        load=_load_calendar,
        schema=lambda schemas: {
            "anyOf": [schemas.ref(BusinessCalendar), schemas.ref(CombinedCalendar)]
        },
        is_object=True,
    ),
)
