"""Actions, resources, rules and the decisions they produce."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from servicedesk_core._time import to_us
from servicedesk_core.authz._money import to_optional_money
from servicedesk_core.errors import ConfigError
from servicedesk_core.priority import PriorityLevel

__all__ = [
    "Action",
    "Decision",
    "Effect",
    "Outcome",
    "PrincipalKind",
    "Reason",
    "Rule",
    "Scope",
    "Ticket",
]


class Action(enum.StrEnum):
    """What a principal asks to do."""

    VIEW_TICKET = "view_ticket"
    """See one ticket; the resource is a :class:`Ticket`."""
    VIEW_COMPANY_TICKETS = "view_company_tickets"
    """See all tickets of the account; the resource is the ``Account``."""
    SUBMIT_REQUEST = "submit_request"
    """Open a support request; the resource is the :class:`Ticket` to open."""
    SUBMIT_CHANGE = "submit_change"
    """Request a change (a move, add or change); the resource is the :class:`Ticket`."""
    APPROVE_CHARGE = "approve_charge"
    """Approve (or decline) billable work on a :class:`Ticket`."""
    MANAGE_USERS = "manage_users"
    """Grant or remove portal access; the resource is the ``Account``."""
    CHANGE_VISIBILITY = "change_visibility"
    """Set which roles see all company tickets; the resource is the ``Account``."""
    MANAGE_PERMISSIONS = "manage_permissions"
    """Give contacts roles such as change requester; the resource is the ``Account``."""
    MANAGE_BILLING_PERMISSIONS = "manage_billing_permissions"
    """Decide who is billing contact or backup approver; the resource is the ``Account``."""

    @property
    def is_on_ticket(self) -> bool:
        """Whether the action's resource is a :class:`Ticket` (else the ``Account``)."""
        return self in _TICKET_ACTIONS

    @property
    def is_submission(self) -> bool:
        """Whether the action opens new work."""
        return self in (Action.SUBMIT_REQUEST, Action.SUBMIT_CHANGE)


_TICKET_ACTIONS = frozenset(
    {Action.VIEW_TICKET, Action.SUBMIT_REQUEST, Action.SUBMIT_CHANGE, Action.APPROVE_CHARGE}
)


class Outcome(enum.StrEnum):
    """The four answers a decision can give, from least to most permissive."""

    DENY = "deny"
    NEEDS_VERIFICATION = "needs_verification"
    """An unknown or unverified requester; call back the number on file first."""
    NEEDS_APPROVAL = "needs_approval"
    """Allowed once a contact holding one of the approver roles approves."""
    ALLOW = "allow"

    @property
    def rank(self) -> int:
        """0 for deny up to 3 for allow; used to state monotonicity.

        >>> Outcome.NEEDS_APPROVAL.rank > Outcome.DENY.rank
        True
        """
        return _RANKS[self]


_RANKS = {
    Outcome.DENY: 0,
    Outcome.NEEDS_VERIFICATION: 1,
    Outcome.NEEDS_APPROVAL: 2,
    Outcome.ALLOW: 3,
}


class Effect(enum.StrEnum):
    """What a matching rule does."""

    ALLOW = "allow"
    DENY = "deny"


class PrincipalKind(enum.StrEnum):
    """Which kind of principal a rule is about."""

    CONTACT = "contact"
    STAFF = "staff"


class Scope(enum.StrEnum):
    """Which resources of the principal's account a rule covers."""

    OWN = "own"
    """Only tickets the contact requested."""
    ACCOUNT = "account"
    """Every resource of the account (for staff, of the accounts they serve)."""


@attrs.frozen
class Reason:
    """A stable machine-readable ``code`` and a human ``message``."""

    code: str
    message: str


def _aware_or_none(_instance: object, _attr: object, value: dt.datetime | None) -> None:
    if value is not None:
        to_us(value)


def _estimate(value: object) -> Decimal | None:
    return to_optional_money(value, field="estimate")


@attrs.frozen(kw_only=True)
class Ticket:
    """A request of a customer account, as far as authorization needs to know it.

    Args:
        id: The host's ticket id.
        account: Id of the account the ticket belongs to.
        requester: Id of the contact who asked for it.
        work: Catalogue id of the kind of work (``None``: a plain support request).
        priority: The ticket's priority, for the after-hours rule.
        estimate: Expected cost as ``Decimal`` (wins over the catalogue price).
        requested_at: When it was requested, for the after-hours rule
            (``None``: the decision's instant).

    >>> Ticket(id="T-1", account="acme", requester="alice", estimate=99.5)
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: estimate: float 99.5 is not exact money; ...
    """

    id: str
    account: str
    requester: str
    work: str | None = None
    priority: PriorityLevel | None = None
    estimate: Decimal | None = attrs.field(converter=_estimate, default=None)
    requested_at: dt.datetime | None = attrs.field(validator=_aware_or_none, default=None)

    def __attrs_post_init__(self) -> None:
        if not self.account:
            raise ConfigError("a ticket belongs to an account", field="account")


def _actions(values: Iterable[Action | str]) -> frozenset[Action]:
    if isinstance(values, str):
        values = [values]
    actions: set[Action] = set()
    for value in values:
        try:
            actions.add(Action(value))
        except ValueError:
            known = ", ".join(action.value for action in Action)
            raise ConfigError(
                f"unknown action {value!r}; known: {known}", field="actions"
            ) from None
    return frozenset(actions)


