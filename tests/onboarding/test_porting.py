"""The final order of seed 001, field by field: every rule of the port order validator."""

import datetime as dt
from typing import Any

import attrs
import pytest

from servicedesk_core import (
    E911,
    Activation,
    Address,
    AddressStatus,
    ConfigError,
    Document,
    FaxType,
    NaiveDatetimeError,
    NativeFax,
    PortOrder,
    PortScope,
    ReceivedDocument,
    Report,
    ValidationError,
    check_address,
    check_cnam,
    validate_port_order,
)

from .sample import (
    DOCUMENTS,
    EXAMPLE,
    NOW,
    ORDER,
    PROVIDER,
    issues,
    validate,
    with_document,
    without,
)

D = dt.date


def test_the_seed_sample_order_is_clean() -> None:
    report = validate()
    assert report == Report()
    assert report.raise_for_errors().ok


# --- documents -----------------------------------------------------------------


def test_a_bill_31_days_old_is_an_error() -> None:
    bill = ReceivedDocument(Document.PHONE_BILL, D(2026, 2, 20), dated=D(2026, 1, 30))
    report = validate(documents=with_document(bill))
    assert {("document.stale", "documents.phone_bill")} == issues(report)
    assert not report.ok
    assert "31 days" in report.errors[0].message


def test_a_bill_exactly_30_days_old_is_fine() -> None:
    bill = ReceivedDocument(Document.PHONE_BILL, D(2026, 2, 20), dated=D(2026, 1, 31))
    assert validate(documents=with_document(bill)) == Report()


def test_the_day_of_checking_is_the_providers_local_date() -> None:
    """01:00 UTC on 3 March is still 2 March in New York: the bill is 30 days old there."""
    bill = ReceivedDocument(Document.PHONE_BILL, D(2026, 2, 20), dated=D(2026, 1, 31))
    late = dt.datetime(2026, 3, 3, 1, 0, tzinfo=dt.UTC)
    report = validate_port_order(ORDER, documents=with_document(bill), now=late, calendar=PROVIDER)
    assert not report.has("document.stale")


@pytest.mark.parametrize(
    ("bill", "code"),
    [
        (ReceivedDocument(Document.PHONE_BILL, D(2026, 2, 20)), "document.undated"),
        (
            ReceivedDocument(Document.PHONE_BILL, D(2026, 2, 20), dated=D(2026, 3, 5)),
            "document.future_dated",
        ),
    ],
)
def test_bills_without_a_usable_date(bill: ReceivedDocument, code: str) -> None:
    assert {(code, "documents.phone_bill")} == issues(validate(documents=with_document(bill)))


def test_a_missing_customer_service_record_is_only_a_warning() -> None:
    report = validate(documents=without(Document.CUSTOMER_SERVICE_RECORD))
    assert {("document.recommended", "documents.customer_service_record")} == issues(report)
    assert report.ok


@pytest.mark.parametrize(
    "kind",
    [
        Document.PAYMENT_AUTHORIZATION,
        Document.BILLING_CONTACT,
        Document.PHONE_BILL,
        Document.NUMBER_LIST,
        Document.LETTER_OF_AUTHORIZATION,
    ],
)
def test_missing_required_documents_are_errors(kind: Document) -> None:
    report = validate(documents=without(kind))
    assert {("document.missing", f"documents.{kind.name.lower()}")} == issues(report)


def test_tax_exemption_needs_the_form() -> None:
    report = validate(tax_exempt=True)
    assert {("document.missing", "documents.tax_exemption_form")} == issues(report)


# --- CNAM ----------------------------------------------------------------------


def test_cnam_of_exactly_15_characters_is_fine_and_16_is_not() -> None:
    assert check_cnam("ACME PLUMBING C") == Report()
    assert {("cnam.too_long", "cnam")} == issues(check_cnam("ACME PLUMBING CO"))
    assert validate(cnam="ACME PLUMBING C") == Report()
    assert {("cnam.too_long", "cnam")} == issues(validate(cnam="ACME PLUMBING CO"))


