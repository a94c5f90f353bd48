"""Choosing a ticket's policy: ordered rules with conditions, in versions with effective dates.

A :class:`PolicySet` holds ordered :class:`PolicyRule` s; the first whose
:class:`Condition` matches the ticket picks its policy, and the report names
the :class:`Selection`. By default the set picks again whenever the ticket's
priority, channel, tags, attributes or team change (``Reselect.ON_CHANGE``),
and a contract that changes on a date is a set with :class:`PolicyVersion` s.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.events import Channel, Created, Event
from servicedesk_core.priority import PriorityLevel
from servicedesk_core.priority.levels import level_name as _level
from servicedesk_core.sla.definitions import MetricDefinition
from servicedesk_core.sla.facts import TicketFacts
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.replay import Chooser, Plan, check_log, replay
from servicedesk_core.sla.results import SLAReport
from servicedesk_core.sla.settings import FollowVersion, OnPolicyChange, Reselect
from servicedesk_core.sla.targets import Metric, MetricKey

__all__ = ["Condition", "PolicyRule", "PolicySet", "PolicyVersion", "Selection"]


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _priorities(value: Iterable[str | PriorityLevel] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "priorities", _level)


def _channel(value: object, field: str) -> Channel:
    return convert.enum_member(Channel, value, field)


def _channels(value: Iterable[Channel | str] | None) -> frozenset[Channel] | None:
    return None if value is None else convert.frozenset_of(value, "channels", _channel)


def _tag(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _tags(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "tags", _tag)


def _teams(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "teams", _tag)


def _to_condition_attributes(
    value: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, frozenset[str]], ...]:
    return convert.text_sets(value, "attributes")


@attrs.frozen(kw_only=True)
class Condition:
    """Facts a ticket must have for a rule to match.

    Every given part must hold: the priority is one of ``priorities``, the
    channel one of ``channels``, the team one of ``teams``, each attribute one
    of its allowed values, and the ticket carries all ``tags``.
    ``Condition()`` matches every ticket.

    >>> import datetime as dt
    >>> created = Created(at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), priority="High",
    ...                   channel="phone", attributes={"plan": "gold"})
    >>> Condition(priorities={"Critical", "High"}, channels={"phone"}).matches(created)
    True
    >>> Condition(attributes={"plan": ["silver", "bronze"]}).matches(created)
    False
    """

    priorities: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    channels: frozenset[Channel] | None = attrs.field(default=None, converter=_channels)
    attributes: tuple[tuple[str, frozenset[str]], ...] = attrs.field(
        default=(), converter=_to_condition_attributes
    )
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    teams: frozenset[str] | None = attrs.field(default=None, converter=_teams)

    def matches(self, ticket: Created | TicketFacts) -> bool:
        """Whether the ticket (as opened, or as it is now) satisfies every part."""
        if self.priorities is not None and ticket.priority not in self.priorities:
            return False
        if self.channels is not None and ticket.channel not in self.channels:
            return False
        if self.teams is not None:
            team = ticket.team if isinstance(ticket, TicketFacts) else ""
            if team not in self.teams:
                return False
        for key, allowed in self.attributes:
            if ticket.attribute(key) not in allowed:
                return False
        return self.tags <= ticket.tags

    def describe(self) -> str:
        """Say the condition in words.

        >>> Condition(channels={"phone"}, priorities={"High"}).describe()
        'priority in [High] and channel in [phone]'
        >>> Condition().describe()
        'always'
        """
        parts = []
        if self.priorities is not None:
            parts.append(f"priority in [{', '.join(sorted(self.priorities))}]")
        if self.channels is not None:
            parts.append(f"channel in [{', '.join(sorted(c.value for c in self.channels))}]")
        parts.extend(f"{key} in [{', '.join(sorted(vals))}]" for key, vals in self.attributes)
        if self.tags:
            parts.append(f"tagged {', '.join(sorted(self.tags))}")
        if self.teams is not None:
            parts.append(f"team in [{', '.join(sorted(self.teams))}]")
        return " and ".join(parts) or "always"


def _policy(value: SLAPolicy) -> SLAPolicy:
    return convert.instance(SLAPolicy, value, "policy")


def _condition(value: Condition) -> Condition:
    return convert.instance(Condition, value, "when")


@attrs.frozen(kw_only=True)
class PolicyRule:
    """One entry of a :class:`PolicySet`: a name, a condition and the policy it picks."""

    name: str = attrs.field(converter=_name)
    policy: SLAPolicy = attrs.field(converter=_policy)
    when: Condition = attrs.field(default=Condition(), converter=_condition)

    def __attrs_post_init__(self) -> None:
        if self.when.priorities is not None:
            unknown = sorted(p for p in self.when.priorities if p not in self.policy.scheme)
            if unknown:
                raise ConfigError(
                    f"priorities {unknown} are not levels of scheme {self.policy.scheme.name!r}",
                    field=f"rules[{self.name}].when.priorities",
                )


@attrs.frozen(kw_only=True)
class Selection:
    """Which rule of a :class:`PolicySet` picked the policy, and why.

    Attributes:
        rule: The rule's name.
        index: Its position in its version's rules.
        policy: The policy it picks.
        condition: Its condition.
        effective: When the rule's version took effect (``None``: the set's
            first version).
    """

    rule: str
    index: int
    policy: SLAPolicy
    condition: Condition
    effective: dt.datetime | None = None

    def describe(self) -> str:
        """Say the selection in words."""
        version = "" if self.effective is None else f" of the version of {self.effective}"
        return f"rule {self.index} {self.rule!r}{version} ({self.condition.describe()})"

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Replay the log under the picked policy, without picking again.

        Raises:
            EventLogError: the log cannot be replayed.
        """
        policy = self.policy
        return replay(policy, self, events, now, plan=policy._plan, ignore_later=ignore_later)


