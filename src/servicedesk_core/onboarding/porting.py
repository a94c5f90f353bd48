"""The final onboarding order (with its port) and its validation.

:class:`PortOrder` holds every field of the self-service onboarding guide's
"Final Order" form, as the client typed it (phone numbers are text).
:func:`validate_port_order` judges the whole order and returns a
:class:`~servicedesk_core.report.Report` of every problem, each with a stable
code and a field path; it never raises for problems in the order.

>>> check_cnam("ACME PLUMBING CO").codes  # 16 characters
frozenset({'cnam.too_long'})
>>> check_cnam("ACME PLUMBING C").ok  # 15 characters
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import suggest_zones, to_us, zone
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.onboarding.documents import (
    DOCUMENT_RULES,
    DocumentRule,
    OnboardingCase,
    ReceivedDocument,
    onboarding_checklist,
)
from servicedesk_core.onboarding.lead_times import (
    PORTING_TIERS,
    PortingTier,
    check_requested_date,
    porting_lead_time,
)
from servicedesk_core.onboarding.numbers import PhoneNumber, validate_phone_number
from servicedesk_core.report import Issue, Report, _Enum

__all__ = [
    "CNAM_MAX_LENGTH",
    "E911",
    "US_STATES",
    "Activation",
    "Address",
    "AddressStatus",
    "FaxType",
    "NativeFax",
    "PortOrder",
    "PortScope",
    "check_address",
    "check_cnam",
    "validate_port_order",
]

CNAM_MAX_LENGTH = 15
"""The longest caller ID name (CNAM) the national databases store."""

US_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "VI",
        "GU",
        "AS",
        "MP",
    ]
)
"""USPS codes of the 50 states, DC and the inhabited territories."""

_CNAM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,")
_ZIP = re.compile(r"[0-9]{5}")
_PIN = re.compile(r"[A-Za-z0-9]{1,20}")
_RESP_ORG = re.compile(r"[A-Za-z0-9]{5}")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_EMAIL = re.compile(r"[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


class Activation(_Enum):
    """How the account goes live: at once on new numbers, or on the port date."""

    ASAP = "ASAP"
    PORTING = "porting"


class PortScope(_Enum):
    """Whether every number of the losing account moves (full) or some stay (partial)."""

    FULL = "full"
    PARTIAL = "partial"


class FaxType(_Enum):
    """The native fax service."""

    FAX_TO_EMAIL = "fax to email"
    ATA = "ATA"


class AddressStatus(_Enum):
    """Validation status of an E911 address, supplied by the caller (no lookups here)."""

    VALIDATED = "validated"
    PENDING = "pending"
    REJECTED = "rejected"


def _check_texts(value: object, names: Iterable[str]) -> None:
    """Text fields hold what the client typed: any text (the validators judge it), nothing else."""
    for name in names:
        convert.text(getattr(value, name), name)


@attrs.frozen(kw_only=True)
class Address:
    """A US street address as the client typed it.

    Attributes:
        house_number: Starts with a digit (``"1600"``, ``"12B"``, ``"12-14"``).
        street: Street name and type.
        unit: Apartment, suite or floor; optional.
        city: City.
        state: Two-letter USPS code (upper case).
        zip: Five digits.
    """

    house_number: str = ""
    street: str = ""
    unit: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""

    def __attrs_post_init__(self) -> None:
        _check_texts(self, (field.name for field in attrs.fields(Address)))


def _address(value: Address) -> Address:
    return convert.instance(Address, value, "address")


def _status(value: AddressStatus | str) -> AddressStatus:
    return convert.enum_member(AddressStatus, value, "status")


@attrs.frozen(kw_only=True)
class E911:
    """The emergency (E911) number and address, with the address's validation status.

    ``status`` accepts its text value (``"validated"``).
    """

    number: str = ""
    address: Address = attrs.field(default=Address(), converter=_address)
    status: AddressStatus = attrs.field(default=AddressStatus.PENDING, converter=_status)

    def __attrs_post_init__(self) -> None:
        _check_texts(self, ["number"])


def _fax_type(value: FaxType | str) -> FaxType:
    return convert.enum_member(FaxType, value, "type")


def _ata_purchased(value: bool | str) -> bool:
    return convert.boolean(value, "ata_purchased")


@attrs.frozen(kw_only=True)
class NativeFax:
    """The native fax service: its type, number, and whether an ATA was purchased."""

    type: FaxType = attrs.field(default=FaxType.FAX_TO_EMAIL, converter=_fax_type)
    number: str = ""
    ata_purchased: bool = attrs.field(default=False, converter=_ata_purchased)

    def __attrs_post_init__(self) -> None:
        _check_texts(self, ["number"])


def _numbers(values: Iterable[str], field: str) -> tuple[str, ...]:
    return convert.tuple_of(values, field, convert.text)


def _numbers_to_port(values: Iterable[str]) -> tuple[str, ...]:
    return _numbers(values, "numbers_to_port")


def _numbers_not_to_port(values: Iterable[str]) -> tuple[str, ...]:
    return _numbers(values, "numbers_not_to_port")


def _assigned_numbers(values: Iterable[str]) -> tuple[str, ...]:
    return _numbers(values, "assigned_numbers")


def _tax_exempt(value: bool | str) -> bool:
    return convert.boolean(value, "tax_exempt")


def _activation(value: Activation | str) -> Activation:
    return convert.enum_member(Activation, value, "activation")


def _temporary_numbers(value: int | str) -> int:
    return convert.integer(value, "temporary_numbers")


def _port_date(value: dt.date | str | None) -> dt.date | None:
    return None if value is None else convert.date(value, "port_date")


def _scope(value: PortScope | str | None) -> PortScope | None:
    return None if value is None else convert.enum_member(PortScope, value, "scope")


def _pin_required(value: bool | str) -> bool:
    return convert.boolean(value, "pin_required")


def _e911(value: E911) -> E911:
    return convert.instance(E911, value, "e911")


def _native_fax(value: NativeFax | None) -> NativeFax | None:
    return None if value is None else convert.instance(NativeFax, value, "native_fax")


def _hardware(value: bool | str) -> bool:
    return convert.boolean(value, "hardware")


def _shipping_address(value: Address | None) -> Address | None:
    return None if value is None else convert.instance(Address, value, "shipping_address")


_ORDER_TEXTS = (
    "domain",
    "time_zone",
    "billing_contact_name",
    "billing_contact_email",
    "area_code",
    "pin",
    "authorized_user_name",
    "authorized_user_title",
    "billing_number",
    "new_billing_number",
    "resp_org_id",
    "main_caller_id",
    "cnam",
    "sms_number",
    "ship_to",
)


@attrs.frozen(kw_only=True)
class PortOrder:
    """The final order of the self-service onboarding guide, field by field.

    Text fields hold what the client typed; blanks are ``""``. Construction
    only converts: flags, the activation and scope, the quantity and the port
    date accept their text forms (``"true"``, ``"full"``, ``"3"``,
    ``"2026-03-16"``) and anything of another type is a ``ConfigError`` naming
    the field; :func:`validate_port_order` judges the content.

    Attributes:
        domain: The account's domain on the platform.
        time_zone: IANA time zone of the account (``"America/Chicago"``).
        billing_contact_name: First and last name of the billing contact.
        billing_contact_email: Email of the billing contact.
        tax_exempt: The client claims tax exemption (the form is a document).
        activation: ASAP (start on new numbers) or porting (start on the port date).
        temporary_numbers: Quantity of temporary numbers (DIDs) to assign.
        area_code: Area code for the temporary numbers.
        port_date: The date asked for the port.
        scope: Partial or full port; ``None`` when not answered.
        pin: The losing carrier's account PIN.
        pin_required: Whether the losing carrier requires a PIN (from the CSR).
        authorized_user_name: Who authorises the port (signs for it).
        authorized_user_title: Their title.
        numbers_to_port: Numbers (DIDs and toll-free numbers) to port.
        numbers_not_to_port: Numbers of the losing account that stay behind.
        billing_number: The losing account's billing telephone number (BTN).
        new_billing_number: For a partial port that moves the BTN: the number
            that stays and becomes the new BTN.
        resp_org_id: New RespOrg id (5 characters) for a toll-free port.
        assigned_numbers: Numbers already on the new account (temporary numbers
            once assigned).
        main_caller_id: The main outbound caller ID number.
        cnam: The caller ID name.
        e911: E911 number, address and its validation status.
        sms_number: The number to enable for SMS, if any.
        native_fax: The native fax service, if any.
        hardware: Hardware is purchased from the provider.
        shipping_address: Where the hardware ships.
        ship_to: Whom the hardware package is addressed to.

    Raises:
        ConfigError: a field of the wrong type (a list of numbers given as one
            string, ``None`` for text...), naming it.
    """

    domain: str = ""
    time_zone: str = ""
    billing_contact_name: str = ""
    billing_contact_email: str = ""
    tax_exempt: bool = attrs.field(default=False, converter=_tax_exempt)
    activation: Activation = attrs.field(default=Activation.PORTING, converter=_activation)
    temporary_numbers: int = attrs.field(default=0, converter=_temporary_numbers)
    area_code: str = ""
    port_date: dt.date | None = attrs.field(default=None, converter=_port_date)
    scope: PortScope | None = attrs.field(default=None, converter=_scope)
    pin: str = ""
    pin_required: bool = attrs.field(default=False, converter=_pin_required)
    authorized_user_name: str = ""
    authorized_user_title: str = ""
    numbers_to_port: tuple[str, ...] = attrs.field(default=(), converter=_numbers_to_port)
    numbers_not_to_port: tuple[str, ...] = attrs.field(default=(), converter=_numbers_not_to_port)
    billing_number: str = ""
    new_billing_number: str = ""
    resp_org_id: str = ""
    assigned_numbers: tuple[str, ...] = attrs.field(default=(), converter=_assigned_numbers)
    main_caller_id: str = ""
    cnam: str = ""
    e911: E911 = attrs.field(default=E911(), converter=_e911)
    sms_number: str = ""
    native_fax: NativeFax | None = attrs.field(default=None, converter=_native_fax)
    hardware: bool = attrs.field(default=False, converter=_hardware)
    shipping_address: Address | None = attrs.field(default=None, converter=_shipping_address)
    ship_to: str = ""

    def __attrs_post_init__(self) -> None:
        _check_texts(self, _ORDER_TEXTS)

    @property
    def is_porting(self) -> bool:
        """Whether the order ports numbers in."""
        return bool(self.numbers_to_port)

    def to_case(self) -> OnboardingCase:
        """The onboarding case the order describes (for the document checklist).

        >>> PortOrder(numbers_to_port=["1-800-FLOWERS"]).to_case().toll_free_port
        True
        """
        toll_free = False
        for text in self.numbers_to_port:
            number = validate_phone_number(text).number
            toll_free = toll_free or (number is not None and number.is_toll_free)
        return OnboardingCase(
            porting=self.is_porting,
            toll_free_port=toll_free,
            asap=self.activation is Activation.ASAP,
            hardware=self.hardware,
            tax_exempt=self.tax_exempt,
        )


def _issue(code: str, path: str, message: str) -> Issue:
    return ONBOARDING_CODES.issue(code, path, message)


def _required(value: str, path: str, what: str) -> list[Issue]:
    if value.strip():
        return []
    return [_issue("field.required", path, f"{what} is required")]


def check_cnam(text: str, *, path: str = "cnam") -> Report:
    """Judge a caller ID name (CNAM).

    At most 15 characters; starts with a letter; only ASCII letters, digits,
    spaces, periods and commas; at least two letters; not a phone number
    (7 or more digits). A blank CNAM is a warning (callers see the carrier's
    default); trailing or repeated spaces are a warning (they use up characters).

    >>> for issue in check_cnam("1-800-FLOWERS"):
    ...     print(issue.code)
    cnam.first_character
    cnam.invalid_character

    Raises:
        ConfigError: ``text`` is not text (a programming error, not bad data).
    """
    if not isinstance(text, str):
        raise ConfigError(f"expected text, got {convert.describe(text)}", field=path)
    if len(text) > 4 * CNAM_MAX_LENGTH:  # a pasted page: say so without reading it
        message = f"{len(text)} characters; a CNAM holds at most {CNAM_MAX_LENGTH}"
        return Report([_issue("cnam.too_long", path, message)])
    if not text:
        return Report(
            [_issue("cnam.missing", path, "no caller ID name: callers see the carrier's default")]
        )
    issues: list[Issue] = []
    if len(text) > CNAM_MAX_LENGTH:
        issues.append(
            _issue(
                "cnam.too_long",
                path,
                f"{len(text)} characters; a CNAM holds at most {CNAM_MAX_LENGTH}",
            )
        )
    if not ("A" <= text[0] <= "Z" or "a" <= text[0] <= "z"):
        issues.append(
            _issue(
                "cnam.first_character",
                path,
                f"starts with {text[0]!r}; a CNAM starts with a letter",
            )
        )
    bad = sorted({char for char in text if char not in _CNAM_CHARS})
    if bad:
        shown = ", ".join(repr(char) for char in bad)
        issues.append(
            _issue(
                "cnam.invalid_character",
                path,
                f"{shown} {'is' if len(bad) == 1 else 'are'} not allowed; "
                "use letters, digits, spaces, '.' and ','",
            )
        )
    letters = sum(1 for char in text if "A" <= char <= "Z" or "a" <= char <= "z")
    if letters < 2:
        issues.append(
            _issue(
                "cnam.too_few_letters", path, f"has {letters} letter(s); a CNAM needs at least two"
            )
        )
    digits = sum(1 for char in text if "0" <= char <= "9")
    if digits >= 7:
        issues.append(
            _issue(
                "cnam.phone_number", path, f"has {digits} digits: a CNAM is a name, not a number"
            )
        )
    if text != text.rstrip(" ") or "  " in text:
        issues.append(_issue("cnam.spacing", path, "trailing or repeated spaces use up characters"))
    return Report(issues)


def check_address(address: Address, *, path: str) -> Report:
    """Judge a street address: house number, street, city, state and ZIP are required.

    >>> bad = Address(house_number="1", street="Main St", city="Olathe", state="Kansas", zip="660")
    >>> sorted(check_address(bad, path="e911.address").codes)
    ['address.state', 'address.zip']

    Raises:
        ConfigError: ``address`` is not an :class:`Address` (a programming error).
    """
    convert.instance(Address, address, path)
    issues: list[Issue] = []
    for field, what in (
        ("house_number", "the house number"),
        ("street", "the street"),
        ("city", "the city"),
        ("state", "the state"),
        ("zip", "the ZIP code"),
    ):
        issues += _required(getattr(address, field), f"{path}.{field}", what)
    if address.house_number.strip() and not address.house_number[0].isdigit():
        issues.append(
            _issue(
                "address.house_number",
                f"{path}.house_number",
                f"{convert.brief(address.house_number)} does not start with a digit",
            )
        )
    if address.state.strip() and address.state not in US_STATES:
        issues.append(
            _issue(
                "address.state",
                f"{path}.state",
                f"{convert.brief(address.state)} is not a 2-letter USPS state code (like 'KS')",
            )
        )
    if address.zip.strip() and not _ZIP.fullmatch(address.zip):
        issues.append(
            _issue(
                "address.zip",
                f"{path}.zip",
                f"{convert.brief(address.zip)} is not a 5-digit ZIP code",
            )
        )
    return Report(issues)


def _time_zone_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA time zone (with the names it most likely meant), or ``None``."""
    try:
        zone(name)
    except ConfigError:
        suggestions = suggest_zones(name)
        hint = f"did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
        return f"{convert.brief(name)} is not an IANA time zone ({hint or 'like America/Chicago'})"
    return None


