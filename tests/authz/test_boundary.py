"""The boundary rule in authz: plain forms converted once, junk refused naming the field,
and ``decide`` never raising for any value in any field."""

from __future__ import annotations

import pathlib
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    AUTHZ_CODES,
    NEW_HIRE,
    Account,
    Action,
    AuthzPolicy,
    ConfigError,
    Contact,
    Decision,
    Delegation,
    NaiveDatetimeError,
    Outcome,
    Rule,
    Staff,
    Ticket,
    UnknownRequester,
    WorkCatalogue,
    WorkKind,
)
from tests.authz.reseller import example
from tests.fuzz import JUNK, refused_or_built

POLICY: AuthzPolicy = example.POLICY
T0 = datetime(2026, 3, 10, 15, tzinfo=UTC)
DOCS = pathlib.Path(__file__).parents[2] / "docs" / "authz.md"


def test_every_code_in_the_book_is_in_the_guide_and_back() -> None:
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", DOCS.read_text(), re.MULTILINE))
    assert {entry.code for entry in AUTHZ_CODES} == documented


def test_plain_forms_are_converted_once() -> None:
    """What a database row gives: flags as text, decimals as text, ISO instants and dates."""
    contact = Contact(id="a", account="acme", roles=["user"], verified="false")
    assert (False, frozenset({"user"})) == (contact.verified, contact.roles)
    rule = Rule(id="r", effect="ALLOW", actions="view_ticket", check_in="no", scope="Own")
    assert (frozenset({Action.VIEW_TICKET}), False) == (rule.actions, rule.check_in)
    ticket = Ticket(
        id="T", account="acme", requester="a", estimate="12.50",
        requested_at="2026-03-10T22:00:00-05:00", needed_on="2026-03-16",
    )  # fmt: skip
    assert Decimal("12.50") == ticket.estimate
    assert date(2026, 3, 16) == ticket.needed_on
    leave = Delegation(
        delegator="a", delegate="b", roles=["user"],
        starts="2026-07-01T00:00:00+00:00", ends="2026-07-15T00:00:00+00:00",
    )  # fmt: skip
    assert leave.is_active(datetime(2026, 7, 1, tzinfo=UTC))


def test_billable_must_be_said() -> None:
    """Nothing unknown is assumed free: a kind whose billable is None is refused."""
    with pytest.raises(ConfigError) as caught:
        WorkKind(id="x", description="x", billable=None)  # type: ignore[arg-type]
    assert "billable" == caught.value.field
    assert WorkKind(id="x", description="x", billable="false").billable is False


def test_level_names_need_the_scheme() -> None:
    with pytest.raises(ConfigError, match="needs the scheme") as caught:
        WorkCatalogue(after_hours_exempt={"Critical"})
    assert "after_hours_exempt" == caught.value.field
    with pytest.raises(ConfigError, match="no level 'Urgent'"):
        WorkCatalogue(after_hours_exempt={"Urgent"}, scheme=example.PRIORITIES)


def test_notice_is_a_lead_time_rule() -> None:
    with pytest.raises(ConfigError) as caught:
        WorkKind(id="x", description="x", billable=False, notice="3 days")  # type: ignore[arg-type]
    assert "notice" == caught.value.field
    assert NEW_HIRE == WorkKind(id="x", description="x", billable=False, notice=NEW_HIRE).notice


@pytest.mark.parametrize(
    ("principal", "resource", "code"),
    [
        (None, example.ACME, "principal.unsupported"),
        ("alice", example.ACME, "principal.unsupported"),
        (example.ACME.contacts[0], None, "resource.unsupported"),
        (example.ACME.contacts[0], "acme", "resource.unsupported"),
    ],
)
def test_decide_denies_what_it_does_not_know(principal: Any, resource: Any, code: str) -> None:
    decision = POLICY.decide(principal, Action.VIEW_COMPANY_TICKETS, resource, T0)
    assert (Outcome.DENY, {code}) == (decision.outcome, decision.codes)


# One door, one fuzz test: only ConfigError (naming a field) comes out of a constructor.


FIELDS = {
    Contact: {"id": "a", "account": "acme"},
    Staff: {"id": "s"},
    UnknownRequester: {"account": "acme"},
    Account: {"id": "acme"},
    WorkKind: {"id": "w", "description": "w", "billable": False},
    WorkCatalogue: {},
    Ticket: {"id": "T", "account": "acme", "requester": "a"},
    Rule: {"id": "r", "effect": "allow", "actions": ["view_ticket"]},
    AuthzPolicy: {"rules": [], "calendar": example.BUSINESS_HOURS},
    Decision: {"outcome": "deny", "action": "view_ticket", "principal": "p", "account": "a"},
    Delegation: {
        "delegator": "a",
        "delegate": "b",
        "roles": ["user"],
        "starts": T0,
        "ends": datetime(2026, 4, 1, tzinfo=UTC),
    },
}


@pytest.mark.parametrize("cls", FIELDS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_constructors_from_junk_raise_only_config_error(cls: type, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from([field.name for field in attrs.fields(cls) if field.init]))
    refused_or_built(lambda: cls(**{**FIELDS[cls], field: data.draw(JUNK)}), NaiveDatetimeError)


@given(
    st.sampled_from([*example.ACME.contacts, UnknownRequester(account="acme")]) | JUNK,
    st.sampled_from(Action),
    st.builds(
        Ticket,
        id=st.just("T"),
        account=st.sampled_from(["acme", "globex", "other"]),
        requester=st.sampled_from(["alice", "carol", "erin"]),
        work=st.none() | st.sampled_from(["new_user", "custom_ivr", "unknown"]),
        priority=st.none() | st.sampled_from(["Critical", "Standard", "Urgent"]),
        needed_on=st.none() | st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 1, 1)),
    )
    | st.just(example.ACME)
    | JUNK,
    st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)
    ),
)
def test_decide_never_raises_for_any_value(
    principal: Any, action: Action, resource: Any, at: datetime
):
    decision = POLICY.decide(principal, action, resource, at)
    assert decision.codes <= {entry.code for entry in AUTHZ_CODES}
    assert decision.reasons or decision.is_allowed