@pytest.mark.parametrize(
    ("cnam", "codes"),
    [
        ("Acme, Inc.", set()),
        ("AB", set()),
        ("ST. LUKES 2", set()),
        ("2ND STREET DELI", {"cnam.first_character"}),
        (" ACME", {"cnam.first_character"}),
        ("ACME & SONS", {"cnam.invalid_character"}),
        ("CAFÉ ROMA", {"cnam.invalid_character"}),
        ("ACME-PLUMBING", {"cnam.invalid_character"}),
        ("A", {"cnam.too_few_letters"}),
        ("A 1", {"cnam.too_few_letters"}),
        ("CALL 9135996900", {"cnam.phone_number"}),
        ("AB 555 1234", {"cnam.phone_number"}),
        ("ACME  PLUMBING", {"cnam.spacing"}),
        ("ACME ", {"cnam.spacing"}),
        ("", {"cnam.missing"}),
        ("913-599-6900 ACME", {"cnam.first_character", "cnam.invalid_character", "cnam.too_long",
                               "cnam.phone_number"}),
    ],
)  # fmt: skip
def test_cnam_rules(cnam: str, codes: set[str]) -> None:
    assert codes == set(check_cnam(cnam).codes)


def test_cnam_warnings_do_not_block() -> None:
    assert check_cnam("").ok
    assert check_cnam("ACME  CO").ok


# --- the numbers -----------------------------------------------------------------


def test_each_number_to_port_is_validated_at_its_index() -> None:
    numbers = (*ORDER.numbers_to_port[:3], "+1 212 911 5678", "+1 201 555 0123")
    report = validate(numbers_to_port=numbers)
    expected = {
        ("phone.exchange_n11", "numbers_to_port[3]"),
        ("phone.fictional", "numbers_to_port[4]"),
    }
    assert expected == issues(report)


def test_duplicates_in_other_spellings_are_found() -> None:
    numbers = (*ORDER.numbers_to_port, "913 599 6901")
    assert {("numbers.duplicate", "numbers_to_port[4]")} == issues(
        validate(numbers_to_port=numbers)
    )
    staying = ("913-599-6999", "(913) 599-6999")
    assert {("numbers.duplicate", "numbers_not_to_port[1]")} == issues(
        validate(numbers_not_to_port=staying)
    )


def test_a_number_both_to_port_and_not_to_port() -> None:
    staying = ("913-599-6999", "913.599.6902")
    report = validate(numbers_not_to_port=staying)
    assert ("numbers.overlap", "numbers_not_to_port[1]") in issues(report)


def test_extensions_are_not_allowed_in_a_port() -> None:
    numbers = (*ORDER.numbers_to_port[:3], "1-800-FLOWERS x12")
    assert {("numbers.extension", "numbers_to_port[3]")} == issues(
        validate(numbers_to_port=numbers)
    )


@pytest.mark.parametrize("text", ["876 555 1234", "900 555 1234", "416 555 1234"])
def test_numbers_that_cannot_be_ported(text: str) -> None:
    numbers = (*ORDER.numbers_to_port, text)
    assert {("numbers.not_portable", "numbers_to_port[4]")} == issues(
        validate(numbers_to_port=numbers)
    )


def test_fourteen_numbers_take_7_days_and_fifteen_take_15() -> None:
    fourteen = tuple(f"913-599-{6900 + i}" for i in range(14))
    order = attrs.evolve(ORDER, numbers_to_port=fourteen, port_date=D(2026, 3, 9))
    assert {("lead_time.may_slip", "port_date")} == issues(validate(order))
    fifteen = (*fourteen, "913-599-6914")
    report = validate(order, numbers_to_port=fifteen)
    assert {("lead_time.too_soon", "port_date")} == issues(report)
    assert "2026-03-17" in report.errors[0].message
    assert validate(order, numbers_to_port=fifteen, port_date=D(2026, 3, 23)) == Report()


@pytest.mark.parametrize(
    ("port_date", "expected"),
    [
        (D(2026, 3, 6), {("lead_time.too_soon", "port_date")}),
        (D(2026, 3, 14), {("lead_time.not_business_day", "port_date")}),
        (D(2026, 3, 10), {("lead_time.may_slip", "port_date")}),
        (None, {("field.required", "port_date")}),
    ],
)
def test_port_date(port_date: dt.date | None, expected: set[tuple[str, str]]) -> None:
    assert expected == issues(validate(port_date=port_date))


# --- full and partial ports, billing number, PIN -------------------------------------