def _area_code_problem(area_code: str) -> str | None:
    if not re.fullmatch(r"[0-9]{3}", area_code):
        return "is not three digits"
    checked = validate_phone_number(f"{area_code}-555-2368")
    if checked.number is None:
        return "is not a valid area code (" + checked.report.errors[0].message + ")"
    if checked.number.kind.value != "geographic":
        return f"is a {checked.number.kind.value} code, not a geographic area code"
    return None


class _Numbers:
    """The numbers of an order, parsed once, with their issues."""

    def __init__(self, texts: tuple[str, ...], field: str) -> None:
        self.issues: list[Issue] = []
        self.numbers: dict[int, PhoneNumber] = {}
        first_at: dict[str, int] = {}
        for i, text in enumerate(texts):
            path = f"{field}[{i}]"
            check = validate_phone_number(text, path=path)
            self.issues += check.report
            if check.number is None:
                continue
            self.numbers[i] = check.number
            key = check.number.e164
            if key in first_at:
                self.issues.append(
                    _issue(
                        "numbers.duplicate",
                        path,
                        f"{check.number.national} is already listed at {field}[{first_at[key]}]",
                    )
                )
            else:
                first_at[key] = i
        self.e164 = frozenset(number.e164 for number in self.numbers.values())


def _single(text: str, path: str) -> tuple[PhoneNumber | None, list[Issue]]:
    check = validate_phone_number(text, path=path)
    return check.number, list(check.report)


