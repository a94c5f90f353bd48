"""The lead-time rules of the seed guides, and the porting tiers.

The rule type and its date math live in :mod:`servicedesk_core.calendar.lead_time`
(a layer below, so authorization's notice rules can use them too); they are
re-exported here.

========================  ==========  ========  ==================  =====================
rule                      minimum     likely    counted in          lands on business day
========================  ==========  ========  ==================  =====================
porting 1-14 numbers      7 days      10 days   calendar days       yes
porting 15+ numbers       15 days     20 days   calendar days       yes
new hire                  3 days      3 days    business days       (always does)
licence request           2 days      2 days    calendar days       no
new SMS setup             30 days     30 days   calendar days       no
CNAM visible              24 hours    48 hours  elapsed time        no
port, partner guide       14 days     28 days   calendar days       yes
========================  ==========  ========  ==================  =====================

>>> import datetime as dt
>>> from servicedesk_core import BusinessCalendar
>>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
>>> monday = dt.datetime(2026, 3, 2, 10, 0, tzinfo=desk.tz)
>>> estimate = earliest_date(porting_lead_time(14), monday, desk)
>>> estimate.earliest, estimate.likely
(datetime.date(2026, 3, 9), datetime.date(2026, 3, 12))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.calendar.lead_time import (
    LEAD_TIME_CODES,
    LeadTime,
    LeadTimeCheck,
    LeadTimeCounting,
    LeadTimeEstimate,
    check_requested_date,
    earliest_date,
)
from servicedesk_core.errors import ConfigError

__all__ = [
    "CNAM_PROPAGATION",
    "LEAD_TIME_CODES",
    "LICENCE_REQUEST",
    "NEW_HIRE",
    "NEW_SMS",
    "PORTING_TIERS",
    "PORT_15_OR_MORE",
    "PORT_PARTNER_GUIDE",
    "PORT_UP_TO_14",
    "LeadTime",
    "LeadTimeCheck",
    "LeadTimeCounting",
    "LeadTimeEstimate",
    "PortingTier",
    "check_requested_date",
    "earliest_date",
    "porting_lead_time",
]

PORT_UP_TO_14 = LeadTime.days(
    "porting 1-14 numbers", 7, 10, business_day=True, source="reseller guide, Planning Ahead"
)
"""Porting up to 14 numbers: minimum 7 days, could take up to 10; lands on a business day."""

PORT_15_OR_MORE = LeadTime.days(
    "porting 15 or more numbers", 15, 20, business_day=True, source="reseller guide, Planning Ahead"
)
"""Porting 15 or more numbers: minimum 15 days, could take up to 20; lands on a business day."""

NEW_HIRE = LeadTime.days(
    "new hire", 3, counting=LeadTimeCounting.BUSINESS_DAYS, source="reseller guide, Planning Ahead"
)
"""New hires: submit at least 3 business days in advance."""

LICENCE_REQUEST = LeadTime.days("licence request", 2, source="reseller guide, Planning Ahead")
"""Licence requests: minimum 2 day lead time (calendar days)."""

NEW_SMS = LeadTime.days("new SMS setup", 30, source="reseller guide, Planning Ahead")
"""New SMS setup: normally takes 30 days."""

CNAM_PROPAGATION = LeadTime(
    name="CNAM visible",
    minimum=dt.timedelta(hours=24),
    likely=dt.timedelta(hours=48),
    counting=LeadTimeCounting.ELAPSED,
    source="partner guide, caller ID name playbook",
)
"""CNAM caching in the national database takes 24-48 hours (real hours, across DST too)."""

PORT_PARTNER_GUIDE = LeadTime.days(
    "port (partner guide)", 14, 28, business_day=True, source="partner guide: 2-4 weeks total"
)
"""The partner guide's expectation for a port: 2-4 weeks in total."""


def _min_numbers(value: int | str) -> int:
    return convert.integer(value, "min_numbers", min_value=1)


def _rule(value: LeadTime) -> LeadTime:
    return convert.instance(LeadTime, value, "rule")


@attrs.frozen
class PortingTier:
    """The porting rule that applies from ``min_numbers`` numbers upwards."""

    min_numbers: int = attrs.field(converter=_min_numbers)
    rule: LeadTime = attrs.field(converter=_rule)


def _to_tiers(tiers: Iterable[PortingTier]) -> tuple[PortingTier, ...]:
    return convert.instances(tiers, "tiers", PortingTier)


PORTING_TIERS: tuple[PortingTier, ...] = (
    PortingTier(1, PORT_UP_TO_14),
    PortingTier(15, PORT_15_OR_MORE),
)
"""Which porting rule applies to how many numbers (reseller guide)."""


def porting_lead_time(count: int, tiers: Iterable[PortingTier] = PORTING_TIERS) -> LeadTime:
    """Return the porting rule for porting ``count`` numbers.

    >>> porting_lead_time(14).name, porting_lead_time(15).name
    ('porting 1-14 numbers', 'porting 15 or more numbers')

    Raises:
        ConfigError: no tier covers ``count`` (for example ``count`` < 1), or
            the tiers are not in increasing order of ``min_numbers``.
    """
    listed = _to_tiers(tiers)
    if [tier.min_numbers for tier in listed] != sorted({tier.min_numbers for tier in listed}):
        raise ConfigError("tiers must be in strictly increasing order", field="tiers")
    chosen = [tier.rule for tier in listed if tier.min_numbers <= count]
    if not chosen:
        raise ConfigError(f"no porting tier covers {count} number(s)", field="tiers")
    return chosen[-1]
