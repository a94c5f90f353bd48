"""Every parser and validator gives a verdict on a pasted megabyte within 100 ms.

Hosts validate web forms with these functions; a parser that is quadratic in its
input is a denial-of-service hole. Each one rejects absurd lengths before it
reads them (a ``ConfigError`` or a report code).
"""

from collections.abc import Callable

import pytest

from servicedesk_core import (
    FOUR_TIER,
    BusinessCalendar,
    ConfigError,
    TimeRange,
    TriageRules,
    WeeklyHours,
)
from servicedesk_core._time import zone
from tests.example_scripts import load
from tests.fuzz import MEGABYTE, verdict_time

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
}


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize("text", [MEGABYTE, " " * 1_000_000, "Mon-Fri 09:00-17:00;" * 50_000])
def test_a_megabyte_gets_a_verdict_within_100_ms(name: str, text: str) -> None:
    parse, errors = PARSERS[name]
    parse("warm up") if not errors else verdict_time(lambda: parse("warm up"), *errors)
    assert verdict_time(lambda: parse(text), *errors) < 0.1