def validate_port_order(
    order: PortOrder,
    *,
    documents: Iterable[ReceivedDocument],
    now: dt.datetime,
    calendar: Calendar,
    porting_tiers: Iterable[PortingTier] = PORTING_TIERS,
    document_rules: Iterable[DocumentRule] = DOCUMENT_RULES,
) -> Report:
    """Judge a whole final order; never raises for problems in the order.

    Checks every field of the form: required fields; the numbers to port and
    not to port (each valid, portable, without extension, no duplicates, the
    two lists disjoint); full vs partial port and the billing number; the PIN;
    the RespOrg id of a toll-free port; the main caller ID, E911, SMS and fax
    numbers belong to the account after go-live; the CNAM; the E911 address and
    its validation status; the shipping address; the port date against the
    lead time (counted from ``now``) on the provider's calendar; and the
    documents (the phone bill at most 30 days old on the day of checking, the
    CSR recommended, an LOA within 30 days for a toll-free port).

    Args:
        order: The order as the client filled it in.
        documents: The documents received so far.
        now: The instant of checking; the port is taken as submitted now, and
            the day of checking is ``now``'s date in the calendar's timezone.
        calendar: The provider's calendar (port dates land on its business days).
        porting_tiers: The porting lead-time rules.
        document_rules: The document rules.

    Returns:
        Every issue, with paths such as ``numbers_to_port[3]``,
        ``e911.address.zip`` and ``documents.phone_bill``.

    Never raises for any value of any field of the order: every problem is an
    issue.

    Raises:
        NaiveDatetimeError: ``now`` has no timezone (a programming error).
        ConfigError: ``order`` is not a :class:`PortOrder`, or the porting tiers
            or document rules are malformed (configuration, not the order).

    >>> import datetime as dt
    >>> from servicedesk_core import BusinessCalendar
    >>> desk = BusinessCalendar(timezone="America/New_York", hours="Mon-Fri 09:00-17:00")
    >>> now = dt.datetime(2026, 3, 2, 10, 0, tzinfo=desk.tz)
    >>> order = PortOrder(numbers_to_port=["+1 212 911 5678"], cnam="ACME")
    >>> report = validate_port_order(order, documents=[], now=now, calendar=desk)
    >>> report.has("phone.exchange_n11", "numbers_to_port[0]"), report.ok
    (True, False)
    """
    to_us(now)
    convert.instance(PortOrder, order, "order")
    porting_lead_time(1, porting_tiers)  # ConfigError for tiers that do not start at one number
    today = now.astimezone(calendar.tz).date()
    issues: list[Issue] = []

    # account and billing
    issues += _required(order.domain, "domain", "the domain")
    if order.domain.strip() and not _DOMAIN.fullmatch(order.domain):
        issues.append(
            _issue(
                "field.format",
                "domain",
                f"{convert.brief(order.domain)} is not a valid domain name",
            )
        )
    issues += _required(order.time_zone, "time_zone", "the time zone")
    problem = _time_zone_problem(order.time_zone) if order.time_zone.strip() else None
    if problem is not None:
        issues.append(_issue("order.time_zone", "time_zone", problem))
    issues += _required(
        order.billing_contact_name, "billing_contact_name", "the billing contact's name"
    )
    issues += _required(
        order.billing_contact_email, "billing_contact_email", "the billing contact's email"
    )
    if order.billing_contact_email.strip() and not _EMAIL.fullmatch(order.billing_contact_email):
        issues.append(
            _issue(
                "field.format",
                "billing_contact_email",
                f"{convert.brief(order.billing_contact_email)} is not an email address",
            )
        )

    # activation and temporary numbers
    if order.temporary_numbers < 0:
        issues.append(
            _issue(
                "order.temporary_numbers",
                "temporary_numbers",
                f"{order.temporary_numbers} temporary numbers: the quantity cannot be negative",
            )
        )
    if order.activation is Activation.ASAP and order.temporary_numbers < 1:
        issues.append(
            _issue(
                "order.temporary_numbers",
                "temporary_numbers",
                "an ASAP start needs at least one temporary number to start on",
            )
        )
    if order.temporary_numbers > 0:
        issues += _required(order.area_code, "area_code", "the area code for new numbers")
        problem = _area_code_problem(order.area_code) if order.area_code.strip() else None
        if problem is not None:
            issues.append(
                _issue(
                    "order.area_code",
                    "area_code",
                    f"area code {convert.brief(order.area_code)} {problem}",
                )
            )
    if order.activation is Activation.PORTING and not order.numbers_to_port:
        issues.append(
            _issue(
                "field.required",
                "numbers_to_port",
                "a porting activation needs the numbers to port",
            )
        )

    # the numbers
    to_port = _Numbers(order.numbers_to_port, "numbers_to_port")
    staying = _Numbers(order.numbers_not_to_port, "numbers_not_to_port")
    assigned = _Numbers(order.assigned_numbers, "assigned_numbers")
    issues += to_port.issues + staying.issues + assigned.issues
    for i, number in to_port.numbers.items():
        path = f"numbers_to_port[{i}]"
        if number.has_extension():
            issues.append(
                _issue(
                    "numbers.extension",
                    path,
                    f"extension {number.extension} cannot be ported; list the number alone",
                )
            )
        if not number.is_portable:
            issues.append(
                _issue(
                    "numbers.not_portable",
                    path,
                    f"{number.national} is {number.kind.value} ({number.region.value}) "
                    "and cannot be ported to a US platform",
                )
            )
    for j, number in staying.numbers.items():
        if number.e164 in to_port.e164:
            issues.append(
                _issue(
                    "numbers.overlap",
                    f"numbers_not_to_port[{j}]",
                    f"{number.national} is also listed to port",
                )
            )

    if order.is_porting:
        issues += _port_fields(
            order, to_port, staying, now=now, calendar=calendar, tiers=porting_tiers
        )

    # numbers that must be on the account after go-live
    on_account = to_port.e164 | assigned.e164
    pending = order.temporary_numbers > 0 and not order.assigned_numbers
    number_fields = [
        ("main_caller_id", order.main_caller_id, "the main caller ID number", True),
        ("e911.number", order.e911.number, "the E911 number", True),
        ("sms_number", order.sms_number, "the SMS number", False),
    ]
    if order.native_fax is not None:
        number_fields.append(
            ("native_fax.number", order.native_fax.number, "the native fax number", True)
        )
    for path, text, what, required in number_fields:
        if not text.strip():
            if required and pending:
                issues.append(
                    _issue(
                        "numbers.pending_assignment",
                        path,
                        f"{what} is blank; fill it in once the new numbers are assigned",
                    )
                )
            elif required:
                issues.append(_issue("field.required", path, f"{what} is required"))
            continue
        parsed, found = _single(text, path)
        issues += found
        if parsed is not None and parsed.e164 not in on_account:
            where = (
                "it stays with the losing carrier"
                if parsed.e164 in staying.e164
                else "it is neither ported nor assigned to the account"
            )
            issues.append(
                _issue(
                    "numbers.not_on_account",
                    path,
                    f"{what} {parsed.national} will not be on the account after go-live: {where}",
                )
            )

    # caller ID name, E911, fax, hardware
    issues += check_cnam(order.cnam, path="cnam")
    issues += check_address(order.e911.address, path="e911.address")
    if order.e911.status is AddressStatus.PENDING:
        issues.append(
            _issue(
                "e911.address_unvalidated",
                "e911.status",
                "the E911 address is not validated yet; it blocks go-live",
            )
        )
    elif order.e911.status is AddressStatus.REJECTED:
        issues.append(
            _issue(
                "e911.address_rejected",
                "e911.status",
                "the E911 address failed validation; correct it before go-live",
            )
        )
    if (
        order.native_fax is not None
        and order.native_fax.type is FaxType.ATA
        and not order.native_fax.ata_purchased
    ):
        issues.append(
            _issue(
                "port.fax_ata_not_purchased",
                "native_fax.ata_purchased",
                "ATA fax without a purchased ATA: the client must supply and configure one",
            )
        )
    if order.hardware:
        if order.shipping_address is None:
            issues.append(
                _issue(
                    "field.required",
                    "shipping_address",
                    "the hardware shipping address is required",
                )
            )
        else:
            issues += check_address(order.shipping_address, path="shipping_address")
        issues += _required(order.ship_to, "ship_to", "whom the hardware is addressed to")

    # documents
    checklist = onboarding_checklist(order.to_case(), documents, today=today, rules=document_rules)
    issues += checklist.report
    return Report(issues)


