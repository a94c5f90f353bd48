"""Hypothesis strategies for onboarding values (re-exported by ``strategies``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.calendar.lead_time import LeadTime, LeadTimeCounting
from servicedesk_core.onboarding.documents import (
    AppliesWhen,
    Document,
    DocumentRequirement,
    DocumentRule,
    OnboardingCase,
    OnboardingStep,
    OnboardingStepRule,
    ReceivedDocument,
)
from servicedesk_core.onboarding.lead_times import PortingTier
from servicedesk_core.onboarding.numbers import (
    NON_GEOGRAPHIC_AREA_CODES,
    PREMIUM_AREA_CODES,
    TOLL_FREE_AREA_CODES,
    NumberKind,
    PhoneNumber,
)
from servicedesk_core.onboarding.porting import (
    E911,
    Activation,
    Address,
    AddressStatus,
    FaxType,
    NativeFax,
    PortOrder,
    PortScope,
)
from servicedesk_core.onboarding.readiness import (
    PORT_DAY_CHECKLIST,
    ReadinessItem,
    ReadinessSnapshot,
    ReadinessState,
)

__all__ = [
    "addresses",
    "document_rules",
    "lead_times",
    "onboarding_cases",
    "onboarding_step_rules",
    "phone_number_texts",
    "phone_numbers",
    "port_orders",
    "porting_tiers",
    "readiness_items",
    "readiness_snapshots",
    "received_documents",
]

_SPECIAL = TOLL_FREE_AREA_CODES | PREMIUM_AREA_CODES | NON_GEOGRAPHIC_AREA_CODES


def _valid_area_code(code: str) -> bool:
    return code[0] not in "01" and code[1] != "9" and code[1:] != "11"


_GEOGRAPHIC = sorted(
    f"{n:03d}"
    for n in range(200, 1000)
    if _valid_area_code(f"{n:03d}") and f"{n:03d}" not in _SPECIAL
)
_BY_KIND = {
    NumberKind.GEOGRAPHIC: _GEOGRAPHIC,
    NumberKind.TOLL_FREE: sorted(TOLL_FREE_AREA_CODES),
    NumberKind.PREMIUM: sorted(PREMIUM_AREA_CODES),
    NumberKind.NON_GEOGRAPHIC: sorted(c for c in NON_GEOGRAPHIC_AREA_CODES if _valid_area_code(c)),
}
_EXCHANGES = [f"{n:03d}" for n in range(200, 1000) if f"{n:03d}"[1:] != "11"]


def phone_numbers(
    *, kinds: Iterable[NumberKind] | None = None, allow_extensions: bool = False
) -> st.SearchStrategy[PhoneNumber]:
    """Valid NANP numbers.

    Args:
        kinds: Only numbers of these kinds (default: all kinds).
        allow_extensions: Whether some numbers carry an extension.

    An empty ``kinds``, or one holding something else than ``NumberKind``
    values, raises ``hypothesis.errors.InvalidArgument``.
    """
    chosen = list(NumberKind) if kinds is None else list(kinds)
    if not chosen:
        raise InvalidArgument("kinds must name at least one NumberKind")
    for kind in chosen:
        if not isinstance(kind, NumberKind):
            raise InvalidArgument(f"kinds must be NumberKind values, got {kind!r}")
    if not isinstance(allow_extensions, bool):
        raise InvalidArgument(f"allow_extensions must be a bool, got {allow_extensions!r}")
    return _phone_numbers(tuple(sorted(set(chosen), key=list(NumberKind).index)), allow_extensions)


@st.composite
def _phone_numbers(
    draw: st.DrawFn, kinds: tuple[NumberKind, ...], allow_extensions: bool
) -> PhoneNumber:
    # Indexes rather than sampled_from(list): the strategy's repr stays small.
    area_codes = sorted({code for kind in kinds for code in _BY_KIND[kind]})
    area_code = area_codes[draw(st.integers(0, len(area_codes) - 1))]
    exchange = _EXCHANGES[draw(st.integers(0, len(_EXCHANGES) - 1))]
    line = draw(st.integers(0, 9999))
    if exchange == "555" and 100 <= line <= 199:  # fictional: move out of 0100-0199
        line += 100
    extension = ""
    if allow_extensions and draw(st.booleans()):
        extension = draw(st.text("0123456789", min_size=1, max_size=6))
    return PhoneNumber(area_code, exchange, f"{line:04d}", extension)


_SPELLINGS = (
    "{a}{e}{n}",
    "({a}) {e}-{n}",
    "{a}.{e}.{n}",
    "{a}-{e}-{n}",
    "+1 {a} {e} {n}",
    "1-{a}-{e}-{n}",
    "1 ({a}) {e} {n}",
    "+1{a}{e}{n}",
)
_EXTENSION_SPELLINGS = (" x{x}", " ext. {x}", " #{x}", ";ext={x}", " extension {x}")


@st.composite
def _spell(draw: st.DrawFn, numbers: st.SearchStrategy[PhoneNumber]) -> str:
    number = draw(numbers)
    text = draw(st.sampled_from(_SPELLINGS)).format(
        a=number.area_code, e=number.exchange, n=number.line
    )
    if number.extension:
        text += draw(st.sampled_from(_EXTENSION_SPELLINGS)).format(x=number.extension)
    return text


def phone_number_texts(
    numbers: st.SearchStrategy[PhoneNumber] | None = None,
) -> st.SearchStrategy[str]:
    """The usual spellings of valid numbers: ``(913) 599-6900``, ``+1 913 599 6900``, ...

    Args:
        numbers: The numbers to spell (default: :func:`phone_numbers` with extensions).
    """
    if numbers is None:
        numbers = phone_numbers(allow_extensions=True)
    return _spell(numbers)


def _numbers_or_noise() -> st.SearchStrategy[str]:
    return st.one_of(
        phone_number_texts(),
        st.text(max_size=20),
        st.text("0123456789 +()-.xX#", max_size=20),
    )


def addresses() -> st.SearchStrategy[Address]:
    """Addresses with plausible and implausible parts (for validation tests)."""
    return st.builds(
        Address,
        house_number=st.one_of(
            st.from_regex(r"[0-9]{1,5}[A-Z]?", fullmatch=True), st.text(max_size=6)
        ),
        street=st.one_of(st.just("Main St"), st.text(max_size=20)),
        unit=st.one_of(st.just(""), st.text(max_size=8)),
        city=st.one_of(st.just("Olathe"), st.text(max_size=15)),
        state=st.one_of(st.sampled_from(["KS", "MO", "TX", "PR"]), st.text(max_size=3)),
        zip=st.one_of(st.from_regex(r"[0-9]{5}", fullmatch=True), st.text(max_size=7)),
    )


def port_orders(*, max_numbers: int = 20) -> st.SearchStrategy[PortOrder]:
    """Final orders with every field drawn from plausible and implausible values.

    Numbers are often valid spellings, sometimes noise; dates fall around 2026;
    enums, booleans and optional parts take every value. Meant for checking
    that validation never raises and only emits documented codes.

    Args:
        max_numbers: The most numbers in each list.

    A negative ``max_numbers`` raises ``hypothesis.errors.InvalidArgument``.
    """
    if not isinstance(max_numbers, int) or max_numbers < 0:
        raise InvalidArgument(f"max_numbers must be a non-negative int, got {max_numbers!r}")
    texts = st.text(max_size=20)
    numbers = st.lists(_numbers_or_noise(), max_size=max_numbers)
    return st.builds(
        PortOrder,
        domain=st.one_of(st.just("acme.example"), texts),
        time_zone=st.one_of(st.sampled_from(["America/Chicago", "America/New_York"]), texts),
        billing_contact_name=texts,
        billing_contact_email=st.one_of(st.just("billing@acme.example"), texts),
        tax_exempt=st.booleans(),
        activation=st.sampled_from(Activation),
        temporary_numbers=st.integers(-2, 30),
        area_code=st.one_of(st.sampled_from(["913", "800", "911", "555"]), texts),
        port_date=st.one_of(
            st.none(), st.dates(dt.date(2025, 12, 1), dt.date(2026, 12, 31)), st.dates()
        ),
        scope=st.one_of(st.none(), st.sampled_from(PortScope)),
        pin=st.one_of(st.just(""), st.just("4321"), texts),
        pin_required=st.booleans(),
        authorized_user_name=texts,
        authorized_user_title=texts,
        numbers_to_port=numbers,
        numbers_not_to_port=numbers,
        billing_number=_numbers_or_noise(),
        new_billing_number=_numbers_or_noise(),
        resp_org_id=st.one_of(st.just("ABC01"), texts),
        assigned_numbers=st.lists(_numbers_or_noise(), max_size=3),
        main_caller_id=_numbers_or_noise(),
        cnam=st.one_of(st.just("ACME PLUMBING"), texts),
        e911=st.builds(
            E911,
            number=_numbers_or_noise(),
            address=addresses(),
            status=st.sampled_from(AddressStatus),
        ),
        sms_number=_numbers_or_noise(),
        native_fax=st.one_of(
            st.none(),
            st.builds(
                NativeFax,
                type=st.sampled_from(FaxType),
                number=_numbers_or_noise(),
                ata_purchased=st.booleans(),
            ),
        ),
        hardware=st.booleans(),
        shipping_address=st.one_of(st.none(), addresses()),
        ship_to=texts,
    )


_STEPS = st.frozensets(st.sampled_from(OnboardingStep))
_SENTENCES = st.sampled_from(["", "We will email you", "Ports are submitted on weekdays"])


def document_rules() -> st.SearchStrategy[DocumentRule]:
    """When a document is needed, what it gates and how old it may be."""
    return st.builds(
        DocumentRule,
        document=st.sampled_from(Document),
        requirement=st.sampled_from(DocumentRequirement),
        applies=st.sampled_from(AppliesWhen),
        gates=_STEPS,
        max_age_days=st.none() | st.integers(0, 365),
    )


def onboarding_step_rules() -> st.SearchStrategy[OnboardingStepRule]:
    """When an onboarding step applies, what must be ready first and what is sent."""
    return st.builds(
        OnboardingStepRule,
        step=st.sampled_from(OnboardingStep),
        applies=st.sampled_from(AppliesWhen),
        after=_STEPS,
        notification=_SENTENCES,
    )


@st.composite
def _lead_times(draw: st.DrawFn) -> LeadTime:
    counting = draw(st.sampled_from(LeadTimeCounting))
    unit = dt.timedelta(days=1)
    if counting is not LeadTimeCounting.BUSINESS_DAYS and draw(st.booleans()):
        unit = dt.timedelta(minutes=draw(st.sampled_from([1, 30, 60])))
    low = draw(st.integers(0, 30))
    return LeadTime(
        name=draw(st.sampled_from(["port", "new hire", "licence", "CNAM", "SMS"])),
        minimum=low * unit,
        likely=draw(st.integers(low, 40)) * unit,
        counting=counting,
        business_day=draw(st.booleans()),
        source=draw(_SENTENCES),
    )


def lead_times() -> st.SearchStrategy[LeadTime]:
    """Lead-time rules counted in calendar days, elapsed time or business days."""
    return _lead_times()


def porting_tiers() -> st.SearchStrategy[PortingTier]:
    """The porting rule from some number of numbers upwards."""
    return st.builds(PortingTier, st.integers(1, 100), lead_times())


def readiness_items() -> st.SearchStrategy[ReadinessItem]:
    """Items of a port-day checklist."""
    return st.builds(
        ReadinessItem,
        key=st.sampled_from(["users_created", "numbers_routed", "ata_online", "e911"]),
        description=st.sampled_from(["Users have all been created", "ATA is online"]),
        always=st.booleans(),
        consequence=_SENTENCES,
    )


def readiness_snapshots() -> st.SearchStrategy[ReadinessSnapshot]:
    """States of the port-day checklist's items, and E911 records."""
    keys = [item.key for item in PORT_DAY_CHECKLIST]
    e911 = st.builds(
        E911,
        number=_numbers_or_noise(),
        address=addresses(),
        status=st.sampled_from(AddressStatus),
    )
    return st.builds(
        ReadinessSnapshot,
        states=st.dictionaries(st.sampled_from(keys), st.sampled_from(ReadinessState)),
        e911_locations=st.lists(e911, max_size=2),
    )


def onboarding_cases() -> st.SearchStrategy[OnboardingCase]:
    """What an onboarding involves: porting, toll-free, ASAP, hardware, tax exemption."""
    return st.builds(OnboardingCase)


def received_documents(
    *, min_date: dt.date = dt.date(2025, 1, 1), max_date: dt.date = dt.date(2027, 12, 31)
) -> st.SearchStrategy[ReceivedDocument]:
    """Documents received on a date, some with their own date."""
    dates = st.dates(min_value=min_date, max_value=max_date)
    return st.builds(ReceivedDocument, st.sampled_from(Document), dates, st.none() | dates)
