"""Authorization forms: policies, rules, accounts, contacts, staff and the work catalogue."""

from __future__ import annotations

from servicedesk_core.authz import (
    Account,
    AuthzPolicy,
    Contact,
    Delegation,
    Rule,
    Staff,
    Ticket,
    UnknownRequester,
    WorkCatalogue,
    WorkKind,
)
from servicedesk_core.serialization._core import attrs_form

for _cls in (
    WorkKind,
    WorkCatalogue,
    Contact,
    Staff,
    Delegation,
    Account,
    Rule,
    AuthzPolicy,
    Ticket,
    UnknownRequester,
):
    attrs_form(_cls)
