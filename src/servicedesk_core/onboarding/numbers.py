"""North American Numbering Plan (NANP) phone numbers.

Two entry points, one set of rules:

- :func:`validate_phone_number` judges text a client typed. It never raises
  for bad text: it returns a :class:`PhoneNumberCheck` holding the parsed
  :class:`PhoneNumber` (or ``None``) and a :class:`~servicedesk_core.report.Report`
  with a stable ``phone.*`` code for every rule broken.
- :meth:`PhoneNumber.parse` and the ``PhoneNumber(...)`` constructor are strict:
  they raise :class:`~servicedesk_core.errors.PhoneNumberError` (a ``ValueError``)
  carrying that same report. A ``PhoneNumber`` that exists is always valid.

>>> PhoneNumber.parse("(913) 599-6900").e164
'+19135996900'
>>> validate_phone_number("+1 212 911 5678").report.codes
frozenset({'phone.exchange_n11'})
"""

from __future__ import annotations

import re

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, PhoneNumberError
from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.report import Issue, Report, _Enum

__all__ = [
    "MAX_NUMBER_TEXT",
    "NumberKind",
    "PhoneNumber",
    "PhoneNumberCheck",
    "Region",
    "validate_phone_number",
]


class NumberKind(_Enum):
    """What a number is for, read from its area code."""

    GEOGRAPHIC = "geographic"
    TOLL_FREE = "toll-free"
    PREMIUM = "premium"
    NON_GEOGRAPHIC = "non-geographic"


class Region(_Enum):
    """Where a geographic number lives; non-geographic numbers have no region."""

    US = "US"
    US_TERRITORY = "US territory"
    OTHER_NANP_COUNTRY = "other NANP country"
    NON_GEOGRAPHIC = "non-geographic"


TOLL_FREE_AREA_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})
"""The toll-free (8YY) codes in service."""

PREMIUM_AREA_CODES = frozenset({"900"})
"""Premium-rate codes."""

NON_GEOGRAPHIC_AREA_CODES = frozenset(
    {"200", "300", "400", "500", "533", "544", "566", "577", "588", "600", "622", "700", "710"}
    | {"456", "521", "522", "523", "524", "525", "526", "527", "528", "529", "822"}
)
"""Service codes that belong to no place (N00, 5YY personal, 456, 600/622 Canada, 710)."""

US_TERRITORY_AREA_CODES = frozenset({"340", "670", "671", "684", "787", "939"})
"""USVI, Northern Mariana Islands, Guam, American Samoa, Puerto Rico."""

CANADA_AREA_CODES = frozenset(
    [
        "204",
        "226",
        "236",
        "249",
        "250",
        "257",
        "263",
        "289",
        "306",
        "343",
        "354",
        "365",
        "367",
        "368",
        "382",
        "403",
        "416",
        "418",
        "428",
        "431",
        "437",
        "438",
        "450",
        "460",
        "468",
        "474",
        "506",
        "514",
        "519",
        "548",
        "579",
        "581",
        "584",
        "587",
        "604",
        "613",
        "639",
        "647",
        "672",
        "683",
        "705",
        "709",
        "742",
        "753",
        "778",
        "780",
        "782",
        "807",
        "819",
        "825",
        "867",
        "873",
        "879",
        "902",
        "905",
        "942",
    ]
)
"""Canada's geographic area codes."""

CARIBBEAN_AREA_CODES = frozenset(
    [
        "242",
        "246",
        "264",
        "268",
        "284",
        "345",
        "441",
        "473",
        "649",
        "658",
        "664",
        "721",
        "758",
        "767",
        "784",
        "809",
        "829",
        "849",
        "868",
        "869",
        "876",
    ]
)
"""Area codes of the other NANP countries (Caribbean and Bermuda)."""

