"""Every issue code is documented, reachable, and nothing undocumented ever escapes."""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    E911,
    LICENCE_REQUEST,
    ONBOARDING_CODES,
    PORT_DAY_CHECKLIST,
    Activation,
    AddressStatus,
    Document,
    FaxType,
    NativeFax,
    OnboardingCase,
    PortOrder,
    PortScope,
    ReadinessSnapshot,
    ReadinessState,
    ReceivedDocument,
    Report,
    check_requested_date,
    onboarding_checklist,
    readiness,
    validate_phone_number,
    validate_port_order,
)
from servicedesk_core.testing.strategies import port_orders

from .sample import NOW, ORDER, PROVIDER, validate, with_document, without

DOCS = Path(__file__).parents[2] / "docs" / "onboarding.md"
ROW = re.compile(
    r"^\| `(?P<code>[a-z0-9_.]+)` \| (?P<severity>error|warning) \| (?P<meaning>.+) \|$"
)


def documented() -> dict[str, str]:
    rows = [ROW.match(line) for line in DOCS.read_text(encoding="utf-8").splitlines()]
    return {m["code"]: m["severity"] for m in rows if m}


def test_every_code_is_documented_with_its_severity() -> None:
    expected = {entry.code: entry.severity.value for entry in ONBOARDING_CODES}
    assert expected == documented()


def phone(text: str) -> Report:
    return validate_phone_number(text).report


ALL_READY = {item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}
ASAP = attrs.evolve(ORDER, activation=Activation.ASAP, temporary_numbers=0, numbers_to_port=())

TRIGGERS: dict[str, Callable[[], Report]] = {
    "phone.empty": lambda: phone(""),
    "phone.invalid_character": lambda: phone("913_599_6900"),
    "phone.not_nanp": lambda: phone("+44 20 7946 0958"),
    "phone.too_short": lambda: phone("599 6900"),
    "phone.too_long": lambda: phone("+1 913 599 69000"),
    "field.too_long": lambda: phone("9" * 101),
    "phone.area_code_leading_digit": lambda: phone("113 599 6900"),
    "phone.area_code_reserved": lambda: phone("293 599 6900"),
    "phone.area_code_n11": lambda: phone("411 599 6900"),
    "phone.exchange_leading_digit": lambda: phone("913 099 6900"),
    "phone.exchange_n11": lambda: phone("+1 212 911 5678"),
    "phone.fictional": lambda: phone("+1 201 555 0123"),
    "field.required": lambda: validate(domain=""),
    "field.format": lambda: validate(domain="acme plumbing"),
    "numbers.duplicate": lambda: validate(numbers_to_port=("913 599 6900", "9135996900")),
    "numbers.overlap": lambda: validate(numbers_not_to_port=("913 599 6900",)),
    "numbers.extension": lambda: validate(numbers_to_port=("913 599 6900 x1",)),
    "numbers.not_portable": lambda: validate(numbers_to_port=("876 555 1234",)),
    "numbers.not_on_account": lambda: validate(main_caller_id="316 555 2368"),
    "numbers.pending_assignment": lambda: validate(ASAP, temporary_numbers=1, main_caller_id=""),
    "order.time_zone": lambda: validate(time_zone="Central"),
    "order.temporary_numbers": lambda: validate(ASAP),
    "order.area_code": lambda: validate(temporary_numbers=1, area_code="800"),
    "port.full_leaves_numbers": lambda: validate(scope=PortScope.FULL),
    "port.partial_nothing_remains": lambda: validate(numbers_not_to_port=()),
    "port.billing_number_moves": lambda: validate(new_billing_number=""),
    "port.billing_number_unknown": lambda: validate(billing_number=""),
    "port.pin_required": lambda: validate(pin=""),
    "port.pin_format": lambda: validate(pin="12 34"),
    "port.resp_org_format": lambda: validate(resp_org_id="AB"),
    "port.fax_ata_not_purchased": lambda: validate(
        native_fax=NativeFax(type=FaxType.ATA, number="913 599 6902")
    ),
    "cnam.missing": lambda: validate(cnam=""),
    "cnam.too_long": lambda: validate(cnam="ACME PLUMBING CO"),
    "cnam.first_character": lambda: validate(cnam="2ND ST DELI"),
    "cnam.invalid_character": lambda: validate(cnam="ACME & SONS"),
    "cnam.too_few_letters": lambda: validate(cnam="A 1"),
    "cnam.phone_number": lambda: validate(cnam="CALL 5996900"),
    "cnam.spacing": lambda: validate(cnam="ACME "),
    "address.house_number": lambda: validate(
        shipping_address=attrs.evolve(ORDER.shipping_address, house_number="Suite 3")
    ),
    "address.state": lambda: validate(
        shipping_address=attrs.evolve(ORDER.shipping_address, state="Kan")
    ),
    "address.zip": lambda: validate(
        shipping_address=attrs.evolve(ORDER.shipping_address, zip="1234")
    ),
    "e911.address_unvalidated": lambda: validate(e911=E911(number="913 599 6900")),
    "e911.address_rejected": lambda: readiness(
        ReadinessSnapshot(states=ALL_READY, e911_locations=[E911(status=AddressStatus.REJECTED)])
    ),
    "lead_time.too_soon": lambda: validate(port_date=dt.date(2026, 3, 3)),
    "lead_time.may_slip": lambda: validate(port_date=dt.date(2026, 3, 10)),
    "lead_time.not_business_day": lambda: validate(port_date=dt.date(2026, 3, 21)),
    "lead_time.too_far": lambda: validate(port_date=dt.date(2062, 3, 13)),
    "lead_time.not_a_date": lambda: (
        check_requested_date(LICENCE_REQUEST, NOW, "soon", PROVIDER).report
    ),
    "document.missing": lambda: validate(documents=without(Document.NUMBER_LIST)),
    "document.recommended": lambda: validate(documents=without(Document.CUSTOMER_SERVICE_RECORD)),
    "document.stale": lambda: validate(
        documents=with_document(
            ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 2, 1), dated=dt.date(2026, 1, 1))
        )
    ),
    "document.undated": lambda: validate(
        documents=with_document(ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 2, 1)))
    ),
    "document.future_dated": lambda: (
        onboarding_checklist(
            OnboardingCase(porting=True),
            [ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 3, 1), dated=dt.date(2026, 3, 9))],
            today=dt.date(2026, 3, 2),
        ).report
    ),
    "readiness.not_ready": lambda: readiness(
        ReadinessSnapshot(states={**ALL_READY, "users_created": ReadinessState.NOT_READY})
    ),
    "readiness.unreported": lambda: readiness(ReadinessSnapshot()),
    "readiness.cannot_skip": lambda: readiness(
        ReadinessSnapshot(states={**ALL_READY, "users_created": ReadinessState.NOT_APPLICABLE})
    ),
    "readiness.unknown_item": lambda: readiness(
        ReadinessSnapshot(states={**ALL_READY, "fax_machine": ReadinessState.READY})
    ),
}


