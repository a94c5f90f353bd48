"""Authorization and billing controls: who may request, approve and see what.

A pure, explainable decision function over values: accounts and their contacts
(with roles and time-bounded delegations), provider staff, a catalogue of
included and billable work, and rules. See the guide "Authorization and
approvals".
"""

from __future__ import annotations

from servicedesk_core.authz._money import Money, to_money
from servicedesk_core.authz.catalogue import Charge, WorkCatalogue, WorkKind
from servicedesk_core.authz.decisions import (
    AUTHZ_CODES,
    Action,
    Decision,
    Effect,
    Outcome,
    PrincipalKind,
    Rule,
    Scope,
    Ticket,
)
from servicedesk_core.authz.parties import (
    Account,
    Contact,
    ContactRole,
    Delegation,
    Principal,
    Staff,
    StaffRole,
    UnknownRequester,
)
from servicedesk_core.authz.policy import AuthzPolicy

__all__ = [
    "AUTHZ_CODES",
    "Account",
    "Action",
    "AuthzPolicy",
    "Charge",
    "Contact",
    "ContactRole",
    "Decision",
    "Delegation",
    "Effect",
    "Money",
    "Outcome",
    "Principal",
    "PrincipalKind",
    "Rule",
    "Scope",
    "Staff",
    "StaffRole",
    "Ticket",
    "UnknownRequester",
    "WorkCatalogue",
    "WorkKind",
    "to_money",
]
