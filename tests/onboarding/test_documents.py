"""Seed 001's document gathering: what is missing, what blocks what, what happens next."""

import datetime as dt

import pytest

from servicedesk_core import (
    ACCOUNT_CONFIGURATION_STEPS,
    DOCUMENT_RULES,
    Document,
    DocumentRule,
    OnboardingCase,
    OnboardingStep,
    ReceivedDocument,
    onboarding_checklist,
)

TODAY = dt.date(2026, 3, 2)
PAYMENT = ReceivedDocument(Document.PAYMENT_AUTHORIZATION, TODAY)
CONTACT = ReceivedDocument(Document.BILLING_CONTACT, TODAY)
BILL = ReceivedDocument(Document.PHONE_BILL, TODAY, dated=dt.date(2026, 2, 15))
NUMBERS = ReceivedDocument(Document.NUMBER_LIST, TODAY)
CSR = ReceivedDocument(Document.CUSTOMER_SERVICE_RECORD, TODAY)
EVERYTHING_FOR_A_PORT = (PAYMENT, CONTACT, BILL, NUMBERS, CSR)
PORTING = OnboardingCase(porting=True, hardware=True)


def ready(checklist: object) -> list[OnboardingStep]:
    return [status.step for status in checklist.ready]  # type: ignore[attr-defined]


def test_nothing_proceeds_before_payment_authorisation() -> None:
    """Seed 001: "CC/ACH Auth on File ... REQUIRED before we can move forward with any other steps,
    including porting and onboarding"."""
    received = (CONTACT, BILL, NUMBERS, CSR)
    checklist = onboarding_checklist(PORTING, received, today=TODAY)
    assert ready(checklist) == []
    assert {Document.PAYMENT_AUTHORIZATION} == checklist.missing
    for status in checklist.steps:
        assert not status.ready
    first = checklist.steps[0]
    assert (
        first.step,
        first.waiting_for,
    ) == (OnboardingStep.ONBOARDING_COMPLETE, (Document.PAYMENT_AUTHORIZATION,))
    later = checklist.steps[1]
    assert later.blocked_by == (OnboardingStep.ONBOARDING_COMPLETE,)


def test_porting_needs_the_bill_and_the_number_list() -> None:
    """Seed 001: phone bill and number list "Required for porting"."""
    checklist = onboarding_checklist(PORTING, (PAYMENT, CONTACT, CSR), today=TODAY)
    assert {Document.PHONE_BILL, Document.NUMBER_LIST} == checklist.missing
    port = next(s for s in checklist.steps if s.step is OnboardingStep.PORT_SUBMISSION)
    assert port.waiting_for == (Document.PHONE_BILL, Document.NUMBER_LIST)
    assert not checklist.is_complete


def test_without_porting_the_bill_is_not_needed() -> None:
    checklist = onboarding_checklist(OnboardingCase(asap=True), (PAYMENT, CONTACT), today=TODAY)
    assert checklist.is_complete
    assert checklist.report.ok
    assert ready(checklist) == [
        OnboardingStep.ONBOARDING_COMPLETE,
        OnboardingStep.WELCOME_EMAIL,
        OnboardingStep.ACCOUNT_CONFIGURATION,
    ]


def test_all_documents_in_gives_the_guides_next_steps() -> None:
    """Seed 001: Onboarding Complete, then port submission, hardware shipment, welcome email."""
    case = OnboardingCase(porting=True, hardware=True, asap=True)
    checklist = onboarding_checklist(case, EVERYTHING_FOR_A_PORT, today=TODAY)
    assert checklist.is_complete
    assert checklist.report.issues == ()
    assert checklist.next_steps == (
        "Onboarding Complete notification to the channel partner and the client "
        "(domain creation begins)",
        "Port Submission Email within 24 hours",
        "Hardware Shipment Email with tracking number within 24 hours",
        "Welcome Email listing the new numbers within 24 hours",
        "The channel partner may configure the account within 2 hours "
        "(once the Welcome Email is sent when starting ASAP)",
    )