def test_every_code_has_a_trigger() -> None:
    assert {entry.code for entry in ONBOARDING_CODES} == set(TRIGGERS)


def test_every_trigger_emits_its_code() -> None:
    for code, trigger in TRIGGERS.items():
        assert code in trigger().codes, code


def test_check_requested_date_emits_only_lead_time_codes() -> None:
    report = check_requested_date(LICENCE_REQUEST, NOW, dt.date(2026, 3, 1), PROVIDER).report
    assert {"lead_time.too_soon"} == report.codes


DOCUMENT_SETS = st.lists(
    st.builds(
        ReceivedDocument,
        st.sampled_from(Document),
        st.dates(dt.date(2025, 12, 1), dt.date(2026, 4, 1)),
        st.one_of(st.none(), st.dates(dt.date(2025, 12, 1), dt.date(2026, 4, 1))),
    ),
    max_size=8,
)
NOWS = st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 6, 1), timezones=st.just(dt.UTC))


@given(port_orders(), DOCUMENT_SETS, NOWS)
def test_random_orders_never_raise_and_emit_only_documented_codes(
    order: PortOrder, documents: list[ReceivedDocument], now: dt.datetime
) -> None:
    report = validate_port_order(order, documents=documents, now=now, calendar=PROVIDER)
    assert report.codes <= set(TRIGGERS)
    assert all(issue.message for issue in report)


@given(st.from_type(PortOrder))
def test_port_orders_are_registered_for_from_type(order: PortOrder) -> None:
    assert isinstance(order, PortOrder)


@given(
    st.dictionaries(
        st.one_of(st.sampled_from(sorted(ALL_READY)), st.text(max_size=10)),
        st.sampled_from(ReadinessState),
    ),
    st.lists(st.builds(E911, status=st.sampled_from(AddressStatus)), max_size=3),
)
def test_random_snapshots_never_raise(
    states: dict[str, ReadinessState], locations: list[E911]
) -> None:
    report = readiness(ReadinessSnapshot(states=states, e911_locations=locations))
    assert report.codes <= set(TRIGGERS)
    expected_ok = all(
        states.get(item.key) is ReadinessState.READY
        or (states.get(item.key) is ReadinessState.NOT_APPLICABLE and not item.always)
        for item in PORT_DAY_CHECKLIST
    ) and all(location.status is AddressStatus.VALIDATED for location in locations)
    assert expected_ok == report.ok


@given(DOCUMENT_SETS, st.dates(dt.date(2026, 1, 1), dt.date(2026, 6, 1)), st.booleans())
def test_random_document_sets_never_raise(
    documents: list[ReceivedDocument], today: dt.date, porting: bool
) -> None:
    checklist = onboarding_checklist(OnboardingCase(porting=porting), documents, today=today)
    assert checklist.report.codes <= set(TRIGGERS)
    assert checklist.is_complete == checklist.steps[0].ready
    assert checklist.is_complete == (not checklist.report.errors)