def test_a_full_port_leaves_nothing_behind() -> None:
    report = validate(scope=PortScope.FULL)
    assert {("port.full_leaves_numbers", "numbers_not_to_port")} == issues(report)
    full = attrs.evolve(ORDER, scope=PortScope.FULL, numbers_not_to_port=(), new_billing_number="")
    assert validate(full) == Report()


def test_a_partial_port_with_nothing_staying_is_a_warning() -> None:
    report = validate(numbers_not_to_port=(), new_billing_number="", billing_number="")
    expected = {
        ("port.partial_nothing_remains", "numbers_not_to_port"),
        ("port.billing_number_unknown", "billing_number"),
    }
    assert expected == issues(report)
    assert report.ok


def test_a_partial_port_that_moves_the_billing_number_names_a_new_one_that_stays() -> None:
    assert {("port.billing_number_moves", "new_billing_number")} == issues(
        validate(new_billing_number="")
    )
    assert {("port.billing_number_moves", "new_billing_number")} == issues(
        validate(new_billing_number="913.599.6901")  # it is ported too
    )
    assert {("phone.exchange_n11", "new_billing_number"), (
        "port.billing_number_moves", "new_billing_number")} == issues(
        validate(new_billing_number="913 911 1234")
    )  # fmt: skip


def test_a_billing_number_that_stays_needs_no_new_one() -> None:
    assert validate(billing_number="913-599-6999", new_billing_number="") == Report()


def test_pin() -> None:
    assert {("port.pin_required", "pin")} == issues(validate(pin=""))
    assert validate(pin="", pin_required=False) == Report()
    assert {("port.pin_format", "pin")} == issues(validate(pin="44 71"))


def test_scope_and_authorized_user_are_required_for_a_port() -> None:
    report = validate(scope=None, authorized_user_name=" ", authorized_user_title="")
    expected = {
        ("field.required", "scope"),
        ("field.required", "authorized_user_name"),
        ("field.required", "authorized_user_title"),
    }
    assert expected == issues(report)


# --- toll-free ---------------------------------------------------------------------


def test_a_toll_free_port_needs_a_resp_org_and_a_fresh_loa() -> None:
    assert {("field.required", "resp_org_id")} == issues(validate(resp_org_id=""))
    assert {("port.resp_org_format", "resp_org_id")} == issues(validate(resp_org_id="ACM-1"))
    loa = ReceivedDocument(Document.LETTER_OF_AUTHORIZATION, D(2026, 1, 20), dated=D(2026, 1, 20))
    assert {("document.stale", "documents.letter_of_authorization")} == issues(
        validate(documents=with_document(loa))
    )


def test_no_resp_org_or_loa_without_toll_free_numbers() -> None:
    local = ORDER.numbers_to_port[:3]
    report = validate(
        numbers_to_port=local,
        resp_org_id="",
        documents=without(Document.LETTER_OF_AUTHORIZATION),
    )
    assert report == Report()


# --- numbers on the account after go-live ----------------------------------------------


@pytest.mark.parametrize(
    ("field", "path"),
    [
        ("main_caller_id", "main_caller_id"),
        ("sms_number", "sms_number"),
    ],
)
def test_numbers_that_stay_behind_cannot_be_used(field: str, path: str) -> None:
    report = validate(**{field: "913-599-6999"})
    assert {("numbers.not_on_account", path)} == issues(report)
    assert "stays with the losing carrier" in report.errors[0].message


def test_e911_and_fax_numbers_must_be_on_the_account() -> None:
    e911 = attrs.evolve(ORDER.e911, number="316 555 2368")
    assert {("numbers.not_on_account", "e911.number")} == issues(validate(e911=e911))
    fax = NativeFax(type=FaxType.FAX_TO_EMAIL, number="316 555 2368")
    assert {("numbers.not_on_account", "native_fax.number")} == issues(validate(native_fax=fax))


def test_required_account_numbers() -> None:
    report = validate(main_caller_id="", e911=attrs.evolve(ORDER.e911, number=""), sms_number="")
    expected = {("field.required", "main_caller_id"), ("field.required", "e911.number")}
    assert expected == issues(report)


