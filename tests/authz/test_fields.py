"""Every refusal names its field, and messages say what is wrong (mutation-tested)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from servicedesk_core import (
    FOUR_TIER,
    Account,
    Action,
    AuthzPolicy,
    BusinessCalendar,
    ConfigError,
    Contact,
    Decision,
    Delegation,
    Rule,
    Staff,
    Ticket,
    WorkCatalogue,
    WorkKind,
)
from servicedesk_core.authz import to_money

CAL = BusinessCalendar.always_open()
T0 = datetime(2026, 7, 1, tzinfo=UTC)
ALICE = Contact(id="alice", account="acme", roles={"billing_contact"})
ERIN = Contact(id="erin", account="acme", roles={"user"})


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: to_money("abc", field="price"), "price"),
        (lambda: to_money(-1, field="price"), "price"),
        (lambda: WorkCatalogue(after_hours_billable="maybe"), "after_hours_billable"),
        (lambda: WorkCatalogue(after_hours_exempt=[3]), "after_hours_exempt[0]"),
        (lambda: WorkCatalogue(scheme="four"), "scheme"),
        (lambda: WorkCatalogue(scheme=FOUR_TIER, after_hours_exempt={"Top"}), "after_hours_exempt"),
        (lambda: WorkKind(id="", description="x", billable=False), "id"),
        (lambda: WorkKind(id="x" * 201, description="x", billable=False), "id"),
        (
            lambda: Rule(id="r", effect="allow", actions=["view_ticket"], check_in="maybe"),
            "check_in",
        ),
        (lambda: Rule(id="r", effect="maybe", actions=["view_ticket"]), "effect"),
        (lambda: Rule(id="r", effect="deny", actions=["view_ticket"], check_in=True), "rules[r]"),
        (
            lambda: Rule(
                id="r", effect="allow", actions=["view_ticket"], principal="staff", scope="own"
            ),
            "rules[r].scope",
        ),
        (lambda: Decision(outcome="deny", action="x", principal="p", account="a"), "action"),
        (
            lambda: Decision(
                outcome="deny",
                action="view_ticket",
                principal="p",
                account="a",
                currency="ABCDEFGHIJK",
            ),
            "currency",
        ),
        (lambda: Ticket(id="T", account="a", requester="r", estimate="abc"), "estimate"),
        (lambda: Staff(id="s", accounts=[3]), "accounts[0]"),
        (lambda: Account(id="acme", callback_number="1" * 101), "callback_number"),
        (lambda: Account(id="acme", contacts=[ALICE, ALICE]), "accounts[acme].contacts[alice]"),
        (
            lambda: Delegation(
                delegator="a",
                delegate="b",
                roles=[],
                starts=T0,
                ends=datetime(2026, 8, 1, tzinfo=UTC),
            ),
            "roles",
        ),
        (lambda: AuthzPolicy(rules=[], staff=[Staff(id="s"), Staff(id="s")]), "staff[s]"),
    ],
)
def test_refusals_name_the_field(build: object, field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    assert field == caught.value.field


def test_messages_say_what_is_wrong() -> None:
    with pytest.raises(ConfigError, match=r"an approval rule must list the approver roles$"):
        Rule(id="r", effect="allow", actions=["approve_charge"])
    acme = Account(id="acme", contacts=[Contact(id="j", account="acme", roles={"janitor"})])
    with pytest.raises(ConfigError, match=r"unknown contact roles \['janitor'\]"):
        AuthzPolicy(rules=[], accounts=[acme], calendar=CAL)
    with pytest.raises(ConfigError) as caught:
        AuthzPolicy(rules=[], calendar=CAL).decide(ALICE, "fly", acme, T0)  # type: ignore[arg-type]
    assert "action" == caught.value.field


@pytest.mark.parametrize("pasted", ["y" * 1_000_000, ["y" * 1_000_000], "1" * 1_000_000])
def test_a_pasted_megabyte_for_money_is_refused_with_a_short_message(pasted: object) -> None:
    """Money text is a short number: a megabyte is refused, not quoted whole nor read."""
    with pytest.raises(ConfigError) as caught:
        Ticket(id="T-1", account="acme", requester="alice", estimate=pasted)  # type: ignore[arg-type]
    assert ("estimate", True) == (caught.value.field, len(str(caught.value)) < 200)
    assert "estimate" == caught.value.issues[0].path


def test_an_unknown_priority_name_lists_the_scheme() -> None:
    catalogue = WorkCatalogue(scheme=FOUR_TIER, after_hours_exempt={"Critical"})
    closed = BusinessCalendar(timezone="UTC", hours="Mon 09:00-10:00")
    charge = catalogue.charge(None, at=T0, calendar=closed, priority="Urgent")
    assert (
        "priority 'Urgent' is not a level of 'four-tier' (Critical, High, Medium, Low); "
        "it is not exempt"
    ) == charge.reasons[0].message


def test_company_tickets_restricted_to_nobody_say_so() -> None:
    acme = Account(id="acme", contacts=[ALICE], company_visibility=set())
    rule = Rule(id="view", effect="allow", actions=["view_company_tickets"])
    decision = AuthzPolicy(rules=[rule], accounts=[acme], calendar=CAL).decide(
        ALICE, Action.VIEW_COMPANY_TICKETS, acme, T0
    )
    assert decision.reasons[0].message.endswith("restricted company tickets to: nobody")


def test_a_check_in_says_an_approver_is_asked_and_own_roles_are_no_delegation() -> None:
    acme = Account(id="acme", contacts=[ALICE, ERIN])
    rules = [
        Rule(id="changes", effect="allow", actions=["submit_change"], roles={"billing_contact"}),
        Rule(id="others", effect="allow", actions=["submit_change"], check_in=True),
    ]
    policy = AuthzPolicy(rules=rules, accounts=[acme], calendar=CAL)
    ticket = Ticket(id="T", account="acme", requester="erin")
    checked = policy.decide(ERIN, Action.SUBMIT_CHANGE, ticket, T0)
    check_in = [reason for reason in checked.reasons if reason.code == "request.check_in"]
    assert check_in[0].message.endswith("an approver is asked first")
    assert () == policy.decide(ALICE, Action.SUBMIT_CHANGE, ticket, T0).delegations


def test_an_unknown_amount_is_over_every_limit_and_said_unknown() -> None:
    acme = Account(id="acme", contacts=[ALICE, ERIN])
    rule = Rule(id="a", effect="allow", actions=["approve_charge"], roles={"billing_contact"},
                up_to=Decimal("100"))  # fmt: skip
    policy = AuthzPolicy(rules=[rule], accounts=[acme], calendar=CAL)
    ticket = Ticket(id="T", account="acme", requester="erin", work="mystery")
    decision = policy.decide(ALICE, Action.APPROVE_CHARGE, ticket, T0)
    assert "the amount (unknown) is above what contact acme/alice may approve" == (
        decision.reasons[0].message
    )
