"""The shipped strategies: valid values, documented errors for bad options; fuzzing parsers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core import Account, AuthzPolicy, ConfigError, Contact, ContactRole, Rule
from servicedesk_core.authz import to_money
from servicedesk_core.testing.strategies import accounts, authz_policies, contacts


@given(contacts(account="acme", roles=[ContactRole.USER, "billing_contact"]))
def test_contacts_belong_to_the_given_account_and_roles(contact: Contact) -> None:
    assert contact.account == "acme"
    assert contact.roles <= {"user", "billing_contact"}


@given(accounts(min_contacts=2, max_contacts=4))
def test_accounts_have_unique_contacts_and_valid_delegations(account: Account) -> None:
    assert 2 <= len(account.contacts) <= 4
    assert len({c.id for c in account.contacts}) == len(account.contacts)
    for delegation in account.delegations:
        delegator = account.contact(delegation.delegator)
        assert delegator is not None
        assert delegation.roles <= delegator.roles


@given(authz_policies(min_accounts=2, max_accounts=2, min_rules=1, max_rules=3, allow_deny=False))
def test_policies_respect_their_options(policy: AuthzPolicy) -> None:
    assert len(policy.accounts) == 2
    assert 1 <= len(policy.rules) <= 3
    assert all(rule.effect == "allow" for rule in policy.rules)


@pytest.mark.parametrize(
    "build",
    [
        lambda: contacts(roles=[]),
        lambda: contacts(roles="user"),
        lambda: contacts(ids=[]),
        lambda: accounts(min_contacts=3, max_contacts=2),
        lambda: accounts(max_contacts=7),
        lambda: accounts(max_delegations=-1),
        lambda: authz_policies(min_accounts=-1),
        lambda: authz_policies(max_accounts=5),
        lambda: authz_policies(min_rules=4, max_rules=3),
    ],
)
def test_bad_options_raise_invalid_argument(build: object) -> None:
    with pytest.raises(InvalidArgument):
        build()  # type: ignore[operator]


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.decimals(),
    st.lists(st.integers(), max_size=2),
)


@given(ANYTHING)
def test_money_is_a_decimal_or_a_config_error(value: object) -> None:
    try:
        amount = to_money(value, field="price")
    except ConfigError:
        return
    assert isinstance(amount, Decimal)
    assert amount.is_finite()
    assert amount >= 0
    assert not isinstance(value, float)


@given(
    st.text(max_size=6),
    st.sampled_from(["allow", "deny"]),
    st.lists(st.text(max_size=12), max_size=3),
    st.lists(st.text(max_size=12), max_size=3),
    ANYTHING,
)
def test_rules_raise_only_documented_errors(
    rule_id: str, effect: str, actions: list[str], roles: list[str], up_to: object
) -> None:
    try:
        rule = Rule(id=rule_id, effect=effect, actions=actions, roles=roles, up_to=up_to)
    except ConfigError:
        return
    assert rule.actions
    assert rule.id
