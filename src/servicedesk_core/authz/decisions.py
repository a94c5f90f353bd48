"""Actions, resources, rules and the decisions they produce."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.authz._money import to_optional_money
from servicedesk_core.errors import ConfigError
from servicedesk_core.priority import PriorityLevel
from servicedesk_core.report import CodeBook, Issue, IssueCode, Report, Severity

__all__ = [
    "AUTHZ_CODES",
    "Action",
    "Decision",
    "Effect",
    "Outcome",
    "PrincipalKind",
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


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

AUTHZ_CODES = CodeBook(
    [
        IssueCode("account.unknown", _E, "The resource's account is not in the policy."),
        IssueCode("account.mismatch", _E, "The resource belongs to another account."),
        IssueCode("resource.unsupported", _E, "The action does not apply to this resource."),
        IssueCode("principal.unsupported", _E, "Not a Contact, Staff or UnknownRequester."),
        IssueCode("staff.not_assigned", _E, "The staff member does not serve the account."),
        IssueCode("rule.deny", _E, "A deny rule matched."),
        IssueCode("rule.none", _E, "No rule allows it (default deny)."),
        IssueCode("visibility.restricted", _E, "The portal admin restricted company tickets."),
        IssueCode("approval.own_request", _E, "Nobody approves their own request."),
        IssueCode("approval.over_limit", _E, "The amount is above what the approver may approve."),
        IssueCode("requester.unknown", _W, "Not on the contact list: call back first."),
        IssueCode("contact.unlisted", _W, "Not exactly as the account lists the contact."),
        IssueCode("requester.unverified", _W, "An unverified contact: call back first."),
        IssueCode("request.check_in", _W, "Accepted, but an approver is asked first."),
        IssueCode("billing.billable_work", _W, "The kind of work is billable."),
        IssueCode("billing.uncatalogued", _W, "Not in the catalogue: nothing unknown is free."),
        IssueCode("billing.after_hours", _W, "Requested after hours."),
        IssueCode("billing.short_notice", _W, "Requested with less notice than its rule asks."),
        IssueCode("billing.notice_unknown", _W, "The work needs notice but has no needed date."),
        IssueCode("billing.priority_unknown", _W, "A priority the catalogue's scheme lacks."),
        IssueCode("billing.included", _I, "Included in the plan."),
        IssueCode("billing.critical_after_hours", _I, "After hours, but the priority is exempt."),
        IssueCode("rule.allow", _I, "An allow rule matched."),
    ]
)
"""Every reason code a :class:`Decision` or a :class:`~servicedesk_core.Charge` may carry.

Errors explain a denial, warnings what an approval or a call back waits for,
infos why something is allowed or included.
"""


def reason(code: str, message: str) -> Issue:
    """A decision's reason: an :class:`~servicedesk_core.Issue` of :data:`AUTHZ_CODES`."""
    return AUTHZ_CODES.issue(code, "", message)


def _text(value: object, field: str) -> str:
    return str(convert.text(value, field, allow_empty=False, max_length=200))


def _ticket_id(value: str) -> str:
    return _text(value, "id")


def _account(value: str) -> str:
    return _text(value, "account")


def _requester(value: str) -> str:
    return _text(value, "requester")


def _work(value: str | None) -> str | None:
    return None if value is None else _text(value, "work")


def _priority(value: PriorityLevel | str | None) -> PriorityLevel | str | None:
    if value is None or isinstance(value, PriorityLevel):
        return value
    return _text(value, "priority").strip()


def _estimate(value: Decimal | int | str | None) -> Decimal | None:
    return to_optional_money(value, field="estimate")


def _requested_at(value: dt.datetime | str | None) -> dt.datetime | None:
    return None if value is None else convert.aware_datetime(value, "requested_at")


def _needed_on(value: dt.date | str | None) -> dt.date | None:
    return None if value is None else convert.date(value, "needed_on")


@attrs.frozen(kw_only=True)
class Ticket:
    """A request of a customer account, as far as authorization needs to know it.

    Args:
        id: The host's ticket id.
        account: Id of the account the ticket belongs to.
        requester: Id of the contact who asked for it.
        work: Catalogue id of the kind of work (``None``: a plain support request).
        priority: The ticket's priority, for the after-hours rule: a level, or its
            name (resolved against the catalogue's scheme when judged).
        estimate: Expected cost as ``Decimal`` or decimal text (wins over the
            catalogue price).
        requested_at: When it was requested, for the after-hours and notice rules
            (``None``: the decision's instant); ISO text with an offset accepted.
        needed_on: The date the work is needed by (a new hire's first day), for
            work whose kind carries a notice rule; ISO text accepted.

    >>> Ticket(id="T-1", account="acme", requester="alice", estimate=99.5)
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: estimate: float 99.5 is not exact money; ...
    """

    id: str = attrs.field(converter=_ticket_id)
    account: str = attrs.field(converter=_account)
    requester: str = attrs.field(converter=_requester)
    work: str | None = attrs.field(default=None, converter=_work)
    priority: PriorityLevel | str | None = attrs.field(default=None, converter=_priority)
    estimate: Decimal | None = attrs.field(converter=_estimate, default=None)
    requested_at: dt.datetime | None = attrs.field(converter=_requested_at, default=None)
    needed_on: dt.date | None = attrs.field(converter=_needed_on, default=None)


def _actions(values: Action | str | Iterable[Action | str]) -> frozenset[Action]:
    listed = [values] if isinstance(values, str) else values
    return convert.frozenset_of(listed, "actions", _action)


def _action(value: object, _field: str) -> Action:
    return convert.enum_member(Action, value, "actions")  # a set: its field, not a position


