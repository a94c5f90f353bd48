"""Triage rules: facts about a request in, a level with the rule that matched out.

Rules are data. Each :class:`TriageRule` lists conditions on the facts (all must hold)
and the level it gives; :class:`TriageRules` tries them in order, the first match
wins, and a default level applies when none matches. Facts are judged, never
trusted: a fact of the wrong type is reported as an
:class:`~servicedesk_core.report.Issue` (codes in :data:`TRIAGE_CODES`) and
treated as unknown; it is not coerced.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, ServiceDeskError
from servicedesk_core.priority.levels import PriorityLevel, PriorityScheme
from servicedesk_core.report import CodeBook, Issue, IssueCode, Severity

__all__ = [
    "TRIAGE_CODES",
    "RequestFacts",
    "RequestKind",
    "ServiceState",
    "Triage",
    "TriageRule",
    "TriageRules",
    "UsersAffected",
]


_E = TypeVar("_E", bound=enum.StrEnum)

TRIAGE_CODES = CodeBook(
    [
        IssueCode("facts.unknown", Severity.WARNING, "A fact the rules do not know; ignored."),
        IssueCode("facts.wrong_type", Severity.WARNING, "A fact of the wrong type; unknown."),
        IssueCode("facts.unknown_value", Severity.WARNING, "A value the fact does not take."),
        IssueCode("facts.out_of_range", Severity.WARNING, "A count that cannot be right."),
        IssueCode("facts.too_long", Severity.WARNING, "A name longer than any name; not read."),
    ]
)
"""The codes :meth:`TriageRules.classify` may report; each fact it names is treated as unknown."""


_MAX_NAME = 200  # a channel or a tag is a name, not a page


def _fact_issue(code: str, field: str, message: str) -> Issue:
    return TRIAGE_CODES.issue(code, field, message)


def _too_long(field: str, value: str) -> Issue:
    message = f"{len(value)} characters; a name has at most {_MAX_NAME}"
    return _fact_issue("facts.too_long", field, message)


class UsersAffected(enum.StrEnum):
    """How many of the account's users a request affects, ordered by reach."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    ALL = "all"

    @property
    def reach(self) -> int:
        """1 for a single user, 2 for several, 3 for everyone."""
        return _REACH[self]


_REACH = {UsersAffected.SINGLE: 1, UsersAffected.MULTIPLE: 2, UsersAffected.ALL: 3}


class ServiceState(enum.StrEnum):
    """The state of the service the request is about."""

    DOWN = "down"
    DEGRADED = "degraded"
    NORMAL = "normal"


class RequestKind(enum.StrEnum):
    """What the requester is asking for."""

    INCIDENT = "incident"
    QUESTION = "question"
    CHANGE = "change"
    FEATURE_REQUEST = "feature_request"
    COSMETIC = "cosmetic"


def _tags(value: object) -> object:
    # Collections become frozensets; anything else is kept as given and reported.
    if value is None:
        return frozenset()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    try:
        return frozenset(value)
    except TypeError:  # unhashable items: reported by classify
        return value


@attrs.frozen(kw_only=True)
class RequestFacts:
    """What is known about a request; every fact is optional.

    Values are kept as given. :meth:`TriageRules.classify` reports a fact of the
    wrong type (a string where a count is expected) instead of coercing it.

    Attributes:
        users_affected: ``UsersAffected`` (or its value, ``"all"``), or a count of
            users, judged against ``account_size`` when that is known.
        account_size: How many users the account has.
        has_workaround: Whether a workaround exists.
        service_state: ``ServiceState`` (or its value, ``"down"``).
        kind: ``RequestKind`` (or its value, ``"question"``).
        channel: How the request arrived (``"phone"``, ``"email"``, ...).
        tags: Free-form labels.
    """

    users_affected: UsersAffected | str | int | None = None
    account_size: int | None = None
    has_workaround: bool | None = None
    service_state: ServiceState | str | None = None
    kind: RequestKind | str | None = None
    channel: str | None = None
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)