def test_fax_over_ata_without_a_purchased_ata_is_a_warning() -> None:
    fax = attrs.evolve(ORDER.native_fax, type=FaxType.ATA)
    report = validate(native_fax=fax)
    assert {("port.fax_ata_not_purchased", "native_fax.ata_purchased")} == issues(report)
    assert report.ok
    assert validate(native_fax=attrs.evolve(fax, ata_purchased=True)) == Report()


# --- ASAP and temporary numbers ------------------------------------------------------


ASAP = attrs.evolve(
    ORDER,
    activation=Activation.ASAP,
    temporary_numbers=2,
    area_code="913",
    numbers_to_port=(),
    numbers_not_to_port=(),
    scope=None,
    port_date=None,
    billing_number="",
    new_billing_number="",
    resp_org_id="",
    main_caller_id="",
    e911=attrs.evolve(ORDER.e911, number=""),
    sms_number="",
    native_fax=None,
)
ASAP_DOCUMENTS = (
    ReceivedDocument(Document.PAYMENT_AUTHORIZATION, D(2026, 2, 23)),
    ReceivedDocument(Document.BILLING_CONTACT, D(2026, 2, 23)),
)


def test_asap_before_numbers_are_assigned_only_warns_about_blank_numbers() -> None:
    report = validate(ASAP, ASAP_DOCUMENTS)
    expected = {
        ("numbers.pending_assignment", "main_caller_id"),
        ("numbers.pending_assignment", "e911.number"),
    }
    assert expected == issues(report)
    assert report.ok


def test_asap_after_assignment_uses_the_new_numbers() -> None:
    report = validate(
        ASAP,
        ASAP_DOCUMENTS,
        assigned_numbers=("913-555-2368", "913-555-2369"),
        main_caller_id="913-555-2368",
        e911=attrs.evolve(ORDER.e911, number="913-555-2368"),
        sms_number="913-555-2369",
    )
    assert report == Report()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"temporary_numbers": 0}, {("order.temporary_numbers", "temporary_numbers")}),
        ({"temporary_numbers": -1}, {("order.temporary_numbers", "temporary_numbers")}),
        ({"area_code": ""}, {("field.required", "area_code")}),
        ({"area_code": "800"}, {("order.area_code", "area_code")}),
        ({"area_code": "911"}, {("order.area_code", "area_code")}),
        ({"area_code": "193"}, {("order.area_code", "area_code")}),
        ({"area_code": "91"}, {("order.area_code", "area_code")}),
    ],
)
def test_asap_temporary_numbers_and_area_code(
    changes: dict[str, Any], expected: set[tuple[str, str]]
) -> None:
    report = validate(ASAP, ASAP_DOCUMENTS, **changes)
    found = issues(report) - {
        ("numbers.pending_assignment", "main_caller_id"),
        ("numbers.pending_assignment", "e911.number"),
        ("field.required", "main_caller_id"),
        ("field.required", "e911.number"),
    }
    assert expected == found


def test_a_porting_activation_needs_numbers_to_port() -> None:
    report = validate(ASAP, ASAP_DOCUMENTS, activation=Activation.PORTING, temporary_numbers=0)
    assert ("field.required", "numbers_to_port") in issues(report)


# --- account fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"domain": ""}, {("field.required", "domain")}),
        ({"domain": "acme plumbing"}, {("field.format", "domain")}),
        ({"time_zone": ""}, {("field.required", "time_zone")}),
        ({"time_zone": "Central"}, {("order.time_zone", "time_zone")}),
        ({"time_zone": "../../etc/passwd"}, {("order.time_zone", "time_zone")}),
        ({"time_zone": "America"}, {("order.time_zone", "time_zone")}),
        ({"billing_contact_name": ""}, {("field.required", "billing_contact_name")}),
        ({"billing_contact_email": ""}, {("field.required", "billing_contact_email")}),
        ({"billing_contact_email": "dana@acme"}, {("field.format", "billing_contact_email")}),
        ({"ship_to": ""}, {("field.required", "ship_to")}),
        ({"shipping_address": None}, {("field.required", "shipping_address")}),
    ],
)
def test_account_fields(changes: dict[str, Any], expected: set[tuple[str, str]]) -> None:
    assert expected == issues(validate(**changes))


def test_no_shipping_needed_without_hardware() -> None:
    assert validate(hardware=False, shipping_address=None, ship_to="") == Report()