def _rule_id(value: str) -> str:
    return _text(value, "id")


def _effect(value: Effect | str) -> Effect:
    return convert.enum_member(Effect, value, "effect")


def _principal(value: PrincipalKind | str) -> PrincipalKind:
    return convert.enum_member(PrincipalKind, value, "principal")


def _scope(value: Scope | str) -> Scope:
    return convert.enum_member(Scope, value, "scope")


def _roles(values: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(values, "roles", _text)


def _unless_roles(values: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(values, "unless_roles", _text)


def _feature(value: str | None) -> str | None:
    return None if value is None else _text(value, "feature")


def _up_to(value: Decimal | int | str | None) -> Decimal | None:
    return to_optional_money(value, field="up_to")


def _check_in(value: bool | str) -> bool:
    return convert.boolean(value, "check_in")


def _description(value: str) -> str:
    return convert.text(value, "description")


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

    id: str = attrs.field(converter=_rule_id)
    effect: Effect = attrs.field(converter=_effect)
    actions: frozenset[Action] = attrs.field(converter=_actions)
    principal: PrincipalKind = attrs.field(converter=_principal, default=PrincipalKind.CONTACT)
    roles: frozenset[str] = attrs.field(converter=_roles, factory=frozenset)
    unless_roles: frozenset[str] = attrs.field(converter=_unless_roles, factory=frozenset)
    scope: Scope = attrs.field(converter=_scope, default=Scope.ACCOUNT)
    feature: str | None = attrs.field(default=None, converter=_feature)
    up_to: Decimal | None = attrs.field(converter=_up_to, default=None)
    check_in: bool = attrs.field(default=False, converter=_check_in)
    description: str = attrs.field(default="", converter=_description)

    def __attrs_post_init__(self) -> None:
        field = f"rules[{self.id}]"
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


def _outcome(value: Outcome | str) -> Outcome:
    return convert.enum_member(Outcome, value, "outcome")


def _decision_action(value: Action | str) -> Action:
    return convert.enum_member(Action, value, "action")


def _who(value: str) -> str:
    return convert.text(value, "principal")


def _decision_account(value: str) -> str:
    return convert.text(value, "account")


def _rule_ids(values: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(values, "rules", convert.text)


def _reasons(values: Iterable[Issue]) -> tuple[Issue, ...]:
    return convert.instances(values, "reasons", Issue)


def _approvers(values: Iterable[str]) -> frozenset[str]:
    return convert.frozenset_of(values, "approvers", _text)


def _amount(value: Decimal | int | str | None) -> Decimal | None:
    return to_optional_money(value, field="amount")


def _currency(value: str | None) -> str | None:
    return None if value is None else convert.text(value, "currency", max_length=10)


def _delegations(values: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(values, "delegations", convert.text)


@attrs.frozen(kw_only=True)
class Decision:
    r"""The answer to "may this principal do this action on this resource now?".

    Fields:

    - ``outcome``: Allow, deny, needs approval or needs verification.
    - ``action``: The action asked about.
    - ``principal``: Who asked (``"contact acme/alice"``, ``"staff tess"``, ...).
    - ``account``: Id of the account owning the resource.
    - ``rules``: Ids of the rules that decided: the allow rules behind an allow or a
      needs-approval, the deny rules behind a deny (empty for a deny by default or by a
      built-in check).
    - ``reasons``: Why, most important first, as issues (:class:`~servicedesk_core.Issue`)
      of :data:`AUTHZ_CODES` (errors explain a denial, warnings what an approval
      waits for, infos why it is allowed); every non-allow has at least one.
    - ``approvers``: For needs-approval: the roles that may approve. For a denial:
      the roles that could do it or approve it instead, so a portal can say whom
      to ask (empty when nobody can).
    - ``amount``: For billable work: the estimate or price, if known.
    - ``currency``: The currency of ``amount``.
    - ``delegations``: Delegators whose roles the principal used.
    """

    outcome: Outcome = attrs.field(converter=_outcome)
    action: Action = attrs.field(converter=_decision_action)
    principal: str = attrs.field(converter=_who)
    account: str = attrs.field(converter=_decision_account)
    rules: tuple[str, ...] = attrs.field(default=(), converter=_rule_ids)
    reasons: tuple[Issue, ...] = attrs.field(default=(), converter=_reasons)
    approvers: frozenset[str] = attrs.field(default=frozenset(), converter=_approvers)
    amount: Decimal | None = attrs.field(default=None, converter=_amount)
    currency: str | None = attrs.field(default=None, converter=_currency)
    delegations: tuple[str, ...] = attrs.field(default=(), converter=_delegations)

    @property
    def is_allowed(self) -> bool:
        """Whether the action may go ahead now."""
        return self.outcome is Outcome.ALLOW

    @property
    def is_denied(self) -> bool:
        """Whether the action is refused."""
        return self.outcome is Outcome.DENY

    @property
    def codes(self) -> frozenset[str]:
        """The distinct reason codes (the same kind of collection as ``Report.codes``)."""
        return frozenset(reason.code for reason in self.reasons)

    @property
    def report(self) -> Report:
        """The reasons as a :class:`~servicedesk_core.Report` (not ok for a denial)."""
        return Report(self.reasons)

    @property
    def message(self) -> str:
        """One human sentence with the outcome, who, what, why and, for a denial, whom to ask."""
        why = "; ".join(reason.message for reason in self.reasons)
        text = f"{self.outcome.value}: {self.principal} {self.action.value} on {self.account}"
        text = f"{text}: {why}" if why else text
        if self.is_denied and self.approvers:
            text += f"; ask: {', '.join(sorted(self.approvers))}"
        return text
