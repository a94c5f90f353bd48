"""Random principals, actions, resources and instants drawn against a policy."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    Account,
    Action,
    AuthzPolicy,
    Contact,
    Principal,
    Staff,
    StaffRole,
    Ticket,
    UnknownRequester,
)
from servicedesk_core.testing.strategies import contacts

UTC = dt.UTC
MOSTLY = st.sampled_from([True, True, True, False])
"""True three times in four (Hypothesis draws small integers far more often than large)."""
OTHER_ACCOUNTS = ("acme", "globex", "initech", "umbrella", "nowhere")


@attrs.frozen
class Scenario:
    principal: Principal
    action: Action
    resource: Ticket | Account
    at: dt.datetime

    @property
    def account(self) -> str:
        return self.resource.id if isinstance(self.resource, Account) else self.resource.account


def instants() -> st.SearchStrategy[dt.datetime]:
    """Around the delegation window of the strategies (2026-01-01 +- 60 days)."""
    return st.datetimes(
        min_value=dt.datetime(2025, 10, 1),
        max_value=dt.datetime(2026, 4, 1),
        timezones=st.just(UTC),
    )


def listed_contacts(policy: AuthzPolicy) -> list[Contact]:
    return [contact for account in policy.accounts for contact in account.contacts]


@st.composite
def principals(draw: st.DrawFn, policy: AuthzPolicy) -> Principal:
    listed = listed_contacts(policy)
    options: list[st.SearchStrategy[Principal]] = [
        contacts(verified=None),
        st.builds(UnknownRequester, account=st.sampled_from(OTHER_ACCOUNTS)),
        st.builds(
            Staff,
            id=st.just("visitor"),
            roles=st.frozensets(st.sampled_from(sorted(StaffRole))),
            accounts=st.none() | st.frozensets(st.sampled_from(OTHER_ACCOUNTS)),
        ),
    ]
    if policy.staff:
        options.append(st.sampled_from(policy.staff))
    if listed and draw(MOSTLY):  # listed contacts are where decisions get interesting
        return draw(st.sampled_from(listed))
    return draw(st.one_of(options))


@st.composite
def tickets(draw: st.DrawFn, policy: AuthzPolicy, account: str) -> Ticket:
    found = policy.account(account)
    requesters = ["zed"] + ([c.id for c in found.contacts] if found is not None else [])
    kinds = [kind.id for kind in policy.catalogue.kinds] + ["mystery"]
    return Ticket(
        id=draw(st.sampled_from(["T-1", "T-2"])),
        account=account,
        requester=draw(st.sampled_from(requesters)),
        work=draw(st.none() | st.sampled_from(kinds)),
        priority=draw(st.none() | st.sampled_from(list(FOUR_TIER))),
        estimate=draw(st.none() | st.decimals(min_value=0, max_value=9000, places=2)),
        requested_at=draw(st.none() | instants()),
    )


@st.composite
def resources(
    draw: st.DrawFn, policy: AuthzPolicy, action: Action, account: str | None = None
) -> Ticket | Account:
    if account is None:
        ids = [a.id for a in policy.accounts] + list(OTHER_ACCOUNTS)
        account = draw(st.sampled_from(ids))
    if draw(MOSTLY) or draw(MOSTLY):
        if action.is_on_ticket:
            return draw(tickets(policy, account))
        return policy.account(account) or Account(id=account)
    # now and then the wrong kind of resource: a deny, never an exception
    return draw(tickets(policy, account)) if draw(st.booleans()) else Account(id=account)


_ACTIONS = st.sampled_from(Action)


def home(principal: Principal) -> str | None:
    """The account a principal belongs to or serves first, if any."""
    if isinstance(principal, Contact | UnknownRequester):
        return principal.account
    return min(principal.accounts) if principal.accounts else None


@st.composite
def scenarios(draw: st.DrawFn, policy: AuthzPolicy) -> Scenario:
    """Mostly a principal acting on its own account: that is where decisions get interesting."""
    action = draw(_ACTIONS)
    principal = draw(principals(policy))
    account = home(principal) if draw(MOSTLY) else None
    return Scenario(
        principal=principal,
        action=action,
        resource=draw(resources(policy, action, account)),
        at=draw(instants()),
    )
