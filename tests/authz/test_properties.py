"""The security properties of issue 5, as Hypothesis properties over random policies."""

from __future__ import annotations

import pathlib
import pickle
import re

import attrs
from hypothesis import given, reject
from hypothesis import strategies as st

from servicedesk_core import (
    Account,
    Action,
    AuthzPolicy,
    ConfigError,
    Contact,
    ContactRole,
    Decision,
    Effect,
    Outcome,
    PrincipalKind,
    Rule,
    Staff,
    StaffRole,
    Ticket,
    UnknownRequester,
)
from servicedesk_core.testing.strategies import authz_policies
from tests.authz.reseller import example
from tests.authz.scenarios import (
    Scenario,
    home,
    instants,
    principals,
    resources,
    scenarios,
    tickets,
)


def with_reseller_rules(policy: AuthzPolicy) -> AuthzPolicy:
    """The seed's rules, and the random ones after them."""
    return policy.with_rules([*example.RULES, *policy.rules])


POLICIES = st.one_of(authz_policies(), authz_policies().map(with_reseller_rules))
"""Random rules alone mostly deny; with the seed's rules, allows and approvals are common."""


@st.composite
def policy_and_scenario(
    draw: st.DrawFn, policies: st.SearchStrategy[AuthzPolicy] = POLICIES
) -> tuple[AuthzPolicy, Scenario]:
    policy = draw(policies)
    return policy, draw(scenarios(policy))


def decide(policy: AuthzPolicy, scenario: Scenario) -> Decision:
    return policy.decide(scenario.principal, scenario.action, scenario.resource, scenario.at)


def is_listed(policy: AuthzPolicy, principal: object) -> bool:
    if not isinstance(principal, Contact):
        return False
    account = policy.account(principal.account)
    return account is not None and account.is_listed(principal)


# --- isolation -------------------------------------------------------------------------------


TWO_OR_MORE = authz_policies(min_accounts=2)


@given(policy_and_scenario(st.one_of(TWO_OR_MORE, TWO_OR_MORE.map(with_reseller_rules))))
def test_no_principal_of_account_a_reaches_a_resource_of_account_b(
    case: tuple[AuthzPolicy, Scenario],
) -> None:
    """Whatever the roles, rules, action or resource: another account's resource is denied."""
    policy, scenario = case
    principal = scenario.principal
    if isinstance(principal, Contact | UnknownRequester) and principal.account != scenario.account:
        decision = decide(policy, scenario)
        assert decision.outcome == Outcome.DENY
        assert decision.rules == ()


@given(authz_policies(min_accounts=2, max_rules=12), st.data())
def test_even_an_allow_everything_policy_keeps_accounts_apart(
    policy: AuthzPolicy, data: st.DataObject
) -> None:
    """Rules that allow every action to anyone still stop at the account boundary."""
    everything = [
        Rule(id="all", effect="allow", actions=set(Action), roles=set(ContactRole)),
        Rule(id="any", effect="allow", actions=set(Action) - {Action.APPROVE_CHARGE}),
    ]
    policy = policy.with_rules(everything)
    mine = data.draw(st.sampled_from(policy.accounts))
    theirs = data.draw(st.sampled_from([a for a in policy.accounts if a.id != mine.id]))
    contact = data.draw(st.sampled_from(mine.contacts))
    action = data.draw(st.sampled_from(Action))
    resource = data.draw(resources(policy, action, theirs.id))
    decision = policy.decide(contact, action, resource, data.draw(instants()))
    assert decision.outcome == Outcome.DENY
    assert decision.codes in ({"account.mismatch"}, {"resource.unsupported"})


@given(policy_and_scenario())
def test_staff_reach_only_the_accounts_they_serve(case: tuple[AuthzPolicy, Scenario]) -> None:
    policy, scenario = case
    principal = scenario.principal
    if isinstance(principal, Staff) and not principal.serves(scenario.account):
        assert decide(policy, scenario).outcome == Outcome.DENY


# --- explainable, deterministic, never raising ------------------------------------------------


@given(policy_and_scenario())
def test_same_inputs_same_decision(case: tuple[AuthzPolicy, Scenario]) -> None:
    policy, scenario = case
    copy = pickle.loads(pickle.dumps(policy))
    assert decide(policy, scenario) == decide(policy, scenario) == decide(copy, scenario)


