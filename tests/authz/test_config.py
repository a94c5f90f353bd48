"""Bad configuration is a ConfigError at construction, naming the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from servicedesk_core import (
    Account,
    Action,
    AuthzPolicy,
    BusinessCalendar,
    ConfigError,
    Contact,
    Delegation,
    NaiveDatetimeError,
    Rule,
    Staff,
    Ticket,
    WorkCatalogue,
    WorkKind,
)
from servicedesk_core.authz import to_money

CAL = BusinessCalendar.always_open()
T0 = datetime(2026, 7, 1, tzinfo=UTC)


def view_rule(rule_id: str = "view", **kwargs: object) -> Rule:
    return Rule(id=rule_id, effect="allow", actions={Action.VIEW_TICKET}, **kwargs)  # type: ignore[arg-type]


def test_unknown_role_in_a_rule() -> None:
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[view_rule(roles={"janitor"})], calendar=CAL)
    assert info.value.field == "rules[view].roles"


def test_user_defined_roles_are_declared_on_the_policy() -> None:
    policy = AuthzPolicy(
        rules=[view_rule(roles={"janitor"})],
        calendar=CAL,
        contact_roles={"janitor", "user"},
    )
    assert frozenset({"janitor", "user"}) == policy.contact_roles


def test_unknown_role_on_a_contact() -> None:
    acme = Account(id="acme", contacts=[Contact(id="a", account="acme", roles={"janitor"})])
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[], accounts=[acme], calendar=CAL)
    assert info.value.field == "accounts[acme].contacts[a].roles"


def test_unknown_staff_role() -> None:
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[], staff=[Staff(id="s", roles={"wizard"})], calendar=CAL)
    assert info.value.field == "staff[s].roles"


def test_unknown_action() -> None:
    with pytest.raises(ConfigError) as info:
        Rule(id="r", effect="allow", actions={"delete_everything"})
    assert info.value.field == "actions"


def test_unknown_effect_scope_or_principal_kind() -> None:
    with pytest.raises(ConfigError, match="expected one of 'allow', 'deny', got str 'maybe'"):
        Rule(id="r", effect="maybe", actions={Action.VIEW_TICKET})
    with pytest.raises(ConfigError, match="got str 'planet'") as info:
        view_rule(scope="planet")
    assert "scope" == info.value.field
    with pytest.raises(ConfigError) as info:
        view_rule(principal="robot")
    assert "principal" == info.value.field


def test_duplicate_rule_ids() -> None:
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[view_rule("same"), view_rule("same")], calendar=CAL)
    assert info.value.field == "rules[same]"


def test_duplicate_accounts_contacts_and_staff() -> None:
    with pytest.raises(ConfigError, match="duplicate account"):
        AuthzPolicy(rules=[], accounts=[Account(id="a"), Account(id="a")], calendar=CAL)
    with pytest.raises(ConfigError, match="duplicate contact"):
        Account(id="a", contacts=[Contact(id="x", account="a"), Contact(id="x", account="a")])
    with pytest.raises(ConfigError, match="duplicate staff"):
        AuthzPolicy(rules=[], staff=[Staff(id="s"), Staff(id="s")], calendar=CAL)


@pytest.mark.parametrize("account", ["", None])
def test_a_contact_without_an_account(account: object) -> None:
    with pytest.raises(ConfigError) as info:
        Contact(id="alice", account=account)  # type: ignore[arg-type]
    assert info.value.field == "account"


def test_a_contact_listed_under_another_account() -> None:
    with pytest.raises(ConfigError) as info:
        Account(id="acme", contacts=[Contact(id="alice", account="globex")])
    assert info.value.field == "accounts[acme].contacts[alice].account"


@pytest.mark.parametrize(
    "build",
    [
        lambda: WorkKind(id="ivr", description="IVR", billable=True, price=99.99),
        lambda: Ticket(id="T", account="a", requester="r", estimate=0.1),
        lambda: Rule(
            id="a", effect="allow", actions={Action.APPROVE_CHARGE}, roles={"user"}, up_to=500.0
        ),
        lambda: to_money(float("nan"), field="x"),
    ],
    ids=["price", "estimate", "up_to", "nan"],
)
def test_float_money_is_refused_never_rounded(build: object) -> None:
    with pytest.raises(ConfigError, match="float"):
        build()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        (Decimal("-1"), "negative"),
        ("twelve", "not a decimal"),
        (True, "expected a Decimal"),
        ([1], "expected a Decimal"),
    ],
)
def test_money_must_be_a_finite_non_negative_decimal(value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        to_money(value, field="price")


def test_exact_money_is_kept_exactly() -> None:
    assert (
        Decimal("0.10")
        == WorkKind(id="x", description="x", billable=True, price=Decimal("0.10")).price
    )
    assert Decimal(7) == to_money(7, field="price")
    assert Decimal("0.30") == to_money("0.30", field="price")


def test_included_work_has_no_price() -> None:
    with pytest.raises(ConfigError, match="included work"):
        WorkKind(id="reset", description="reset", billable=False, price=Decimal(1))


def test_duplicate_work_kinds() -> None:
    kind = WorkKind(id="reset", description="reset", billable=False)
    with pytest.raises(ConfigError, match="duplicate work kind"):
        WorkCatalogue(kinds=[kind, kind])


def test_deny_rules_cannot_be_keyed_on_holding_a_role() -> None:
    """Gaining a role must never take an allow away, so deny rules only exempt roles."""
    with pytest.raises(ConfigError, match="unless_roles"):
        Rule(id="r", effect="deny", actions={Action.VIEW_TICKET}, roles={"user"})
    with pytest.raises(ConfigError, match="deny rules"):
        view_rule(unless_roles={"user"})


def test_approval_rules_name_their_approvers_and_never_staff() -> None:
    with pytest.raises(ConfigError, match="approver roles"):
        Rule(id="r", effect="allow", actions={Action.APPROVE_CHARGE})
    with pytest.raises(ConfigError, match="never staff"):
        Rule(id="r", effect="allow", actions={Action.APPROVE_CHARGE}, principal="staff",
             roles={"supervisor"})  # fmt: skip


def test_up_to_limits_only_approval_rules() -> None:
    with pytest.raises(ConfigError, match="up_to"):
        view_rule(up_to=Decimal(5))


def test_staff_rules_have_no_own_scope() -> None:
    with pytest.raises(ConfigError, match="scope"):
        view_rule(principal="staff", scope="own")


def test_an_account_needs_a_calendar_to_judge_after_hours() -> None:
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[], accounts=[Account(id="acme")])
    assert info.value.field == "accounts[acme].calendar"
    assert AuthzPolicy(rules=[], accounts=[Account(id="acme", calendar=CAL)]).accounts


def test_calendar_must_be_a_calendar() -> None:
    with pytest.raises(ConfigError, match="Calendar"):
        Account(id="acme", calendar="Mon-Fri 07:00-17:00")  # type: ignore[arg-type]


def delegation(**kwargs: object) -> Delegation:
    fields: dict[str, object] = {
        "delegator": "alice",
        "delegate": "bob",
        "roles": {"billing_contact"},
        "starts": T0,
        "ends": T0 + timedelta(days=14),
    }
    fields.update(kwargs)
    return Delegation(**fields)  # type: ignore[arg-type]


def test_delegations_are_time_bounded_with_aware_datetimes() -> None:
    with pytest.raises(NaiveDatetimeError):
        delegation(starts=datetime(2026, 7, 1))
    with pytest.raises(ConfigError, match="end after it starts"):
        delegation(ends=T0)
    with pytest.raises(ConfigError, match="themselves"):
        delegation(delegate="alice")
    with pytest.raises(ConfigError, match="at least one role"):
        delegation(roles=())


def test_delegations_are_between_contacts_of_the_account() -> None:
    alice = Contact(id="alice", account="acme", roles={"billing_contact"})
    with pytest.raises(ConfigError, match="delegate 'bob'"):
        Account(id="acme", contacts=[alice], delegations=[delegation()])


def test_delegations_do_not_cascade() -> None:
    """A delegate cannot pass on a role that was only delegated to them."""
    alice = Contact(id="alice", account="acme", roles={"billing_contact"})
    bob = Contact(id="bob", account="acme", roles={"user"})
    carol = Contact(id="carol", account="acme", roles={"user"})
    with pytest.raises(ConfigError, match="do not cascade") as info:
        Account(
            id="acme",
            contacts=[alice, bob, carol],
            delegations=[delegation(), delegation(delegator="bob", delegate="carol")],
        )
    assert info.value.field == "accounts[acme].delegations[1].roles"


def test_a_role_string_is_not_a_set_of_roles() -> None:
    with pytest.raises(ConfigError, match="expected a list") as info:
        Contact(id="a", account="acme", roles="billing_contact")
    assert "roles" == info.value.field


def test_a_ticket_needs_an_account_and_an_aware_request_time() -> None:
    with pytest.raises(ConfigError):
        Ticket(id="T", account="", requester="r")
    with pytest.raises(NaiveDatetimeError):
        Ticket(id="T", account="a", requester="r", requested_at=datetime(2026, 1, 1))


def test_decide_needs_an_aware_instant() -> None:
    policy = AuthzPolicy(rules=[], accounts=[Account(id="a")], calendar=CAL)
    with pytest.raises(NaiveDatetimeError):
        policy.decide(Staff(id="s"), Action.VIEW_TICKET, Ticket(id="T", account="a",
                      requester="r"), datetime(2026, 1, 1))  # fmt: skip


def test_declared_features_catch_misspellings() -> None:
    rule = view_rule(feature="admin_control")
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[rule], calendar=CAL, features={"admin_controls"})
    assert info.value.field == "rules[view].feature"
    account = Account(id="acme", features={"admin_control"})
    with pytest.raises(ConfigError) as info:
        AuthzPolicy(rules=[], accounts=[account], calendar=CAL, features={"admin_controls"})
    assert info.value.field == "accounts[acme].features"
    assert AuthzPolicy(rules=[rule], accounts=[account], calendar=CAL).features is None
