"""Approvals: listed approvers only, separation of duties, delegations, inclusive thresholds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from servicedesk_core import (
    Account,
    Action,
    AuthzPolicy,
    BusinessCalendar,
    Contact,
    Delegation,
    NotAuthorizedError,
    Outcome,
    Rule,
    Ticket,
    WorkCatalogue,
    WorkKind,
)

CAL = BusinessCalendar.always_open()
T0 = datetime(2026, 7, 1, tzinfo=UTC)
LEAVE = (T0, T0 + timedelta(days=14))

ALICE = Contact(id="alice", account="acme", roles={"billing_contact"})
BOB = Contact(id="bob", account="acme", roles={"backup_approver"})
CAROL = Contact(id="carol", account="acme", roles={"change_requester"})
ERIN = Contact(id="erin", account="acme", roles={"user"})
CATALOGUE = WorkCatalogue(
    kinds=[
        WorkKind(id="on_site", description="On-site visit", billable=True, price=Decimal("150")),
        WorkKind(id="reset", description="Password reset", billable=False),
    ]
)
RULES = [
    Rule(id="billing", effect="allow", actions={Action.APPROVE_CHARGE},
         roles={"billing_contact"}),
    Rule(id="backup-small", effect="allow", actions={Action.APPROVE_CHARGE},
         roles={"backup_approver"}, up_to=Decimal("500.00")),
    Rule(id="submit", effect="allow", actions={Action.SUBMIT_CHANGE, Action.SUBMIT_REQUEST}),
]  # fmt: skip


def policy(*delegations: Delegation, contacts: tuple[Contact, ...] = ()) -> AuthzPolicy:
    account = Account(
        id="acme",
        contacts=contacts or (ALICE, BOB, CAROL, ERIN),
        delegations=delegations,
    )
    return AuthzPolicy(rules=RULES, catalogue=CATALOGUE, accounts=[account], calendar=CAL)


def ticket(requester: str = "carol", estimate: str | None = None) -> Ticket:
    return Ticket(
        id="T-9",
        account="acme",
        requester=requester,
        work="on_site",
        estimate=None if estimate is None else Decimal(estimate),
    )


def leave(delegator: str = "alice", delegate: str = "erin") -> Delegation:
    return Delegation(
        delegator=delegator,
        delegate=delegate,
        roles={"billing_contact"},
        starts=LEAVE[0],
        ends=LEAVE[1],
        id="summer",
    )


@pytest.mark.parametrize(
    ("estimate", "allowed"),
    [("499.99", True), ("500.00", True), ("500", True), ("500.01", False), (None, True)],
)
def test_thresholds_are_inclusive_and_exact(estimate: str | None, allowed: bool) -> None:
    """The backup approver approves up to 500.00 inclusive; the catalogue price is 150."""
    decision = policy().decide(BOB, Action.APPROVE_CHARGE, ticket(estimate=estimate), T0)
    assert decision.is_allowed is allowed
    if not allowed:
        assert decision.codes == {"approval.over_limit"}


def test_unknown_amounts_are_not_within_a_limit() -> None:
    """Work of unknown cost needs an approver without a limit."""
    no_price = Ticket(id="T", account="acme", requester="carol", work="mystery")
    assert {"approval.over_limit"} == (
        policy().decide(BOB, Action.APPROVE_CHARGE, no_price, T0).codes
    )
    assert policy().decide(ALICE, Action.APPROVE_CHARGE, no_price, T0).is_allowed


def test_needs_approval_names_the_roles_that_can_approve_that_amount() -> None:
    small = policy().decide(CAROL, Action.SUBMIT_CHANGE, ticket(estimate="80"), T0)
    large = policy().decide(CAROL, Action.SUBMIT_CHANGE, ticket(estimate="8000"), T0)
    assert small.approvers == {"billing_contact", "backup_approver"}
    assert large.approvers == {"billing_contact"}
    assert large.amount == Decimal("8000")
    assert small.outcome == large.outcome == Outcome.NEEDS_APPROVAL


def test_nobody_approves_their_own_request() -> None:
    decision = policy().decide(ALICE, Action.APPROVE_CHARGE, ticket(requester="alice"), T0)
    assert decision.codes == {"approval.own_request"}


def test_a_delegate_approves_only_during_the_delegation() -> None:
    """Delegations are time-bounded: start inclusive, end exclusive."""
    p = policy(leave())
    before = p.decide(ERIN, Action.APPROVE_CHARGE, ticket(), LEAVE[0] - timedelta(microseconds=1))
    during = p.decide(ERIN, Action.APPROVE_CHARGE, ticket(), LEAVE[0])
    last = p.decide(ERIN, Action.APPROVE_CHARGE, ticket(), LEAVE[1] - timedelta(microseconds=1))
    after = p.decide(ERIN, Action.APPROVE_CHARGE, ticket(), LEAVE[1])
    assert [before.outcome, during.outcome, last.outcome, after.outcome] == [
        Outcome.DENY,
        Outcome.ALLOW,
        Outcome.ALLOW,
        Outcome.DENY,
    ]
    assert during.delegations == ("alice",)
    assert during.rules == ("billing",)


def test_a_delegate_cannot_approve_the_delegators_own_request() -> None:
    """Separation of duties holds through a delegation."""
    decision = policy(leave()).decide(ERIN, Action.APPROVE_CHARGE, ticket("alice"), T0)
    assert decision.codes == {"approval.own_request"}


def test_a_delegate_cannot_approve_their_own_request() -> None:
    decision = policy(leave()).decide(ERIN, Action.APPROVE_CHARGE, ticket("erin"), T0)
    assert decision.codes == {"approval.own_request"}


def test_own_roles_still_count_when_a_delegation_is_from_the_requester() -> None:
    """Bob approves with his own role; alice's delegation is unusable on her own request."""
    bob_with_leave = Delegation(delegator="alice", delegate="bob", roles={"billing_contact"},
                                starts=LEAVE[0], ends=LEAVE[1])  # fmt: skip
    p = policy(bob_with_leave)
    small = p.decide(BOB, Action.APPROVE_CHARGE, ticket("alice", estimate="100"), T0)
    large = p.decide(BOB, Action.APPROVE_CHARGE, ticket("alice", estimate="900"), T0)
    assert small.is_allowed
    assert small.delegations == ()
    assert large.codes == {"approval.own_request"}