_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "22233344455566677778889999",
)
_ALLOWED = frozenset("0123456789+()-./ ") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_EXTENSION = re.compile(
    r"^(?P<main>.*?\d.*?)(?:\s*[,;]?\s*(?:ext\.?|extension|x|\#)\s*|;ext=)(?P<ext>\d{1,6})\s*$",
    re.IGNORECASE,
)
MAX_NUMBER_TEXT = 100
"""Longest text judged as a phone number (with an extension); longer text is not read."""

_DIGITS3 = re.compile(r"[0-9]{3}")
_DIGITS4 = re.compile(r"[0-9]{4}")
_EXT_DIGITS = re.compile(r"[0-9]{0,6}")


def _issue(code: str, message: str, path: str) -> Issue:
    return ONBOARDING_CODES.issue(code, path, message)


def nanp_issues(area_code: str, exchange: str, line: str, *, path: str = "") -> list[Issue]:
    """Return the NANP rules that ten well-formed digits break (empty when valid).

    >>> [issue.code for issue in nanp_issues("201", "555", "0123")]
    ['phone.fictional']
    """
    issues: list[Issue] = []
    if area_code[0] in "01":
        issues.append(
            _issue(
                "phone.area_code_leading_digit",
                f"area code {area_code} starts with {area_code[0]}; area codes start with 2-9",
                path,
            )
        )
    if area_code[1] == "9":
        issues.append(
            _issue(
                "phone.area_code_reserved",
                f"area code {area_code} has 9 as its second digit (reserved for expansion)",
                path,
            )
        )
    if area_code[1:] == "11" and area_code[0] not in "01":
        issues.append(
            _issue("phone.area_code_n11", f"area code {area_code} is an N11 service code", path)
        )
    if exchange[0] in "01":
        issues.append(
            _issue(
                "phone.exchange_leading_digit",
                f"exchange {exchange} starts with {exchange[0]}; exchanges start with 2-9",
                path,
            )
        )
    if exchange[1:] == "11" and exchange[0] not in "01":
        issues.append(
            _issue("phone.exchange_n11", f"exchange {exchange} is an N11 service code", path)
        )
    if exchange == "555" and "0100" <= line <= "0199":
        issues.append(
            _issue(
                "phone.fictional",
                f"555-{line} is in 555-0100..0199, reserved for fictional use",
                path,
            )
        )
    return issues


