"""Seed 001's "Confirmation of Configuration on FOC": the port-day readiness checklist."""

import pytest

from servicedesk_core import (
    E911,
    PORT_DAY_CHECKLIST,
    AddressStatus,
    ReadinessSnapshot,
    ReadinessState,
    readiness,
)

ALL_READY = {item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}


def snapshot(**states: ReadinessState) -> ReadinessSnapshot:
    return ReadinessSnapshot(states={**ALL_READY, **states})


def test_the_checklist_is_the_guides_ten_items() -> None:
    assert len(PORT_DAY_CHECKLIST) == 10
    assert PORT_DAY_CHECKLIST[0].description == "Users have all been created"
    assert PORT_DAY_CHECKLIST[-1].description == "E911 is provisioned for all locations"


def test_everything_ready_is_ok() -> None:
    assert readiness(snapshot()).issues == ()


@pytest.mark.parametrize("item", PORT_DAY_CHECKLIST, ids=lambda item: item.key)
def test_each_item_not_ready_says_the_consequence(item: object) -> None:
    key = item.key  # type: ignore[attr-defined]
    report = readiness(snapshot(**{key: ReadinessState.NOT_READY}))
    (issue,) = report
    assert ("readiness.not_ready", key) == (issue.code, issue.path)
    assert "contact the channel partner" in issue.message
    assert not report.ok


def test_optional_items_may_be_not_applicable() -> None:
    states = {
        "native_fax": ReadinessState.NOT_APPLICABLE,
        "ata_online": ReadinessState.NOT_APPLICABLE,
        "softphones_registered": ReadinessState.NOT_APPLICABLE,
    }
    assert readiness(snapshot(**states)).ok


@pytest.mark.parametrize("key", ["users_created", "numbers_routed", "e911_provisioned"])
def test_items_that_always_apply_cannot_be_skipped(key: str) -> None:
    report = readiness(snapshot(**{key: ReadinessState.NOT_APPLICABLE}))
    assert {("readiness.cannot_skip", key)} == {(i.code, i.path) for i in report}


def test_unreported_items_are_not_ready() -> None:
    states = dict(ALL_READY)
    del states["hardware_online"]
    report = readiness(ReadinessSnapshot(states=states))
    assert {("readiness.unreported", "hardware_online")} == {(i.code, i.path) for i in report}


def test_unknown_items_are_warned_about() -> None:
    report = readiness(snapshot(coffee_machine=ReadinessState.READY))
    assert {("readiness.unknown_item", "coffee_machine")} == {(i.code, i.path) for i in report}
    assert report.ok


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (AddressStatus.PENDING, "e911.address_unvalidated"),
        (AddressStatus.REJECTED, "e911.address_rejected"),
    ],
)
def test_an_unvalidated_e911_address_blocks_go_live(status: AddressStatus, code: str) -> None:
    locations = [
        E911(number="913 599 6900", status=AddressStatus.VALIDATED),
        E911(number="913 599 6901", status=status),
    ]
    report = readiness(ReadinessSnapshot(states=ALL_READY, e911_locations=locations))
    assert {(code, "e911_locations[1].status")} == {(i.code, i.path) for i in report}
    assert not report.ok


def test_snapshots_are_values() -> None:
    assert snapshot() == ReadinessSnapshot(states=dict(reversed(list(ALL_READY.items()))))
    assert snapshot().state("users_created") == ReadinessState.READY
    assert snapshot().state("nope") is None
