"""A slow, obvious reference for ``AuthzPolicy.decide``, written from the issue's rules.

It answers the outcome, the rules behind it, the deciding reason code and the
approvers, reading the policy as plain data with no shared helpers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from servicedesk_core import (
    Account,
    Action,
    AuthzPolicy,
    Contact,
    Outcome,
    Rule,
    Staff,
    Ticket,
    UnknownRequester,
)

TICKET_ACTIONS = {"view_ticket", "submit_request", "submit_change", "approve_charge"}
SUBMISSIONS = {"submit_request", "submit_change"}


@attrs.frozen
class Answer:
    outcome: Outcome
    code: str
    rules: frozenset[str] = frozenset()
    approvers: frozenset[str] = frozenset()


def billable_and_amount(
    policy: AuthzPolicy, account: Account, ticket: Ticket, at: dt.datetime
) -> tuple[bool, Decimal | None]:
    catalogue = policy.catalogue
    kinds = {kind.id: kind for kind in catalogue.kinds}
    calendar = account.calendar or policy.calendar
    assert calendar is not None
    when = ticket.requested_at or at
    billable = False
    amount = ticket.estimate
    if ticket.work is not None and ticket.work not in kinds:
        billable = True
    elif ticket.work is not None and kinds[ticket.work].billable:
        billable = True
        if amount is None:
            amount = kinds[ticket.work].price
    after_hours = not calendar.is_open(when)
    exempt = ticket.priority is not None and ticket.priority in catalogue.after_hours_exempt
    if after_hours and not exempt and catalogue.after_hours_billable:
        billable = True
    return billable, amount


def oracle(
    policy: AuthzPolicy, principal: object, action: Action, resource: object, at: dt.datetime
) -> Answer:
    act = str(action)
    on_ticket = isinstance(resource, Ticket)
    if (act in TICKET_ACTIONS) != on_ticket:
        return Answer(Outcome.DENY, "resource.unsupported")
    assert isinstance(resource, Ticket | Account)
    account_id = resource.account if isinstance(resource, Ticket) else resource.id
    accounts = {account.id: account for account in policy.accounts}
    if account_id not in accounts:
        return Answer(Outcome.DENY, "account.unknown")
    account = accounts[account_id]

    if isinstance(principal, UnknownRequester | Contact):
        if principal.account != account_id:
            return Answer(Outcome.DENY, "account.mismatch")
        listed = isinstance(principal, Contact) and principal in account.contacts
        if not listed:
            unknown = isinstance(principal, UnknownRequester)
            code = "requester.unknown" if unknown else "contact.unlisted"
            if act in SUBMISSIONS:
                return Answer(Outcome.NEEDS_VERIFICATION, code)
            return Answer(Outcome.DENY, code)
    assert isinstance(principal, Contact | Staff)
    if (
        isinstance(principal, Staff)
        and principal.accounts is not None
        and account_id not in principal.accounts
    ):
        return Answer(Outcome.DENY, "staff.not_assigned")

    kind = "contact" if isinstance(principal, Contact) else "staff"
    held: dict[str, set[str]] = {}  # role -> whose it is
    for role in principal.roles:
        held.setdefault(role, set()).add(principal.id)
    if isinstance(principal, Contact):
        owners = {contact.id: contact for contact in account.contacts}
        for delegation in account.delegations:
            if delegation.delegate == principal.id and delegation.starts <= at < delegation.ends:
                for role in delegation.roles:
                    if role in owners[delegation.delegator].roles:
                        held.setdefault(role, set()).add(delegation.delegator)

    def applies(rule: Rule) -> bool:
        return (
            rule.principal == kind
            and action in rule.actions
            and (rule.feature is None or rule.feature in account.features)
        )

    rules = [rule for rule in policy.rules if applies(rule)]
    denying = {r.id for r in rules if r.effect == "deny" and not (r.unless_roles & held.keys())}
    if denying:
        exempt = {role for r in rules if r.id in denying for role in r.unless_roles}
        return Answer(Outcome.DENY, "rule.deny", frozenset(denying), frozenset(exempt))
    mine = (
        isinstance(principal, Contact)
        and isinstance(resource, Ticket)
        and resource.requester == principal.id
    )
    if (
        kind == "contact"
        and account.company_visibility is not None
        and (act == "view_company_tickets" or (act == "view_ticket" and not mine))
        and not (account.company_visibility & held.keys())
    ):
        return Answer(Outcome.DENY, "visibility.restricted", approvers=account.company_visibility)

    billable, amount = (False, None)
    if isinstance(resource, Ticket) and (act in SUBMISSIONS or act == "approve_charge"):
        billable, amount = billable_and_amount(policy, account, resource, at)

    def within(rule: Rule) -> bool:
        return rule.up_to is None or (amount is not None and amount <= rule.up_to)

    def allowing(roles: set[str], *, limits: bool = True) -> list[str]:
        return [
            rule.id
            for rule in rules
            if rule.effect == "allow"
            and (not rule.roles or rule.roles & roles)
            and (rule.scope == "account" or mine)
            and (within(rule) or not limits)
        ]

    def approver_roles() -> frozenset[str]:
        return frozenset(
            role
            for rule in policy.rules
            if rule.effect == "allow"
            and rule.principal == "contact"
            and Action.APPROVE_CHARGE in rule.actions
            and (rule.feature is None or rule.feature in account.features)
            and within(rule)
            for role in rule.roles
        )

    all_roles = set(held)
    if act == "approve_charge":
        assert isinstance(resource, Ticket)
        if mine:
            return Answer(Outcome.DENY, "approval.own_request", approvers=approver_roles())
        usable = {role for role, owners_ in held.items() if owners_ - {resource.requester}}
        if not allowing(usable) and allowing(all_roles):
            return Answer(Outcome.DENY, "approval.own_request", approvers=approver_roles())
        all_roles = usable
    found = allowing(all_roles)
    if not found:
        if allowing(all_roles, limits=False):
            return Answer(Outcome.DENY, "approval.over_limit", approvers=approver_roles())
        could = (
            approver_roles()
            if act == "approve_charge"
            else frozenset(role for r in rules if r.effect == "allow" for role in r.roles)
        )
        return Answer(Outcome.DENY, "rule.none", approvers=could)
    plain = [rule.id for rule in rules if rule.id in found and not rule.check_in]
    outcome = Outcome.ALLOW if plain else Outcome.NEEDS_APPROVAL
    code = "rule.allow" if plain else "request.check_in"
    if act in SUBMISSIONS and billable:
        outcome = Outcome.NEEDS_APPROVAL
        code = "billing"
    approvers = approver_roles() if outcome == Outcome.NEEDS_APPROVAL else frozenset()
    if isinstance(principal, Contact) and not principal.verified:
        outcome = Outcome.NEEDS_VERIFICATION
        code = "requester.unverified"
    return Answer(outcome, code, frozenset(plain or found), approvers)