def _rule(value: object, field: str) -> PolicyRule:
    return convert.instance(PolicyRule, value, field)


def _rules(value: Iterable[PolicyRule]) -> tuple[PolicyRule, ...]:
    return convert.tuple_of(value, "rules", _rule)


def _check_rules(rules: tuple[PolicyRule, ...], field: str) -> None:
    if not rules:
        raise ConfigError("a policy set needs at least one rule", field=field)
    counts = collections.Counter(rule.name for rule in rules)
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if repeated:
        raise ConfigError(f"rule names repeat: {repeated}", field=field)


def _effective(value: dt.datetime | str) -> dt.datetime:
    return convert.aware_datetime(value, "effective")


@attrs.frozen(kw_only=True)
class PolicyVersion:
    """The rules of a policy set from an instant on (a contract that changes on a date).

    >>> import datetime as dt
    >>> PolicyVersion(effective="2027-01-01T00:00:00-06:00", rules=[]).effective.year
    Traceback (most recent call last):
    servicedesk_core.errors.ConfigError: versions: a policy set needs at least one rule
    """

    effective: dt.datetime = attrs.field(converter=_effective)
    rules: tuple[PolicyRule, ...] = attrs.field(converter=_rules)

    def __attrs_post_init__(self) -> None:
        _check_rules(self.rules, "versions")


def _version(value: object, field: str) -> PolicyVersion:
    return convert.instance(PolicyVersion, value, field)


def _versions(value: Iterable[PolicyVersion]) -> tuple[PolicyVersion, ...]:
    found = convert.tuple_of(value, "versions", _version)
    return tuple(sorted(found, key=lambda version: to_us(version.effective)))


def _reselect(value: Reselect | str) -> Reselect:
    return convert.enum_member(Reselect, value, "reselect")


def _on_policy_change(value: OnPolicyChange | str) -> OnPolicyChange:
    return convert.enum_member(OnPolicyChange, value, "on_policy_change")


def _follow_version(value: FollowVersion | str) -> FollowVersion:
    return convert.enum_member(FollowVersion, value, "follow_version")


