"""Seed 000 (the reseller's client guide), sections 3, 5, 6, 9 and 10: one test per sentence.

The policy under test is ``examples/reseller_authz.py``: Acme has the section 9
contacts (alice billing contact, bob backup approver, carol MAC-only requester,
dave portal admin, erin ordinary user); Globex has the same people with the
section 10 admin controls enabled.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from servicedesk_core import (
    Account,
    Action,
    Contact,
    ContactRole,
    Outcome,
    PriorityLevel,
    PriorityScheme,
    Ticket,
    UnknownRequester,
    WorkCatalogue,
)
from servicedesk_core.authz import AuthzPolicy
from tests.authz.reseller import example

POLICY: AuthzPolicy = example.POLICY
ACME: Account = example.ACME
GLOBEX: Account = example.GLOBEX
P = example.PRIORITIES
CT = example.CENTRAL
TUESDAY_10 = datetime(2026, 3, 10, 10, 0, tzinfo=CT)
TUESDAY_22 = datetime(2026, 3, 10, 22, 0, tzinfo=CT)
SATURDAY_NOON = datetime(2026, 3, 14, 12, 0, tzinfo=CT)
NEXT_WEEK = date(2026, 3, 17)


def contact(name: str, account: Account = ACME) -> Contact:
    found = account.contact(name)
    assert found is not None
    return found


def ticket(
    work: str | None = None,
    requester: str = "erin",
    *,
    account: str = "acme",
    priority: PriorityLevel | str | None = None,
    estimate: Decimal | None = None,
    requested_at: datetime | None = None,
    needed_on: date | str | None = None,
) -> Ticket:
    return Ticket(
        id="T-1",
        account=account,
        requester=requester,
        work=work,
        priority=priority,
        estimate=estimate,
        requested_at=requested_at,
        needed_on=needed_on,
    )


# --- Section 5: what's included vs. what requires approval ---------------------------------

INCLUDED = {
    "Troubleshooting for supported systems (CX & VIP)": ["troubleshooting"],
    "Call routing adjustments": ["call_routing"],
    "Password resets, access issues, voicemail support": [
        "password_reset",
        "access_issue",
        "voicemail",
    ],
    "New user setups (with proper notice)": ["new_user"],
    "Coordination with platform vendors": ["vendor_coordination"],
    "Basic training and portal guidance": ["training"],
}
BILLABLE = {
    "Custom IVRs or complex call flows": ["custom_ivr"],
    "CRM or 3rd-party integrations": ["integration"],
    "On-site visits": ["on_site"],
    "Bulk Moves/Adds/Changes (MACs), migrations, or project-based changes": [
        "bulk_mac",
        "migration",
        "project",
    ],
}


def test_catalogue_is_exactly_the_two_lists_of_section_5() -> None:
    """Seed: "Here's what's part of your agreement—and what might require ... approval"."""
    assert {k for kinds in INCLUDED.values() for k in kinds} == {
        kind.id for kind in POLICY.catalogue.included
    }
    assert {k for kinds in BILLABLE.values() for k in kinds} == {
        kind.id for kind in POLICY.catalogue.billable
    }


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "dave", "erin"])
@pytest.mark.parametrize("action", list(Action))
def test_we_believe_in_full_transparency(name: str, action: Action) -> None:
    """Seed: "We believe in full transparency": every answer says which rule or reason decided."""
    resource = ticket("custom_ivr", requester="carol") if action.is_on_ticket else ACME
    decision = POLICY.decide(contact(name), action, resource, TUESDAY_10)
    assert decision.reasons
    assert all(reason.message for reason in decision.reasons)
    rule_texts = {rule.id: rule.description for rule in POLICY.rules}
    for rule_id in decision.rules:
        assert rule_texts[rule_id] in decision.message


@pytest.mark.parametrize(
    "work", [pytest.param(k, id=k) for kinds in INCLUDED.values() for k in kinds]
)
def test_included_work_goes_ahead_without_approval(work: str) -> None:
    """Seed: "Included in Your Plan": any contact's request during business hours is allowed."""
    request = ticket(work, needed_on=NEXT_WEEK)  # with proper notice
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW
    assert decision.codes == {"billing.included", "rule.allow"}
    assert decision.rules == ("contacts-submit-requests",)


