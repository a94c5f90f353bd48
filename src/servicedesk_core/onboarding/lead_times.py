"""Lead-time rules as data, and the date math that says when work can be done.

A :class:`LeadTime` is a minimum and a likely duration, counted in calendar
time or in business days of the provider's calendar (a setting on each rule),
and may require that the resulting date be a business day (port dates do).
:func:`earliest_date` computes the earliest and likely dates for work
submitted at an instant; :func:`check_requested_date` judges a date a client asked for.

The rules from the seed guides:

========================  ==========  ========  ==================  =====================
rule                      minimum     likely    counted in          lands on business day
========================  ==========  ========  ==================  =====================
porting 1-14 numbers      7 days      10 days   calendar days       yes
porting 15+ numbers       15 days     20 days   calendar days       yes
new hire                  3 days      3 days    business days       (always does)
licence request           2 days      2 days    calendar days       no
new SMS setup             30 days     30 days   calendar days       no
CNAM visible              24 hours    48 hours  calendar time       no
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

from servicedesk_core._time import UTC, to_us
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.report import Issue, Report, _Enum

__all__ = [
    "CNAM_PROPAGATION",
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

_DAY = dt.timedelta(days=1)


class LeadTimeCounting(_Enum):
    """How a lead time is counted.

    ``CALENDAR``: wall-clock days (and hours) in the calendar's timezone,
    weekends and holidays included. ``BUSINESS_DAYS``: business days of the
    calendar, with :meth:`Calendar.add_days <servicedesk_core.Calendar.add_days>`
    (the duration must be whole days).
    """

    CALENDAR = "calendar"
    BUSINESS_DAYS = "business days"


def _non_negative(_self: object, attribute: attrs.Attribute[dt.timedelta], value: object) -> None:
    if not isinstance(value, dt.timedelta):
        raise ConfigError(f"expected a timedelta, got {value!r}", field=attribute.name)
    if value < dt.timedelta(0):
        raise ConfigError(f"must not be negative, got {value}", field=attribute.name)


@attrs.frozen(kw_only=True)
class LeadTime:
    """A lead-time rule: how long after submission work can be done.

    >>> LeadTime.days("licence request", 2).minimum
    datetime.timedelta(days=2)

    Attributes:
        name: What the rule is about (``"porting 1-14 numbers"``).
        minimum: The earliest it can be done after submission.
        likely: How long it may take (at least ``minimum``); the date a client
            can count on.
        counting: Calendar time or business days (a setting; see :class:`LeadTimeCounting`).
        business_day: Whether the resulting dates move to the next business
            day of the calendar when they fall on a closed day (port dates do).
        source: Where the rule comes from.
        unit: ``"days"`` or ``"hours"``: how :meth:`describe` states the amounts.

    Raises:
        ConfigError: a negative duration, ``likely`` shorter than ``minimum``,
            or business-day counting of a duration that is not whole days.
    """

    name: str
    minimum: dt.timedelta = attrs.field(validator=_non_negative)
    likely: dt.timedelta = attrs.field(validator=_non_negative)
    counting: LeadTimeCounting = LeadTimeCounting.CALENDAR
    business_day: bool = False
    source: str = attrs.field(default="", eq=False)
    unit: str = attrs.field(default="days", eq=False)

    @unit.validator
    def _check_unit(self, _attr: object, value: str) -> None:
        if value not in ("days", "hours"):
            raise ConfigError(f"unit must be 'days' or 'hours', got {value!r}", field="unit")

    @likely.default
    def _likely_default(self) -> dt.timedelta:
        return self.minimum

    def __attrs_post_init__(self) -> None:
        if self.likely < self.minimum:
            raise ConfigError(
                f"likely ({self.likely}) is shorter than minimum ({self.minimum})", field="likely"
            )
        if self.counting is LeadTimeCounting.BUSINESS_DAYS:
            for name, value in (("minimum", self.minimum), ("likely", self.likely)):
                if value % _DAY:
                    raise ConfigError(f"business days must be whole days, got {value}", field=name)

    @classmethod
    def days(
        cls,
        name: str,
        minimum: int,
        likely: int | None = None,
        *,
        counting: LeadTimeCounting = LeadTimeCounting.CALENDAR,
        business_day: bool = False,
        source: str = "",
    ) -> LeadTime:
        """Build a rule counted in whole days.

        >>> LeadTime.days("new hire", 3, counting=LeadTimeCounting.BUSINESS_DAYS).counting.value
        'business days'
        """
        return cls(
            name=name,
            minimum=dt.timedelta(days=minimum),
            likely=dt.timedelta(days=minimum if likely is None else likely),
            counting=counting,
            business_day=business_day,
            source=source,
        )

    def with_counting(self, counting: LeadTimeCounting) -> LeadTime:
        """Return the rule counted another way (same amounts).

        >>> PORT_UP_TO_14.with_counting(LeadTimeCounting.BUSINESS_DAYS).counting.value
        'business days'
        """
        return attrs.evolve(self, counting=counting)

    def describe(self) -> str:
        """Say the rule in words.

        >>> PORT_UP_TO_14.describe()
        'porting 1-14 numbers: minimum 7 calendar days, likely up to 10'
        >>> CNAM_PROPAGATION.describe()
        'CNAM visible: minimum 24 hours, likely up to 48'
        """
        whole = not (self.minimum % _DAY or self.likely % _DAY)
        if whole and self.unit == "days":
            unit = (
                "business days"
                if self.counting is LeadTimeCounting.BUSINESS_DAYS
                else "calendar days"
            )
            low, high = self.minimum // _DAY, self.likely // _DAY
        else:
            unit = "hours"
            hour = dt.timedelta(hours=1)
            low, high = self.minimum // hour, self.likely // hour
        text = f"{self.name}: minimum {low} {unit}"
        return text if high == low else f"{text}, likely up to {high}"


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
    unit="hours",
    source="partner guide, caller ID name playbook",
)
"""CNAM caching in the national database takes 24-48 hours."""

PORT_PARTNER_GUIDE = LeadTime.days(
    "port (partner guide)", 14, 28, business_day=True, source="partner guide: 2-4 weeks total"
)
"""The partner guide's expectation for a port: 2-4 weeks in total."""