def test_delegated_roles_do_not_cascade_at_decision_time() -> None:
    """Only roles the delegator holds in their own right pass on."""
    acme = Account(id="acme", contacts=[ALICE, BOB, CAROL, ERIN], delegations=[leave()])
    assert acme.delegated_roles("erin", T0) == (("billing_contact", "alice"),)
    assert acme.delegated_roles("carol", T0) == ()


def test_change_only_requesters_never_approve() -> None:
    decision = policy().decide(CAROL, Action.APPROVE_CHARGE, ticket("erin"), T0)
    assert decision.outcome == Outcome.DENY
    assert decision.codes == {"rule.none"}


def test_require_raises_with_the_decision_attached() -> None:
    p = policy()
    with pytest.raises(NotAuthorizedError) as info:
        p.require(CAROL, Action.APPROVE_CHARGE, ticket("erin"), T0)
    assert info.value.decision.codes == {"rule.none"}
    assert isinstance(info.value, PermissionError)
    assert str(info.value) == info.value.decision.message
    assert p.require(ALICE, Action.APPROVE_CHARGE, ticket("erin"), T0).is_allowed


def test_require_refuses_needs_approval_too() -> None:
    with pytest.raises(NotAuthorizedError) as info:
        policy().require(CAROL, Action.SUBMIT_CHANGE, ticket(), T0)
    assert info.value.decision.outcome == Outcome.NEEDS_APPROVAL


def test_unverified_contacts_are_called_back_first() -> None:
    shaky = Contact(id="bob", account="acme", roles={"backup_approver"}, verified=False)
    p = policy(contacts=(ALICE, shaky, CAROL, ERIN))
    decision = p.decide(shaky, Action.APPROVE_CHARGE, ticket(), T0)
    assert decision.outcome == Outcome.NEEDS_VERIFICATION
    assert decision.reasons[0].code == "requester.unverified"
    refused = p.decide(shaky, Action.APPROVE_CHARGE, ticket(estimate="9000"), T0)
    assert refused.outcome == Outcome.DENY  # verification never upgrades a deny