@given(policy_and_scenario())
def test_every_allow_is_explained_by_a_rule_and_every_deny_by_a_reason(
    case: tuple[AuthzPolicy, Scenario],
) -> None:
    policy, scenario = case
    decision = decide(policy, scenario)
    by_id = {rule.id: rule for rule in policy.rules}
    assert decision.reasons, decision
    assert decision.action == scenario.action
    if decision.outcome in (Outcome.ALLOW, Outcome.NEEDS_APPROVAL) or (
        decision.outcome == Outcome.NEEDS_VERIFICATION and decision.rules
    ):
        assert decision.rules
        for rule_id in decision.rules:
            assert by_id[rule_id].effect == Effect.ALLOW
            assert scenario.action in by_id[rule_id].actions
        assert "rule.allow" in decision.codes
    if decision.outcome == Outcome.DENY:
        for rule_id in decision.rules:
            assert by_id[rule_id].effect == Effect.DENY
        assert decision.amount is None


# --- deny beats allow, monotonicity -----------------------------------------------------------


def kind_of(principal: object) -> PrincipalKind | None:
    if isinstance(principal, Contact):
        return PrincipalKind.CONTACT
    if isinstance(principal, Staff):
        return PrincipalKind.STAFF
    return None


@given(policy_and_scenario())
def test_a_deny_rule_beats_any_allow(case: tuple[AuthzPolicy, Scenario]) -> None:
    """Adding a matching deny rule turns every listed contact's or staff's answer into deny."""
    policy, scenario = case
    principal = scenario.principal
    kind = kind_of(principal)
    if kind is None or (
        kind is PrincipalKind.CONTACT and not is_listed(policy, scenario.principal)
    ):
        return
    deny = Rule(id="zz-deny", effect="deny", actions={scenario.action}, principal=kind,
                description="closed for maintenance")  # fmt: skip
    before = decide(policy, scenario)
    after = decide(policy.with_rules([*policy.rules, deny]), scenario)
    assert after.outcome == Outcome.DENY
    if before.outcome != Outcome.DENY:
        assert "zz-deny" in after.rules
        assert set(after.codes) == {"rule.deny"}


@given(policy_and_scenario(), st.sampled_from(sorted(ContactRole)))
def test_deny_rules_exempt_only_holders_of_unless_roles(
    case: tuple[AuthzPolicy, Scenario], role: str
) -> None:
    policy, scenario = case
    principal = scenario.principal
    if not is_listed(policy, principal) or not isinstance(scenario.resource, Ticket):
        return
    assert isinstance(principal, Contact)
    deny = Rule(id="zz-deny", effect="deny", actions={scenario.action}, unless_roles={role})
    after = decide(policy.with_rules([*policy.rules, deny]), scenario)
    account = policy.account(principal.account)
    assert account is not None
    held = principal.roles | {r for r, _ in account.delegated_roles(principal.id, scenario.at)}
    if after.outcome != Outcome.DENY or after.rules:
        assert ("zz-deny" in after.rules) == (role not in held)


@st.composite
def role_change(draw: st.DrawFn) -> tuple[AuthzPolicy, Scenario, Account, Contact, str]:
    policy = draw(POLICIES)
    account = draw(st.sampled_from(policy.accounts))
    contact = draw(st.sampled_from(account.contacts))
    role = draw(st.sampled_from(sorted(ContactRole)))
    action = draw(st.sampled_from(Action))
    scenario = Scenario(
        principal=contact,
        action=action,
        resource=draw(resources(policy, action, account.id)),
        at=draw(instants()),
    )
    return policy, scenario, account, contact, role


@given(role_change())
def test_adding_a_role_never_removes_an_allow_and_removing_one_never_grants_more(
    case: tuple[AuthzPolicy, Scenario, Account, Contact, str],
) -> None:
    policy, scenario, account, contact, role = case
    try:
        fewer = contact.with_roles(contact.roles - {role})
        more = contact.with_roles(contact.roles | {role})
        policy_fewer = policy.with_account(account.with_contact(fewer))
        policy_more = policy.with_account(account.with_contact(more))
    except ConfigError:  # the contact delegates this very role: cannot lose it
        reject()
    low = decide(policy_fewer, attrs.evolve(scenario, principal=fewer))
    high = decide(policy_more, attrs.evolve(scenario, principal=more))
    assert low.outcome.rank <= high.outcome.rank, (low, high)


@given(policy_and_scenario(), st.sampled_from(sorted(StaffRole)))
def test_staff_roles_are_monotone_too(case: tuple[AuthzPolicy, Scenario], role: str) -> None:
    policy, scenario = case
    if not isinstance(scenario.principal, Staff):
        return
    fewer = attrs.evolve(scenario.principal, roles=scenario.principal.roles - {role})
    more = attrs.evolve(scenario.principal, roles=scenario.principal.roles | {role})
    low = decide(policy, attrs.evolve(scenario, principal=fewer))
    high = decide(policy, attrs.evolve(scenario, principal=more))
    assert low.outcome.rank <= high.outcome.rank


