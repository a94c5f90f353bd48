"""The partner guide's four playbooks (seed 003), every path walked."""

import pytest

from servicedesk_core.playbook import Escalation, NextCheck, Playbook, Resolution
from tests.example_scripts import load

books = load("partner_playbooks")

Y, N = True, False


def summary(end: Resolution | Escalation) -> tuple[str, str]:
    if isinstance(end, Escalation):
        return ("escalate", end.to)
    return ("resolve", end.means)


def walk_order(book: Playbook) -> list[str]:
    """The checks in the order a walk asks them when every check passes."""
    asked = []
    answers: dict[str, bool] = {}
    step = book.walk(answers)
    while isinstance(step, NextCheck):
        asked.append(step.check.id)
        answers[step.check.id] = True
        step = book.walk(answers)
    return asked


def test_outbound_calls_diagnostic_order() -> None:
    """'Diagnostic order: registered, valid number, usage cap, wallet, then the CDR.'"""
    assert walk_order(books.OUTBOUND_CALLS) == [
        "registered",
        "valid-number",
        "usage-cap",
        "wallet",
        "cdr-no-route",
    ]


def test_outbound_calls_every_path() -> None:
    paths = [(answers, summary(end)) for answers, end in books.OUTBOUND_CALLS.paths()]
    vendor, tier2 = books.VENDOR, books.TIER_2
    assert paths == [
        (
            {"registered": Y, "valid-number": Y, "usage-cap": Y, "wallet": Y, "cdr-no-route": Y},
            ("escalate", vendor),
        ),
        (
            {"registered": Y, "valid-number": Y, "usage-cap": Y, "wallet": Y, "cdr-no-route": N},
            ("escalate", tier2),
        ),
        (
            {"registered": Y, "valid-number": Y, "usage-cap": Y, "wallet": N},
            ("resolve", "their wallet is exhausted"),
        ),
        (
            {"registered": Y, "valid-number": Y, "usage-cap": N},
            ("resolve", "they are over their usage cap"),
        ),
        (
            {"registered": Y, "valid-number": N},
            ("resolve", "the number is invalid, or carriers block calls to its country code"),
        ),
        ({"registered": N}, ("resolve", "the extension is not registered")),
    ]


def test_outbound_no_route_is_a_routing_issue_escalated_with_the_cdr() -> None:
    """'hangup cause NO_ROUTE or similar, that's a routing issue — escalate to us.'"""
    answers = dict.fromkeys(["registered", "valid-number", "usage-cap", "wallet"], True)
    step = books.OUTBOUND_CALLS.walk({**answers, "cdr-no-route": True})
    assert isinstance(step, Escalation)
    assert (step.means, step.attach) == ("a routing issue", ("CDR of the attempt",))
    assert len(step.evidence) == 5
    assert step.evidence[-1].question.endswith("hangup cause NO_ROUTE or similar?")


def test_voicemail_to_email_every_path() -> None:
    paths = [(answers, summary(end)) for answers, end in books.VOICEMAIL_TO_EMAIL.paths()]
    assert paths == [
        (
            {"emails-configured": Y, "email-attach": Y, "email-accepted": Y},
            ("escalate", books.TIER_2),
        ),
        (
            {"emails-configured": Y, "email-attach": Y, "email-accepted": N},
            ("resolve", "their email blocks platform email"),
        ),
        (
            {"emails-configured": Y, "email-attach": N},
            ("resolve", '"Email Attach" is off but they want the audio file'),
        ),
        ({"emails-configured": N}, ("resolve", "the voicemail box has no email address")),
    ]


def test_caller_id_name_every_path() -> None:
    paths = [(answers, summary(end)) for answers, end in books.CALLER_ID_NAME.paths()]
    assert paths == [
        (
            {"cnam-set": Y, "over-48-hours": Y, "sync-not-failed": Y},
            ("escalate", books.TIER_2),
        ),
        (
            {"cnam-set": Y, "over-48-hours": Y, "sync-not-failed": N},
            (
                "resolve",
                "the CNAM may have been rejected (too long, special characters, profanity)",
            ),
        ),
        (
            {"cnam-set": Y, "over-48-hours": N},
            (
                "resolve",
                "CNAM hasn't propagated yet: the national CNAM database takes 24-48 hours",
            ),
        ),
        ({"cnam-set": N}, ("resolve", "no CNAM is set")),
    ]


def test_caller_id_rejected_cnam_means_try_a_shorter_version() -> None:
    """'If "Failed", the CNAM may have been rejected ... Try a shorter version.'"""
    step = books.CALLER_ID_NAME.walk({"cnam-set": Y, "over-48-hours": Y, "sync-not-failed": N})
    assert isinstance(step, Resolution)
    assert step.remedy == "Try a shorter version"


def test_phone_wont_register_every_path() -> None:
    paths = [(answers, summary(end)) for answers, end in books.PHONE_WONT_REGISTER.paths()]
    assert paths == [
        (
            {"credentials": Y, "network": Y, "firmware": Y, "softphone": Y},
            ("resolve", "phone-side issue"),
        ),
        (
            {"credentials": Y, "network": Y, "firmware": Y, "softphone": N},
            ("escalate", books.VENDOR),
        ),
        ({"credentials": Y, "network": Y, "firmware": N}, ("resolve", "outdated firmware")),
        ({"credentials": Y, "network": N}, ("resolve", "the network blocks outbound SIP")),
        ({"credentials": N}, ("resolve", "wrong SIP credentials")),
    ]


def test_phone_escalation_attaches_sip_credentials_and_calling_ip() -> None:
    """'If softphone also fails, escalate to us with the SIP credentials and the calling IP.'"""
    step = books.PHONE_WONT_REGISTER.walk(
        {"credentials": Y, "network": Y, "firmware": Y, "softphone": N}
    )
    assert isinstance(step, Escalation)
    assert step.attach == ("SIP credentials", "calling IP")


@pytest.mark.parametrize("book", books.PLAYBOOKS, ids=lambda b: b.name)
def test_each_partial_walk_asks_the_next_check_in_order(book: Playbook) -> None:
    for i, check in enumerate(book.checks):
        answers = {earlier.id: True for earlier in book.checks[:i]}
        step = book.walk(answers)
        assert isinstance(step, NextCheck)
        assert step.check == check
        assert [e.check for e in step.evidence] == list(answers)