_FACT_NAMES = tuple(field.name for field in attrs.fields(RequestFacts))


@attrs.frozen
class _Known:
    """The facts that passed inspection, in canonical form (``None``: unknown)."""

    users: UsersAffected | None
    users_text: str
    has_workaround: bool | None
    service_state: ServiceState | None
    kind: RequestKind | None
    channel: str | None
    tags: frozenset[str]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _enum_fact(kind: type[_E], name: str, value: object, issues: list[Issue]) -> _E | None:
    if value is None:
        return None
    if not isinstance(value, str):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                name,
                f"expected one of {', '.join(kind)}, got {convert.describe(value)}",
            )
        )
        return None
    try:
        return convert.enum_member(kind, value, name)
    except ConfigError:
        issues.append(
            _fact_issue(
                "facts.unknown_value",
                name,
                f"unknown value {convert.brief(value)}; known: {', '.join(kind)}",
            )
        )
        return None


def _inspect(facts: RequestFacts, issues: list[Issue]) -> _Known:
    size = facts.account_size
    if size is not None and not _is_int(size):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "account_size",
                f"expected a count of users, got {convert.describe(size)}",
            )
        )
        size = None
    elif size is not None and size < 1:
        issues.append(
            _fact_issue(
                "facts.out_of_range",
                "account_size",
                f"an account has at least one user, got {size}",
            )
        )
        size = None

    raw = facts.users_affected
    users: UsersAffected | None = None
    users_text = ""
    if _is_int(raw):
        count: int = raw  # type: ignore[assignment]  # _is_int checked it
        if count < 1:
            issues.append(
                _fact_issue(
                    "facts.out_of_range",
                    "users_affected",
                    f"a request affects at least one user, got {count}",
                )
            )
        else:
            if size is not None and count > size:
                issues.append(
                    _fact_issue(
                        "facts.out_of_range",
                        "users_affected",
                        f"{count} users affected but the account has {size}",
                    )
                )
            if size is not None and count >= size:
                users = UsersAffected.ALL
            elif count >= 2:
                users = UsersAffected.MULTIPLE
            else:
                users = UsersAffected.SINGLE
            users_text = f" ({count} of {size})" if size is not None else f" ({count})"
    elif isinstance(raw, str) and raw.strip().isdigit():
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "users_affected",
                f"expected a count of users as a number, got {convert.describe(raw)}",
            )
        )
    elif raw is None or isinstance(raw, str):
        users = _enum_fact(UsersAffected, "users_affected", raw, issues)
    else:
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "users_affected",
                f"expected single/multiple/all or a count of users, got {convert.describe(raw)}",
            )
        )

    workaround: object = facts.has_workaround
    if workaround is not None and not isinstance(workaround, bool):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "has_workaround",
                f"expected True or False, got {convert.describe(workaround)}",
            )
        )
        workaround = None

    channel: object = facts.channel
    if channel is not None and not isinstance(channel, str):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "channel",
                f"expected a channel name, got {convert.describe(channel)}",
            )
        )
        channel = None
    elif isinstance(channel, str) and len(channel) > _MAX_NAME:
        issues.append(_too_long("channel", channel))
        channel = None

    tags: object = facts.tags
    if not (isinstance(tags, frozenset) and all(isinstance(tag, str) for tag in tags)):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "tags",
                f"expected a collection of strings, got {convert.describe(tags)}",
            )
        )
        tags = frozenset()
    elif any(len(tag) > _MAX_NAME for tag in tags):
        issues.append(_too_long("tags", max(tags, key=len)))
        tags = frozenset()

    return _Known(
        users=users,
        users_text=users_text,
        has_workaround=workaround if isinstance(workaround, bool) else None,
        service_state=_enum_fact(ServiceState, "service_state", facts.service_state, issues),
        kind=_enum_fact(RequestKind, "kind", facts.kind, issues),
        channel=channel if isinstance(channel, str) else None,
        tags=tags,
    )


