"""Who asks: accounts, their contacts and delegations, provider staff, unknown callers."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TypeAlias

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError

__all__ = [
    "Account",
    "Contact",
    "ContactRole",
    "Delegation",
    "Principal",
    "Staff",
    "StaffRole",
    "UnknownRequester",
]


class ContactRole(enum.StrEnum):
    """The customer-side roles of the reseller guide; policies may define more.

    Roles are plain strings everywhere; these members are strings too.

    >>> ContactRole.BILLING_CONTACT == "billing_contact"
    True
    """

    BILLING_CONTACT = "billing_contact"
    """Approves any billable work."""
    BACKUP_APPROVER = "backup_approver"
    """Alternate approver."""
    CHANGE_REQUESTER = "change_requester"
    """A MAC-only requester, who can submit changes but not approve charges."""
    PORTAL_ADMIN = "portal_admin"
    """Manages user access, ticket visibility and permissions."""
    USER = "user"
    """An ordinary user of the client."""


class StaffRole(enum.StrEnum):
    """The provider-side roles of the reseller guide's support team; policies may define more."""

    TECHNICIAN = "technician"
    COORDINATOR = "coordinator"
    SUPERVISOR = "supervisor"
    DIRECTOR = "director"


def _name(value: object, field: str) -> str:
    """A role, feature or id name: non-blank text (a ``StrEnum`` member becomes its value)."""
    return str(convert.text(value, field, allow_empty=False, max_length=200))


def _names(values: Iterable[str], field: str) -> frozenset[str]:
    return convert.frozenset_of(values, field, _name)


def _roles(values: Iterable[str]) -> frozenset[str]:
    return _names(values, "roles")


