"""Teams, tiers and routing rules: which team a ticket goes to, and why.

A :class:`Routing` lists the :class:`Team` s (each with a tier, a reference
format and its engineers), ordered :class:`RoutingRule` s and a default team.
:meth:`Routing.route` reads a :class:`~servicedesk_core.TicketState`
and an optional request kind ("broken", "change"...): the first rule that
matches picks the team; a ticket no rule matches goes to the default team
when it is new, and stays where it is otherwise. The answer names the rule,
prefers the engineer who last held the ticket when that engineer is on the
target team, and turns into the ``Assigned`` event that carries it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, EventLogError
from servicedesk_core.escalation import _scope
from servicedesk_core.escalation.references import ReferenceFormat
from servicedesk_core.escalation.state import TicketState
from servicedesk_core.events import Assigned
from servicedesk_core.priority import PriorityScheme

__all__ = ["Route", "Routing", "RoutingRule", "Team"]


def _team_name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _tier(value: int | str) -> int:
    return convert.integer(value, "tier", min_value=1, max_value=100)


def _reference(value: ReferenceFormat | str) -> ReferenceFormat:
    return value if isinstance(value, ReferenceFormat) else ReferenceFormat(value)


def _engineer(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200)


def _members(value: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(value, "members", _engineer)


@attrs.frozen(kw_only=True)
class Team:
    """A support team: its tier, how it writes ticket references, its engineers.

    >>> support = Team(name="Technical Support", tier=2, reference="TSUP-{n}")
    >>> support.reference.render(100)
    'TSUP-100'

    Raises:
        ConfigError: a blank name, a tier below 1, a reference without one ``{n}``.
    """

    name: str = attrs.field(converter=_team_name)
    tier: int = attrs.field(default=1, converter=_tier)
    reference: ReferenceFormat = attrs.field(default=ReferenceFormat("{n}"), converter=_reference)
    members: frozenset[str] = attrs.field(default=frozenset(), converter=_members)


def _rule_name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _rule_team(value: str) -> str:
    return convert.text(value, "team", allow_empty=False, max_length=200)


def _kind(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=200).strip().casefold()


def _kinds(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "kinds", _kind)


def _priorities(value: _scope.Priorities) -> frozenset[str] | None:
    return _scope.level_names(value, "priorities")


def _attributes(
    value: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, frozenset[str]], ...]:
    return convert.text_sets(value, "attributes")


def _from_teams(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else convert.frozenset_of(value, "from_teams", _engineer)


def _from_tiers(value: Iterable[int | str] | None) -> frozenset[int] | None:
    if value is None:
        return None
    return convert.frozenset_of(value, "from_tiers", convert.integer)


def _words(values: Iterable[object]) -> str:
    return ", ".join(sorted(str(value) for value in values))


@attrs.frozen(kw_only=True)
class RoutingRule:
    """Route tickets that match every given condition to ``team``.

    Args:
        name: What the route's explanation calls the rule.
        team: The team it routes to.
        kinds: Request kinds it covers (``"broken"``, ``"change"``; case-insensitive).
        priorities: Priority levels (names or levels of the routing's scheme).
        attributes: ``{attribute: allowed values}`` of the ticket (product, skill...).
        from_teams: Only tickets held by one of these teams (a functional escalation).
        from_tiers: Only tickets at one of these tiers (Tier 1 -> Tier 2).

    ``None`` (the default) puts no condition on that part.

    >>> rule = RoutingRule(name="broken", team="Technical Support", kinds=["Broken", "outage"])
    >>> rule.describe()
    'kind in [broken, outage]'
    """

    name: str = attrs.field(converter=_rule_name)
    team: str = attrs.field(converter=_rule_team)
    kinds: frozenset[str] | None = attrs.field(default=None, converter=_kinds)
    priorities: frozenset[str] | None = attrs.field(default=None, converter=_priorities)
    attributes: tuple[tuple[str, frozenset[str]], ...] = attrs.field(
        default=(), converter=_attributes
    )
    from_teams: frozenset[str] | None = attrs.field(default=None, converter=_from_teams)
    from_tiers: frozenset[int] | None = attrs.field(default=None, converter=_from_tiers)

    def matches(self, state: TicketState, kind: str, tier: int | None) -> bool:
        """Whether a ticket in ``state`` asking for ``kind`` at ``tier`` meets every condition."""
        if self.kinds is not None and kind not in self.kinds:
            return False
        if self.priorities is not None and state.priority not in self.priorities:
            return False
        if self.from_teams is not None and state.team not in self.from_teams:
            return False
        if self.from_tiers is not None and tier not in self.from_tiers:
            return False
        return all(state.attribute(key) in allowed for key, allowed in self.attributes)

    def describe(self) -> str:
        """Say the rule's conditions in words (``"always"`` when it has none)."""
        parts = []
        if self.kinds is not None:
            parts.append(f"kind in [{_words(self.kinds)}]")
        if self.priorities is not None:
            parts.append(f"priority in [{_words(self.priorities)}]")
        parts.extend(f"{key} in [{_words(allowed)}]" for key, allowed in self.attributes)
        if self.from_teams is not None:
            parts.append(f"held by [{_words(self.from_teams)}]")
        if self.from_tiers is not None:
            parts.append(f"at tier [{_words(self.from_tiers)}]")
        return " and ".join(parts) or "always"


@attrs.frozen(kw_only=True)
class Route:
    """Where a ticket goes, which rule said so, and which engineer should take it.

    Attributes:
        team: The team the ticket goes to (or stays with).
        tier: That team's tier.
        rule: The name of the rule that matched (``None``: no rule did).
        reason: Why, in words.
        assignee: The engineer preferred: the one who last held the ticket if
            on ``team`` (``""``: the team's queue).
        assignee_reason: Why that engineer, or why none.
        escalated: Whether the move is a functional escalation (to a higher tier).
    """

    team: str
    tier: int
    rule: str | None
    reason: str
    assignee: str
    assignee_reason: str
    escalated: bool

    def to_event(self, at: dt.datetime, *, by: str = "") -> Assigned:
        """Return the ``Assigned`` event that carries the route out at ``at``.

        >>> route = Route(team="Tier 2", tier=2, rule="tier 1 -> 2", reason="rule 'tier 1 -> 2'",
        ...               assignee="", assignee_reason="", escalated=True)
        >>> route.to_event(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), by="amy").team
        'Tier 2'
        """
        return Assigned(
            at=at,
            team=self.team,
            tier=self.tier,
            assignee=self.assignee,
            escalated=self.escalated,
            reason=self.reason,
            by=by,
        )


def _teams(value: Iterable[Team]) -> tuple[Team, ...]:
    return convert.tuple_of(value, "teams", _team_item)


def _team_item(value: object, field: str) -> Team:
    return convert.instance(Team, value, field)


def _rules(value: Iterable[RoutingRule]) -> tuple[RoutingRule, ...]:
    return convert.tuple_of(value, "rules", _rule_item)


def _rule_item(value: object, field: str) -> RoutingRule:
    return convert.instance(RoutingRule, value, field)


def _default(value: str | None) -> str | None:
    return None if value is None else convert.text(value, "default", max_length=200)


@attrs.frozen(kw_only=True)
class Routing:
    """Teams, ordered routing rules and the default team for new tickets.

    Args:
        teams: Every team (names unique).
        default: The team a new ticket goes to when no rule matches.
        rules: Tried in order; the first that matches picks the team.
        scheme: The priority scheme rules scoped by priority name levels of.

    Raises:
        ConfigError: no teams, duplicate team names, no default, a rule that
            names an unknown team or tier, a priority without a scheme or
            unknown to it; each names the culprit.

    >>> routing = Routing(
    ...     teams=[Team(name="Tier 1"), Team(name="Tier 2", tier=2)],
    ...     default="Tier 1",
    ...     rules=[RoutingRule(name="tier 1 escalates", team="Tier 2", from_tiers=[1])],
    ... )
    >>> routing.tier_of("Tier 2"), sorted(routing.tiers)
    (2, [1, 2])
    """

    teams: tuple[Team, ...] = attrs.field(converter=_teams)
    default: str | None = attrs.field(default=None, converter=_default)
    rules: tuple[RoutingRule, ...] = attrs.field(default=(), converter=_rules)
    scheme: PriorityScheme | None = attrs.field(default=None, converter=_scope.scheme_or_none)
    _by_name: dict[str, Team] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.teams:
            raise ConfigError("a routing needs at least one team", field="teams")
        by_name: dict[str, Team] = {}
        for index, team in enumerate(self.teams):
            if team.name in by_name:
                raise ConfigError(f"team {team.name!r} is listed twice", field=f"teams[{index}]")
            by_name[team.name] = team
        object.__setattr__(self, "_by_name", by_name)
        if not self.default:
            raise ConfigError("a routing needs a default team for new tickets", field="default")
        self._known(self.default, "default")
        tiers = {team.tier for team in self.teams}
        names = {rule.name for rule in self.rules}
        if len(names) != len(self.rules):
            raise ConfigError("rule names repeat", field="rules")
        for index, rule in enumerate(self.rules):
            field = f"rules[{index}]"
            self._known(rule.team, f"{field}.team")
            for name in sorted(rule.from_teams or ()):
                self._known(name, f"{field}.from_teams")
            unknown = sorted((rule.from_tiers or frozenset()) - tiers)
            if unknown:
                raise ConfigError(
                    f"no team is at tier {unknown[0]}; tiers: {_words(tiers)}",
                    field=f"{field}.from_tiers",
                )
            _scope.check_priorities(self.scheme, rule.priorities, f"{field}.priorities")

    def _known(self, name: str, field: str) -> None:
        if name not in self._by_name:
            raise ConfigError(
                f"unknown team {name!r}; teams: {', '.join(self._by_name)}", field=field
            )

    @property
    def team_names(self) -> tuple[str, ...]:
        """The teams' names, in the order given."""
        return tuple(self._by_name)

    @property
    def tiers(self) -> frozenset[int]:
        """The tiers the teams are at."""
        return frozenset(team.tier for team in self.teams)

    def team(self, name: str) -> Team:
        """Return the team of that name.

        Raises:
            KeyError: no team has that name.
        """
        team = self._by_name.get(name)
        if team is None:
            raise KeyError(f"unknown team {name!r}; teams: {', '.join(self._by_name)}")
        return team

    def tier_of(self, name: str) -> int | None:
        """Return a team's tier, or ``None`` for an unknown team."""
        team = self._by_name.get(name)
        return None if team is None else team.tier

    def route(self, state: TicketState, *, kind: str | None = None) -> Route:
        """Say where a ticket goes: the first matching rule's team, else default or stay.

        Args:
            state: The ticket, as a workflow replay returned it.
            kind: What the request is about (``"broken"``, ``"change"``...);
                defaults to the ticket's ``kind`` attribute.

        Returns:
            The :class:`Route`, with the rule that matched and the engineer preferred.

        Raises:
            ConfigError: ``state`` is not a :class:`~servicedesk_core.TicketState`, or
                ``kind`` is not text.
            EventLogError: the ticket is held by a team the routing does not know
                (its log was replayed without ``routing=``).

        >>> import datetime as dt
        >>> from servicedesk_core.escalation import DEFAULT_WORKFLOW
        >>> from servicedesk_core.events import Assigned, Created
        >>> routing = Routing(
        ...     teams=[Team(name="Customer Care", reference="CASE-{n}", members=["ann"]),
        ...            Team(name="Technical Support", tier=2, reference="TSUP-{n}")],
        ...     default="Customer Care",
        ...     rules=[RoutingRule(name="broken things", team="Technical Support",
        ...                        kinds=["broken"], from_teams=["Customer Care"])],
        ... )
        >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> new = DEFAULT_WORKFLOW.replay([Created(at=at, priority="High")])
        >>> routing.route(new).reason
        'no rule matched: the default team for new tickets'
        >>> held = DEFAULT_WORKFLOW.replay([Created(at=at, priority="High"),
        ...     Assigned(at=at, team="Customer Care", assignee="ann")])
        >>> route = routing.route(held, kind="broken")
        >>> route.team, route.reason, route.escalated
        ('Technical Support', "rule 'broken things' (kind in [broken] and held by [Customer Care])", True)
        """  # noqa: E501
        state = convert.instance(TicketState, state, "state")
        if state.team and state.team not in self._by_name:
            raise EventLogError(
                f"the ticket is held by team {convert.brief(state.team)}, which is not one of "
                f"the routing's ({', '.join(self._by_name)}); replay its log with routing= to "
                "find the event"
            )
        asked = convert.text(kind, "kind") if kind is not None else state.attribute("kind") or ""
        asked = asked.strip().casefold()
        current_tier = state.tier if state.tier is not None else self.tier_of(state.team)
        for rule in self.rules:
            if rule.matches(state, asked, current_tier):
                return self._route(
                    state,
                    current_tier,
                    rule.team,
                    rule.name,
                    f"rule {rule.name!r} ({rule.describe()})",
                )
        if state.team:
            return self._route(state, current_tier, state.team, None, "no rule matched: stays")
        assert self.default is not None
        return self._route(
            state,
            current_tier,
            self.default,
            None,
            "no rule matched: the default team for new tickets",
        )

    def _route(
        self, state: TicketState, current_tier: int | None, name: str, rule: str | None, reason: str
    ) -> Route:
        team = self._by_name[name]
        assignee, why = _engineer_for(state, team)
        escalated = bool(state.team) and current_tier is not None and team.tier > current_tier
        return Route(
            team=team.name,
            tier=team.tier,
            rule=rule,
            reason=reason,
            assignee=assignee,
            assignee_reason=why,
            escalated=escalated,
        )


def _engineer_for(state: TicketState, team: Team) -> tuple[str, str]:
    """Same engineer where possible: the last holder if on the team."""
    if team.name == state.team and state.assignee:
        return state.assignee, f"{state.assignee} keeps the ticket"
    last = state.last_engineer
    if not last:
        return "", "no engineer has held the ticket yet"
    if last in team.members:
        return last, f"{last} held the ticket before and is on {team.name}"
    return "", f"{last} held the ticket before but is not on {team.name}"