@attrs.frozen(order=True)
class PhoneNumber:
    """A valid NANP number: area code, exchange, line and an optional extension.

    Construction validates: bad parts raise
    :class:`~servicedesk_core.errors.PhoneNumberError`. Compare, sort and hash
    freely; two spellings of one number are equal.

    >>> number = PhoneNumber.parse("1-800-FLOWERS")
    >>> number.e164, number.kind.value, number.national
    ('+18003569377', 'toll-free', '(800) 356-9377')
    >>> PhoneNumber.parse("913.599.6900") == PhoneNumber("913", "599", "6900")
    True
    >>> PhoneNumber.parse("+1 201 555 0123")
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.PhoneNumberError: not a valid NANP phone number: '+1 201 555 0123': ...

    Attributes:
        area_code: The three-digit numbering plan area (NPA).
        exchange: The three-digit central office code (NXX).
        line: The four-digit line number.
        extension: Up to six digits dialled after connecting; ``""`` for none.
    """

    area_code: str
    exchange: str
    line: str
    extension: str = ""

    def __attrs_post_init__(self) -> None:
        text = f"{self.area_code}-{self.exchange}-{self.line}"
        if not (
            isinstance(self.area_code, str)
            and isinstance(self.exchange, str)
            and isinstance(self.line, str)
            and isinstance(self.extension, str)
            and _DIGITS3.fullmatch(self.area_code)
            and _DIGITS3.fullmatch(self.exchange)
            and _DIGITS4.fullmatch(self.line)
            and _EXT_DIGITS.fullmatch(self.extension)
        ):
            issue = _issue(
                "phone.invalid_character",
                "expected 3 + 3 + 4 ASCII digits and an extension of at most 6 digits",
                "",
            )
            raise PhoneNumberError(text, Report([issue]))
        issues = nanp_issues(self.area_code, self.exchange, self.line)
        if issues:
            raise PhoneNumberError(text, Report(issues))

    @classmethod
    def parse(cls, text: str) -> PhoneNumber:
        """Parse the usual spellings of a NANP number (strict).

        Accepts ``(913) 599-6900``, ``913.599.6900``, ``+1 913 599 6900``,
        ``1-800-FLOWERS`` (letters map to the telephone keypad) and an
        extension written ``x12``, ``ext. 12``, ``#12`` or ``;ext=12``.

        Raises:
            PhoneNumberError: the text is not a valid NANP number; its
                ``report`` lists every rule broken.
            ConfigError: ``text`` is not a string.

        >>> str(PhoneNumber.parse("(913) 599-6900 ext. 12"))
        '+19135996900;ext=12'
        """
        check = validate_phone_number(text)
        if check.number is None:
            raise PhoneNumberError(text, check.report)
        return check.number

    @property
    def digits(self) -> str:
        """The ten digits, without the country code or extension."""
        return self.area_code + self.exchange + self.line

    @property
    def e164(self) -> str:
        """The E.164 form, ``+1`` and ten digits (the extension is not part of it)."""
        return "+1" + self.digits

    @property
    def national(self) -> str:
        """The usual US spelling, ``(913) 599-6900``."""
        return f"({self.area_code}) {self.exchange}-{self.line}"

    @property
    def kind(self) -> NumberKind:
        """Geographic, toll-free (8YY), premium (900) or another non-geographic code."""
        if self.area_code in TOLL_FREE_AREA_CODES:
            return NumberKind.TOLL_FREE
        if self.area_code in PREMIUM_AREA_CODES:
            return NumberKind.PREMIUM
        if self.area_code in NON_GEOGRAPHIC_AREA_CODES:
            return NumberKind.NON_GEOGRAPHIC
        return NumberKind.GEOGRAPHIC

    @property
    def region(self) -> Region:
        """US, a US territory, another NANP country, or non-geographic.

        A geographic area code that is not listed as a territory, Canada or
        the Caribbean counts as US.

        >>> PhoneNumber.parse("787 555 1234").region.value
        'US territory'
        >>> PhoneNumber.parse("876 555 1234").region.value
        'other NANP country'
        """
        if self.kind is not NumberKind.GEOGRAPHIC:
            return Region.NON_GEOGRAPHIC
        if self.area_code in US_TERRITORY_AREA_CODES:
            return Region.US_TERRITORY
        if self.area_code in CANADA_AREA_CODES or self.area_code in CARIBBEAN_AREA_CODES:
            return Region.OTHER_NANP_COUNTRY
        return Region.US

    @property
    def is_toll_free(self) -> bool:
        """Whether the number is toll-free (ported through a RespOrg)."""
        return self.kind is NumberKind.TOLL_FREE

    @property
    def is_portable(self) -> bool:
        """Whether a US platform can port the number in.

        Geographic numbers of the US and its territories, and toll-free numbers.
        Premium and other non-geographic numbers, and numbers of other NANP
        countries, cannot be ported in.

        >>> PhoneNumber.parse("900 555 1234").is_portable
        False
        """
        if self.kind is NumberKind.TOLL_FREE:
            return True
        return self.region in (Region.US, Region.US_TERRITORY)

    def has_extension(self) -> bool:
        """Whether an extension is attached."""
        return bool(self.extension)

    def without_extension(self) -> PhoneNumber:
        """Return the number with no extension."""
        return attrs.evolve(self, extension="")

    def __str__(self) -> str:
        return f"{self.e164};ext={self.extension}" if self.extension else self.e164


@attrs.frozen
class PhoneNumberCheck:
    """The outcome of :func:`validate_phone_number`.

    Attributes:
        text: The text that was judged.
        number: The parsed number, or ``None`` when the report has an error.
        report: Every rule the text breaks, with ``phone.*`` codes.
    """

    text: str
    number: PhoneNumber | None
    report: Report

    @property
    def ok(self) -> bool:
        """Whether the text is a valid number."""
        return self.number is not None


