"""Go-live (port day, FOC) readiness: the guide's checklist as data.

On the day of porting, whatever the activation type, the provider verifies
that the account is configured; if anything is missing or wrong it contacts
the channel partner to verify the next steps. :data:`PORT_DAY_CHECKLIST` lists
the items; :func:`readiness` judges a :class:`ReadinessSnapshot` against it.

>>> snapshot = ReadinessSnapshot(states={key: ReadinessState.READY for key in ALWAYS_ITEMS})
>>> readiness(snapshot).ok
False
>>> snapshot = ReadinessSnapshot(
...     states={item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}
... )
>>> readiness(snapshot).ok
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.onboarding.porting import E911, AddressStatus
from servicedesk_core.report import Issue, Report, _Enum

__all__ = [
    "ALWAYS_ITEMS",
    "CONTACT_PARTNER",
    "PORT_DAY_CHECKLIST",
    "ReadinessItem",
    "ReadinessSnapshot",
    "ReadinessState",
    "readiness",
]

CONTACT_PARTNER = "the provider will contact the channel partner to verify the next steps"
"""The guide's consequence of an item that is missing or configured incorrectly."""


class ReadinessState(_Enum):
    """The state of one checklist item in a snapshot."""

    READY = "ready"
    NOT_READY = "not ready"
    NOT_APPLICABLE = "not applicable"


def _key(value: str) -> str:
    return convert.text(value, "key", allow_empty=False, max_length=200)


def _description(value: str) -> str:
    return convert.text(value, "description")


def _always(value: bool | str) -> bool:
    return convert.boolean(value, "always")


def _consequence(value: str) -> str:
    return convert.text(value, "consequence")


@attrs.frozen(kw_only=True)
class ReadinessItem:
    """One item of the port-day checklist.

    Attributes:
        key: Stable identifier, used as the snapshot key and in issue paths.
        description: The guide's wording.
        always: Whether the item always applies (``False``: "if applicable",
            "if in use", "if softphone").
        consequence: What happens when the item is not ready.
    """

    key: str = attrs.field(converter=_key)
    description: str = attrs.field(converter=_description)
    always: bool = attrs.field(default=True, converter=_always)
    consequence: str = attrs.field(default=CONTACT_PARTNER, converter=_consequence)


PORT_DAY_CHECKLIST: tuple[ReadinessItem, ...] = (
    ReadinessItem(key="users_created", description="Users have all been created"),
    ReadinessItem(key="numbers_routed", description="All DIDs have been routed"),
    ReadinessItem(key="native_fax", description="Native Fax is configured", always=False),
    ReadinessItem(key="ata_online", description="ATA is online if applicable", always=False),
    ReadinessItem(
        key="auto_attendants_and_queues",
        description="Auto Attendants & Call Queues are fully configured if in use",
        always=False,
    ),
    ReadinessItem(
        key="recordings_and_applications",
        description="Recording Uploaded & Applications set",
        always=False,
    ),
    ReadinessItem(key="phones_in_queues", description="Phones added to Queue", always=False),
    ReadinessItem(key="hardware_online", description="Hardware is online", always=False),
    ReadinessItem(
        key="softphones_registered",
        description="If softphone, confirm softphone is registered",
        always=False,
    ),
    ReadinessItem(key="e911_provisioned", description="E911 is provisioned for all locations"),
)
"""The self-service onboarding guide's "Confirmation of Configuration on FOC" list."""

ALWAYS_ITEMS = tuple(item.key for item in PORT_DAY_CHECKLIST if item.always)
"""Keys of the items that always apply."""


def _to_states(
    states: Mapping[str, ReadinessState | str],
) -> tuple[tuple[str, ReadinessState], ...]:
    named = [
        (convert.text(key, "states", max_length=200), state)
        for key, state in convert.pairs(states, "states")
    ]
    convert.unique((name for name, _state in named), "states")
    return tuple(
        sorted(
            (name, convert.enum_member(ReadinessState, state, f"states[{name}]"))
            for name, state in named
        )
    )


def _to_locations(locations: Iterable[E911]) -> tuple[E911, ...]:
    return convert.instances(locations, "e911_locations", E911)


@attrs.frozen(kw_only=True)
class ReadinessSnapshot:
    """What the account looks like on port day.

    Attributes:
        states: Each checklist item's state, by key (stored sorted, as pairs); a
            state's text value (``"not ready"``) is accepted and converted once.
        e911_locations: Every location's E911 record; an address that is not
            validated blocks go-live.
    """

    states: tuple[tuple[str, ReadinessState], ...] = attrs.field(default=(), converter=_to_states)
    e911_locations: tuple[E911, ...] = attrs.field(default=(), converter=_to_locations)

    def state(self, key: str) -> ReadinessState | None:
        """The state reported for ``key``, or ``None`` when not reported."""
        return dict(self.states).get(key)


def readiness(
    snapshot: ReadinessSnapshot, checklist: Iterable[ReadinessItem] = PORT_DAY_CHECKLIST
) -> Report:
    """List what is not ready for go-live, with the guide's consequence.

    An item that is not ready or not reported is an error; an item that always
    applies cannot be marked not applicable; every E911 location's address must
    be validated. Never raises for the snapshot.

    >>> states = {item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}
    >>> states["numbers_routed"] = ReadinessState.NOT_READY
    >>> print(readiness(ReadinessSnapshot(states=states)))  # doctest: +NORMALIZE_WHITESPACE
    error numbers_routed: All DIDs have been routed: not ready; the provider will contact
    the channel partner to verify the next steps [readiness.not_ready]
    """
    items = convert.instances(checklist, "checklist", ReadinessItem)
    convert.instance(ReadinessSnapshot, snapshot, "snapshot")
    reported = dict(snapshot.states)
    issues: list[Issue] = []
    for item in items:
        state = reported.get(item.key)
        if state is None:
            issues.append(
                ONBOARDING_CODES.issue(
                    "readiness.unreported",
                    item.key,
                    f"{item.description}: no status reported; {item.consequence}",
                )
            )
        elif state is ReadinessState.NOT_READY:
            issues.append(
                ONBOARDING_CODES.issue(
                    "readiness.not_ready",
                    item.key,
                    f"{item.description}: not ready; {item.consequence}",
                )
            )
        elif state is ReadinessState.NOT_APPLICABLE and item.always:
            issues.append(
                ONBOARDING_CODES.issue(
                    "readiness.cannot_skip",
                    item.key,
                    f"{item.description}: always applies and cannot be marked not applicable",
                )
            )
    known = {item.key for item in items}
    for key in sorted(reported.keys() - known):
        issues.append(
            ONBOARDING_CODES.issue(
                "readiness.unknown_item", key, f"{key!r} is not an item of the checklist"
            )
        )
    for i, location in enumerate(snapshot.e911_locations):
        path = f"e911_locations[{i}].status"
        if location.status is AddressStatus.PENDING:
            issues.append(
                ONBOARDING_CODES.issue(
                    "e911.address_unvalidated",
                    path,
                    f"the E911 address of {location.number or 'this location'} is not "
                    f"validated; it blocks go-live; {CONTACT_PARTNER}",
                )
            )
        elif location.status is AddressStatus.REJECTED:
            issues.append(
                ONBOARDING_CODES.issue(
                    "e911.address_rejected",
                    path,
                    f"the E911 address of {location.number or 'this location'} failed "
                    f"validation; it blocks go-live; {CONTACT_PARTNER}",
                )
            )
    return Report(issues)