@pytest.mark.parametrize(
    "work", [pytest.param(k, id=k) for kinds in BILLABLE.values() for k in kinds]
)
def test_billable_work_may_require_approval(work: str) -> None:
    """Seed: "May Require Approval (Billable)": a listed requester's change waits."""
    decision = POLICY.decide(
        contact("carol"), Action.SUBMIT_CHANGE, ticket(work, requester="carol"), TUESDAY_10
    )
    assert decision.outcome == Outcome.NEEDS_APPROVAL
    assert decision.codes == {"billing.billable_work", "rule.allow"}
    assert {"billing_contact", "backup_approver"} == decision.approvers
    assert decision.currency == "USD"


def test_we_pause_and_confirm_before_any_work_that_incurs_cost() -> None:
    """Seed: "We'll pause and confirm before doing any work that incurs cost. You stay in control."

    Even the billing contact's own billable request pauses: she may not approve
    it herself; the backup approver may.
    """
    on_site = ticket("on_site", requester="alice", estimate=Decimal("250.00"))
    submitted = POLICY.decide(contact("alice"), Action.SUBMIT_CHANGE, on_site, TUESDAY_10)
    assert submitted.outcome == Outcome.NEEDS_APPROVAL
    assert Decimal("250.00") == submitted.amount
    own = POLICY.decide(contact("alice"), Action.APPROVE_CHARGE, on_site, TUESDAY_10)
    assert own.codes == {"approval.own_request"}
    assert POLICY.decide(contact("bob"), Action.APPROVE_CHARGE, on_site, TUESDAY_10).is_allowed


# --- Section 3: hours, and after-hours billing ----------------------------------------------


@pytest.mark.parametrize(
    ("at", "after_hours"),
    [
        (datetime(2026, 3, 9, 7, 0, tzinfo=CT), False),  # Monday 7:00 AM CT
        (datetime(2026, 3, 13, 16, 59, tzinfo=CT), False),  # Friday 4:59 PM
        (datetime(2026, 3, 13, 17, 0, tzinfo=CT), True),  # Friday 5:00 PM
        (datetime(2026, 3, 9, 6, 59, tzinfo=CT), True),
        (SATURDAY_NOON, True),
        (datetime(2026, 3, 15, 12, 0, tzinfo=CT), True),  # Sunday
    ],
)
def test_business_support_is_monday_to_friday_7_to_5_central(
    at: datetime, after_hours: bool
) -> None:
    """Seed: "Business Support | Monday–Friday, 7:00 AM – 5:00 PM CT"."""
    assert after_hours == POLICY.catalogue.is_after_hours(at, POLICY.calendar_for(ACME))


@pytest.mark.parametrize("at", [TUESDAY_22, SATURDAY_NOON], ids=["tuesday-22", "saturday"])
@pytest.mark.parametrize("level", ["High", "Medium", "Standard"])
def test_after_hours_support_is_billable(at: datetime, level: str) -> None:
    """Seed: "After-Hours Support | Emergency only, billable unless defined as Critical"."""
    request = ticket("troubleshooting", priority=P[level])
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, at)
    assert decision.outcome == Outcome.NEEDS_APPROVAL
    assert decision.codes == {"billing.after_hours", "rule.allow"}
    assert decision.amount is None  # no price is known for after-hours time


@pytest.mark.parametrize("at", [TUESDAY_22, SATURDAY_NOON], ids=["tuesday-22", "saturday"])
def test_after_hours_critical_is_not_billable(at: datetime) -> None:
    """Seed: "... unless defined as Critical (see Section 4)": a complete outage is included."""
    request = ticket("troubleshooting", priority=P["Critical"])
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, at)
    assert decision.outcome == Outcome.ALLOW
    assert decision.codes == {"billing.critical_after_hours", "billing.included", "rule.allow"}


def test_critical_does_not_make_billable_work_free() -> None:
    """The Critical exemption is about after-hours time, not about billable kinds of work."""
    request = ticket("on_site", requester="carol", priority=P["Critical"])
    decision = POLICY.decide(contact("carol"), Action.SUBMIT_CHANGE, request, TUESDAY_22)
    assert decision.outcome == Outcome.NEEDS_APPROVAL
    assert [r.code for r in decision.reasons[:2]] == [
        "billing.billable_work",
        "billing.critical_after_hours",
    ]