def _names(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        raise ConfigError(f"expected a collection of role names, got the string {values!r}")
    return frozenset(str(value) for value in values)


def _up_to(value: object) -> Decimal | None:
    return to_optional_money(value, field="up_to")


@attrs.frozen(kw_only=True)
class Rule:
    """One line of a policy: who may (or may not) do what.

    An allow rule matches a principal of kind ``principal`` that holds any of
    ``roles`` (empty: any principal of that kind). A deny rule matches unless
    the principal holds one of ``unless_roles``; deny rules cannot be keyed on
    holding a role, so that gaining a role never takes an allow away. A deny
    that matches beats every allow.

    Args:
        id: Unique within the policy; decisions cite it.
        effect: Allow or deny.
        actions: The actions covered.
        principal: Contacts or staff.
        roles: Allow rules: any of these roles (empty: anyone of the kind).
        unless_roles: Deny rules: holders of any of these roles are exempt.
        scope: ``OWN`` (the contact's own tickets) or ``ACCOUNT``.
        feature: The rule applies only on accounts with this feature enabled.
        up_to: Approval rules only: the highest amount (inclusive) the rule
            approves; work of unknown cost is then not covered.
        check_in: Allow rules: the request is accepted but an approver of the
            account is asked first ("we'll check in with you first").
        description: Human sentence quoted in decisions.

    >>> Rule(id="r", effect=Effect.DENY, actions={"approve_charge"}, roles={"user"})
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: rules[r].roles: deny rules name exempt roles with ...
    """

    id: str
    effect: Effect = attrs.field(converter=Effect)
    actions: frozenset[Action] = attrs.field(converter=_actions)
    principal: PrincipalKind = attrs.field(converter=PrincipalKind, default=PrincipalKind.CONTACT)
    roles: frozenset[str] = attrs.field(converter=_names, factory=frozenset)
    unless_roles: frozenset[str] = attrs.field(converter=_names, factory=frozenset)
    scope: Scope = attrs.field(converter=Scope, default=Scope.ACCOUNT)
    feature: str | None = None
    up_to: Decimal | None = attrs.field(converter=_up_to, default=None)
    check_in: bool = False
    description: str = ""

    def __attrs_post_init__(self) -> None:
        field = f"rules[{self.id}]"
        if not self.id:
            raise ConfigError("a rule needs an id", field="rules")
        if not self.actions:
            raise ConfigError("a rule covers at least one action", field=f"{field}.actions")
        if self.effect is Effect.DENY:
            if self.roles:
                raise ConfigError(
                    "deny rules name exempt roles with unless_roles, not roles",
                    field=f"{field}.roles",
                )
            if self.check_in or self.up_to is not None:
                raise ConfigError("check_in and up_to belong to allow rules", field=field)
        elif self.unless_roles:
            raise ConfigError("unless_roles belongs to deny rules", field=f"{field}.unless_roles")
        if self.up_to is not None and self.actions != {Action.APPROVE_CHARGE}:
            raise ConfigError(
                "up_to limits approvals: the rule must cover approve_charge only",
                field=f"{field}.up_to",
            )
        if self.principal is PrincipalKind.STAFF:
            if self.scope is Scope.OWN:
                raise ConfigError("staff request no tickets: scope own", field=f"{field}.scope")
            if self.effect is Effect.ALLOW and Action.APPROVE_CHARGE in self.actions:
                raise ConfigError(
                    "only the client's listed approvers approve charges, never staff",
                    field=f"{field}.actions",
                )
        if self.effect is Effect.ALLOW and Action.APPROVE_CHARGE in self.actions and not self.roles:
            raise ConfigError(
                "an approval rule must list the approver roles", field=f"{field}.roles"
            )

    def covers_amount(self, amount: Decimal | None) -> bool:
        """Return whether ``amount`` is within ``up_to`` (inclusive; unknown is not).

        >>> from decimal import Decimal
        >>> rule = Rule(id="a", effect="allow", actions={"approve_charge"},
        ...             roles={"backup_approver"}, up_to=Decimal("500"))
        >>> rule.covers_amount(Decimal("500.00")), rule.covers_amount(Decimal("500.01"))
        (True, False)
        """
        if self.up_to is None:
            return True
        return amount is not None and amount <= self.up_to


@attrs.frozen(kw_only=True)
class Decision:
    """The answer to "may this principal do this action on this resource now?".

    Fields:

    - ``outcome``: Allow, deny, needs approval or needs verification.
    - ``action``: The action asked about.
    - ``principal``: Who asked (``"contact acme/alice"``, ``"staff tess"``, ...).
    - ``account``: Id of the account owning the resource.
    - ``rules``: Ids of the rules that decided: the allow rules behind an allow or a
      needs-approval, the deny rules behind a deny (empty for a deny by default or by a
      built-in check).
    - ``reasons``: Why, most important first; every non-allow has at least one.
    - ``approvers``: For needs-approval: the roles that may approve.
    - ``amount``: For billable work: the estimate or price, if known.
    - ``currency``: The currency of ``amount``.
    - ``delegations``: Delegators whose roles the principal used.
    """

    outcome: Outcome
    action: Action
    principal: str
    account: str
    rules: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    approvers: frozenset[str] = frozenset()
    amount: Decimal | None = None
    currency: str | None = None
    delegations: tuple[str, ...] = ()

    @property
    def is_allowed(self) -> bool:
        """Whether the action may go ahead now."""
        return self.outcome is Outcome.ALLOW

    @property
    def is_denied(self) -> bool:
        """Whether the action is refused."""
        return self.outcome is Outcome.DENY

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order."""
        return tuple(reason.code for reason in self.reasons)

    @property
    def message(self) -> str:
        """One human sentence with the outcome, who, what and why."""
        why = "; ".join(reason.message for reason in self.reasons)
        text = f"{self.outcome.value}: {self.principal} {self.action.value} on {self.account}"
        return f"{text}: {why}" if why else text
