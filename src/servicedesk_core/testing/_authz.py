"""Hypothesis strategies for authorization values: contacts, accounts, policies."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Sequence
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.authz import (
    Account,
    Action,
    AuthzPolicy,
    Contact,
    ContactRole,
    Delegation,
    Effect,
    PrincipalKind,
    Rule,
    Scope,
    Staff,
    StaffRole,
    Ticket,
    WorkCatalogue,
    WorkKind,
)
from servicedesk_core.calendar import Calendar
from servicedesk_core.priority import FOUR_TIER
from servicedesk_core.testing._calendar import business_calendars

__all__ = [
    "accounts",
    "authz_policies",
    "authz_rules",
    "contacts",
    "delegations",
    "staff",
    "tickets",
    "work_catalogues",
    "work_kinds",
]

ACCOUNT_IDS = ("acme", "globex", "initech", "umbrella")
CONTACT_IDS = ("alice", "bob", "carol", "dave", "erin", "frank")
FEATURES = ("admin_controls", "suspended")
_UTC = dt.UTC
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=_UTC)


def _check_sizes(min_size: int, max_size: int, what: str) -> None:
    if min_size < 0 or max_size < min_size:
        raise InvalidArgument(f"need 0 <= min_{what} <= max_{what}, got {min_size}, {max_size}")


def _roles(roles: Collection[str]) -> list[str]:
    if isinstance(roles, str) or not roles:
        raise InvalidArgument(f"roles must be a non-empty collection of names, got {roles!r}")
    return sorted(str(role) for role in roles)


def money(*, max_value: Decimal = Decimal("5000")) -> st.SearchStrategy[Decimal]:
    """Exact amounts in cents between 0 and ``max_value``."""
    return st.decimals(min_value=0, max_value=max_value, places=2, allow_nan=False)


def contacts(
    *,
    account: str | None = None,
    ids: Sequence[str] = CONTACT_IDS,
    roles: Collection[str] = tuple(ContactRole),
    verified: bool | None = True,
) -> st.SearchStrategy[Contact]:
    """Contacts with any subset of ``roles`` (possibly none).

    Args:
        account: The account every contact belongs to (default: one of a few ids).
        ids: Contact ids to draw from.
        roles: Role names to draw from.
        verified: ``None`` draws unverified contacts too (one in four).
    """
    names = _roles(roles)
    if not ids:
        raise InvalidArgument("ids must not be empty")
    return _contacts(account, tuple(ids), tuple(names), verified)


@functools.lru_cache(maxsize=64)
def _contacts(
    account: str | None, ids: tuple[str, ...], names: tuple[str, ...], verified: bool | None
) -> st.SearchStrategy[Contact]:
    return st.builds(
        lambda id_, account_, roles_, verified_: Contact(
            id=id_, account=account_, roles=roles_, verified=verified_
        ),
        st.sampled_from(ids),
        st.just(account) if account is not None else st.sampled_from(ACCOUNT_IDS),
        st.frozensets(st.sampled_from(names)),
        st.sampled_from([True, True, True, False]) if verified is None else st.just(verified),
    )


@st.composite
def _delegations(
    draw: st.DrawFn, members: Sequence[Contact], max_delegations: int
) -> list[Delegation]:
    found: list[Delegation] = []
    holders = [contact for contact in members if contact.roles]
    if len(members) < 2 or not holders:
        return found
    for _ in range(draw(st.integers(0, max_delegations))):
        delegator = draw(st.sampled_from(holders))
        delegate = draw(st.sampled_from([c for c in members if c.id != delegator.id]))
        roles = draw(st.frozensets(st.sampled_from(sorted(delegator.roles)), min_size=1))
        start_hours = draw(st.integers(-24 * 60, 24 * 60))
        length_hours = draw(st.integers(1, 24 * 30))
        starts = _EPOCH + dt.timedelta(hours=start_hours)
        found.append(
            Delegation(
                delegator=delegator.id,
                delegate=delegate.id,
                roles=roles,
                starts=starts,
                ends=starts + dt.timedelta(hours=length_hours),
            )
        )
    return found


@st.composite
def _accounts(
    draw: st.DrawFn,
    account_id: str | None,
    roles: list[str],
    min_contacts: int,
    max_contacts: int,
    features: Sequence[str],
    max_delegations: int,
    calendars: st.SearchStrategy[Calendar] | None,
    verified: bool | None,
) -> Account:
    id_ = account_id if account_id is not None else draw(st.sampled_from(ACCOUNT_IDS))
    members = draw(
        st.lists(
            contacts(account=id_, roles=roles, verified=verified),
            min_size=min_contacts,
            max_size=max_contacts,
            unique_by=lambda contact: contact.id,
        )
    )
    visibility = draw(st.none() | st.frozensets(st.sampled_from(roles)))
    return Account(
        id=id_,
        contacts=members,
        calendar=draw(calendars) if calendars is not None else None,
        features=draw(st.frozensets(st.sampled_from(list(features)))) if features else (),
        company_visibility=visibility,
        delegations=draw(_delegations(members, max_delegations)),
        callback_number="+1 913 555 0100",
    )


def accounts(
    *,
    account_id: str | None = None,
    roles: Collection[str] = tuple(ContactRole),
    min_contacts: int = 1,
    max_contacts: int = 5,
    features: Sequence[str] = FEATURES,
    max_delegations: int = 2,
    calendars: st.SearchStrategy[Calendar] | None = None,
    verified: bool | None = True,
) -> st.SearchStrategy[Account]:
    """Accounts with unique contacts, optional visibility restriction and valid delegations.

    Args:
        account_id: Fixed id (default: one of a few ids).
        roles: Contact roles to draw from.
        min_contacts: Fewest contacts.
        max_contacts: Most contacts (at most the number of contact ids, 6).
        features: Features an account may have enabled.
        max_delegations: Most delegations per account (delegators delegate roles they hold).
        calendars: Strategy for the account's own calendar (default: none, the
            policy's calendar applies).
        verified: ``None`` draws unverified contacts too.
    """
    _check_sizes(min_contacts, max_contacts, "contacts")
    if max_contacts > len(CONTACT_IDS):
        raise InvalidArgument(f"max_contacts must be at most {len(CONTACT_IDS)}")
    if max_delegations < 0:
        raise InvalidArgument("max_delegations must not be negative")
    return _cached_accounts(
        account_id,
        tuple(_roles(roles)),
        min_contacts,
        max_contacts,
        tuple(features),
        max_delegations,
        calendars,
        verified,
    )


@functools.lru_cache(maxsize=64)
def _cached_accounts(
    account_id: str | None,
    roles: tuple[str, ...],
    min_contacts: int,
    max_contacts: int,
    features: tuple[str, ...],
    max_delegations: int,
    calendars: st.SearchStrategy[Calendar] | None,
    verified: bool | None,
) -> st.SearchStrategy[Account]:
    return _accounts(
        account_id,
        list(roles),
        min_contacts,
        max_contacts,
        features,
        max_delegations,
        calendars,
        verified,
    )


_KINDS = st.sampled_from(PrincipalKind)
_EFFECTS = st.sampled_from([Effect.ALLOW, Effect.ALLOW, Effect.ALLOW, Effect.DENY])
_ACTIONS = st.frozensets(st.sampled_from(Action), min_size=1)
_SCOPES = st.sampled_from(Scope)
_BOOLEANS = st.booleans()
_OPTIONAL_MONEY = st.none() | money()


@functools.lru_cache(maxsize=64)
def _role_sets(
    pool: tuple[str, ...], size: int | None = None
) -> st.SearchStrategy[tuple[str, ...]]:
    if size is not None:
        return st.tuples(*[st.sampled_from(pool)] * size)
    return st.frozensets(st.sampled_from(pool)).map(lambda roles: tuple(sorted(roles)))


@functools.lru_cache(maxsize=64)
def _features(features: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(features)


@st.composite
def _rules(
    draw: st.DrawFn,
    contact_roles: list[str],
    staff_roles: list[str],
    features: Sequence[str],
    min_rules: int,
    max_rules: int,
    allow_deny: bool,
) -> list[Rule]:
    rules: list[Rule] = []
    for i in range(draw(st.integers(min_rules, max_rules))):
        kind = draw(_KINDS)
        effect = draw(_EFFECTS) if allow_deny else Effect.ALLOW
        role_pool = contact_roles if kind is PrincipalKind.CONTACT else staff_roles
        actions = set(draw(_ACTIONS))
        if kind is PrincipalKind.STAFF and effect is Effect.ALLOW:
            actions.discard(Action.APPROVE_CHARGE)
            if not actions:
                actions = {Action.VIEW_TICKET}
        roles = draw(_role_sets(tuple(role_pool)))
        if effect is Effect.ALLOW and Action.APPROVE_CHARGE in actions and not roles:
            roles = draw(_role_sets(tuple(role_pool), 1))
        scope = Scope.ACCOUNT
        if kind is PrincipalKind.CONTACT:
            scope = draw(_SCOPES)
        up_to = None
        if effect is Effect.ALLOW and actions == {Action.APPROVE_CHARGE}:
            up_to = draw(_OPTIONAL_MONEY)
        rules.append(
            Rule(
                id=f"rule-{i}",
                effect=effect,
                actions=actions,
                principal=kind,
                roles=roles if effect is Effect.ALLOW else (),
                unless_roles=roles if effect is Effect.DENY else (),
                scope=scope,
                feature=draw(_features(tuple(features))) if features else None,
                up_to=up_to,
                check_in=effect is Effect.ALLOW and draw(_BOOLEANS),
                description=f"random rule {i}",
            )
        )
    return rules


@functools.lru_cache(maxsize=1)
def _work_kinds() -> st.SearchStrategy[WorkKind]:
    return st.builds(
        lambda id_, billable, price: WorkKind(
            id=id_, description=id_, billable=billable, price=price if billable else None
        ),
        st.sampled_from(["reset", "ivr", "on_site", "migration", "training"]),
        st.booleans(),
        st.none() | money(),
    )


@functools.lru_cache(maxsize=1)
def _catalogue() -> st.SearchStrategy[WorkCatalogue]:
    kinds = st.lists(_work_kinds(), unique_by=lambda kind: kind.id, max_size=5)
    return st.builds(
        lambda kinds_, exempt: WorkCatalogue(kinds=kinds_, after_hours_exempt=exempt),
        kinds,
        st.frozensets(st.sampled_from(list(FOUR_TIER))),
    )


@functools.lru_cache(maxsize=16)
def _account_ids(min_accounts: int, max_accounts: int) -> st.SearchStrategy[list[str]]:
    return st.lists(
        st.sampled_from(ACCOUNT_IDS), min_size=min_accounts, max_size=max_accounts, unique=True
    )


_STAFF = st.lists(
    st.builds(
        lambda id_, roles, served: Staff(id=id_, roles=roles, accounts=served),
        st.sampled_from(["sam", "tess", "uma"]),
        st.frozensets(st.sampled_from(sorted(str(role) for role in StaffRole))),
        st.none() | st.frozensets(st.sampled_from(ACCOUNT_IDS)),
    ),
    max_size=3,
    unique_by=lambda member: member.id,
)


@st.composite
def _policies(
    draw: st.DrawFn,
    min_accounts: int,
    max_accounts: int,
    min_rules: int,
    max_rules: int,
    allow_deny: bool,
    calendars: st.SearchStrategy[Calendar],
    verified: bool | None,
) -> AuthzPolicy:
    contact_roles = sorted(str(role) for role in ContactRole)
    staff_roles = sorted(str(role) for role in StaffRole)
    ids: list[str] = draw(_account_ids(min_accounts, max_accounts))
    members = [
        draw(accounts(account_id=id_, roles=contact_roles, verified=verified)) for id_ in ids
    ]
    staff = draw(_STAFF)
    return AuthzPolicy(
        rules=draw(_rules(contact_roles, staff_roles, FEATURES, min_rules, max_rules, allow_deny)),
        catalogue=draw(_catalogue()),
        accounts=members,
        staff=staff,
        calendar=draw(calendars),
        features=FEATURES,
    )


def authz_policies(
    *,
    min_accounts: int = 1,
    max_accounts: int = 3,
    min_rules: int = 0,
    max_rules: int = 8,
    allow_deny: bool = True,
    calendars: st.SearchStrategy[Calendar] | None = None,
    verified: bool | None = None,
) -> st.SearchStrategy[AuthzPolicy]:
    """Valid policies: random rules over the standard roles, accounts, staff and a catalogue.

    Args:
        min_accounts: Fewest accounts.
        max_accounts: Most accounts (at most 4).
        min_rules: Fewest rules.
        max_rules: Most rules.
        allow_deny: Whether deny rules are drawn too.
        calendars: Strategy for the policy's calendar (default:
            :func:`business_calendars` without holidays or overrides).
        verified: ``None`` draws unverified contacts too.
    """
    _check_sizes(min_accounts, max_accounts, "accounts")
    _check_sizes(min_rules, max_rules, "rules")
    if max_accounts > len(ACCOUNT_IDS):
        raise InvalidArgument(f"max_accounts must be at most {len(ACCOUNT_IDS)}")
    if calendars is None:
        calendars = business_calendars(max_holidays=0, max_overrides=0)
    return _policies(
        min_accounts, max_accounts, min_rules, max_rules, allow_deny, calendars, verified
    )


def authz_rules(*, allow_deny: bool = True) -> st.SearchStrategy[Rule]:
    """Single allow (or deny) rules over the standard roles, actions and features."""
    contact_roles = sorted(str(role) for role in ContactRole)
    staff_roles = sorted(str(role) for role in StaffRole)
    return _rules(contact_roles, staff_roles, FEATURES, 1, 1, allow_deny).map(
        lambda rules: rules[0]
    )


def work_kinds() -> st.SearchStrategy[WorkKind]:
    """Included work, or billable work with or without a price."""
    return _work_kinds()


def work_catalogues() -> st.SearchStrategy[WorkCatalogue]:
    """Catalogues of up to five work kinds, with priority levels exempt after hours."""
    return _catalogue()


def staff() -> st.SearchStrategy[Staff]:
    """Provider staff with standard roles, serving every account or a few."""
    return _STAFF.filter(bool).map(lambda members: members[0])


def delegations() -> st.SearchStrategy[Delegation]:
    """Valid delegations between two contacts of one account."""
    members = st.lists(
        contacts(account="acme", roles=tuple(ContactRole)).filter(lambda contact: contact.roles),
        min_size=2,
        max_size=3,
        unique_by=lambda contact: contact.id,
    )
    return (
        members.flatmap(lambda found: _delegations(found, 1))
        .filter(bool)
        .map(lambda found: found[0])
    )


def tickets() -> st.SearchStrategy[Ticket]:
    """Tickets of the standard accounts: maybe catalogued work, a priority, an estimate, a time."""
    return st.builds(
        Ticket,
        id=st.sampled_from(["T-1", "T-2", "T-3"]),
        account=st.sampled_from(ACCOUNT_IDS),
        requester=st.sampled_from(CONTACT_IDS),
        work=st.none() | st.sampled_from(["reset", "ivr", "on_site", "migration"]),
        priority=st.none() | st.sampled_from(list(FOUR_TIER)),
        estimate=_OPTIONAL_MONEY,
        requested_at=st.none()
        | st.integers(0, 24 * 365).map(lambda hours: _EPOCH + dt.timedelta(hours=hours)),
    )
