"""Authorization values are frozen, hashable, picklable and compare by value."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import UTC, datetime

from servicedesk_core import Action, Decision, Outcome, Ticket
from servicedesk_core.authz.decisions import reason
from tests.authz.reseller import EXAMPLE, example

T0 = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
VALUES = [  # immutability, pickling and hashing: tests/test_public_api.py
    example.POLICY,
    example.ACME,
    example.ACME.contacts[0],
    example.POLICY.staff[0],
    example.POLICY.rules[0],
    example.CATALOGUE,
    example.CATALOGUE.kinds[0],
    Ticket(id="T", account="acme", requester="erin", work="on_site"),
    example.POLICY.decide(
        example.ACME.contacts[0],
        Action.APPROVE_CHARGE,
        Ticket(id="T", account="acme", requester="erin", work="on_site"),
        T0,
    ),
]


def test_a_pickled_policy_decides_the_same() -> None:
    policy = pickle.loads(pickle.dumps(example.POLICY))
    request = Ticket(id="T", account="acme", requester="carol", work="custom_ivr")
    for contact in example.ACME.contacts:
        for action in (Action.SUBMIT_CHANGE, Action.APPROVE_CHARGE, Action.VIEW_TICKET):
            assert policy.decide(contact, action, request, T0) == example.POLICY.decide(
                contact, action, request, T0
            )


def test_decision_message_reads_as_a_sentence() -> None:
    decision = Decision(
        outcome=Outcome.DENY,
        action=Action.VIEW_TICKET,
        principal="contact acme/erin",
        account="globex",
        reasons=(reason("account.mismatch", "the resource belongs to another account"),),
    )
    assert decision.message == (
        "deny: contact acme/erin view_ticket on globex: the resource belongs to another account"
    )
    assert decision.is_denied
    assert not decision.is_allowed


def test_the_example_script_prints_a_decision_per_scenario() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Carol (MAC-only) submits a custom IVR:"
    assert "  needs_approval ['billing.billable_work', 'rule.allow']" in lines
    assert "  needs_verification ['requester.unknown']" in lines
    assert lines[-2] == "  deny ['account.mismatch']"


def test_authz_types_are_registered_for_from_type() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from servicedesk_core import Account, AuthzPolicy, Contact

    @settings(max_examples=10)
    @given(st.from_type(Contact), st.from_type(Account), st.from_type(AuthzPolicy))
    def check(contact: Contact, account: Account, policy: AuthzPolicy) -> None:
        assert isinstance(contact, Contact)
        assert isinstance(account, Account)
        assert isinstance(policy, AuthzPolicy)

    check()


def test_not_authorized_error_pickles_with_its_decision() -> None:
    from servicedesk_core import NotAuthorizedError, ServiceDeskError

    decision = example.POLICY.decide(
        example.ACME.contacts[-1], Action.MANAGE_USERS, example.ACME, T0
    )
    error = pickle.loads(pickle.dumps(NotAuthorizedError(decision)))
    assert error.decision == decision
    assert str(error) == decision.message
    assert isinstance(error, ServiceDeskError)
    assert isinstance(error, PermissionError)