# --- approvals --------------------------------------------------------------------------------


@given(policy_and_scenario())
def test_only_listed_approvers_approve_billable_work(case: tuple[AuthzPolicy, Scenario]) -> None:
    """An allowed approval comes from a listed contact, not the requester, via an approver role."""
    policy, scenario = case
    if scenario.action is not Action.APPROVE_CHARGE:
        scenario = attrs.evolve(scenario, action=Action.APPROVE_CHARGE)
    decision = decide(policy, scenario)
    if not decision.is_allowed:
        return
    principal, ticket = scenario.principal, scenario.resource
    assert isinstance(principal, Contact)
    assert isinstance(ticket, Ticket)
    account = policy.account(ticket.account)
    assert account is not None
    assert account.is_listed(principal)
    assert principal.verified
    assert principal.id != ticket.requester
    held = set(principal.roles) | {
        role
        for role, delegator in account.delegated_roles(principal.id, scenario.at)
        if delegator != ticket.requester
    }
    approving = [
        rule
        for rule in policy.rules
        if rule.id in decision.rules and Action.APPROVE_CHARGE in rule.actions
    ]
    assert approving
    assert all(rule.roles & held for rule in approving)
    assert all(rule.roles <= policy.approver_roles for rule in approving)


@given(policy_and_scenario())
def test_unknown_contacts_never_get_billable_work_going(
    case: tuple[AuthzPolicy, Scenario],
) -> None:
    """Unknown or unlisted requesters are called back, never allowed or sent for approval."""
    policy, scenario = case
    principal = scenario.principal
    if not isinstance(principal, UnknownRequester | Contact) or is_listed(policy, principal):
        return
    decision = decide(policy, scenario)
    assert decision.outcome in (Outcome.DENY, Outcome.NEEDS_VERIFICATION)
    if decision.outcome == Outcome.NEEDS_VERIFICATION:
        assert scenario.action.is_submission
        assert decision.codes in ({"requester.unknown"}, {"contact.unlisted"})


@given(policy_and_scenario())
def test_billable_work_is_never_allowed_without_an_approval(
    case: tuple[AuthzPolicy, Scenario],
) -> None:
    policy, scenario = case
    ticket = scenario.resource
    if not scenario.action.is_submission or not isinstance(ticket, Ticket):
        return
    if policy.account(ticket.account) is None:
        return
    decision = decide(policy, scenario)
    if policy.charge(ticket, scenario.at).billable:
        assert decision.outcome != Outcome.ALLOW
        if decision.outcome == Outcome.NEEDS_APPROVAL:
            assert any(code.startswith("billing.") for code in decision.codes)


# --- visibility -------------------------------------------------------------------------------


@given(POLICIES, st.data())
def test_visible_tickets_is_the_view_decision_per_ticket(
    policy: AuthzPolicy, data: st.DataObject
) -> None:
    """The fast filter keeps exactly the tickets ``decide(VIEW_TICKET)`` allows, in order."""
    principal = data.draw(principals(policy))
    account = home(principal)
    tickets_ = data.draw(
        st.lists(st.one_of(tickets(policy, account or "acme"), tickets(policy, "globex")),
                 max_size=8)
    )  # fmt: skip
    at = data.draw(instants())
    mine_only = data.draw(st.booleans())
    principal_id = principal.id if isinstance(principal, Contact) else None
    expected = [
        t
        for t in tickets_
        if policy.decide(principal, Action.VIEW_TICKET, t, at).is_allowed
        and (not mine_only or t.requester == principal_id)
    ]
    assert list(policy.visible_tickets(principal, tickets_, at, mine_only=mine_only)) == expected


ROOT = pathlib.Path(__file__).parents[2]
DOCUMENTED_CODES = frozenset(
    re.findall(r"^\| `([a-z_.]+)` \|", (ROOT / "docs" / "authz.md").read_text(), re.MULTILINE)
)


@given(policy_and_scenario())
def test_every_reason_code_is_documented(case: tuple[AuthzPolicy, Scenario]) -> None:
    """The guide's reason-code table lists every code a decision can carry."""
    assert len(DOCUMENTED_CODES) >= 19
    assert set(decide(*case).codes) <= DOCUMENTED_CODES
