"""The reseller guide's authorization and billing controls as a policy.

Seed 000 (the VoIP reseller's client guide), sections 3, 5, 6, 9 and 10:
who may request changes, who approves billable work, what is included, when
after-hours work is billable, and who sees which tickets.

Run it: ``python examples/reseller_authz.py`` prints a decision per scenario.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from servicedesk_core import (
    NEW_HIRE,
    Account,
    Action,
    AuthzPolicy,
    BusinessCalendar,
    Contact,
    ContactRole,
    Principal,
    PriorityScheme,
    Rule,
    Staff,
    StaffRole,
    Ticket,
    UnknownRequester,
    WeeklyHours,
    WorkCatalogue,
    WorkKind,
)

CENTRAL = ZoneInfo("America/Chicago")

# Section 4: a four-tier system (the same scheme as ONBOARDING_GUIDE in priority_seeds.py,
# so tickets triaged with those rules carry levels this policy recognises).
PRIORITIES = PriorityScheme.from_names(
    "onboarding-guide",
    ["Critical", "High", "Medium", "Standard"],
    [
        "A complete outage or failure impacting all users and halting operations",
        "A major issue affecting multiple users with no workaround",
        "A single user or issue with a workaround available",
        "Low-impact changes, general questions, or cosmetic issues",
    ],
)

# Section 3: Business Support, Monday-Friday, 7:00 AM - 5:00 PM CT.
BUSINESS_HOURS = BusinessCalendar(
    timezone="America/Chicago", hours=WeeklyHours.parse("Mon-Fri 07:00-17:00")
)

# Section 5: what's included vs. what requires approval. Section 3: after-hours
# support is billable unless defined as Critical (tickets may name their priority).
# Sections 5, 6 and 8: new user setups are included "with proper notice", 3 business days.
CATALOGUE = WorkCatalogue(
    currency="USD",
    after_hours_billable=True,
    after_hours_exempt={"Critical"},
    scheme=PRIORITIES,
    kinds=[
        WorkKind(id="troubleshooting", description="Troubleshooting (CX & VIP)", billable=False),
        WorkKind(id="call_routing", description="Call routing adjustment", billable=False),
        WorkKind(id="password_reset", description="Password reset", billable=False),
        WorkKind(id="access_issue", description="Access issue", billable=False),
        WorkKind(id="voicemail", description="Voicemail support", billable=False),
        WorkKind(id="new_user", description="New user setup", billable=False, notice=NEW_HIRE),
        WorkKind(id="vendor_coordination", description="Vendor coordination", billable=False),
        WorkKind(id="training", description="Basic training and portal guidance", billable=False),
        WorkKind(id="custom_ivr", description="Custom IVR or complex call flow", billable=True),
        WorkKind(id="integration", description="CRM or 3rd-party integration", billable=True),
        WorkKind(id="on_site", description="On-site visit", billable=True),
        WorkKind(id="bulk_mac", description="Bulk moves/adds/changes", billable=True),
        WorkKind(id="migration", description="Migration", billable=True),
        WorkKind(id="project", description="Project-based change", billable=True),
    ],
)

C = ContactRole
CHANGE_LIST = {C.CHANGE_REQUESTER, C.BILLING_CONTACT, C.BACKUP_APPROVER, C.PORTAL_ADMIN}
ADMIN_CONTROLS = "admin_controls"
"""Section 10's optional portal admin features, enabled per account."""

RULES = [
    # Section 6: view just your tickets, or all company tickets.
    Rule(id="contacts-own-tickets", effect="allow", actions={Action.VIEW_TICKET}, scope="own",
         description="contacts see their own tickets"),
    Rule(id="contacts-company-tickets", effect="allow",
         actions={Action.VIEW_TICKET, Action.VIEW_COMPANY_TICKETS},
         description="contacts may view all company tickets"),
    # Section 6: use the portal for all requests.
    Rule(id="contacts-submit-requests", effect="allow", actions={Action.SUBMIT_REQUEST},
         description="contacts submit support requests"),
    # Section 9: you choose who can request changes ...
    Rule(id="listed-change-requesters", effect="allow", actions={Action.SUBMIT_CHANGE},
         roles=CHANGE_LIST, description="listed contacts request changes"),
    # ... if someone outside that list submits a request, we'll check in with you first.
    Rule(id="others-check-in", effect="allow", actions={Action.SUBMIT_CHANGE}, check_in=True,
         description="a change from outside the list is checked with the client first"),
    # Section 9: Billing Contact approves any billable work; Backup Approver is the alternate.
    Rule(id="approvers", effect="allow", actions={Action.APPROVE_CHARGE},
         roles={C.BILLING_CONTACT, C.BACKUP_APPROVER},
         description="billing contact and backup approver approve billable work"),
    # Section 9: Portal Admins manage user access, ticket visibility, and permissions.
    Rule(id="portal-admins", effect="allow",
         actions={Action.MANAGE_USERS, Action.CHANGE_VISIBILITY, Action.MANAGE_PERMISSIONS},
         roles={C.PORTAL_ADMIN},
         description="portal admins manage user access, ticket visibility and permissions"),
    # Section 10 (optional): approve or deny changes, manage billing permissions internally.
    Rule(id="admin-controls-approve", effect="allow", actions={Action.APPROVE_CHARGE},
         roles={C.PORTAL_ADMIN}, feature=ADMIN_CONTROLS,
         description="portal admin controls: approve or deny changes"),
    Rule(id="admin-controls-billing", effect="allow",
         actions={Action.MANAGE_BILLING_PERMISSIONS}, roles={C.PORTAL_ADMIN},
         feature=ADMIN_CONTROLS,
         description="portal admin controls: manage billing permissions internally"),
    # Section 1: the support team works the tickets of the clients it serves.
    Rule(id="staff-view", effect="allow", principal="staff",
         actions={Action.VIEW_TICKET, Action.VIEW_COMPANY_TICKETS},
         roles=set(StaffRole), description="the support team sees its clients' tickets"),
    Rule(id="coordinator-logs-requests", effect="allow", principal="staff",
         actions={Action.SUBMIT_REQUEST, Action.SUBMIT_CHANGE}, roles={StaffRole.COORDINATOR},
         description="the service coordinator manages ticket flow"),
]  # fmt: skip