def test_after_hours_is_judged_at_request_time_not_approval_time() -> None:
    """A request made at 22:00 stays after-hours work when it is approved next morning."""
    request = ticket("troubleshooting", priority=P["High"], requested_at=TUESDAY_22)
    charge = POLICY.charge(request, datetime(2026, 3, 11, 9, 0, tzinfo=CT))
    assert charge.billable
    assert charge.codes == {"billing.after_hours"}


def test_after_hours_rule_is_configurable() -> None:
    """Which priorities are exempt, and whether after hours is billable at all, is data."""
    calendar = POLICY.calendar_for(ACME)
    seed = POLICY.catalogue
    nothing_exempt = WorkCatalogue(kinds=seed.kinds)
    never_billable = WorkCatalogue(kinds=seed.kinds, after_hours_billable=False)
    for catalogue, level, billable in [
        (seed, "Critical", False),
        (seed, "High", True),
        (nothing_exempt, "Critical", True),
        (never_billable, "Standard", False),
    ]:
        charge = catalogue.charge("troubleshooting", at=TUESDAY_22, calendar=calendar,
                                  priority=P[level])  # fmt: skip
        assert billable == charge.billable, (catalogue, level)


# --- Section 6: submitting support requests --------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "dave", "erin"])
def test_every_contact_uses_the_portal_for_requests(name: str) -> None:
    """Seed: "Use the OneView Client Portal for all requests": every listed contact may submit."""
    request = ticket("troubleshooting", requester=name)
    assert POLICY.decide(contact(name), Action.SUBMIT_REQUEST, request, TUESDAY_10).is_allowed


