"""The policy: rules, catalogue, accounts and staff, and the pure ``decide`` function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import assert_never

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.authz.catalogue import Charge, WorkCatalogue
from servicedesk_core.authz.decisions import (
    Action,
    Decision,
    Effect,
    Outcome,
    PrincipalKind,
    Rule,
    Scope,
    Ticket,
    reason,
)
from servicedesk_core.authz.parties import (
    Account,
    Contact,
    ContactRole,
    Principal,
    Staff,
    StaffRole,
    UnknownRequester,
    _calendar,
    _names,
)
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError, NotAuthorizedError

__all__ = ["AuthzPolicy"]

Resource = Ticket | Account


def _rules(values: Iterable[Rule]) -> tuple[Rule, ...]:
    return convert.instances(values, "rules", Rule)


def _catalogue(value: WorkCatalogue) -> WorkCatalogue:
    return convert.instance(WorkCatalogue, value, "catalogue")


def _accounts(values: Iterable[Account]) -> tuple[Account, ...]:
    listed = convert.instances(values, "accounts", Account)
    return tuple(sorted(listed, key=lambda account: account.id))


def _staff(values: Iterable[Staff]) -> tuple[Staff, ...]:
    listed = convert.instances(values, "staff", Staff)
    return tuple(sorted(listed, key=lambda staff: staff.id))


def _contact_roles(values: Iterable[str]) -> frozenset[str]:
    return _names(values, "contact_roles")


def _staff_roles(values: Iterable[str]) -> frozenset[str]:
    return _names(values, "staff_roles")


def _features(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else _names(values, "features")


@attrs.frozen(kw_only=True)
class _Grant:
    """A role the principal holds now, and whose it is (own, or a delegator's)."""

    role: str
    source: str
    delegated: bool


@attrs.frozen(kw_only=True)
class AuthzPolicy:
    """Who may request, approve and see what: a pure, explainable decision function.

    Args:
        rules: Allow and deny rules with unique ids. No rule, no access.
        catalogue: The work catalogue and the after-hours billing rule.
        accounts: The customer accounts, each with its contact list.
        staff: Provider-side principals.
        calendar: Business hours for accounts without their own calendar.
        contact_roles: Every role a contact or rule may name.
        staff_roles: Every role a staff member or staff rule may name.
        features: Every feature a rule or account may name (``None``: not checked).
            Declaring them turns a misspelt feature into a ``ConfigError`` instead
            of a rule that silently never applies.

    Raises:
        ConfigError: Unknown roles (or undeclared features), duplicate rule,
            account or staff ids, or an account without any calendar.

    >>> from datetime import datetime, timezone
    >>> from servicedesk_core import BusinessCalendar
    >>> acme = Account(id="acme", contacts=[
    ...     Contact(id="alice", account="acme", roles={"billing_contact"}),
    ...     Contact(id="erin", account="acme", roles={"user"}),
    ... ])
    >>> policy = AuthzPolicy(
    ...     rules=[Rule(id="approvers", effect="allow", actions={"approve_charge"},
    ...                 roles={"billing_contact"})],
    ...     accounts=[acme],
    ...     calendar=BusinessCalendar.always_open(),
    ... )
    >>> at = datetime(2026, 3, 10, 15, tzinfo=timezone.utc)
    >>> ivr = Ticket(id="T-1", account="acme", requester="erin", work="custom_ivr")
    >>> policy.decide(acme.contact("alice"), Action.APPROVE_CHARGE, ivr, at).rules
    ('approvers',)
    >>> policy.decide(acme.contact("erin"), Action.APPROVE_CHARGE, ivr, at).codes
    frozenset({'approval.own_request'})
    >>> policy.approver_roles
    frozenset({'billing_contact'})
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    catalogue: WorkCatalogue = attrs.field(factory=WorkCatalogue, converter=_catalogue)
    accounts: tuple[Account, ...] = attrs.field(converter=_accounts, factory=tuple)
    staff: tuple[Staff, ...] = attrs.field(converter=_staff, factory=tuple)
    calendar: Calendar | None = attrs.field(converter=_calendar, default=None)
    contact_roles: frozenset[str] = attrs.field(
        converter=_contact_roles, default=frozenset(ContactRole)
    )
    staff_roles: frozenset[str] = attrs.field(converter=_staff_roles, default=frozenset(StaffRole))
    features: frozenset[str] | None = attrs.field(converter=_features, default=None)

    def __attrs_post_init__(self) -> None:
        clash = self.contact_roles & self.staff_roles
        if clash:
            raise ConfigError(f"roles {sorted(clash)} are both contact and staff roles")
        ids: set[str] = set()
        for rule in self.rules:
            if rule.id in ids:
                raise ConfigError("duplicate rule id", field=f"rules[{rule.id}]")
            ids.add(rule.id)
            known = (
                self.contact_roles if rule.principal is PrincipalKind.CONTACT else self.staff_roles
            )
            unknown = (rule.roles | rule.unless_roles) - known
            if unknown:
                raise ConfigError(
                    f"unknown {rule.principal.value} roles {sorted(unknown)}",
                    field=f"rules[{rule.id}].roles",
                )
            if self.features is not None and rule.feature not in (None, *self.features):
                raise ConfigError(
                    f"unknown feature {rule.feature!r}; declared: {sorted(self.features)}",
                    field=f"rules[{rule.id}].feature",
                )
        self._check_accounts()
        seen: set[str] = set()
        for member in self.staff:
            if member.id in seen:
                raise ConfigError("duplicate staff id", field=f"staff[{member.id}]")
            seen.add(member.id)
            unknown = member.roles - self.staff_roles
            if unknown:
                raise ConfigError(
                    f"unknown staff roles {sorted(unknown)}", field=f"staff[{member.id}].roles"
                )

    def _check_accounts(self) -> None:
        seen: set[str] = set()
        for account in self.accounts:
            field = f"accounts[{account.id}]"
            if account.id in seen:
                raise ConfigError("duplicate account id", field=field)
            seen.add(account.id)
            if self.features is not None and not account.features <= self.features:
                extra = sorted(account.features - self.features)
                raise ConfigError(f"unknown features {extra}", field=f"{field}.features")
            if account.calendar is None and self.calendar is None:
                raise ConfigError(
                    "no calendar to decide what is after hours (set the account's or the "
                    "policy's calendar)",
                    field=f"{field}.calendar",
                )
            for contact in account.contacts:
                unknown = contact.roles - self.contact_roles
                if unknown:
                    raise ConfigError(
                        f"unknown contact roles {sorted(unknown)}",
                        field=f"{field}.contacts[{contact.id}].roles",
                    )
            if account.company_visibility is not None:
                unknown = account.company_visibility - self.contact_roles
                if unknown:
                    raise ConfigError(
                        f"unknown contact roles {sorted(unknown)}",
                        field=f"{field}.company_visibility",
                    )

    # -- lookups and copies ---------------------------------------------------------------

    def account(self, account_id: str) -> Account | None:
        """Return the account with ``account_id``, or ``None``."""
        return next((a for a in self.accounts if a.id == account_id), None)

    def with_account(self, account: Account) -> AuthzPolicy:
        """Return a copy with ``account`` added, or replacing the account with its id."""
        others = [a for a in self.accounts if a.id != account.id]
        return attrs.evolve(self, accounts=[*others, account])

    def with_rules(self, rules: Iterable[Rule]) -> AuthzPolicy:
        """Return a copy with exactly ``rules``."""
        return attrs.evolve(self, rules=rules)

    def calendar_for(self, account: Account) -> Calendar:
        """Return the calendar that decides what is after hours for ``account``.

        The account's own calendar if it has one, else the policy's.
        """
        calendar = account.calendar if account.calendar is not None else self.calendar
        assert calendar is not None  # checked at construction
        return calendar

    @property
    def approver_roles(self) -> frozenset[str]:
        """Every role some rule lets approve charges (on some account)."""
        return frozenset(
            role
            for rule in self.rules
            if rule.effect is Effect.ALLOW and Action.APPROVE_CHARGE in rule.actions
            for role in rule.roles
        )

    # -- decisions ------------------------------------------------------------------------

    def charge(self, ticket: Ticket, at: dt.datetime) -> Charge:
        """Return whether ``ticket`` is billable for its account, and for how much.

        The after-hours rule looks at ``ticket.requested_at``, or at ``at``.

        Raises:
            KeyError: The ticket's account is not in the policy.
            NaiveDatetimeError: ``at`` has no timezone.

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import BusinessCalendar, WeeklyHours
        >>> hours = BusinessCalendar(timezone="UTC", hours=WeeklyHours.parse("Mon-Fri 09:00-17:00"))
        >>> policy = AuthzPolicy(rules=[], accounts=[Account(id="acme", calendar=hours)])
        >>> late = Ticket(id="T-1", account="acme", requester="erin",
        ...               requested_at=datetime(2026, 3, 10, 20, tzinfo=timezone.utc))
        >>> policy.charge(late, datetime(2026, 3, 11, 10, tzinfo=timezone.utc)).codes
        frozenset({'billing.after_hours'})
        """
        account = self.account(ticket.account)
        if account is None:
            raise KeyError(f"no account {ticket.account!r}")
        return self.catalogue.charge(
            ticket.work,
            at=ticket.requested_at if ticket.requested_at is not None else at,
            calendar=self.calendar_for(account),
            priority=ticket.priority,
            estimate=ticket.estimate,
            needed_on=ticket.needed_on,
        )

    def decide(
        self, principal: Principal, action: Action, resource: Resource, at: dt.datetime
    ) -> Decision:
        """Decide whether ``principal`` may do ``action`` on ``resource`` at ``at``.

        Never raises for an unauthorised request, whatever the values of the
        principal's, the ticket's or the account's fields: the answer is a
        :class:`Decision` (allow, deny, needs approval, needs verification)
        with the rules that matched and reason codes. Default deny; a
        principal or resource of a type the policy does not know is denied
        too (``principal.unsupported``, ``resource.unsupported``). A denial
        names the roles that could do it or approve it instead (``approvers``).

        Raises:
            NaiveDatetimeError: ``at`` has no timezone (a programming error).
            TypeError: ``at`` is not a datetime.
            ValueError: ``action`` is not an :class:`Action` or its value (a
                :class:`~servicedesk_core.ConfigError`).

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import BusinessCalendar
        >>> alice = Contact(id="alice", account="acme", roles={"user"})
        >>> policy = AuthzPolicy(rules=[], accounts=[Account(id="acme", contacts=[alice])],
        ...                      calendar=BusinessCalendar.always_open())
        >>> at = datetime(2026, 3, 10, 15, tzinfo=timezone.utc)
        >>> decision = policy.decide(alice, Action.MANAGE_USERS, Account(id="acme"), at)
        >>> decision.outcome, decision.codes
        (<Outcome.DENY: 'deny'>, frozenset({'rule.none'}))
        >>> policy.decide(alice, Action.VIEW_TICKET, Ticket(id="G-1", account="globex",
        ...                                                 requester="x"), at).codes
        frozenset({'account.unknown'})
        """
        to_us(at)
        action = convert.enum_member(Action, action, "action")
        given: object = resource  # typed for users, judged all the same
        someone: object = principal
        account_id = (
            given.id
            if isinstance(given, Account)
            else given.account
            if isinstance(given, Ticket)
            else ""
        )
        who = _describe(principal)

        def deny(code: str, message: str) -> Decision:
            return _deny(action, who, account_id, code, message)

        if not isinstance(given, Ticket | Account):
            return deny("resource.unsupported", f"{convert.describe(given)} is not a resource")
        if not isinstance(someone, Contact | Staff | UnknownRequester):
            return deny(
                "principal.unsupported", f"{who} is not a Contact, Staff or UnknownRequester"
            )
        if action.is_on_ticket != isinstance(resource, Ticket):
            wanted = "a Ticket" if action.is_on_ticket else "an Account"
            return deny("resource.unsupported", f"{action.value} applies to {wanted}")
        account = self.account(account_id)
        if account is None:
            return deny("account.unknown", f"no account {account_id!r} in this policy")

        match principal:
            case UnknownRequester():
                if principal.account != account.id:
                    return deny("account.mismatch", "the resource belongs to another account")
                return self._unknown(action, account, who, "requester.unknown")
            case Contact():
                if principal.account != account.id:
                    return deny("account.mismatch", "the resource belongs to another account")
                if not account.is_listed(principal):
                    return self._unknown(action, account, who, "contact.unlisted")
                grants = [
                    _Grant(role=r, source=principal.id, delegated=False) for r in principal.roles
                ]
                grants += [
                    _Grant(role=role, source=delegator, delegated=True)
                    for role, delegator in account.delegated_roles(principal.id, at)
                ]
                kind = PrincipalKind.CONTACT
                principal_id = principal.id
            case Staff():
                if not principal.serves(account.id):
                    return deny("staff.not_assigned", f"{who} does not serve account {account.id}")
                grants = [
                    _Grant(role=r, source=principal.id, delegated=False) for r in principal.roles
                ]
                kind = PrincipalKind.STAFF
                principal_id = ""
            case _:
                assert_never(principal)

        return self._decide(
            kind=kind,
            principal_id=principal_id,
            grants=grants,
            action=action,
            resource=resource,
            account=account,
            at=at,
            who=who,
            verified=not isinstance(principal, Contact) or principal.verified,
        )

    def _unknown(self, action: Action, account: Account, who: str, code: str) -> Decision:
        if not action.is_submission:
            return Decision(
                outcome=Outcome.DENY,
                action=action,
                principal=who,
                account=account.id,
                reasons=(reason(code, f"{who} is not on the account's contact list"),),
            )
        number = f" {account.callback_number}" if account.callback_number else ""
        return Decision(
            outcome=Outcome.NEEDS_VERIFICATION,
            action=action,
            principal=who,
            account=account.id,
            reasons=(
                reason(
                    code,
                    f"{who} is not on the account's contact list: call back the number on "
                    f"file{number} and check in with the client first",
                ),
            ),
        )

    def _decide(
        self,
        *,
        kind: PrincipalKind,
        principal_id: str,
        grants: list[_Grant],
        action: Action,
        resource: Resource,
        account: Account,
        at: dt.datetime,
        who: str,
        verified: bool,
    ) -> Decision:
        def deny(code: str, message: str, approvers: Iterable[str] = ()) -> Decision:
            return _deny(action, who, account.id, code, message, approvers)

        roles = frozenset(grant.role for grant in grants)
        own_ticket = (
            kind is PrincipalKind.CONTACT
            and isinstance(resource, Ticket)
            and resource.requester == principal_id
        )
        applicable = [
            rule
            for rule in self.rules
            if rule.principal is kind
            and action in rule.actions
            and (rule.feature is None or rule.feature in account.features)
        ]

        # 1. Deny beats allow.
        denials = [rule for rule in applicable if rule.effect is Effect.DENY]
        matched_denials = [rule for rule in denials if not (rule.unless_roles & roles)]
        if matched_denials:
            return Decision(
                outcome=Outcome.DENY,
                action=action,
                principal=who,
                account=account.id,
                rules=tuple(rule.id for rule in matched_denials),
                reasons=tuple(
                    reason("rule.deny", rule.description or f"rule {rule.id} denies {action}")
                    for rule in matched_denials
                ),
                approvers=frozenset().union(*(rule.unless_roles for rule in matched_denials)),
            )
        if (
            kind is PrincipalKind.CONTACT
            and account.company_visibility is not None
            and (
                action is Action.VIEW_COMPANY_TICKETS
                or (action is Action.VIEW_TICKET and not own_ticket)
            )
            and not (account.company_visibility & roles)
        ):
            allowed = ", ".join(sorted(account.company_visibility)) or "nobody"
            return deny(
                "visibility.restricted",
                f"the account's portal admin restricted company tickets to: {allowed}",
                account.company_visibility,
            )

        # 2. Separation of duties: nobody approves their own request, not even by delegation.
        amount: Decimal | None = None
        charge: Charge | None = None
        if isinstance(resource, Ticket) and (
            action is Action.APPROVE_CHARGE or action.is_submission
        ):
            charge = self.charge(resource, at)
            amount = charge.amount
        if action is Action.APPROVE_CHARGE:
            assert isinstance(resource, Ticket)
            if own_ticket:
                return deny(
                    "approval.own_request",
                    "nobody approves their own request",
                    self._approvers(account, amount),
                )
            usable = [grant for grant in grants if grant.source != resource.requester]
            if len(usable) < len(grants):
                with_all = self._allows(applicable, grants, own_ticket, amount)
                if with_all and not self._allows(applicable, usable, own_ticket, amount):
                    return deny(
                        "approval.own_request",
                        f"roles delegated by the requester {resource.requester!r} cannot "
                        "approve the requester's own request",
                        self._approvers(account, amount),
                    )
            grants = usable

        # 3. Allow rules; no rule, no access.
        allows = self._allows(applicable, grants, own_ticket, amount)
        if not allows:
            over = [
                rule
                for rule in self._allows(applicable, grants, own_ticket, None, limits=False)
                if not rule.covers_amount(amount)
            ]
            if over:
                shown = "unknown" if amount is None else f"{amount} {self.catalogue.currency}"
                return deny(
                    "approval.over_limit",
                    f"the amount ({shown}) is above what {who} may approve",
                    self._approvers(account, amount),
                )
            could = (
                self._approvers(account, amount)
                if action is Action.APPROVE_CHARGE
                else {
                    role
                    for rule in applicable
                    if rule.effect is Effect.ALLOW
                    for role in rule.roles
                }
            )
            return deny("rule.none", f"no rule allows {who} to {action.value}", could)
        plain = [rule for rule in allows if not rule.check_in]
        used = plain or allows
        reasons = [
            reason("rule.allow", rule.description or f"rule {rule.id} allows {action}")
            for rule in used
        ]
        delegations = tuple(
            sorted(
                {
                    grant.source
                    for grant in grants
                    if grant.delegated
                    and any((not rule.roles) or grant.role in rule.roles for rule in used)
                }
            )
        )
        outcome = Outcome.ALLOW if plain else Outcome.NEEDS_APPROVAL
        if not plain:
            reasons.insert(
                0,
                reason(
                    "request.check_in",
                    f"{who} is not among the contacts who may request this: "
                    "an approver is asked first",
                ),
            )

        # 4. Billable work pauses for an approval.
        if action.is_submission and charge is not None:
            if charge.billable:
                outcome = Outcome.NEEDS_APPROVAL
            reasons[:0] = charge.reasons
        approvers = (
            self._approvers(account, amount) if outcome is Outcome.NEEDS_APPROVAL else frozenset()
        )

        # 5. Unverified contacts are called back before anything goes ahead.
        if not verified:
            outcome = Outcome.NEEDS_VERIFICATION
            reasons.insert(
                0,
                reason(
                    "requester.unverified",
                    f"{who} is not verified: call back the number on file first",
                ),
            )
        return Decision(
            outcome=outcome,
            action=action,
            principal=who,
            account=account.id,
            rules=tuple(rule.id for rule in used),
            reasons=tuple(reasons),
            approvers=approvers,
            amount=amount if charge is not None and charge.billable else None,
            currency=self.catalogue.currency if charge is not None and charge.billable else None,
            delegations=delegations,
        )

    @staticmethod
    def _allows(
        applicable: list[Rule],
        grants: list[_Grant],
        own_ticket: bool,
        amount: Decimal | None,
        *,
        limits: bool = True,
    ) -> list[Rule]:
        roles = {grant.role for grant in grants}
        return [
            rule
            for rule in applicable
            if rule.effect is Effect.ALLOW
            and (not rule.roles or rule.roles & roles)
            and (rule.scope is Scope.ACCOUNT or own_ticket)
            and (not limits or rule.covers_amount(amount))
        ]

    def _approvers(self, account: Account, amount: Decimal | None) -> frozenset[str]:
        return frozenset(
            role
            for rule in self.rules
            if rule.effect is Effect.ALLOW
            and rule.principal is PrincipalKind.CONTACT
            and Action.APPROVE_CHARGE in rule.actions
            and (rule.feature is None or rule.feature in account.features)
            and rule.covers_amount(amount)
            for role in rule.roles
        )

    def require(
        self, principal: Principal, action: Action, resource: Resource, at: dt.datetime
    ) -> Decision:
        """Return the decision if it is an allow; raise otherwise.

        Raises:
            NotAuthorizedError: The decision is not an allow; it is attached as
                ``error.decision``.

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import BusinessCalendar
        >>> alice = Contact(id="alice", account="acme", roles={"user"})
        >>> policy = AuthzPolicy(rules=[], accounts=[Account(id="acme", contacts=[alice])],
        ...                      calendar=BusinessCalendar.always_open())
        >>> policy.require(alice, Action.MANAGE_USERS, Account(id="acme"),
        ...                datetime(2026, 3, 10, 15, tzinfo=timezone.utc))
        Traceback (most recent call last):
        ...
        servicedesk_core.errors.NotAuthorizedError: deny: contact acme/alice manage_users ...
        """
        decision = self.decide(principal, action, resource, at)
        if not decision.is_allowed:
            raise NotAuthorizedError(decision)
        return decision

    def visible_tickets(
        self,
        principal: Principal,
        tickets: Iterable[Ticket],
        at: dt.datetime,
        *,
        mine_only: bool = False,
    ) -> tuple[Ticket, ...]:
        """Return the tickets ``principal`` may see, in the given order.

        ``mine_only`` is the portal's "view just your tickets" switch: it keeps
        only tickets the principal requested.

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import BusinessCalendar
        >>> erin = Contact(id="erin", account="acme", roles={"user"})
        >>> policy = AuthzPolicy(
        ...     rules=[Rule(id="own", effect="allow", actions={"view_ticket"}, scope="own")],
        ...     accounts=[Account(id="acme", contacts=[erin])],
        ...     calendar=BusinessCalendar.always_open(),
        ... )
        >>> tickets = [Ticket(id=f"T-{n}", account="acme", requester=who)
        ...            for n, who in enumerate(["erin", "carol", "erin"])]
        >>> [t.id for t in policy.visible_tickets(erin, tickets,
        ...                                       datetime(2026, 3, 10, tzinfo=timezone.utc))]
        ['T-0', 'T-2']
        """
        principal_id = principal.id if isinstance(principal, Contact) else None
        # Viewing depends on the ticket only through its account and whether the
        # principal requested it: decide once per such class.
        seen: dict[tuple[str, bool], bool] = {}
        visible: list[Ticket] = []
        for ticket in tickets:
            own = ticket.requester == principal_id
            if mine_only and not own:
                continue
            key = (ticket.account, own)
            if key not in seen:
                seen[key] = self.decide(principal, Action.VIEW_TICKET, ticket, at).is_allowed
            if seen[key]:
                visible.append(ticket)
        return tuple(visible)


def _deny(
    action: Action,
    who: str,
    account: str,
    code: str,
    message: str,
    approvers: Iterable[str] = (),
) -> Decision:
    return Decision(
        outcome=Outcome.DENY,
        action=action,
        principal=who,
        account=account,
        reasons=(reason(code, message),),
        approvers=approvers,
    )


def _describe(principal: Principal) -> str:
    given: object = principal  # judged, not trusted
    match given:
        case Contact():
            return f"contact {given.account}/{given.id}"
        case Staff():
            return f"staff {given.id}"
        case UnknownRequester():
            name = f" {given.name!r}" if given.name else ""
            return f"unknown requester{name} for {given.account}"
        case _:
            return convert.describe(given)