def _accounts(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else _names(values, "accounts")


def _id(value: str) -> str:
    return _name(value, "id")


def _account(value: str) -> str:
    return _name(value, "account")


def _verified(value: bool | str) -> bool:
    return convert.boolean(value, "verified")


def _display_name(value: str) -> str:
    return convert.text(value, "name", max_length=200)


@attrs.frozen(kw_only=True)
class Contact:
    """A person of one customer account, with the roles the account gave them.

    Args:
        id: Unique within the account.
        account: Id of the account the contact belongs to; required.
        roles: Role names (see :class:`ContactRole`).
        verified: ``False`` for a contact whose identity has not been confirmed;
            their requests need a call back to the number on file.
        name: For messages.

    >>> alice = Contact(id="alice", account="acme", roles={ContactRole.BILLING_CONTACT})
    >>> alice.has_role("billing_contact")
    True
    >>> Contact(id="bob", account="", roles=())
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: account: expected non-blank text
    """

    id: str = attrs.field(converter=_id)
    account: str = attrs.field(converter=_account)
    roles: frozenset[str] = attrs.field(converter=_roles, factory=frozenset)
    verified: bool = attrs.field(default=True, converter=_verified)
    name: str = attrs.field(default="", converter=_display_name)

    def has_role(self, role: str) -> bool:
        """Return whether the contact holds ``role`` in their own right."""
        return role in self.roles

    def with_roles(self, roles: Iterable[str]) -> Contact:
        """Return a copy holding exactly ``roles``."""
        return attrs.evolve(self, roles=roles)


@attrs.frozen(kw_only=True)
class Staff:
    """A provider-side principal (technician, coordinator, supervisor, director).

    Staff belong to no customer account. ``accounts`` lists the accounts they
    serve; ``None`` means every account.

    >>> Staff(id="tess", roles={StaffRole.TECHNICIAN}, accounts={"acme"}).serves("globex")
    False
    """

    id: str = attrs.field(converter=_id)
    roles: frozenset[str] = attrs.field(converter=_roles, factory=frozenset)
    accounts: frozenset[str] | None = attrs.field(converter=_accounts, default=None)
    name: str = attrs.field(default="", converter=_display_name)

    def serves(self, account: str) -> bool:
        """Return whether this staff member works for ``account``."""
        return self.accounts is None or account in self.accounts


@attrs.frozen(kw_only=True)
class UnknownRequester:
    """Someone who claims to speak for ``account`` but is not on its contact list.

    Such a request is never acted on directly: it needs a call back to the
    number on file (see :class:`~servicedesk_core.Outcome`).
    """

    account: str = attrs.field(converter=_account)
    name: str = attrs.field(default="", converter=_display_name)


Principal: TypeAlias = Contact | Staff | UnknownRequester
"""Anyone a decision can be about."""


def _delegator(value: str) -> str:
    return _name(value, "delegator")


def _delegate(value: str) -> str:
    return _name(value, "delegate")


def _starts(value: dt.datetime | str) -> dt.datetime:
    return convert.aware_datetime(value, "starts")


def _ends(value: dt.datetime | str) -> dt.datetime:
    return convert.aware_datetime(value, "ends")


def _delegation_id(value: str) -> str:
    return convert.text(value, "id", max_length=200)


@attrs.frozen(kw_only=True)
class Delegation:
    """``delegate`` holds ``roles`` of ``delegator`` during ``[starts, ends)``.

    Only roles the delegator holds *in their own right* pass on, so delegations
    never cascade: a delegate cannot hand on what was only delegated to them.

    >>> from datetime import datetime, timezone
    >>> leave = Delegation(
    ...     delegator="alice", delegate="carol", roles={"billing_contact"},
    ...     starts=datetime(2026, 7, 1, tzinfo=timezone.utc),
    ...     ends=datetime(2026, 7, 15, tzinfo=timezone.utc),
    ... )
    >>> leave.is_active(datetime(2026, 7, 15, tzinfo=timezone.utc))
    False
    """

    delegator: str = attrs.field(converter=_delegator)
    delegate: str = attrs.field(converter=_delegate)
    roles: frozenset[str] = attrs.field(converter=_roles)
    starts: dt.datetime = attrs.field(converter=_starts)
    ends: dt.datetime = attrs.field(converter=_ends)
    id: str = attrs.field(default="", converter=_delegation_id)

    def __attrs_post_init__(self) -> None:
        if to_us(self.ends) <= to_us(self.starts):
            raise ConfigError(
                f"a delegation must end after it starts ({self.starts} .. {self.ends})",
                field="ends",
            )
        if self.delegate == self.delegator:
            raise ConfigError("a contact cannot delegate to themselves", field="delegate")
        if not self.roles:
            raise ConfigError("a delegation passes on at least one role", field="roles")

    def is_active(self, at: dt.datetime) -> bool:
        """Return whether the delegation is in force at ``at`` (start inclusive, end exclusive).

        Raises:
            NaiveDatetimeError: ``at`` has no timezone.
        """
        return to_us(self.starts) <= to_us(at) < to_us(self.ends)


def _calendar(value: Calendar | None) -> Calendar | None:
    return None if value is None else convert.instance(Calendar, value, "calendar")


def _contacts(values: Iterable[Contact]) -> tuple[Contact, ...]:
    listed = convert.instances(values, "contacts", Contact)
    return tuple(sorted(listed, key=lambda contact: contact.id))


def _delegations(values: Iterable[Delegation]) -> tuple[Delegation, ...]:
    return convert.instances(values, "delegations", Delegation)


def _features(values: Iterable[str]) -> frozenset[str]:
    return _names(values, "features")


def _company_visibility(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else _names(values, "company_visibility")


def _callback_number(value: str) -> str:
    return convert.text(value, "callback_number", max_length=100)


@attrs.frozen(kw_only=True)
class Account:
    """A customer (tenant): its contact list, calendar and portal settings.

    Args:
        id: Unique within a policy.
        contacts: The contacts defined during onboarding; each must name this account.
        calendar: The business calendar deciding what is after hours for this
            account (``None``: the policy's default calendar).
        features: Optional features enabled for the account (e.g. ``"admin_controls"``);
            rules may require one.
        company_visibility: Roles that may see all company tickets, set by the
            portal admin; ``None`` means no restriction beyond the policy's rules.
        delegations: Time-bounded stand-ins between contacts of this account.
        callback_number: The number on file, to call back unknown requesters.

    >>> acme = Account(id="acme", contacts=[Contact(id="alice", account="acme", roles={"user"})])
    >>> acme.contact("alice").roles
    frozenset({'user'})
    >>> acme.contact("mallory") is None
    True
    """

    id: str = attrs.field(converter=_id)
    contacts: tuple[Contact, ...] = attrs.field(converter=_contacts, factory=tuple)
    calendar: Calendar | None = attrs.field(converter=_calendar, default=None)
    features: frozenset[str] = attrs.field(converter=_features, factory=frozenset)
    company_visibility: frozenset[str] | None = attrs.field(
        converter=_company_visibility, default=None
    )
    delegations: tuple[Delegation, ...] = attrs.field(converter=_delegations, factory=tuple)
    callback_number: str = attrs.field(default="", converter=_callback_number)
    name: str = attrs.field(default="", converter=_display_name)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for contact in self.contacts:
            field = f"accounts[{self.id}].contacts[{contact.id}]"
            if contact.account != self.id:
                raise ConfigError(
                    f"contact belongs to account {contact.account!r}", field=f"{field}.account"
                )
            if contact.id in seen:
                raise ConfigError("duplicate contact id", field=field)
            seen.add(contact.id)
        for i, delegation in enumerate(self.delegations):
            field = f"accounts[{self.id}].delegations[{i}]"
            delegator = self.contact(delegation.delegator)
            if delegator is None:
                raise ConfigError(
                    f"delegator {delegation.delegator!r} is not a contact of this account",
                    field=f"{field}.delegator",
                )
            if self.contact(delegation.delegate) is None:
                raise ConfigError(
                    f"delegate {delegation.delegate!r} is not a contact of this account",
                    field=f"{field}.delegate",
                )
            missing = delegation.roles - delegator.roles
            if missing:
                raise ConfigError(
                    f"{delegation.delegator!r} does not hold {sorted(missing)} in their own "
                    "right (delegations do not cascade)",
                    field=f"{field}.roles",
                )

    def contact(self, contact_id: str) -> Contact | None:
        """Return the listed contact with ``contact_id``, or ``None``."""
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        return None

    def is_listed(self, contact: Contact) -> bool:
        """Return whether ``contact`` is exactly as this account lists it (every field).

        >>> alice = Contact(id="alice", account="acme", roles={"user"})
        >>> acme = Account(id="acme", contacts=[alice])
        >>> acme.is_listed(alice), acme.is_listed(alice.with_roles({"billing_contact"}))
        (True, False)
        """
        return self.contact(contact.id) == contact

    def delegated_roles(self, contact_id: str, at: dt.datetime) -> tuple[tuple[str, str], ...]:
        """Return ``(role, delegator)`` pairs ``contact_id`` holds by delegation at ``at``.

        Only roles the delegator holds in their own right count (no cascading).

        >>> from datetime import datetime, timedelta, timezone
        >>> start = datetime(2026, 7, 1, tzinfo=timezone.utc)
        >>> acme = Account(id="acme", contacts=[
        ...     Contact(id="alice", account="acme", roles={"billing_contact"}),
        ...     Contact(id="erin", account="acme", roles={"user"}),
        ... ], delegations=[Delegation(delegator="alice", delegate="erin",
        ...                            roles={"billing_contact"}, starts=start,
        ...                            ends=start + timedelta(days=14))])
        >>> acme.delegated_roles("erin", start)
        (('billing_contact', 'alice'),)
        >>> acme.delegated_roles("erin", start + timedelta(days=14))
        ()
        """
        pairs: set[tuple[str, str]] = set()
        for delegation in self.delegations:
            if delegation.delegate != contact_id or not delegation.is_active(at):
                continue
            delegator = self.contact(delegation.delegator)
            if delegator is None:  # pragma: no cover - checked at construction
                continue
            pairs.update((role, delegator.id) for role in delegation.roles & delegator.roles)
        return tuple(sorted(pairs))

    def with_contact(self, contact: Contact) -> Account:
        """Return a copy with ``contact`` added, or replacing the contact with its id."""
        others = [c for c in self.contacts if c.id != contact.id]
        return attrs.evolve(self, contacts=[*others, contact])

    def with_company_visibility(self, roles: Iterable[str] | None) -> Account:
        """Return a copy where only ``roles`` see all company tickets (``None``: unrestricted)."""
        return attrs.evolve(self, company_visibility=roles)

    def with_features(self, features: Iterable[str]) -> Account:
        """Return a copy with exactly ``features`` enabled."""
        return attrs.evolve(self, features=features)

    def with_delegation(self, delegation: Delegation) -> Account:
        """Return a copy with ``delegation`` added."""
        return attrs.evolve(self, delegations=[*self.delegations, delegation])
