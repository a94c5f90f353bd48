"""Every issue code the onboarding validators can emit, as data.

``docs/onboarding.md`` lists the same codes in a table; a test keeps the two
in step, and the Hypothesis tests check that nothing outside this book is ever
emitted.
"""

from __future__ import annotations

from servicedesk_core.calendar.lead_time import LEAD_TIME_CODES
from servicedesk_core.report import CodeBook, IssueCode, Severity

__all__ = ["ONBOARDING_CODES"]

_E = Severity.ERROR
_W = Severity.WARNING

ONBOARDING_CODES = (
    CodeBook(
        [
            # phone numbers (numbers.py)
            IssueCode("phone.empty", _E, "No phone number was given."),
            IssueCode(
                "phone.invalid_character", _E, "A character that cannot be in a phone number."
            ),
            IssueCode("phone.not_nanp", _E, "A country code other than +1 (not a NANP number)."),
            IssueCode("phone.too_short", _E, "Fewer than 10 digits."),
            IssueCode("phone.too_long", _E, "More than 10 digits after an optional leading 1."),
            IssueCode("phone.area_code_leading_digit", _E, "The area code starts with 0 or 1."),
            IssueCode("phone.area_code_reserved", _E, "The area code's second digit is 9 (N9X)."),
            IssueCode("phone.area_code_n11", _E, "The area code is an N11 service code (211-911)."),
            IssueCode("phone.exchange_leading_digit", _E, "The exchange starts with 0 or 1."),
            IssueCode("phone.exchange_n11", _E, "The exchange is an N11 service code (211-911)."),
            IssueCode("phone.fictional", _E, "555-0100 to 555-0199 are reserved for fiction."),
            # generic fields
            IssueCode("field.required", _E, "A required field is blank."),
            IssueCode("field.too_long", _E, "Longer than any valid value; not read further."),
            IssueCode("field.format", _E, "A field does not have the required format."),
            # the number sets of a port order (porting.py)
            IssueCode("numbers.duplicate", _E, "The same number is listed twice."),
            IssueCode("numbers.overlap", _E, "A number is listed both to port and not to port."),
            IssueCode("numbers.extension", _E, "A number to port carries an extension."),
            IssueCode("numbers.not_portable", _E, "The number cannot be ported to a US platform."),
            IssueCode(
                "numbers.not_on_account",
                _E,
                "A caller ID, E911, SMS or fax number will not be on the account after go-live.",
            ),
            IssueCode(
                "numbers.pending_assignment",
                _W,
                "A number field is blank while new numbers await assignment (ASAP start).",
            ),
            # the order itself
            IssueCode("order.time_zone", _E, "The time zone is not an IANA time zone name."),
            IssueCode(
                "order.temporary_numbers",
                _E,
                "An ASAP start without temporary numbers to start on.",
            ),
            IssueCode("order.area_code", _E, "The area code for new numbers is not geographic."),
            IssueCode(
                "port.full_leaves_numbers", _E, "A full port lists numbers that stay behind."
            ),
            IssueCode(
                "port.partial_nothing_remains", _W, "A partial port leaves no number behind."
            ),
            IssueCode(
                "port.billing_number_moves",
                _E,
                "A partial port moves the billing number without a new billing number that stays.",
            ),
            IssueCode(
                "port.billing_number_unknown", _W, "A partial port does not say the billing number."
            ),
            IssueCode(
                "port.pin_required", _E, "The losing carrier requires a PIN and none is given."
            ),
            IssueCode("port.pin_format", _E, "The PIN is not 1-20 letters and digits."),
            IssueCode("port.resp_org_format", _E, "A RespOrg id is not 5 letters and digits."),
            IssueCode("port.fax_ata_not_purchased", _W, "ATA fax chosen but no ATA purchased."),
            # CNAM
            IssueCode("cnam.missing", _W, "No caller ID name: callers see the carrier's default."),
            IssueCode("cnam.too_long", _E, "Longer than 15 characters."),
            IssueCode("cnam.first_character", _E, "Does not start with a letter."),
            IssueCode(
                "cnam.invalid_character",
                _E,
                "A character other than A-Z, a-z, 0-9, space, '.', ','.",
            ),
            IssueCode("cnam.too_few_letters", _E, "Fewer than two letters."),
            IssueCode("cnam.phone_number", _E, "Looks like a phone number (7 or more digits)."),
            IssueCode(
                "cnam.spacing", _W, "Trailing or repeated spaces (they count as characters)."
            ),
            # addresses and E911
            IssueCode("address.house_number", _E, "The house number does not start with a digit."),
            IssueCode("address.state", _E, "Not a 2-letter USPS state or territory code."),
            IssueCode("address.zip", _E, "The ZIP code is not exactly 5 digits."),
            IssueCode("e911.address_unvalidated", _E, "The E911 address is not validated yet."),
            IssueCode("e911.address_rejected", _E, "The E911 address failed validation."),
            # documents (documents.py)
            IssueCode("document.missing", _E, "A required document has not been received."),
            IssueCode("document.recommended", _W, "A recommended document has not been received."),
            IssueCode("document.stale", _E, "A document is older than its rule allows."),
            IssueCode("document.undated", _E, "A document whose age matters has no date."),
            IssueCode(
                "document.future_dated", _E, "A document is dated after the day of checking."
            ),
            # go-live readiness (readiness.py)
            IssueCode("readiness.not_ready", _E, "A port-day checklist item is not ready."),
            IssueCode("readiness.unreported", _E, "A port-day checklist item has no status."),
            IssueCode("readiness.cannot_skip", _E, "An item that always applies is marked N/A."),
            IssueCode(
                "readiness.unknown_item", _W, "The snapshot names an item not on the checklist."
            ),
        ]
    )
    | LEAD_TIME_CODES
)
"""The codes of ``servicedesk_core.onboarding``, each with its severity and meaning."""
