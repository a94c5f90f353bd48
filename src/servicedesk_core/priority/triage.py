"""Triage rules: facts about a request in, a level with the rule that matched out.

Rules are data. Each :class:`TriageRule` lists conditions on the facts (all must hold)
and the level it gives; :class:`TriageRules` tries them in order, the first match
wins, and a default level applies when none matches. Facts are judged, never
trusted: a fact of the wrong type is reported as a :class:`FactIssue` and treated
as unknown, it is not coerced.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from servicedesk_core.errors import ConfigError, ServiceDeskError
from servicedesk_core.priority.levels import PriorityLevel, PriorityScheme

__all__ = [
    "FactIssue",
    "RequestFacts",
    "RequestKind",
    "ServiceState",
    "Triage",
    "TriageRule",
    "TriageRules",
    "UsersAffected",
]


_E = TypeVar("_E", bound=enum.StrEnum)


def _message(error: ConfigError) -> str:
    """The message of a ``ConfigError`` without its field prefix."""
    text = str(error.args[0])
    return text[len(error.field) + 2 :] if error.field else text


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
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return frozenset(value)


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


@attrs.frozen(kw_only=True)
class FactIssue:
    """A problem with one fact; the fact is treated as unknown.

    Attributes:
        code: Stable identifier: ``facts.unknown``, ``facts.wrong_type``,
            ``facts.unknown_value`` or ``facts.out_of_range``.
        field: The fact's name.
        message: What is wrong, for people.
    """

    code: str
    field: str
    message: str


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


def _enum_fact(kind: type[_E], name: str, value: object, issues: list[FactIssue]) -> _E | None:
    if value is None:
        return None
    if not isinstance(value, str):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field=name,
                message=f"expected one of {', '.join(kind)}, got {type(value).__name__} {value!r}",
            )
        )
        return None
    try:
        return kind(value)
    except ValueError:
        issues.append(
            FactIssue(
                code="facts.unknown_value",
                field=name,
                message=f"unknown value {value!r}; known: {', '.join(kind)}",
            )
        )
        return None


def _inspect(facts: RequestFacts, issues: list[FactIssue]) -> _Known:
    size = facts.account_size
    if size is not None and not _is_int(size):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="account_size",
                message=f"expected a count of users, got {type(size).__name__} {size!r}",
            )
        )
        size = None
    elif size is not None and size < 1:
        issues.append(
            FactIssue(
                code="facts.out_of_range",
                field="account_size",
                message=f"an account has at least one user, got {size}",
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
                FactIssue(
                    code="facts.out_of_range",
                    field="users_affected",
                    message=f"a request affects at least one user, got {count}",
                )
            )
        else:
            if size is not None and count > size:
                issues.append(
                    FactIssue(
                        code="facts.out_of_range",
                        field="users_affected",
                        message=f"{count} users affected but the account has {size}",
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
            FactIssue(
                code="facts.wrong_type",
                field="users_affected",
                message=f"expected a count of users as a number, got str {raw!r}",
            )
        )
    elif raw is None or isinstance(raw, str):
        users = _enum_fact(UsersAffected, "users_affected", raw, issues)
    else:
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="users_affected",
                message="expected single/multiple/all or a count of users, "
                f"got {type(raw).__name__} {raw!r}",
            )
        )

    workaround: object = facts.has_workaround
    if workaround is not None and not isinstance(workaround, bool):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="has_workaround",
                message=f"expected True or False, got {type(workaround).__name__} {workaround!r}",
            )
        )
        workaround = None

    channel: object = facts.channel
    if channel is not None and not isinstance(channel, str):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="channel",
                message=f"expected a channel name, got {type(channel).__name__} {channel!r}",
            )
        )
        channel = None

    tags: object = facts.tags
    if not (isinstance(tags, frozenset) and all(isinstance(tag, str) for tag in tags)):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="tags",
                message=f"expected a collection of strings, got {tags!r}",
            )
        )
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
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Iterable):
        raise ConfigError(f"expected {kind.__name__} values, got {value!r}", field=field)
    result = set()
    for item in values:
        try:
            result.add(kind(item))
        except ValueError:
            raise ConfigError(
                f"unknown value {item!r}; known: {', '.join(kind)}", field=field
            ) from None
    return frozenset(result)


def _to_service(value: object) -> frozenset[ServiceState]:
    return _enum_set(ServiceState, "service", value)


def _to_kinds(value: object) -> frozenset[RequestKind]:
    return _enum_set(RequestKind, "kinds", value)


def _users(field: str, value: object) -> UsersAffected | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"expected one of {', '.join(UsersAffected)}, got {value!r}", field=field)
    try:
        return UsersAffected(value)
    except ValueError:
        raise ConfigError(
            f"unknown value {value!r}; known: {', '.join(UsersAffected)}", field=field
        ) from None


def _to_min_users(value: object) -> UsersAffected | None:
    return _users("min_users", value)


def _to_max_users(value: object) -> UsersAffected | None:
    return _users("max_users", value)


def _to_strings(field: str, value: object) -> frozenset[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Iterable) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"expected strings, got {value!r}", field=field)
    return frozenset(values)


def _to_channels(value: object) -> frozenset[str]:
    return _to_strings("channels", value)


def _to_tags(value: object) -> frozenset[str]:
    return _to_strings("tags", value)


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

    name: str
    level: str | PriorityLevel
    description: str = ""
    min_users: UsersAffected | None = attrs.field(default=None, converter=_to_min_users)
    max_users: UsersAffected | None = attrs.field(default=None, converter=_to_max_users)
    workaround: bool | None = attrs.field(default=None)
    service: frozenset[ServiceState] = attrs.field(default=frozenset(), converter=_to_service)
    kinds: frozenset[RequestKind] = attrs.field(default=frozenset(), converter=_to_kinds)
    channels: frozenset[str] = attrs.field(default=frozenset(), converter=_to_channels)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_to_tags)

    @workaround.validator
    def _check_workaround(self, _attr: object, value: object) -> None:
        if value is not None and not isinstance(value, bool):
            raise ConfigError(f"expected True, False or None, got {value!r}", field="workaround")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ConfigError(f"a rule needs a name, got {self.name!r}", field="name")
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
            raise ConfigError(f"expected a mapping, got {data!r}")
        unknown = [key for key in data if key not in ("name", "level", "description", "when")]
        if unknown:
            raise ConfigError("unknown key", field=str(unknown[0]))
        for key in ("name", "level"):
            if key not in data:
                raise ConfigError("missing", field=key)
        when = data.get("when", {})
        if not isinstance(when, Mapping):
            raise ConfigError(f"expected a mapping, got {when!r}", field="when")
        for key in when:
            if key not in _CONDITIONS:
                raise ConfigError(
                    f"unknown condition; known: {', '.join(_CONDITIONS)}", field=f"when.{key}"
                )
        try:
            return cls(
                name=data["name"],  # type: ignore[arg-type]  # checked in __attrs_post_init__
                level=data["level"],  # type: ignore[arg-type]  # checked by TriageRules
                description=str(data.get("description", "")),
                **when,
            )
        except ConfigError as error:
            field = f"when.{error.field}" if error.field in _CONDITIONS else error.field
            raise ConfigError(_message(error), field=field) from None

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
    issues: tuple[FactIssue, ...] = ()

    @property
    def is_default(self) -> bool:
        """Whether no rule matched and the default level applied."""
        return self.rule is None


def _rules(values: object) -> tuple[TriageRule, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ConfigError(f"expected a list of rules, got {values!r}", field="rules")
    return tuple(values)


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
    >>> result.level.name, result.rule.name, result.reasons
    ('Critical', 'outage', ('users affected is all (40 of 40)', 'service is down'))
    >>> rules.classify({"users_affected": "40"}).issues[0].code
    'facts.wrong_type'
    """

    scheme: PriorityScheme
    rules: tuple[TriageRule, ...] = attrs.field(converter=_rules)
    default: str | PriorityLevel
    _levels: tuple[PriorityLevel, ...] = attrs.field(init=False, repr=False)
    _default: PriorityLevel = attrs.field(init=False, repr=False)

    @_levels.default
    def _resolve_levels(self) -> tuple[PriorityLevel, ...]:
        if not isinstance(self.scheme, PriorityScheme):
            raise ConfigError(f"expected a PriorityScheme, got {self.scheme!r}", field="scheme")
        levels = []
        names: set[str] = set()
        for i, rule in enumerate(self.rules):
            if not isinstance(rule, TriageRule):
                raise ConfigError(f"expected a TriageRule, got {rule!r}", field=f"rules[{i}]")
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
            raise ConfigError(f"expected a mapping, got {data!r}")
        unknown = [key for key in data if key not in ("default", "rules")]
        if unknown:
            raise ConfigError("unknown key", field=str(unknown[0]))
        if "default" not in data:
            raise ConfigError("missing", field="default")
        raw_rules = data.get("rules", ())
        if not isinstance(raw_rules, Iterable) or isinstance(raw_rules, str | Mapping):
            raise ConfigError(f"expected a list of rules, got {raw_rules!r}", field="rules")
        rules = []
        for i, raw in enumerate(raw_rules):
            if not isinstance(raw, Mapping):
                raise ConfigError(f"expected a mapping, got {raw!r}", field=f"rules[{i}]")
            try:
                rules.append(TriageRule.from_dict(raw))
            except ConfigError as error:
                raise ConfigError(_message(error), field=f"rules[{i}].{error.field}") from None
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
        issues: list[FactIssue] = []
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


def _facts_from_mapping(data: object, issues: list[FactIssue]) -> RequestFacts:
    if not isinstance(data, Mapping):
        issues.append(
            FactIssue(
                code="facts.wrong_type",
                field="",
                message=f"expected RequestFacts or a mapping, got {type(data).__name__}",
            )
        )
        return RequestFacts()
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in _FACT_NAMES:
            kwargs[key] = value
        else:
            issues.append(
                FactIssue(
                    code="facts.unknown",
                    field=str(key),
                    message=f"unknown fact; known: {', '.join(_FACT_NAMES)}",
                )
            )
    return RequestFacts(**kwargs)