def test_new_hires_are_included_work() -> None:
    """Seed: "Submit new hires through the “New User” form": included, no approval needed."""
    request = ticket("new_user", needed_on=NEXT_WEEK)
    decision = POLICY.decide(contact("dave"), Action.SUBMIT_REQUEST, request, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW


def test_view_just_your_tickets_or_all_company_tickets() -> None:
    """Seed: "You can choose to view just your tickets or all company tickets"."""
    tickets = [
        Ticket(id="T-1", account="acme", requester="erin"),
        Ticket(id="T-2", account="acme", requester="carol"),
        Ticket(id="T-3", account="globex", requester="erin"),
    ]
    erin = contact("erin")
    assert [t.id for t in POLICY.visible_tickets(erin, tickets, TUESDAY_10, mine_only=True)] == [
        "T-1"
    ]
    assert [t.id for t in POLICY.visible_tickets(erin, tickets, TUESDAY_10)] == ["T-1", "T-2"]
    assert POLICY.decide(erin, Action.VIEW_COMPANY_TICKETS, ACME, TUESDAY_10).is_allowed


# --- Section 9: authorization & billing controls ---------------------------------------------


def test_you_choose_who_can_request_changes_and_approve_costs() -> None:
    """Seed: "You choose who can request changes and approve costs": the account's list decides."""
    routing = ticket("call_routing", requester="erin")
    erin = contact("erin")
    assert (
        POLICY.decide(erin, Action.SUBMIT_CHANGE, routing, TUESDAY_10).outcome
        == Outcome.NEEDS_APPROVAL
    )
    promoted = ACME.with_contact(erin.with_roles({ContactRole.CHANGE_REQUESTER}))
    policy = POLICY.with_account(promoted)
    new_erin = promoted.contact("erin")
    assert new_erin is not None
    assert policy.decide(new_erin, Action.SUBMIT_CHANGE, routing, TUESDAY_10).is_allowed


@pytest.mark.parametrize("estimate", ["0", "49.99", "1000000.00"])
@pytest.mark.parametrize("work", ["custom_ivr", "integration", "on_site", "bulk_mac", "migration",
                                  "project"])  # fmt: skip
def test_billing_contact_approves_any_billable_work(work: str, estimate: str) -> None:
    """Seed: "Billing Contact | Approves any billable work"."""
    request = ticket(work, requester="carol", estimate=Decimal(estimate))
    decision = POLICY.decide(contact("alice"), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW
    assert decision.rules == ("approvers",)


def test_billing_contact_approves_after_hours_work() -> None:
    """After-hours charges are billable work too; the billing contact approves them."""
    request = ticket("troubleshooting", priority=P["High"], requested_at=TUESDAY_22)
    assert POLICY.decide(contact("alice"), Action.APPROVE_CHARGE, request, TUESDAY_22).is_allowed


def test_backup_approver_is_the_alternate_approver() -> None:
    """Seed: "Backup Approver | Alternate approver"."""
    request = ticket("custom_ivr", requester="carol", estimate=Decimal("1200.00"))
    decision = POLICY.decide(contact("bob"), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW
    assert decision.rules == ("approvers",)


def test_mac_only_requesters_submit_changes() -> None:
    """Seed: "MAC-Only Requestors | Can submit changes ..."."""
    routing = ticket("call_routing", requester="carol")
    decision = POLICY.decide(contact("carol"), Action.SUBMIT_CHANGE, routing, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW
    assert decision.rules == ("listed-change-requesters",)


def test_mac_only_requesters_do_not_approve_charges() -> None:
    """Seed: "... but not approve charges"."""
    request = ticket("bulk_mac", requester="erin")
    decision = POLICY.decide(contact("carol"), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert decision.outcome == Outcome.DENY
    assert decision.codes == {"rule.none"}
    assert decision.rules == ()


@pytest.mark.parametrize(
    "action", [Action.MANAGE_USERS, Action.CHANGE_VISIBILITY, Action.MANAGE_PERMISSIONS]
)
def test_portal_admins_manage_access_visibility_and_permissions(action: Action) -> None:
    """Seed: "Portal Admin(s) | Manage user access, ticket visibility, and permissions"."""
    assert POLICY.decide(contact("dave"), action, ACME, TUESDAY_10).is_allowed
    for name in ("alice", "bob", "carol", "erin"):
        assert POLICY.decide(contact(name), action, ACME, TUESDAY_10).outcome == Outcome.DENY


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "dave", "erin"])
def test_only_approved_contacts_authorize_charges(name: str) -> None:
    """Seed: "Only approved contacts can authorize changes that generate charges"."""
    request = ticket("integration", requester="frank", estimate=Decimal("800"))
    decision = POLICY.decide(contact(name), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert (name in {"alice", "bob"}) == decision.is_allowed


def test_someone_outside_the_list_triggers_a_check_in() -> None:
    """Seed: "If someone outside that list submits a request, we'll check in with you first"."""
    stranger = UnknownRequester(account="acme", name="Zed")
    request = ticket("migration", requester="zed")
    decision = POLICY.decide(stranger, Action.SUBMIT_CHANGE, request, TUESDAY_10)
    assert decision.outcome == Outcome.NEEDS_VERIFICATION
    assert decision.codes == {"requester.unknown"}
    assert "call back the number on file +1 913 555 0100" in decision.message
    # an ordinary user is on the portal but not on the change list: the client is asked
    erin = POLICY.decide(contact("erin"), Action.SUBMIT_CHANGE, ticket("call_routing"), TUESDAY_10)
    assert erin.outcome == Outcome.NEEDS_APPROVAL
    assert "request.check_in" in erin.codes
    assert {"billing_contact", "backup_approver"} == erin.approvers


def test_a_contact_not_as_listed_is_treated_as_unknown() -> None:
    """A contact value that is not on the account's list (or claims other roles) is unknown."""
    forged = contact("erin").with_roles({ContactRole.BILLING_CONTACT})
    request = ticket("on_site", requester="carol")
    assert {"contact.unlisted"} == (
        POLICY.decide(forged, Action.APPROVE_CHARGE, request, TUESDAY_10).codes
    )
    assert (
        POLICY.decide(forged, Action.SUBMIT_REQUEST, request, TUESDAY_10).outcome
        == Outcome.NEEDS_VERIFICATION
    )


# --- Section 10: optional admin controls in the portal ----------------------------------------


def test_admin_controls_are_off_unless_enabled() -> None:
    """Seed: "Let us know if you'd like this feature enabled": Acme has not, Globex has."""
    request = ticket("custom_ivr", requester="carol")
    assert not POLICY.decide(contact("dave"), Action.APPROVE_CHARGE, request, TUESDAY_10).is_allowed
    assert not POLICY.decide(
        contact("dave"), Action.MANAGE_BILLING_PERMISSIONS, ACME, TUESDAY_10
    ).is_allowed


def test_admin_controls_approve_or_deny_changes() -> None:
    """Seed: "Approve or deny changes"."""
    request = ticket("custom_ivr", requester="carol", account="globex")
    decision = POLICY.decide(contact("dave", GLOBEX), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert decision.outcome == Outcome.ALLOW
    assert decision.rules == ("admin-controls-approve",)
    submitted = POLICY.decide(contact("carol", GLOBEX), Action.SUBMIT_CHANGE, request, TUESDAY_10)
    assert {"billing_contact", "backup_approver", "portal_admin"} == submitted.approvers


def test_admin_controls_see_all_team_tickets() -> None:
    """Seed: "See all team tickets"."""
    decision = POLICY.decide(contact("dave", GLOBEX), Action.VIEW_COMPANY_TICKETS, GLOBEX,
                             TUESDAY_10)  # fmt: skip
    assert decision.is_allowed


def test_admin_controls_restrict_visibility_by_role() -> None:
    """Seed: "Restrict visibility by role": the admin limits company tickets to chosen roles."""
    dave = contact("dave", GLOBEX)
    assert POLICY.decide(dave, Action.CHANGE_VISIBILITY, GLOBEX, TUESDAY_10).is_allowed
    restricted = GLOBEX.with_company_visibility({ContactRole.PORTAL_ADMIN,
                                                 ContactRole.BILLING_CONTACT})  # fmt: skip
    policy = POLICY.with_account(restricted)
    tickets = [
        Ticket(id="G-1", account="globex", requester="erin"),
        Ticket(id="G-2", account="globex", requester="carol"),
    ]
    erin, alice = contact("erin", GLOBEX), contact("alice", GLOBEX)
    assert [t.id for t in policy.visible_tickets(erin, tickets, TUESDAY_10)] == ["G-1"]
    assert [t.id for t in policy.visible_tickets(alice, tickets, TUESDAY_10)] == ["G-1", "G-2"]
    assert [t.id for t in policy.visible_tickets(dave, tickets, TUESDAY_10)] == ["G-1", "G-2"]
    company = policy.decide(erin, Action.VIEW_COMPANY_TICKETS, restricted, TUESDAY_10)
    assert company.codes == {"visibility.restricted"}


def test_admin_controls_manage_billing_permissions_internally() -> None:
    """Seed: "Manage billing permissions internally"."""
    decision = POLICY.decide(contact("dave", GLOBEX), Action.MANAGE_BILLING_PERMISSIONS, GLOBEX,
                             TUESDAY_10)  # fmt: skip
    assert decision.rules == ("admin-controls-billing",)
    assert decision.is_allowed


# --- Section 1: the support team -------------------------------------------------------------


def test_staff_see_the_tickets_of_the_clients_they_serve() -> None:
    """Technicians work the accounts they serve; the coordinator logs requests for clients."""
    tess = next(member for member in POLICY.staff if member.id == "tess")
    sam = next(member for member in POLICY.staff if member.id == "sam")
    acme_ticket = ticket("troubleshooting")
    globex_ticket = ticket("troubleshooting", account="globex")
    assert POLICY.decide(tess, Action.VIEW_TICKET, acme_ticket, TUESDAY_10).is_allowed
    assert {"staff.not_assigned"} == (
        POLICY.decide(tess, Action.VIEW_TICKET, globex_ticket, TUESDAY_10).codes
    )
    assert POLICY.decide(sam, Action.SUBMIT_REQUEST, globex_ticket, TUESDAY_10).is_allowed
    assert {"rule.none"} == (
        POLICY.decide(sam, Action.APPROVE_CHARGE, globex_ticket, TUESDAY_10).codes
    )


def test_the_policy_recognises_levels_triaged_with_the_priority_seed_rules() -> None:
    """Section 4's scheme is the one examples/priority_seeds.py triages with."""
    from tests.example_scripts import load

    seeds = load("priority_seeds")
    assert seeds.ONBOARDING_GUIDE == P
    assert seeds.ONBOARDING_GUIDE["Critical"] in POLICY.catalogue.after_hours_exempt


# --- Sections 5, 6 and 8: new user setups "with proper notice", 3 business days -------------


@pytest.mark.parametrize(
    ("needed_on", "outcome", "code"),
    [
        ("2026-03-13", Outcome.ALLOW, "billing.included"),  # Wed, Thu, Fri: 3 business days
        ("2026-03-16", Outcome.ALLOW, "billing.included"),
        ("2026-03-12", Outcome.NEEDS_APPROVAL, "billing.short_notice"),
        ("2026-03-10", Outcome.NEEDS_APPROVAL, "billing.short_notice"),
        (None, Outcome.NEEDS_APPROVAL, "billing.notice_unknown"),
    ],
)
def test_new_user_setups_are_included_only_with_proper_notice(
    needed_on: str | None, outcome: Outcome, code: str
) -> None:
    """Seed: "New user setups (with proper notice)"; "please allow 3 business days"."""
    request = ticket("new_user", requester="carol", needed_on=needed_on)
    decision = POLICY.decide(contact("carol"), Action.SUBMIT_CHANGE, request, TUESDAY_10)
    assert (outcome, code) == (decision.outcome, decision.reasons[0].code)
    if outcome is Outcome.NEEDS_APPROVAL:
        assert {"billing_contact", "backup_approver"} == decision.approvers


def test_notice_counts_business_days_of_the_account_calendar() -> None:
    """Submitted Friday 16:00: Monday, Tuesday, Wednesday; the setup is due Wednesday."""
    friday = datetime(2026, 3, 13, 16, 0, tzinfo=CT)
    late = ticket("new_user", requester="carol", needed_on="2026-03-17", requested_at=friday)
    on_time = ticket("new_user", requester="carol", needed_on="2026-03-18", requested_at=friday)
    carol = contact("carol")
    assert (
        Outcome.NEEDS_APPROVAL == POLICY.decide(carol, Action.SUBMIT_CHANGE, late, friday).outcome
    )
    assert Outcome.ALLOW == POLICY.decide(carol, Action.SUBMIT_CHANGE, on_time, friday).outcome


# --- Priorities as a database row holds them --------------------------------------------------


@pytest.mark.parametrize("priority", ["Critical", "critical", " Critical ", P["Critical"]])
def test_critical_after_hours_is_included_by_name_or_level(priority: object) -> None:
    request = ticket("troubleshooting", priority=priority)  # type: ignore[arg-type]
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, TUESDAY_22)
    assert Outcome.ALLOW == decision.outcome
    assert "billing.critical_after_hours" in decision.codes


def test_a_level_of_an_equal_scheme_is_the_same_level() -> None:
    """A scheme rebuilt from the same names (another process, a cache) is the same scheme."""
    again = PriorityScheme.from_names(P.name, P.names)
    request = ticket("troubleshooting", priority=again["Critical"])
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, TUESDAY_22)
    assert Outcome.ALLOW == decision.outcome


def test_an_unknown_priority_name_is_reported_and_billed_after_hours() -> None:
    request = ticket("troubleshooting", priority="Urgent")  # type: ignore[arg-type]
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, TUESDAY_22)
    assert Outcome.NEEDS_APPROVAL == decision.outcome
    assert {"billing.priority_unknown", "billing.after_hours"} <= decision.codes


def test_a_level_of_another_scheme_is_never_exempt() -> None:
    from servicedesk_core import FOUR_TIER

    request = ticket("troubleshooting", priority=FOUR_TIER["Critical"])
    decision = POLICY.decide(contact("erin"), Action.SUBMIT_REQUEST, request, TUESDAY_22)
    assert Outcome.NEEDS_APPROVAL == decision.outcome


# --- A denial names whom to ask -----------------------------------------------------------------


def test_a_denied_approval_names_the_roles_that_could_approve() -> None:
    """So a portal can say whom to ask."""
    request = ticket("custom_ivr", requester="carol")
    decision = POLICY.decide(contact("erin"), Action.APPROVE_CHARGE, request, TUESDAY_10)
    assert Outcome.DENY == decision.outcome
    assert {"billing_contact", "backup_approver"} == decision.approvers
    assert decision.message.endswith("ask: backup_approver, billing_contact")


def test_a_denied_admin_action_names_the_admin_role() -> None:
    decision = POLICY.decide(contact("erin"), Action.MANAGE_USERS, ACME, TUESDAY_10)
    assert {"portal_admin"} == decision.approvers