# --- addresses and E911 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"zip": "6621"}, {("address.zip", "e911.address.zip")}),
        ({"zip": "66213-1234"}, {("address.zip", "e911.address.zip")}),
        ({"zip": ""}, {("field.required", "e911.address.zip")}),
        ({"state": "Kansas"}, {("address.state", "e911.address.state")}),
        ({"state": "ks"}, {("address.state", "e911.address.state")}),
        ({"state": "PR"}, set()),
        ({"house_number": "Suite 300"}, {("address.house_number", "e911.address.house_number")}),
        ({"house_number": "12B"}, set()),
        ({"street": ""}, {("field.required", "e911.address.street")}),
        ({"city": " "}, {("field.required", "e911.address.city")}),
        ({"unit": ""}, set()),
    ],
)
def test_e911_address(changes: dict[str, Any], expected: set[tuple[str, str]]) -> None:
    e911 = attrs.evolve(ORDER.e911, address=attrs.evolve(ORDER.e911.address, **changes))
    assert expected == issues(validate(e911=e911))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AddressStatus.PENDING, {("e911.address_unvalidated", "e911.status")}),
        (AddressStatus.REJECTED, {("e911.address_rejected", "e911.status")}),
        (AddressStatus.VALIDATED, set()),
    ],
)
def test_an_unvalidated_e911_address_blocks(
    status: AddressStatus, expected: set[tuple[str, str]]
) -> None:
    report = validate(e911=attrs.evolve(ORDER.e911, status=status))
    assert expected == issues(report)
    assert report.ok == (status is AddressStatus.VALIDATED)


def test_shipping_address_is_checked_at_its_own_path() -> None:
    address = attrs.evolve(ORDER.shipping_address, state="K")
    assert {("address.state", "shipping_address.state")} == issues(
        validate(shipping_address=address)
    )


def test_check_address_alone() -> None:
    report = check_address(Address(), path="a")
    assert {"field.required"} == set(report.codes)
    assert len(report) == 5


# --- the whole form --------------------------------------------------------------------


def test_an_empty_order_lists_every_missing_field_and_never_raises() -> None:
    report = validate_port_order(PortOrder(), documents=(), now=NOW, calendar=PROVIDER)
    required = {issue.path for issue in report if issue.code == "field.required"}
    assert {
        "domain",
        "time_zone",
        "billing_contact_name",
        "billing_contact_email",
        "numbers_to_port",
        "main_caller_id",
        "e911.number",
        "e911.address.house_number",
        "e911.address.street",
        "e911.address.city",
        "e911.address.state",
        "e911.address.zip",
    } == required
    assert ("document.missing", "documents.payment_authorization") in issues(report)
    with pytest.raises(ValidationError):
        report.raise_for_errors()


def test_the_example_mistakes_are_all_reported() -> None:
    report = validate_port_order(
        EXAMPLE["MISTAKES"], documents=EXAMPLE["STALE_DOCUMENTS"], now=NOW, calendar=PROVIDER
    )
    assert len(report.errors) == 17
    assert len(report.warnings) == 1


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(NaiveDatetimeError):
        validate_port_order(
            ORDER, documents=DOCUMENTS, now=dt.datetime(2026, 3, 2), calendar=PROVIDER
        )


def test_to_case_reads_the_order() -> None:
    case = ORDER.to_case()
    assert (
        case.porting,
        case.toll_free_port,
        case.asap,
        case.hardware,
        case.tax_exempt,
    ) == (True, True, False, True, False)
    assert not attrs.evolve(ORDER, numbers_to_port=("913 599 6900",)).to_case().toll_free_port


def test_orders_are_immutable_values() -> None:
    e911 = E911(number="913 599 6900")
    assert e911 == E911(number="913 599 6900")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ORDER.cnam = "X"  # type: ignore[misc]
    assert attrs.evolve(ORDER, numbers_to_port=list(ORDER.numbers_to_port)) == ORDER


def test_a_single_string_for_a_list_of_numbers_is_refused_naming_the_field() -> None:
    with pytest.raises(ConfigError, match="expected a list") as caught:
        PortOrder(numbers_to_port="913 599 6900")  # type: ignore[arg-type]
    assert "numbers_to_port" == caught.value.field