@attrs.frozen
class PolicySet:
    """Ordered rules; the first whose condition matches a ticket picks its policy.

    Args:
        rules: The rules, in order (the set's first version).
        versions: Later versions: the rules in effect from each one's
            ``effective`` instant on.
        reselect: When the policy is picked (see :class:`Reselect`): by
            default again whenever the ticket's priority, channel, tags,
            attributes or team change.
        on_policy_change: What happens to a clock that the newly picked
            policy sets no target for (see :class:`OnPolicyChange`).
        follow_version: Whether a ticket follows the version in effect at its
            creation or the one in effect at each moment (see :class:`FollowVersion`).

    >>> import datetime as dt
    >>> from servicedesk_core import FOUR_TIER, BusinessCalendar
    >>> def triage(name, calendar):
    ...     minutes = {level.name: dt.timedelta(minutes=15) for level in FOUR_TIER}
    ...     return SLAPolicy(name=name, scheme=FOUR_TIER, calendar=calendar,
    ...                      targets={Metric.FIRST_RESPONSE: minutes})
    >>> rules = PolicySet([
    ...     PolicyRule(name="on call", policy=triage("24x7", BusinessCalendar.always_open()),
    ...                when=Condition(channels={"phone"}, priorities={"Critical", "High"})),
    ...     PolicyRule(name="desk", policy=triage("desk", BusinessCalendar(
    ...         timezone="America/Chicago", hours="Mon-Fri 07:00-17:00"))),
    ... ])
    >>> at = dt.datetime(2026, 11, 21, 3, tzinfo=dt.UTC)
    >>> rules.select(Created(at=at, priority="High", channel="phone")).describe()
    "rule 0 'on call' (priority in [Critical, High] and channel in [phone])"
    >>> rules.select(Created(at=at, priority="High", channel="email")).policy.name
    'desk'

    Raises:
        ConfigError: no rules, two rules of one version with one name, two
            versions at one instant, a setting that is not one of its values.
    """

    rules: tuple[PolicyRule, ...] = attrs.field(converter=_rules)
    versions: tuple[PolicyVersion, ...] = attrs.field(default=(), converter=_versions, kw_only=True)
    reselect: Reselect = attrs.field(default=Reselect.ON_CHANGE, converter=_reselect, kw_only=True)
    on_policy_change: OnPolicyChange = attrs.field(
        default=OnPolicyChange.STOP, converter=_on_policy_change, kw_only=True
    )
    follow_version: FollowVersion = attrs.field(
        default=FollowVersion.AT_CREATION, converter=_follow_version, kw_only=True
    )
    _choices: tuple[tuple[int | None, tuple[tuple[Selection, Condition], ...]], ...] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _policies: tuple[SLAPolicy, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _plans: tuple[Plan, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _chooser: Chooser = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _check_rules(self.rules, "rules")
        instants = [to_us(version.effective) for version in self.versions]
        if len(set(instants)) != len(instants):
            raise ConfigError("two versions take effect at one instant", field="versions")
        choices = []
        for effective, rules in [(None, self.rules)] + [
            (version.effective, version.rules) for version in self.versions
        ]:
            choices.append(
                (
                    None if effective is None else to_us(effective),
                    tuple(
                        (
                            Selection(
                                rule=rule.name,
                                index=index,
                                policy=rule.policy,
                                condition=rule.when,
                                effective=effective,
                            ),
                            rule.when,
                        )
                        for index, rule in enumerate(rules)
                    ),
                )
            )
        policies: list[SLAPolicy] = []
        for _effective, selections in choices:
            for selection, _when in selections:
                if not any(selection.policy is known for known in policies):
                    policies.append(selection.policy)
        keys = _union(policies)
        object.__setattr__(self, "_choices", tuple(choices))
        object.__setattr__(self, "_policies", tuple(policies))
        plans = tuple(
            Plan(policy, keys, _definitions(policy, keys, policies)) for policy in policies
        )
        follows = self.follow_version is FollowVersion.CURRENT
        chooser = Chooser(
            self._select,
            policies,
            plans,
            reselect=self.reselect is Reselect.ON_CHANGE,
            drop=self.on_policy_change is OnPolicyChange.DROP,
            versions=[effective for effective, _ in choices[1:] if effective is not None]
            if follows
            else (),
            reads=frozenset(
                fact
                for _effective, selections in choices
                for _selection, when in selections
                for fact, given in (("priority", when.priorities), ("team", when.teams))
                if given is not None
            ),
        )
        object.__setattr__(self, "_plans", plans)
        object.__setattr__(self, "_chooser", chooser)

    @property
    def switches(self) -> bool:
        """Whether a ticket may change policy during its life (re-selection or versions)."""
        return self.reselect is Reselect.ON_CHANGE or (
            bool(self.versions) and self.follow_version is FollowVersion.CURRENT
        )

    def select(self, ticket: Created | TicketFacts, *, at: dt.datetime | None = None) -> Selection:
        """Return the first rule matching the ticket, in the version in effect at ``at``.

        ``at`` defaults to the creation instant for a ``Created`` event, and
        to the first version for :class:`TicketFacts`.

        Raises:
            EventLogError: no rule matches (index 0, the ``Created`` event).
            NaiveDatetimeError: ``at`` has no timezone.
            ConfigError: ``ticket`` is neither a ``Created`` event nor ``TicketFacts``.
        """
        given: object = ticket  # typed for users, checked all the same
        if not isinstance(given, Created | TicketFacts):
            raise ConfigError(
                f"expected a Created event or TicketFacts, got {convert.describe(given)}",
                field="ticket",
            )
        if at is None and isinstance(ticket, Created):
            at = ticket.at
        facts = ticket if isinstance(ticket, TicketFacts) else TicketFacts.from_created(ticket)
        return self._select(facts, None if at is None else to_us(at))

    def _select(self, facts: TicketFacts, at: int | None) -> Selection:
        chosen = self._choices[0][1]
        if at is not None:
            for effective, selections in self._choices[1:]:
                if effective is not None and effective <= at:
                    chosen = selections
        for selection, when in chosen:
            if when.matches(facts):
                return selection
        raise EventLogError("no policy rule matches this ticket", index=0)

    def evaluate(
        self, events: Sequence[Event], now: dt.datetime, *, ignore_later: bool = False
    ) -> SLAReport:
        """Pick the policy from the log and replay the log under it.

        Raises:
            EventLogError: the log cannot be replayed, or no rule matches.
            ConfigError: ``events`` is not a list of events.
        """
        if not isinstance(events, list | tuple):  # the common forms pass without an ABC check
            check_log(events)
        first = events[0] if events else None
        if isinstance(first, Created) and not self.switches:
            return self.select(first).evaluate(events, now, ignore_later=ignore_later)
        return replay(  # which also raises a bad log's error, as for a lone policy
            self._policies[0],
            None,
            events,
            now,
            plan=self._plans[0],
            chooser=self._chooser,
            ignore_later=ignore_later,
        )


def _union(policies: Sequence[SLAPolicy]) -> tuple[MetricKey, ...]:
    """Every metric some policy measures: built-in ones in order, then custom ones."""
    measured = {metric for policy in policies for metric in policy.metrics}
    builtin = [metric for metric in Metric if metric in measured]
    custom: list[MetricKey] = []
    for policy in policies:
        custom.extend(m for m in policy.metrics if not isinstance(m, Metric) and m not in custom)
    return (*builtin, *custom)


def _definitions(
    policy: SLAPolicy, keys: Sequence[MetricKey], policies: Sequence[SLAPolicy]
) -> tuple[MetricDefinition, ...]:
    """How ``policy`` measures each metric of the set (a custom one it lacks: as its owner)."""
    out = []
    for key in keys:
        if isinstance(key, Metric) or any(d.name == key for d in policy.custom_metrics):
            out.append(policy.definition(key))
        else:
            owner = next(p for p in policies if any(d.name == key for d in p.custom_metrics))
            out.append(owner.definition(key))
    return tuple(out)


def policy_or_set(value: object, field: str) -> SLAPolicy | PolicySet:
    """``value`` when it is a policy or a policy set, else a ``ConfigError`` naming ``field``."""
    if not isinstance(value, SLAPolicy | PolicySet):
        raise _not_a_policy(value, field, "an SLAPolicy or a PolicySet")
    return value


def replayable(value: object, field: str) -> SLAPolicy | PolicySet | Selection:
    """As :func:`policy_or_set`, a :class:`Selection` (a choice already made) accepted too."""
    if not isinstance(value, SLAPolicy | PolicySet | Selection):
        raise _not_a_policy(value, field, "an SLAPolicy, a PolicySet or a Selection")
    return value


def _not_a_policy(value: object, field: str, expected: str) -> ConfigError:
    return ConfigError(f"expected {expected}, got {convert.describe(value)}", field=field)