def _enum_set(kind: type[_E], field: str, value: object) -> frozenset[_E]:
    if value is None:
        return frozenset()
    values = [value] if isinstance(value, str | enum.Enum) else value
    return convert.frozenset_of(
        values, field, lambda item, _: convert.enum_member(kind, item, field)
    )


def _to_service(
    value: ServiceState | str | Iterable[ServiceState | str] | None,
) -> frozenset[ServiceState]:
    return _enum_set(ServiceState, "service", value)


def _to_kinds(
    value: RequestKind | str | Iterable[RequestKind | str] | None,
) -> frozenset[RequestKind]:
    return _enum_set(RequestKind, "kinds", value)


def _users(field: str, value: object) -> UsersAffected | None:
    return None if value is None else convert.enum_member(UsersAffected, value, field)


def _to_min_users(value: UsersAffected | str | None) -> UsersAffected | None:
    return _users("min_users", value)


def _to_max_users(value: UsersAffected | str | None) -> UsersAffected | None:
    return _users("max_users", value)


def _to_workaround(value: bool | str | None) -> bool | None:
    return None if value is None else convert.boolean(value, "workaround")


def _to_strings(field: str, value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    return convert.frozenset_of([value] if isinstance(value, str) else value, field, convert.text)


def _to_channels(value: str | Iterable[str] | None) -> frozenset[str]:
    return _to_strings("channels", value)


def _to_tags(value: str | Iterable[str] | None) -> frozenset[str]:
    return _to_strings("tags", value)


def _to_rule_name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _to_description(value: str) -> str:
    return convert.text(value, "description")


def _to_level(value: str | PriorityLevel) -> str | PriorityLevel:
    if isinstance(value, PriorityLevel):
        return value
    return convert.text(value, "level", allow_empty=False, max_length=200)


_CONDITIONS = ("min_users", "max_users", "workaround", "service", "kinds", "channels", "tags")


@attrs.frozen(kw_only=True)
class TriageRule:
    """One triage rule: when every condition holds, the request gets ``level``.

    An empty condition (``None`` or an empty set) accepts anything, so a rule
    without conditions matches every request. An unknown fact never satisfies a
    condition that looks at it.

    Attributes:
        name: Names the rule in results and errors.
        level: Name of the level (or the level) this rule gives.
        description: The policy text the rule encodes.
        min_users: At least this many users are affected (``MULTIPLE`` includes ``ALL``).
        max_users: At most this many users are affected.
        workaround: A workaround exists (``True``) or does not (``False``).
        service: The service is in one of these states.
        kinds: The request is one of these kinds.
        channels: The request arrived through one of these channels.
        tags: The request carries all of these tags.

    >>> rule = TriageRule(name="outage", level="Critical", service="down", min_users="all")
    >>> rule.service
    frozenset({<ServiceState.DOWN: 'down'>})
    """

    name: str = attrs.field(converter=_to_rule_name)
    level: str | PriorityLevel = attrs.field(converter=_to_level)
    description: str = attrs.field(default="", converter=_to_description)
    min_users: UsersAffected | None = attrs.field(default=None, converter=_to_min_users)
    max_users: UsersAffected | None = attrs.field(default=None, converter=_to_max_users)
    workaround: bool | None = attrs.field(default=None, converter=_to_workaround)
    service: frozenset[ServiceState] = attrs.field(default=frozenset(), converter=_to_service)
    kinds: frozenset[RequestKind] = attrs.field(default=frozenset(), converter=_to_kinds)
    channels: frozenset[str] = attrs.field(default=frozenset(), converter=_to_channels)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_to_tags)

    def __attrs_post_init__(self) -> None:
        if (
            self.min_users is not None
            and self.max_users is not None
            and self.min_users.reach > self.max_users.reach
        ):
            raise ConfigError(
                f"min_users {self.min_users} is more than max_users {self.max_users}",
                field="max_users",
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TriageRule:
        """Build a rule from plain data: ``name``, ``level``, ``description`` and ``when``.

        ``when`` maps condition names (the attributes after ``description``) to values.

        Raises:
            ConfigError: a missing or unknown key, naming it.

        >>> data = {"name": "down", "level": "P1", "when": {"service": "down"}}
        >>> TriageRule.from_dict(data).service
        frozenset({<ServiceState.DOWN: 'down'>})
        >>> TriageRule.from_dict({"name": "x", "level": "P1", "when": {"colour": "red"}})
        Traceback (most recent call last):
        ...
        servicedesk_core.errors.ConfigError: when.colour: unknown condition; known: min_users, ...
        """
        if not isinstance(data, Mapping):
            raise ConfigError(f"expected a mapping, got {convert.describe(data)}")
        unknown = [key for key in data if key not in ("name", "level", "description", "when")]
        if unknown:
            key = unknown[0]
            shown = key if isinstance(key, str) and len(key) <= 100 else convert.brief(key)
            raise ConfigError("unknown key", field=shown)
        for key in ("name", "level"):
            if key not in data:
                raise ConfigError("missing", field=key)
        when = data.get("when", {})
        if not isinstance(when, Mapping):
            raise ConfigError(f"expected a mapping, got {convert.describe(when)}", field="when")
        for key in when:
            if key not in _CONDITIONS:
                shown = key if isinstance(key, str) and len(key) <= 100 else convert.brief(key)
                raise ConfigError(
                    f"unknown condition; known: {', '.join(_CONDITIONS)}", field=f"when.{shown}"
                )
        try:
            return cls(
                name=data["name"],  # type: ignore[arg-type]  # checked in __attrs_post_init__
                level=data["level"],  # type: ignore[arg-type]  # checked by TriageRules
                description=data.get("description", ""),  # type: ignore[arg-type]
                **when,
            )
        except ConfigError as error:
            field = f"when.{error.field}" if error.field in _CONDITIONS else error.field
            raise ConfigError(error.message, field=field) from None

    def _explain(self, known: _Known) -> tuple[bool, tuple[str, ...]]:
        """Whether the rule matches, with the conditions that held or the one that failed."""
        held: list[str] = []
        users = known.users
        if self.min_users is not None:
            if users is None:
                return False, ("users affected is unknown",)
            if users.reach < self.min_users.reach:
                return False, (f"users affected is {users}, not at least {self.min_users}",)
            held.append(f"users affected is {users}{known.users_text}")
        if self.max_users is not None:
            if users is None:
                return False, ("users affected is unknown",)
            if users.reach > self.max_users.reach:
                return False, (f"users affected is {users}, not at most {self.max_users}",)
            if self.min_users is None:
                held.append(f"users affected is {users}{known.users_text}")
        if self.workaround is not None:
            if known.has_workaround is None:
                return False, ("whether a workaround exists is unknown",)
            if known.has_workaround is not self.workaround:
                return False, (_workaround_text(known.has_workaround),)
            held.append(_workaround_text(known.has_workaround))
        for condition, value, label in (
            (self.service, known.service_state, "service is"),
            (self.kinds, known.kind, "request kind is"),
            (self.channels, known.channel, "channel is"),
        ):
            if not condition:
                continue
            if value is None:
                return False, (f"{label} unknown",)
            if value not in condition:
                return False, (f"{label} {value}, not {_either(condition)}",)
            held.append(f"{label} {value}")
        missing = self.tags - known.tags
        if missing:
            return False, (f"tags lack {', '.join(sorted(missing))}",)
        if self.tags:
            held.append(f"tagged {', '.join(sorted(self.tags))}")
        if not held:
            held.append("the rule has no conditions")
        return True, tuple(held)


def _workaround_text(value: bool) -> str:
    return "a workaround exists" if value else "no workaround exists"


def _either(values: frozenset[str]) -> str:
    return " or ".join(sorted(values))


@attrs.frozen(kw_only=True)
class Triage:
    """The result of :meth:`TriageRules.classify`.

    Attributes:
        level: The level the request gets.
        rule: The rule that matched, or ``None`` when the default applied.
        reasons: Why: the conditions that held, or why each rule missed.
        issues: Facts that were ignored because they were malformed.
    """

    level: PriorityLevel
    rule: TriageRule | None
    reasons: tuple[str, ...]
    issues: tuple[Issue, ...] = ()

    @property
    def is_default(self) -> bool:
        """Whether no rule matched and the default level applied."""
        return self.rule is None

    @property
    def rule_name(self) -> str | None:
        """The name of the rule that matched, or ``None`` when the default applied."""
        return None if self.rule is None else self.rule.name


def _rules(values: Iterable[TriageRule]) -> tuple[TriageRule, ...]:
    return convert.instances(values, "rules", TriageRule)


def _scheme(value: PriorityScheme) -> PriorityScheme:
    return convert.instance(PriorityScheme, value, "scheme")


@attrs.frozen(kw_only=True)
class TriageRules:
    """An ordered rule set: the first rule that matches decides; else ``default``.

    Raises ``ConfigError`` at construction for a rule naming an unknown level, a
    duplicate rule name, or an unknown default.

    >>> from servicedesk_core.priority import FOUR_TIER
    >>> rules = TriageRules(
    ...     scheme=FOUR_TIER,
    ...     rules=[TriageRule(name="outage", level="Critical", service="down", min_users="all")],
    ...     default="Low",
    ... )
    >>> facts = RequestFacts(service_state="down", users_affected=40, account_size=40)
    >>> result = rules.classify(facts)
    >>> result.level.name, result.rule_name, result.reasons
    ('Critical', 'outage', ('users affected is all (40 of 40)', 'service is down'))
    >>> rules.classify({"users_affected": "40"}).issues[0].code
    'facts.wrong_type'
    """

    scheme: PriorityScheme = attrs.field(converter=_scheme)
    rules: tuple[TriageRule, ...] = attrs.field(converter=_rules)
    default: str | PriorityLevel = attrs.field(converter=_to_level)
    _levels: tuple[PriorityLevel, ...] = attrs.field(init=False, repr=False)
    _default: PriorityLevel = attrs.field(init=False, repr=False)

    @_levels.default
    def _resolve_levels(self) -> tuple[PriorityLevel, ...]:
        levels = []
        names: set[str] = set()
        for i, rule in enumerate(self.rules):
            if rule.name in names:
                raise ConfigError(f"duplicate rule name {rule.name!r}", field=f"rules[{i}].name")
            names.add(rule.name)
            try:
                levels.append(self.scheme.level(rule.level))
            except (ServiceDeskError, TypeError) as error:
                raise ConfigError(str(error), field=f"rules[{i}].level") from None
        return tuple(levels)

    @_default.default
    def _resolve_default(self) -> PriorityLevel:
        try:
            return self.scheme.level(self.default)
        except (ServiceDeskError, TypeError) as error:
            raise ConfigError(str(error), field="default") from None

    @classmethod
    def from_dict(cls, scheme: PriorityScheme, data: Mapping[str, object]) -> TriageRules:
        """Build a rule set from plain data: ``{"default": ..., "rules": [...]}``.

        Each rule is read by :meth:`TriageRule.from_dict`.

        Raises:
            ConfigError: naming the culprit, e.g. ``rules[1].when.colour``.

        >>> from servicedesk_core.priority import ITIL
        >>> TriageRules.from_dict(ITIL, {"default": "P4", "rules": []}).default_level.name
        'P4'
        """
        if not isinstance(data, Mapping):
            raise ConfigError(f"expected a mapping, got {convert.describe(data)}")
        unknown = [key for key in data if key not in ("default", "rules")]
        if unknown:
            key = unknown[0]
            shown = key if isinstance(key, str) and len(key) <= 100 else convert.brief(key)
            raise ConfigError("unknown key", field=shown)
        if "default" not in data:
            raise ConfigError("missing", field="default")
        raw_rules = data.get("rules", ())
        if not isinstance(raw_rules, Iterable) or isinstance(raw_rules, str | Mapping):
            raise ConfigError(
                f"expected a list of rules, got {convert.describe(raw_rules)}", field="rules"
            )
        rules = []
        for i, raw in enumerate(raw_rules):
            if not isinstance(raw, Mapping):
                raise ConfigError(
                    f"expected a mapping, got {convert.describe(raw)}", field=f"rules[{i}]"
                )
            try:
                rules.append(TriageRule.from_dict(raw))
            except ConfigError as error:
                raise ConfigError(error.message, field=f"rules[{i}].{error.field}") from None
        return cls(scheme=scheme, rules=rules, default=data["default"])  # type: ignore[arg-type]

    @property
    def default_level(self) -> PriorityLevel:
        """The level given when no rule matches."""
        return self._default

    def level_of(self, rule: TriageRule) -> PriorityLevel:
        """Return the level one of these rules gives.

        Raises:
            ValueError: ``rule`` is not one of these rules.

        >>> from servicedesk_core.priority import ITIL
        >>> rule = TriageRule(name="any", level="P3")
        >>> TriageRules(scheme=ITIL, rules=[rule], default="P5").level_of(rule).description
        'Moderate'
        """
        return self._levels[self.rules.index(rule)]

    def classify(self, facts: RequestFacts | Mapping[str, object]) -> Triage:
        """Give a request its level: the first matching rule, else the default.

        Never raises for bad facts: unknown names and wrong types are listed in
        ``Triage.issues`` and the fact is treated as unknown.

        Args:
            facts: A :class:`RequestFacts`, or a mapping with its attribute names as keys.

        Returns:
            The level, the rule that matched (``None`` for the default) and the reasons.

        >>> from servicedesk_core.priority import FOUR_TIER
        >>> rules = TriageRules(
        ...     scheme=FOUR_TIER,
        ...     rules=[TriageRule(name="q", level="Low", kinds="question")],
        ...     default="Medium",
        ... )
        >>> rules.classify({"kind": "change"}).reasons
        ('q: request kind is change, not question', 'no rule matched: default Medium')
        """
        issues: list[Issue] = []
        if not isinstance(facts, RequestFacts):
            facts = _facts_from_mapping(facts, issues)
        known = _inspect(facts, issues)
        misses = []
        for rule, level in zip(self.rules, self._levels, strict=True):
            matched, reasons = rule._explain(known)
            if matched:
                return Triage(level=level, rule=rule, reasons=reasons, issues=tuple(issues))
            misses.append(f"{rule.name}: {reasons[0]}")
        misses.append(f"no rule matched: default {self._default}")
        return Triage(level=self._default, rule=None, reasons=tuple(misses), issues=tuple(issues))


def _facts_from_mapping(data: object, issues: list[Issue]) -> RequestFacts:
    if not isinstance(data, Mapping):
        issues.append(
            _fact_issue(
                "facts.wrong_type",
                "",
                f"expected RequestFacts or a mapping, got {type(data).__name__}",
            )
        )
        return RequestFacts()
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in _FACT_NAMES:
            kwargs[key] = value
        else:
            issues.append(
                _fact_issue(
                    "facts.unknown",
                    convert.brief(key) if not isinstance(key, str) else key[:100],
                    f"unknown fact; known: {', '.join(_FACT_NAMES)}",
                )
            )
    return RequestFacts(**kwargs)
