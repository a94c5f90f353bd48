"""Validate a filled-in copy of the self-service onboarding guide's final order.

The guide (seed 001) lists the fields of the "Final Order" sent with the
Onboarding Complete notes; this script fills every one of them for a sample
client, checks the order and its documents on the provider's calendar, then
shows what a few typical mistakes look like, the lead-time estimate of the
port and the port-day readiness report.

Run: ``python examples/onboarding_port_order.py``
"""

from __future__ import annotations

import datetime as dt

import holidays

from servicedesk_core import (
    E911,
    PORT_DAY_CHECKLIST,
    Activation,
    Address,
    AddressStatus,
    BusinessCalendar,
    Document,
    FaxType,
    NativeFax,
    PortOrder,
    PortScope,
    ReadinessSnapshot,
    ReadinessState,
    ReceivedDocument,
    earliest_date,
    porting_lead_time,
    readiness,
    validate_port_order,
)

# The provider (OIT, 305 area code): Eastern time, weekdays, US federal holidays.
PROVIDER = BusinessCalendar(
    timezone="America/New_York",
    hours="Mon-Fri 09:00-17:00",
    holidays=holidays.country_holidays("US"),
)
NOW = dt.datetime(2026, 3, 2, 10, 30, tzinfo=PROVIDER.tz)  # Monday morning

OFFICE = Address(
    house_number="11200",
    street="W 119th St",
    unit="Suite 300",
    city="Overland Park",
    state="KS",
    zip="66213",
)

# Every field of the seed's "Final Order", in the form's order.
ORDER = PortOrder(
    domain="acmeplumbing.example",  # Domain
    time_zone="America/Chicago",  # Time Zone
    billing_contact_name="Dana Whitfield",  # Name of Billing Contact
    billing_contact_email="billing@acmeplumbing.example",  # Email of Billing Contact
    tax_exempt=False,  # Tax Exemption Form (none: not exempt)
    activation=Activation.PORTING,  # ASAP or Porting
    temporary_numbers=0,  # Quantity of Temp DID(s)
    area_code="",  # Area Code (only for temporary numbers)
    port_date=dt.date(2026, 3, 13),  # Port Date (a Friday, 11 days out)
    scope=PortScope.PARTIAL,  # Partial or Full port
    pin="4471",  # PIN
    pin_required=True,  # the losing carrier's CSR says a PIN is required
    authorized_user_name="Dana Whitfield",  # Authorized User Name
    authorized_user_title="Office Manager",  # Authorized User Title
    numbers_to_port=(  # DIDs to be ported
        "(913) 599-6900",
        "913.599.6901",
        "+1 913 599 6902",
        "1-800-FLOWERS",
    ),
    numbers_not_to_port=("913-599-6999",),  # DIDs not to be ported (a fax line that stays)
    billing_number="(913) 599-6900",  # the losing account's billing number moves...
    new_billing_number="913-599-6999",  # ...so the staying line becomes the new one
    resp_org_id="ACM01",  # toll-free port: the new RespOrg
    main_caller_id="(913) 599-6900",  # Main CID Number
    cnam="ACME PLUMBING",  # CNAM
    e911=E911(number="(913) 599-6900", address=OFFICE, status=AddressStatus.VALIDATED),
    sms_number="913.599.6901",  # SMS DID
    native_fax=NativeFax(  # Native Fax Type / Number / ATA Purchased
        type=FaxType.FAX_TO_EMAIL, number="+1 913 599 6902", ata_purchased=False
    ),
    hardware=True,
    shipping_address=OFFICE,  # Shipping address for hardware
    ship_to="Dana Whitfield",  # Hardware package addressed to
)

DOCUMENTS = (
    ReceivedDocument(Document.PAYMENT_AUTHORIZATION, dt.date(2026, 2, 23)),
    ReceivedDocument(Document.BILLING_CONTACT, dt.date(2026, 2, 23)),
    ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 2, 24), dated=dt.date(2026, 2, 10)),
    ReceivedDocument(Document.CUSTOMER_SERVICE_RECORD, dt.date(2026, 2, 25)),
    ReceivedDocument(Document.NUMBER_LIST, dt.date(2026, 2, 24)),
    ReceivedDocument(
        Document.LETTER_OF_AUTHORIZATION, dt.date(2026, 2, 26), dated=dt.date(2026, 2, 26)
    ),
)

# The same order with the mistakes clients make most.
MISTAKES = PortOrder(
    domain=ORDER.domain,
    time_zone="Central",
    billing_contact_name=ORDER.billing_contact_name,
    billing_contact_email="billing at acme",
    port_date=dt.date(2026, 3, 7),  # a Saturday, 5 days out
    scope=PortScope.FULL,
    pin_required=True,
    authorized_user_name=ORDER.authorized_user_name,
    authorized_user_title=ORDER.authorized_user_title,
    numbers_to_port=("(913) 599-6900", "+1 212 911 5678", "913.599.6900", "(201) 555-0123"),
    numbers_not_to_port=("913-599-6999",),
    main_caller_id="913-599-6999",
    cnam="ACME PLUMBING CO",
    e911=E911(number="(913) 599-6900", address=Address(house_number="11200", zip="662130")),
)
STALE_DOCUMENTS = (
    ReceivedDocument(Document.PAYMENT_AUTHORIZATION, dt.date(2026, 2, 23)),
    ReceivedDocument(Document.BILLING_CONTACT, dt.date(2026, 2, 23)),
    ReceivedDocument(Document.PHONE_BILL, dt.date(2026, 2, 24), dated=dt.date(2026, 1, 30)),
    ReceivedDocument(Document.NUMBER_LIST, dt.date(2026, 2, 24)),
)


def main() -> None:
    report = validate_port_order(ORDER, documents=DOCUMENTS, now=NOW, calendar=PROVIDER)
    print(f"Sample final order: ok={report.ok}")
    print(report)

    estimate = earliest_date(porting_lead_time(len(ORDER.numbers_to_port)), NOW, PROVIDER)
    print(f"\nPort lead time: {estimate.explanation}")

    bad = validate_port_order(MISTAKES, documents=STALE_DOCUMENTS, now=NOW, calendar=PROVIDER)
    print(f"\nThe same order with typical mistakes: ok={bad.ok}, {len(bad.errors)} errors")
    print(bad)

    states = {item.key: ReadinessState.READY for item in PORT_DAY_CHECKLIST}
    states["numbers_routed"] = ReadinessState.NOT_READY
    states["ata_online"] = ReadinessState.NOT_APPLICABLE
    snapshot = ReadinessSnapshot(states=states, e911_locations=[ORDER.e911])
    print("\nPort day (FOC) readiness:")
    print(readiness(snapshot))


if __name__ == "__main__":
    main()