def test_steps_that_do_not_apply_are_left_out() -> None:
    checklist = onboarding_checklist(OnboardingCase(), (PAYMENT, CONTACT), today=TODAY)
    expected = [OnboardingStep.ONBOARDING_COMPLETE, OnboardingStep.ACCOUNT_CONFIGURATION]
    assert expected == [s.step for s in checklist.steps]


def test_account_configuration_follows_the_welcome_email_when_asap() -> None:
    """Seed 001: "Within 2 hours, or once the welcome email has been sent (if starting ASAP)"."""
    case = OnboardingCase(asap=True)
    checklist = onboarding_checklist(case, (CONTACT,), today=TODAY)
    configuration = checklist.steps[-1]
    assert configuration.step == OnboardingStep.ACCOUNT_CONFIGURATION
    assert (configuration.blocked_by) == (
        OnboardingStep.ONBOARDING_COMPLETE,
        OnboardingStep.WELCOME_EMAIL,
    )
    assert len(ACCOUNT_CONFIGURATION_STEPS) == 7
    assert "Provision E911" in ACCOUNT_CONFIGURATION_STEPS


def test_the_csr_is_recommended_only() -> None:
    checklist = onboarding_checklist(PORTING, (PAYMENT, CONTACT, BILL, NUMBERS), today=TODAY)
    assert checklist.is_complete
    assert {"document.recommended"} == checklist.report.codes
    assert checklist.report.ok


@pytest.mark.parametrize(
    ("dated", "code"),
    [
        (dt.date(2026, 1, 30), "document.stale"),  # 31 days
        (dt.date(2026, 1, 31), None),  # 30 days
        (TODAY, None),
        (dt.date(2026, 3, 3), "document.future_dated"),
        (None, "document.undated"),
    ],
)
def test_bill_age_on_the_day_of_checking(dated: dt.date | None, code: str | None) -> None:
    bill = ReceivedDocument(Document.PHONE_BILL, TODAY, dated=dated)
    checklist = onboarding_checklist(PORTING, (PAYMENT, CONTACT, bill, NUMBERS, CSR), today=TODAY)
    assert ({code} if code else set()) == set(checklist.report.codes)
    assert (code is None) == checklist.is_complete


def test_a_newer_bill_replaces_an_old_one() -> None:
    old = ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 1, 5), dated=dt.date(2026, 1, 1))
    checklist = onboarding_checklist(PORTING, (old, *EVERYTHING_FOR_A_PORT), today=TODAY)
    assert checklist.is_complete


def test_tax_exempt_clients_need_the_form() -> None:
    case = OnboardingCase(tax_exempt=True)
    checklist = onboarding_checklist(case, (PAYMENT, CONTACT), today=TODAY)
    assert {Document.TAX_EXEMPTION_FORM} == checklist.missing
    form = ReceivedDocument(Document.TAX_EXEMPTION_FORM, TODAY)
    assert onboarding_checklist(case, (PAYMENT, CONTACT, form), today=TODAY).is_complete


def test_toll_free_ports_need_a_fresh_loa() -> None:
    case = OnboardingCase(porting=True, toll_free_port=True)
    checklist = onboarding_checklist(case, EVERYTHING_FOR_A_PORT, today=TODAY)
    assert {Document.LETTER_OF_AUTHORIZATION} == checklist.missing


def test_rules_are_data() -> None:
    """A stricter provider: bills at most 14 days old."""
    strict = tuple(
        DocumentRule(document=r.document, applies=r.applies, gates=r.gates, max_age_days=14)
        if r.document is Document.PHONE_BILL
        else r
        for r in DOCUMENT_RULES
    )
    checklist = onboarding_checklist(PORTING, EVERYTHING_FOR_A_PORT, today=TODAY, rules=strict)
    assert {"document.stale"} == checklist.report.codes
