"""The machinery (private): one cattrs converter, a form per type, paths in errors, schemas.

A :class:`Form` says how one type looks as plain data: how to dump a value,
how to load it back (converting with the boundary helpers of ``_convert`` and
raising ``ConfigError`` with paths relative to the value), and its JSON Schema.
Every form is registered in the one cattrs converter, which dispatches nested
values by their declared type; attrs classes use cattrs' generated functions
(unknown keys forbidden, defaults omitted, every field's problem collected).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, BaseValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.report import Issue, Severity, join_path

Json = Any
"""Plain data: str, int, float, bool, None, lists and dicts with string keys."""

Schema = dict[str, Any]

CONVERTER = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
"""The one converter; every form below is registered in it."""


@attrs.frozen(eq=False)
class Form:
    """How values of one type look as plain data.

    Attributes:
        dump: Value to plain data.
        load: Plain data to value; raises ``ConfigError`` with paths relative to it.
        schema: The JSON Schema, given the definitions being collected.
        name: For a class: its name in the schema's ``$defs``.
        is_object: Whether the form is a JSON object (a document carries a version).
    """

    dump: Callable[[Any], Json]
    load: Callable[[Json], Any]
    schema: Callable[[Schemas], Schema]
    name: str | None = None
    is_object: bool = False


_FORMS: dict[Any, Form] = {}
_FACTORIES: list[tuple[Callable[[Any], bool], Callable[[Any], Form]]] = []


def register(kind: Any, form: Form) -> Form:
    """Give ``kind`` (a class or a typing form such as ``str | PriorityLevel``) its form."""
    _FORMS[kind] = form
    return form


def form_of(kind: Any) -> Form:
    """Return the form of ``kind``.

    Raises:
        TypeError: ``kind`` has no plain form.
    """
    found = _FORMS.get(kind)
    if found is not None:
        return found
    for matches, factory in _FACTORIES:
        if matches(kind):
            return register(kind, factory(kind))
    raise TypeError(f"{_type_name(kind)} has no plain data form")


def has_form(kind: Any) -> bool:
    """Whether ``kind`` has a form."""
    try:
        form_of(kind)
    except TypeError:
        return False
    return True


def _type_name(kind: Any) -> str:
    return kind.__name__ if isinstance(kind, type) else repr(kind)


CONVERTER.register_structure_hook_factory(
    has_form, lambda kind: lambda value, _kind: form_of(kind).load(value)
)
CONVERTER.register_unstructure_hook_factory(has_form, lambda kind: form_of(kind).dump)


# --- paths and problems ---------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def at_key(path: str, key: object) -> str:
    """The path of ``key`` inside the object at ``path`` (``a.b``, or ``a["24x7"]``).

    >>> at_key("overrides", "2026-12-24"), at_key("targets", "High")
    ('overrides["2026-12-24"]', 'targets.High')
    """
    text = convert.clip(str(key), 60)  # a pasted megabyte of a key is named, not copied
    return join_path(path, text if _PLAIN_KEY.fullmatch(text) else f"[{json.dumps(text)}]")


def at_index(path: str, index: int) -> str:
    """The path of item ``index`` of the list at ``path``."""
    return f"{path}[{index}]"


def invalid(path: str, message: str, code: str = "config.invalid") -> Issue:
    """One problem of a document."""
    return Issue(Severity.ERROR, code, path, message)


def problems(error: BaseException, path: str = "") -> list[Issue]:
    """Every problem an error raised while loading the value at ``path`` stands for."""
    if isinstance(error, ConfigError):
        return [issue.with_prefix(path) for issue in error.issues]
    if isinstance(error, RecursionError):
        return [invalid(path, "the document is nested too deeply")]
    return [invalid(path, str(error) or type(error).__name__)]


def _notes(error: BaseException) -> list[object]:
    return list(getattr(error, "__notes__", ()))


def fail(issues: list[Issue]) -> typing.NoReturn:
    """Raise one ``ConfigError`` holding every problem."""
    shown = "; ".join(f"{issue.path or '(document)'}: {issue.message}" for issue in issues[:5])
    more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
    count = "1 problem" if len(issues) == 1 else f"{len(issues)} problems"
    raise ConfigError(f"{count}: {shown}{more}", issues=issues)


class Loader:
    """Loads the parts of one value, collecting the problems of all of them.

    >>> loader = Loader()
    >>> data = loader.object("", {"a": "7", "b": "x", "c": 1}, keys=("a", "b"))
    >>> loader.get(data, "a", int), loader.get(data, "b", int) is None
    (7, True)
    >>> loader.check()
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: 2 problems: c: unknown key; known: a, b; b: expected ...
    """

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def object(
        self, path: str, value: Json, keys: Iterable[str], required: Iterable[str] = ()
    ) -> Mapping[str, Json]:
        """Return the object at ``path``, recording its unknown and missing keys.

        Anything but an object is recorded too, and gives an empty object.
        """
        if not isinstance(value, Mapping):
            self.issues.append(invalid(path, f"expected an object, got {convert.describe(value)}"))
            return {}
        known = tuple(keys)
        self.issues += [
            invalid(
                at_key(path, key), f"unknown key; known: {', '.join(known)}", "config.unknown_key"
            )
            for key in value
            if key not in known
        ]
        self.issues += [
            invalid(at_key(path, key), "missing", "config.missing")
            for key in required
            if key not in value
        ]
        return value

    def get(
        self, data: Mapping[str, Json], key: str, kind: Any, default: Any = None, *, path: str = ""
    ) -> Any:
        """Load ``data[key]`` as ``kind`` (``default`` when it is absent)."""
        return self.load(at_key(path, key), kind, data[key]) if key in data else default

    def load(self, path: str, kind: Any, value: Json) -> Any:
        """Load ``value`` as ``kind``; on failure record its problems and return ``None``."""
        return self.call(path, form_of(kind).load, value)

    def call(self, path: str, load: Callable[[Json], Any], value: Json) -> Any:
        """Run ``load(value)``; on failure record its problems under ``path``."""
        try:
            return load(value)
        except Exception as error:  # every failure becomes a problem with a path
            self.issues.extend(problems(error, path))
            return None

    def check(self) -> None:
        """Raise the problems recorded so far, if any."""
        if self.issues:
            fail(self.issues)


# --- schemas ----------------------------------------------------------------------------------


class Schemas:
    """The ``$defs`` of one JSON Schema, filled as classes are referenced."""

    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}
        self._owners: dict[str, Any] = {}

    def ref(self, kind: Any) -> Schema:
        """The schema of ``kind``: a ``$ref`` for a class, inline for anything else."""
        form = form_of(kind)
        if form.name is None:
            return form.schema(self)
        owner = self._owners.setdefault(form.name, kind)
        if owner is not kind:
            raise TypeError(f"two types are named {form.name} in one schema")
        if form.name not in self.defs:
            self.defs[form.name] = {}  # a placeholder while a recursive type is described
            self.defs[form.name] = form.schema(self)
        return {"$ref": f"#/$defs/{form.name}"}


def with_null(schema: Schema) -> Schema:
    """``schema`` or ``null``."""
    return {"anyOf": [schema, {"type": "null"}]}


# --- plain values -----------------------------------------------------------------------------


def _scalar(
    kind: type, load: Callable[[Json, str], Any], schema: Schema, dump: Callable[[Any], Json]
) -> None:
    register(
        kind, Form(dump=dump, load=lambda value: load(value, ""), schema=lambda _s: dict(schema))
    )


def _identity(value: Any) -> Any:
    return value


def _decimal(value: Json, field: str) -> decimal.Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return decimal.Decimal(value)
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, str) and len(value) <= 100:
        try:
            return decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            pass
    raise ConfigError(
        f"expected an exact amount as text ('450.00'), got {convert.describe(value)}", field=field
    )


_DURATION = r"^-?P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"

_scalar(str, convert.text, {"type": "string"}, _identity)
_scalar(bool, convert.boolean, {"type": "boolean"}, _identity)
_scalar(int, convert.integer, {"type": "integer"}, _identity)
_scalar(float, convert.number, {"type": "number"}, float)
_scalar(
    decimal.Decimal,
    _decimal,
    {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"},
    str,
)
_scalar(dt.date, convert.date, {"type": "string", "format": "date"}, dt.date.isoformat)
_scalar(
    dt.time,
    convert.time,
    {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"},
    convert.time_text,
)
_scalar(
    dt.timedelta,
    lambda value, field: convert.duration(value, field, allow_negative=True),
    {"type": "string", "pattern": _DURATION},
    convert.duration_text,
)
_scalar(
    dt.datetime,
    convert.aware_datetime,
    {"type": "string", "format": "date-time"},
    dt.datetime.isoformat,
)


def _factory(
    matches: Callable[[Any], bool],
) -> Callable[[Callable[[Any], Form]], Callable[[Any], Form]]:
    def decorate(build: Callable[[Any], Form]) -> Callable[[Any], Form]:
        _FACTORIES.append((matches, build))
        return build

    return decorate


@_factory(lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum))
def _enum_form(kind: type[enum.Enum]) -> Form:
    return Form(
        dump=lambda member: member.value,
        load=lambda value: convert.enum_member(kind, value, ""),
        schema=lambda _s: {"enum": [member.value for member in kind]},
    )


@_factory(lambda kind: typing.get_origin(kind) is typing.Literal)
def _literal_form(kind: Any) -> Form:
    choices = typing.get_args(kind)

    def load(value: Json) -> Any:
        if value in choices and isinstance(value, str):
            return value
        raise ConfigError(
            f"expected one of {', '.join(map(repr, choices))}, got {convert.describe(value)}"
        )

    return Form(dump=_identity, load=load, schema=lambda _s: {"enum": list(choices)})


def _union_args(kind: Any) -> tuple[Any, ...]:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return typing.get_args(kind)
    return ()


@_factory(lambda kind: type(None) in _union_args(kind))
def _optional_form(kind: Any) -> Form:
    others = tuple(arg for arg in _union_args(kind) if arg is not type(None))
    inner = others[0] if len(others) == 1 else typing.Union[others]  # noqa: UP007

    def dump(value: Any) -> Json:
        return None if value is None else form_of(inner).dump(value)

    def load(value: Json) -> Any:
        return None if value is None else form_of(inner).load(value)

    return Form(dump=dump, load=load, schema=lambda schemas: with_null(schemas.ref(inner)))


def items(value: Json) -> list[Json]:
    """The items of a JSON array (any collection but text and mappings, from Python).

    Raises:
        ConfigError: ``value`` is not a list.
    """
    if (
        value is None
        or isinstance(value, str | bytes | bytearray | Mapping)
        or not isinstance(value, Iterable)
    ):
        raise ConfigError(f"expected a list, got {convert.describe(value)}")
    return list(value)


def load_items(value: Json, kind: Any) -> list[Any]:
    """Load every item of a list as ``kind``, collecting the problems of all of them."""
    loader = Loader()
    loaded = [
        loader.load(at_index("", index), kind, item) for index, item in enumerate(items(value))
    ]
    loader.check()
    return loaded


def _is_sequence_of(origin: Any) -> Callable[[Any], bool]:
    def matches(kind: Any) -> bool:
        args = typing.get_args(kind)
        if typing.get_origin(kind) is not origin:
            return False
        return len(args) == 1 or (len(args) == 2 and args[1] is Ellipsis and not _is_pair(args[0]))

    return matches


def _is_pair(kind: Any) -> bool:
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is not Ellipsis


@_factory(_is_sequence_of(tuple))
def _tuple_form(kind: Any) -> Form:
    item = typing.get_args(kind)[0]
    return Form(
        dump=lambda values: [form_of(item).dump(value) for value in values],
        load=lambda value: tuple(load_items(value, item)),
        schema=lambda schemas: {"type": "array", "items": schemas.ref(item)},
    )


def sort_key(data: Json) -> str:
    """A stable order for dumped set members."""
    return data if isinstance(data, str) else json.dumps(data, sort_keys=True)


@_factory(lambda kind: typing.get_origin(kind) in (frozenset, set))
def _set_form(kind: Any) -> Form:
    item = typing.get_args(kind)[0]
    return Form(
        dump=lambda values: sorted((form_of(item).dump(value) for value in values), key=sort_key),
        load=lambda value: frozenset(load_items(value, item)),
        schema=lambda schemas: {"type": "array", "items": schemas.ref(item), "uniqueItems": True},
    )


@_factory(
    lambda kind: (
        typing.get_origin(kind) is tuple
        and len(typing.get_args(kind)) == 2
        and _is_pair(typing.get_args(kind)[0])
    )
)
def _pairs_form(kind: Any) -> Form:
    """``tuple[tuple[K, V], ...]`` (a frozen mapping) as a JSON object."""
    key_kind, value_kind = typing.get_args(typing.get_args(kind)[0])

    def dump(pairs: Iterable[tuple[Any, Any]]) -> Json:
        return {form_of(key_kind).dump(key): form_of(value_kind).dump(item) for key, item in pairs}

    def load(value: Json) -> Any:
        if not isinstance(value, Mapping):
            raise ConfigError(f"expected an object, got {convert.describe(value)}")
        loader = Loader()
        loaded = [
            (
                loader.load(at_key("", key), key_kind, key),
                loader.load(at_key("", key), value_kind, item),
            )
            for key, item in value.items()
        ]
        loader.check()
        return tuple(loaded)

    def schema(schemas: Schemas) -> Schema:
        keys = schemas.ref(key_kind)
        described: Schema = {"type": "object", "additionalProperties": schemas.ref(value_kind)}
        if keys != {"type": "string"}:
            described["propertyNames"] = keys
        return described

    return Form(dump=dump, load=load, schema=schema, is_object=True)


# --- attrs classes ----------------------------------------------------------------------------


def attrs_form(
    cls: type, *, fields: Mapping[str, Form] | None = None, name: str | None = None
) -> Form:
    """The form of an attrs class: an object with its init fields, defaults left out.

    Each field loads with its type's form, then its attrs converter, so that a
    problem of any field is found even when another field has one too; the
    checks across fields run when the object is built.

    Args:
        cls: The class.
        fields: Forms for fields that do not use their type's form.
        name: The name in the schema (default: the class name).
    """
    special = dict(fields or {})
    attrs.resolve_types(cls)
    init_fields = [field for field in attrs.fields(cls) if field.init]
    keys = tuple(field.alias or field.name for field in init_fields)
    generated: dict[str, Callable[..., Any]] = {}

    def field_form(field: attrs.Attribute[Any]) -> Form:
        return special.get(field.alias or field.name) or form_of(field.type)

    def dump(value: Any) -> Json:
        if "dump" not in generated:
            overrides: dict[str, Any] = {
                key: override(unstruct_hook=f.dump) for key, f in special.items()
            }
            generated["dump"] = make_dict_unstructure_fn(cls, CONVERTER, **overrides)
        data: dict[str, Json] = generated["dump"](value)
        for field in init_fields:
            default = _default(field, value)
            if default is not attrs.NOTHING and getattr(value, field.name) == default:
                del data[field.alias or field.name]
        return data

    def load(value: Json) -> Any:
        if not isinstance(value, Mapping):
            raise ConfigError(f"expected an object, got {convert.describe(value)}")
        if "load" not in generated:
            overrides: dict[str, Any] = {
                field.alias or field.name: override(
                    struct_hook=_field_loader(field, field_form(field))
                )
                for field in init_fields
            }
            generated["load"] = make_dict_structure_fn(cls, CONVERTER, **overrides)
        try:
            return generated["load"](value, cls)
        except BaseValidationError as error:
            fail([issue for inner in error.exceptions for issue in _class_problems(inner, keys)])

    def schema(schemas: Schemas) -> Schema:
        properties: dict[str, Schema] = {}
        required = []
        for field in init_fields:
            key = field.alias or field.name
            described = (
                field_form(field).schema(schemas) if key in special else schemas.ref(field.type)
            )
            if field.default is attrs.NOTHING:
                required.append(key)
            elif not getattr(field.default, "takes_self", False):
                described = {**described, "default": field_form(field).dump(_default(field, None))}
            properties[key] = described
        described = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            described["required"] = required
        return described

    return register(
        cls, Form(dump=dump, load=load, schema=schema, name=name or cls.__name__, is_object=True)
    )


def _default(field: attrs.Attribute[Any], instance: Any) -> Any:
    """The value ``field`` of ``instance`` would have by default, as its converter keeps it."""
    default: Any = field.default
    if default is attrs.NOTHING:
        return default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory(instance) if default.takes_self else default.factory()
    converter: Any = field.converter
    if callable(converter) and not isinstance(converter, attrs.Converter):
        default = converter(default)
    return default


def _field_loader(field: attrs.Attribute[Any], form: Form) -> Callable[[Json, Any], Any]:
    """Load one field with its form, then its converter (errors relative to the field)."""
    name = field.alias or field.name
    declared: Any = field.converter
    converter = (
        declared if callable(declared) and not isinstance(declared, attrs.Converter) else None
    )

    def load(value: Json, _kind: Any) -> Any:
        loaded = form.load(value)
        if converter is None:
            return loaded
        try:
            return converter(loaded)
        except ConfigError as error:
            fail([_under(issue, name) for issue in error.issues])

    return load


def _under(issue: Issue, name: str) -> Issue:
    """A converter's problem, relative to the field ``name`` it converts."""
    if issue.path == name:
        return attrs.evolve(issue, path="")
    if issue.path.startswith((name + ".", name + "[")):
        return attrs.evolve(issue, path=issue.path[len(name) :].lstrip("."))
    message = f"{issue.path}: {issue.message}" if issue.path else issue.message
    return attrs.evolve(issue, path="", message=message)


def _class_problems(error: BaseException, keys: tuple[str, ...]) -> list[Issue]:
    """The problems of one error cattrs collected while loading an attrs class."""
    if isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(keys)
        return [
            invalid(at_key("", key), f"unknown key; known: {known}", "config.unknown_key")
            for key in sorted(map(str, error.extra_fields))
        ]
    for note in _notes(error):
        if isinstance(note, AttributeValidationNote):
            if isinstance(error, KeyError):
                return [invalid(note.name, "missing", "config.missing")]
            return problems(error, note.name)
    # The constructor's checks across fields: keep a problem at its field when that is a key.
    return [_within(issue, keys) for issue in problems(error)]


def _within(issue: Issue, keys: tuple[str, ...]) -> Issue:
    """A constructor's problem, kept at its field when that is one of the object's keys."""
    first = re.split(r"[.\[]", issue.path, maxsplit=1)[0]
    if first in keys:
        return issue
    message = f"{issue.path}: {issue.message}" if issue.path else issue.message
    return attrs.evolve(issue, path="", message=message)