def _dialled_length(text: str) -> int:
    return sum(1 for char in text.upper() if char.isascii() and char.isalnum())


def _split_extension(text: str) -> tuple[str, str]:
    """Split off ``x12`` / ``ext. 12`` / ``#12`` / ``;ext=12`` unless the letters are vanity."""
    whole = _dialled_length(text)
    if whole == 10 or (whole == 11 and text.lstrip("+ (").startswith("1")):
        return text, ""
    match = _EXTENSION.match(text)
    if match is None:
        return text, ""
    return match["main"], match["ext"]


def validate_phone_number(text: str, *, path: str = "") -> PhoneNumberCheck:
    """Judge text as a NANP phone number; never raises for bad text.

    Formatting is forgiven (spaces, dots, dashes, parentheses, a leading ``+1``
    or ``1``, keypad letters); nothing else is fixed silently. Text longer than
    ``MAX_NUMBER_TEXT`` (100 characters) is reported (``field.too_long``) without being read,
    so the verdict takes the same time for a pasted megabyte.

    Args:
        text: What the client typed.
        path: Field path put on every issue (``"numbers_to_port[3]"``).

    Returns:
        The parsed number (``None`` when invalid) and a report of every problem.

    Raises:
        ConfigError: ``text`` is not a string (a programming error, not bad data).

    >>> validate_phone_number("1 800 FLOWERS").number.kind.value
    'toll-free'
    >>> check = validate_phone_number("+1 201 555 0123", path="sms_number")
    >>> print(check.report)
    error sms_number: 555-0123 is in 555-0100..0199, reserved for fictional use [phone.fictional]
    >>> validate_phone_number("+44 20 7946 0958").report.codes
    frozenset({'phone.not_nanp'})
    """
    if not isinstance(text, str):
        raise ConfigError(
            f"expected the phone number as text, got {convert.describe(text)}", field=path or "text"
        )

    def fail(*issues: Issue) -> PhoneNumberCheck:
        return PhoneNumberCheck(text, None, Report(issues))

    if len(text) > MAX_NUMBER_TEXT:
        return fail(
            _issue(
                "field.too_long",
                f"{len(text)} characters; a phone number has at most {MAX_NUMBER_TEXT}",
                path,
            )
        )
    stripped = text.strip()
    if not stripped:
        return fail(_issue("phone.empty", "no phone number given", path))
    main, extension = _split_extension(stripped)
    upper = main.upper()
    bad = sorted({char for char in upper if char not in _ALLOWED})
    if bad:
        shown = ", ".join(repr(char) for char in bad)
        return fail(_issue("phone.invalid_character", f"unexpected character(s) {shown}", path))
    if "+" in upper.lstrip("+ ") or upper.count("+") > 1:
        return fail(_issue("phone.invalid_character", "'+' may only lead the number", path))
    digits = upper.translate(_KEYPAD)
    digits = "".join(char for char in digits if char.isdigit())
    international = upper.lstrip().startswith("+")
    if international and not digits.startswith("1"):
        return fail(_issue("phone.not_nanp", "country code is not +1: not a NANP number", path))
    if (len(digits) == 11 and digits.startswith("1")) or international:
        digits = digits[1:]
    elif len(digits) == 11:
        return fail(
            _issue("phone.not_nanp", "11 digits not starting with 1: not a NANP number", path)
        )
    if len(digits) < 10:
        return fail(_issue("phone.too_short", f"{len(digits)} digits; a NANP number has 10", path))
    if len(digits) > 10:
        return fail(_issue("phone.too_long", f"{len(digits)} digits; a NANP number has 10", path))
    issues = nanp_issues(digits[:3], digits[3:6], digits[6:], path=path)
    if issues:
        return fail(*issues)
    number = PhoneNumber(digits[:3], digits[3:6], digits[6:], extension)
    return PhoneNumberCheck(text, number, Report())
