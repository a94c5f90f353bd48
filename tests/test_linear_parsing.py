"""Every parser and validator gives a verdict on a pasted megabyte within 100 ms.

Hosts validate web forms with these functions; a parser that is quadratic in its
input is a denial-of-service hole. Each one rejects absurd lengths before it
reads them (a ``ConfigError`` or a report code).
"""

from collections.abc import Callable

import attrs
import pytest

from servicedesk_core import (
    FOUR_TIER,
    LICENCE_REQUEST,
    Address,
    BusinessCalendar,
    ConfigError,
    LeadTime,
    PhoneNumber,
    PhoneNumberError,
    PortOrder,
    ReadinessSnapshot,
    TimeRange,
    TriageRules,
    WeeklyHours,
    check_cnam,
    check_requested_date,
    readiness,
    validate_phone_number,
)
from servicedesk_core._convert import MAX_TEXT
from servicedesk_core._time import zone
from tests.example_scripts import load
from tests.fuzz import MEGABYTE, verdict_time
from tests.onboarding.sample import NOW, ORDER, PROVIDER, validate

_TEXT_FIELDS = [f.name for f in attrs.fields(PortOrder) if f.type in ("str", str)]


def _longest_order(text: str) -> object:
    """Every text field of the seed's order at the longest length accepted, then validated."""
    order = attrs.evolve(ORDER, **dict.fromkeys(_TEXT_FIELDS, text[:MAX_TEXT]))
    return validate(order)


PARSERS: dict[str, tuple[Callable[[str], object], tuple[type[BaseException], ...]]] = {
    "WeeklyHours.parse": (WeeklyHours.parse, (ConfigError,)),
    "WeeklyHours.parse (clause)": (lambda text: WeeklyHours.parse("Mon " + text), (ConfigError,)),
    "TimeRange.parse": (TimeRange.parse, (ConfigError,)),
    "BusinessCalendar(timezone=)": (
        lambda text: BusinessCalendar(timezone=text, hours="Daily 09:00-17:00"),
        (ConfigError,),
    ),
    "timezone suggestions": (zone, (ConfigError,)),
    "TriageRules.from_dict": (
        lambda text: TriageRules.from_dict(
            FOUR_TIER, {"default": text, "rules": [{"name": text, "level": text}]}
        ),
        (ConfigError,),
    ),
    "TriageRules.classify": (
        lambda text: load("priority_seeds").MSP_RULES.classify(
            {"kind": text, "users_affected": text, "channel": text, text: text}
        ),
        (),
    ),
    "Playbook.walk": (
        lambda text: load("partner_playbooks").OUTBOUND_CALLS.walk({text: text}),
        (),
    ),
    "validate_phone_number": (validate_phone_number, ()),
    "PhoneNumber.parse": (PhoneNumber.parse, (PhoneNumberError,)),
    "check_cnam": (check_cnam, ()),
    "PortOrder(...)": (lambda text: PortOrder(domain=text, numbers_to_port=[text]), (ConfigError,)),
    "validate_port_order (every field at MAX_TEXT)": (_longest_order, ()),
    "Address(...)": (lambda text: Address(zip=text), (ConfigError,)),
    "check_requested_date": (
        lambda text: check_requested_date(LICENCE_REQUEST, NOW, text, PROVIDER),
        (),
    ),
    "LeadTime(...)": (lambda text: LeadTime(name="n", minimum=text), (ConfigError,)),
    "readiness": (lambda text: readiness(ReadinessSnapshot(states={text: text})), (ConfigError,)),
}


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize("text", [MEGABYTE, " " * 1_000_000, "Mon-Fri 09:00-17:00;" * 50_000])
def test_a_megabyte_gets_a_verdict_within_100_ms(name: str, text: str) -> None:
    parse, errors = PARSERS[name]
    parse("warm up") if not errors else verdict_time(lambda: parse("warm up"), *errors)
    assert verdict_time(lambda: parse(text), *errors) < 0.1