def _port_fields(
    order: PortOrder,
    to_port: _Numbers,
    staying: _Numbers,
    *,
    now: dt.datetime,
    calendar: Calendar,
    tiers: Iterable[PortingTier],
) -> list[Issue]:
    issues: list[Issue] = []
    issues += _required(order.authorized_user_name, "authorized_user_name", "the authorized user")
    issues += _required(
        order.authorized_user_title, "authorized_user_title", "the authorized user's title"
    )
    if order.port_date is None:
        issues.append(_issue("field.required", "port_date", "the port date is required"))
    else:
        rule = porting_lead_time(len(order.numbers_to_port), tiers)
        issues += check_requested_date(
            rule, now, order.port_date, calendar, path="port_date"
        ).report
    if order.pin_required and not order.pin.strip():
        issues.append(
            _issue("port.pin_required", "pin", "the losing carrier requires the account PIN")
        )
    if order.pin and not _PIN.fullmatch(order.pin):
        issues.append(
            _issue("port.pin_format", "pin", "the PIN must be 1-20 letters and digits, no spaces")
        )
    if any(number.is_toll_free for number in to_port.numbers.values()):
        issues += _required(order.resp_org_id, "resp_org_id", "a toll-free port's new RespOrg id")
        if order.resp_org_id.strip() and not _RESP_ORG.fullmatch(order.resp_org_id):
            issues.append(
                _issue(
                    "port.resp_org_format",
                    "resp_org_id",
                    f"{convert.brief(order.resp_org_id)} is not a RespOrg id "
                    "(5 letters and digits)",
                )
            )

    # full or partial, and the billing number
    if order.scope is None:
        issues.append(_issue("field.required", "scope", "say whether the port is partial or full"))
    elif order.scope is PortScope.FULL:
        if order.numbers_not_to_port:
            issues.append(
                _issue(
                    "port.full_leaves_numbers",
                    "numbers_not_to_port",
                    f"a full port moves every number, but {len(order.numbers_not_to_port)} "
                    "number(s) are listed to stay; make it a partial port or port them too",
                )
            )
    else:
        if not order.numbers_not_to_port:
            issues.append(
                _issue(
                    "port.partial_nothing_remains",
                    "numbers_not_to_port",
                    "a partial port with no number staying behind: is it a full port?",
                )
            )
        if not order.billing_number.strip():
            issues.append(
                _issue(
                    "port.billing_number_unknown",
                    "billing_number",
                    "give the losing account's billing number to check whether it moves",
                )
            )
        else:
            btn, found = _single(order.billing_number, "billing_number")
            issues += found
            if btn is not None and btn.e164 in to_port.e164:
                new_btn, found = (
                    _single(order.new_billing_number, "new_billing_number")
                    if order.new_billing_number.strip()
                    else (None, [])
                )
                issues += found
                if new_btn is None or new_btn.e164 not in staying.e164:
                    issues.append(
                        _issue(
                            "port.billing_number_moves",
                            "new_billing_number",
                            f"the billing number {btn.national} moves: name a new billing "
                            "number among the numbers not to port",
                        )
                    )
    return issues
