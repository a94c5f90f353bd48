"""The boundary rule in onboarding: text for an enum is the enum, never misjudged; junk is
refused at construction naming the field; the validators never raise for any field value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    E911,
    ONBOARDING_CODES,
    PORT_DAY_CHECKLIST,
    Address,
    ConfigError,
    DocumentRule,
    LeadTime,
    NaiveDatetimeError,
    NativeFax,
    OnboardingCase,
    OnboardingStepRule,
    PhoneNumber,
    PhoneNumberError,
    PortingTier,
    PortOrder,
    PortScope,
    ReadinessItem,
    ReadinessSnapshot,
    ReadinessState,
    ReceivedDocument,
    check_address,
    check_cnam,
    onboarding_checklist,
    readiness,
    validate_phone_number,
)
from tests.fuzz import JUNK, refused_or_built

from .sample import DOCUMENTS, ORDER, issues, validate

READY = {item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}


def test_a_state_given_as_text_is_judged_as_that_state() -> None:
    """'not ready' used to count as ready: it was compared with `is`."""
    snapshot = ReadinessSnapshot(states={**READY, "numbers_routed": "not ready"})
    assert ReadinessState.NOT_READY == snapshot.state("numbers_routed")
    assert {("readiness.not_ready", "numbers_routed")} == issues(readiness(snapshot))


def test_a_pending_e911_address_given_as_text_blocks_go_live() -> None:
    snapshot = ReadinessSnapshot(states=READY, e911_locations=[E911(status="pending")])
    assert {"e911.address_unvalidated"} == readiness(snapshot).codes
    assert {"e911.address_unvalidated"} <= validate(e911=E911(status="pending")).codes


def test_scope_and_activation_given_as_text_are_the_enum_members() -> None:
    """A full port given as "full" is judged as full (it used to be judged as partial)."""
    order = attrs.evolve(ORDER, scope="full", activation="porting", tax_exempt="false")
    assert (PortScope.FULL, False) == (order.scope, order.tax_exempt)
    assert {"port.full_leaves_numbers"} == validate(order).codes
    assert validate() == validate(scope="partial", activation="porting")


def test_an_unknown_state_is_refused_naming_the_item() -> None:
    with pytest.raises(ConfigError, match="got str 'done'") as caught:
        ReadinessSnapshot(states={"users_created": "done"})
    assert "states[users_created]" == caught.value.field


def test_a_misspelt_time_zone_is_reported_with_the_iana_name() -> None:
    report = validate(time_zone="CT")
    assert [issue.message for issue in report.at("time_zone")] == [
        "'CT' is not an IANA time zone (did you mean 'America/Chicago'?)"
    ]


def test_a_pasted_page_for_a_number_is_reported_unread() -> None:
    check = validate_phone_number("913 599 6900 " * 1000, path="sms_number")
    assert [("field.too_long", "sms_number")] == [(i.code, i.path) for i in check.report]


# One door, one fuzz test: constructors raise only ConfigError naming a field (or the
# documented PhoneNumberError / NaiveDatetimeError); validators only return reports.

DOCUMENTED = (PhoneNumberError, NaiveDatetimeError)

DOORS: dict[type, dict[str, Any]] = {
    Address: {},
    E911: {},
    NativeFax: {},
    PortOrder: {},
    OnboardingCase: {},
    DocumentRule: {"document": "phone bill"},
    OnboardingStepRule: {"step": "port submission"},
    ReceivedDocument: {"document": "phone bill", "received_on": "2026-03-02"},
    ReadinessItem: {"key": "k", "description": "d"},
    ReadinessSnapshot: {},
    LeadTime: {"name": "n", "minimum": "P1D"},
    PortingTier: {"min_numbers": 1, "rule": LeadTime(name="n", minimum="P1D")},
}


@pytest.mark.parametrize("cls", DOORS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_constructors_from_junk_raise_only_config_error(cls: type, data: st.DataObject) -> None:
    field = data.draw(st.sampled_from([f.name for f in attrs.fields(cls) if f.init]))
    refused_or_built(lambda: cls(**{**DOORS[cls], field: data.draw(JUNK)}), *DOCUMENTED)


@given(JUNK, JUNK, JUNK, JUNK)
def test_phone_number_from_junk(area: Any, exchange: Any, line: Any, text: Any) -> None:
    refused_or_built(lambda: PhoneNumber(area, exchange, line), *DOCUMENTED)
    refused_or_built(lambda: PhoneNumber.parse(text), *DOCUMENTED)
    if isinstance(text, str):
        assert validate_phone_number(text).report.codes <= {e.code for e in ONBOARDING_CODES}


@given(st.data())
def test_validate_port_order_never_raises_for_any_field_value(data: st.DataObject) -> None:
    field = data.draw(st.sampled_from([f.name for f in attrs.fields(PortOrder)]))
    order = refused_or_built(lambda: attrs.evolve(ORDER, **{field: data.draw(JUNK)}), *DOCUMENTED)
    if isinstance(order, PortOrder):
        assert validate(order).codes <= {entry.code for entry in ONBOARDING_CODES}


@given(st.text(max_size=30) | st.just("x" * 5000), JUNK)
def test_check_cnam_and_address_never_raise_for_text(text: str, junk: Any) -> None:
    assert check_cnam(text).codes <= {entry.code for entry in ONBOARDING_CODES}
    address = refused_or_built(lambda: Address(zip=junk, state=text), *DOCUMENTED)
    if isinstance(address, Address):
        check_address(address, path="a")


@given(JUNK)
def test_checklist_and_readiness_refuse_junk_arguments(junk: Any) -> None:
    refused_or_built(
        lambda: onboarding_checklist(OnboardingCase(), junk, today="2026-03-02"), *DOCUMENTED
    )
    refused_or_built(
        lambda: onboarding_checklist(OnboardingCase(), DOCUMENTS, today=junk), *DOCUMENTED
    )
    refused_or_built(lambda: readiness(ReadinessSnapshot(), junk), *DOCUMENTED)


def test_a_datetime_for_a_date_says_to_pass_its_date() -> None:
    with pytest.raises(ConfigError, match=r"pass value\.date\(\)") as caught:
        ReceivedDocument("phone bill", dt.datetime(2026, 3, 2, tzinfo=dt.UTC))  # type: ignore[arg-type]
    assert "received_on" == caught.value.field


def test_a_state_given_twice_in_pairs_is_refused_not_overwritten() -> None:
    """Pairs from a database row may repeat a key; the last one must not silently win."""
    with pytest.raises(ConfigError, match="given twice") as caught:
        ReadinessSnapshot(states=[("numbers_routed", "ready"), ("numbers_routed", "not ready")])
    assert "states" == caught.value.field