def contacts(account: str) -> list[Contact]:
    """The contacts defined during onboarding (section 9's table), one per role."""
    return [
        Contact(id="alice", account=account, roles={C.BILLING_CONTACT}, name="Alice"),
        Contact(id="bob", account=account, roles={C.BACKUP_APPROVER}, name="Bob"),
        Contact(id="carol", account=account, roles={C.CHANGE_REQUESTER}, name="Carol"),
        Contact(id="dave", account=account, roles={C.PORTAL_ADMIN}, name="Dave"),
        Contact(id="erin", account=account, roles={C.USER}, name="Erin"),
    ]


ACME = Account(id="acme", name="Acme Dental", contacts=contacts("acme"),
               callback_number="+1 913 555 0100")  # fmt: skip
GLOBEX = Account(id="globex", name="Globex", contacts=contacts("globex"),
                 features={ADMIN_CONTROLS}, callback_number="+1 816 555 0199")  # fmt: skip

POLICY = AuthzPolicy(
    rules=RULES,
    catalogue=CATALOGUE,
    accounts=[ACME, GLOBEX],
    staff=[
        Staff(id="sam", roles={StaffRole.COORDINATOR}, name="Service Coordinator"),
        Staff(id="tess", roles={StaffRole.TECHNICIAN}, accounts={"acme"}, name="VIP Engineer"),
    ],
    calendar=BUSINESS_HOURS,
    features={ADMIN_CONTROLS},
)

TUESDAY_10 = datetime(2026, 3, 10, 10, 0, tzinfo=CENTRAL)
TUESDAY_22 = datetime(2026, 3, 10, 22, 0, tzinfo=CENTRAL)


def main() -> None:
    alice, bob, carol, erin = (ACME.contact(name) for name in ("alice", "bob", "carol", "erin"))
    assert alice is not None
    assert bob is not None
    assert carol is not None
    assert erin is not None
    ivr = Ticket(id="T-1", account="acme", requester="carol", work="custom_ivr",
                 estimate=Decimal("1200.00"))  # fmt: skip
    moves = Ticket(id="T-5", account="acme", requester="erin", work="bulk_mac")
    outage = Ticket(id="T-2", account="acme", requester="erin", work="troubleshooting",
                    priority=PRIORITIES["Critical"])  # fmt: skip
    minor = Ticket(id="T-3", account="acme", requester="erin", work="troubleshooting",
                   priority="Standard")  # fmt: skip
    # Section 6: new hires through the "New User" form, with 3 business days' notice.
    hire = Ticket(id="T-6", account="acme", requester="carol", work="new_user",
                  needed_on="2026-03-16")  # fmt: skip
    rushed = Ticket(id="T-7", account="acme", requester="carol", work="new_user",
                    needed_on="2026-03-12")  # fmt: skip
    scenarios: list[tuple[str, Principal | None, Action, Ticket | Account, datetime]] = [
        ("Carol (MAC-only) submits a custom IVR", carol, Action.SUBMIT_CHANGE, ivr, TUESDAY_10),
        ("Carol approves her own request", carol, Action.APPROVE_CHARGE, ivr, TUESDAY_10),
        ("Alice (billing contact) approves it", alice, Action.APPROVE_CHARGE, ivr, TUESDAY_10),
        ("Erin (user) asks for bulk moves", erin, Action.SUBMIT_CHANGE, moves, TUESDAY_10),
        ("Carol (MAC-only) tries to approve them", carol, Action.APPROVE_CHARGE, moves,
         TUESDAY_10),
        ("Bob (backup approver) approves them", bob, Action.APPROVE_CHARGE, moves, TUESDAY_10),
        ("Erin reports an outage at 22:00, Critical", erin, Action.SUBMIT_REQUEST, outage,
         TUESDAY_22),
        ("Erin asks a Standard question at 22:00", erin, Action.SUBMIT_REQUEST, minor, TUESDAY_22),
        ("Carol asks for a new user on Monday 16th", carol, Action.SUBMIT_CHANGE, hire,
         TUESDAY_10),
        ("Carol asks for a new user on Thursday 12th", carol, Action.SUBMIT_CHANGE, rushed,
         TUESDAY_10),
        ("An unknown caller asks for a migration", UnknownRequester(account="acme", name="Zed"),
         Action.SUBMIT_CHANGE, Ticket(id="T-4", account="acme", requester="zed", work="migration"),
         TUESDAY_10),
        ("Alice of Globex looks at an Acme ticket", GLOBEX.contact("alice"), Action.VIEW_TICKET,
         ivr, TUESDAY_10),
    ]  # fmt: skip
    for title, principal, action, resource, at in scenarios:
        assert principal is not None
        decision = POLICY.decide(principal, action, resource, at)
        codes = [reason.code for reason in decision.reasons]
        print(f"{title}:\n  {decision.outcome.value} {codes}")
        if decision.approvers and not decision.is_denied:
            amount = "unknown" if decision.amount is None else decision.amount
            print(f"  approvers: {sorted(decision.approvers)}, amount: {amount}")
        print(f"  {decision.message}")


if __name__ == "__main__":
    main()