@attrs.frozen
class PortingTier:
    """The porting rule that applies from ``min_numbers`` numbers upwards."""

    min_numbers: int
    rule: LeadTime


def _to_tiers(tiers: Iterable[PortingTier]) -> tuple[PortingTier, ...]:
    return tuple(tiers)


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


@attrs.frozen
class LeadTimeEstimate:
    """When work submitted at an instant can be done, and why.

    Attributes:
        rule: The rule applied.
        submitted_at: When the work was submitted (in the calendar's timezone).
        earliest_at: The instant the minimum has passed.
        likely_at: The instant the likely duration has passed.
        earliest: The earliest feasible date (a business day if the rule says so).
        likely: The date the work can be counted on.
        explanation: The rule, the counting and any move to a business day, in words.
    """

    rule: LeadTime
    submitted_at: dt.datetime
    earliest_at: dt.datetime
    likely_at: dt.datetime
    earliest: dt.date
    likely: dt.date
    explanation: str


def _after(
    rule: LeadTime, start: dt.datetime, amount: dt.timedelta, calendar: Calendar
) -> dt.datetime:
    if rule.counting is LeadTimeCounting.BUSINESS_DAYS:
        return calendar.add_days(start, amount // _DAY)
    # Wall-clock arithmetic in the calendar's zone, then normalised: a wall
    # time inside a DST gap moves forward by the gap (fold=0).
    return (start + amount).astimezone(UTC).astimezone(calendar.tz)


def _on_business_day(rule: LeadTime, day: dt.date, calendar: Calendar) -> dt.date:
    if rule.business_day and not calendar.is_business_day(day):
        return calendar.next_business_day(day)
    return day


def earliest_date(
    rule: LeadTime, submitted_at: dt.datetime, calendar: Calendar
) -> LeadTimeEstimate:
    """Return the earliest and likely dates for work submitted at ``submitted_at``.

    Calendar counting adds wall-clock days (and hours) in the calendar's
    timezone; business-day counting uses ``calendar.add_days``. Dates are local
    dates of the calendar; a rule with ``business_day`` moves a date that is not
    a business day to the next one.

    Args:
        rule: The lead-time rule.
        submitted_at: When the work was submitted (timezone-aware).
        calendar: The provider's calendar.

    Raises:
        NaiveDatetimeError: ``submitted_at`` has no timezone.

    >>> import datetime as dt
    >>> from servicedesk_core import BusinessCalendar
    >>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
    >>> friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=desk.tz)
    >>> earliest_date(NEW_HIRE, friday, desk).earliest  # Mon, Tue, Wed
    datetime.date(2026, 3, 11)
    >>> thursday = dt.datetime(2026, 3, 5, 10, 0, tzinfo=desk.tz)
    >>> print(earliest_date(PORT_UP_TO_14, thursday, desk).explanation)
    porting 1-14 numbers: minimum 7 calendar days, likely up to 10; submitted 2026-03-05 10:00 CST;
    earliest 2026-03-12, likely 2026-03-16 (2026-03-15 is not a business day: moved to 2026-03-16)
    """
    to_us(submitted_at)  # NaiveDatetimeError for a naive datetime
    start = submitted_at.astimezone(calendar.tz)
    earliest_at = _after(rule, start, rule.minimum, calendar)
    likely_at = _after(rule, start, rule.likely, calendar)
    earliest = _on_business_day(rule, earliest_at.date(), calendar)
    likely = _on_business_day(rule, likely_at.date(), calendar)
    moves = [
        f"{at.date().isoformat()} is not a business day: moved to {day.isoformat()}"
        for at, day in ((earliest_at, earliest), (likely_at, likely))
        if at.date() != day
    ]
    explanation = (
        f"{rule.describe()}; submitted {start:%Y-%m-%d %H:%M %Z}; "
        f"earliest {earliest.isoformat()}, likely {likely.isoformat()}"
    )
    if moves:
        explanation += " (" + "; ".join(moves) + ")"
    return LeadTimeEstimate(rule, start, earliest_at, likely_at, earliest, likely, explanation)


@attrs.frozen
class LeadTimeCheck:
    """The outcome of :func:`check_requested_date`: estimate, date asked for, issues."""

    estimate: LeadTimeEstimate
    requested: dt.date
    report: Report

    @property
    def ok(self) -> bool:
        """Whether the requested date is feasible (warnings allowed)."""
        return self.report.ok


def check_requested_date(
    rule: LeadTime,
    submitted_at: dt.datetime,
    requested: dt.date,
    calendar: Calendar,
    *,
    path: str = "",
    max_ahead_days: int = 366,
) -> LeadTimeCheck:
    """Judge a date a client asked for against a lead-time rule; never raises for the date.

    Issues: ``lead_time.too_soon`` (error, before the earliest date or in the
    past), ``lead_time.may_slip`` (warning, before the likely date),
    ``lead_time.not_business_day`` (error, rules that land on business days),
    ``lead_time.too_far`` (error, more than ``max_ahead_days`` after submission:
    most likely a typo in the year). The calendar is only asked about dates
    between submission and that limit.

    Args:
        rule: The lead-time rule.
        submitted_at: When the request is submitted (timezone-aware).
        requested: The date the client wants.
        calendar: The provider's calendar.
        path: Field path put on the issues (``"port_date"``).
        max_ahead_days: How far after submission a date may be.

    Raises:
        NaiveDatetimeError: ``submitted_at`` has no timezone.

    >>> import datetime as dt
    >>> from servicedesk_core import BusinessCalendar
    >>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
    >>> monday = dt.datetime(2026, 3, 2, 10, 0, tzinfo=desk.tz)
    >>> asked = dt.date(2026, 3, 10)
    >>> check = check_requested_date(PORT_UP_TO_14, monday, asked, desk, path="port_date")
    >>> check.ok, sorted(check.report.codes)
    (True, ['lead_time.may_slip'])
    """
    estimate = earliest_date(rule, submitted_at, calendar)
    issues: list[Issue] = []
    ahead = (requested - estimate.submitted_at.date()).days
    if ahead > max_ahead_days:
        issues.append(
            ONBOARDING_CODES.issue(
                "lead_time.too_far",
                path,
                f"{requested.isoformat()} is {ahead} days after submission, more than "
                f"{max_ahead_days}: check the year",
            )
        )
        return LeadTimeCheck(estimate, requested, Report(issues))
    if ahead >= 0 and rule.business_day and not calendar.is_business_day(requested):
        issues.append(
            ONBOARDING_CODES.issue(
                "lead_time.not_business_day",
                path,
                f"{requested.isoformat()} is not a business day of the provider's calendar; "
                f"the next one is {calendar.next_business_day(requested).isoformat()}",
            )
        )
    if requested < estimate.earliest:
        issues.append(
            ONBOARDING_CODES.issue(
                "lead_time.too_soon",
                path,
                f"{requested.isoformat()} is too soon: the earliest feasible date is "
                f"{estimate.earliest.isoformat()} ({estimate.rule.describe()})",
            )
        )
    elif requested < estimate.likely:
        issues.append(
            ONBOARDING_CODES.issue(
                "lead_time.may_slip",
                path,
                f"{requested.isoformat()} is feasible but may slip: {rule.name} can take "
                f"until {estimate.likely.isoformat()}",
            )
        )
    return LeadTimeCheck(estimate, requested, Report(issues))
