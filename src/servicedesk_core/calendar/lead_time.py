"""Lead-time rules as data, and the date math that says when work can be done.

A :class:`LeadTime` is a minimum and a likely duration, counted in calendar
days, in real elapsed time or in business days of the provider's calendar (a
setting on each rule), and may require that the resulting date be a business
day (port dates do). :func:`earliest_date` computes the earliest and likely
dates for work submitted at an instant; :func:`check_requested_date` judges a
date a client asked for. The rules of the seed guides (porting, new hires,
licences...) are in :mod:`servicedesk_core.onboarding`; any layer above the
calendar (authorization's notice rules, onboarding) can use them.

>>> import datetime as dt
>>> from servicedesk_core import BusinessCalendar
>>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
>>> monday = dt.datetime(2026, 3, 2, 10, 0, tzinfo=desk.tz)
>>> week = LeadTime.days("port", 7, 10, business_day=True)
>>> estimate = earliest_date(week, monday, desk)
>>> estimate.earliest, estimate.likely
(datetime.date(2026, 3, 9), datetime.date(2026, 3, 12))
"""

from __future__ import annotations

import datetime as dt

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import UTC, to_us
from servicedesk_core.calendar.base import HORIZON, Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.report import CodeBook, Issue, IssueCode, Report, Severity, _Enum

__all__ = [
    "LEAD_TIME_CODES",
    "LeadTime",
    "LeadTimeCheck",
    "LeadTimeCounting",
    "LeadTimeEstimate",
    "check_requested_date",
    "earliest_date",
]

_DAY = dt.timedelta(days=1)

LEAD_TIME_CODES = CodeBook(
    [
        IssueCode("lead_time.too_soon", Severity.ERROR, "The date is before the earliest date."),
        IssueCode("lead_time.may_slip", Severity.WARNING, "Feasible, but before the likely date."),
        IssueCode("lead_time.not_business_day", Severity.ERROR, "The date is not a business day."),
        IssueCode("lead_time.too_far", Severity.ERROR, "Implausibly far ahead (over a year)."),
        IssueCode("lead_time.not_a_date", Severity.ERROR, "The requested date is not a date."),
    ]
)
"""The codes :func:`check_requested_date` may report."""


class LeadTimeCounting(_Enum):
    """How a lead time is counted.

    ``CALENDAR``: calendar days in the calendar's timezone, weekends and holidays
    included; a whole day keeps the wall-clock time (7 days after 10:00 is 10:00,
    across a DST change too) and any part of a day is real elapsed time.
    ``ELAPSED``: real elapsed time, as everywhere else in the library ("24 hours"
    is 24 real hours, also across a DST change). ``BUSINESS_DAYS``: business
    days of the calendar, with :meth:`Calendar.add_days
    <servicedesk_core.Calendar.add_days>` (the duration must be whole days).
    """

    CALENDAR = "calendar"
    ELAPSED = "elapsed"
    BUSINESS_DAYS = "business days"


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False, max_length=200)


def _minimum(value: dt.timedelta | str) -> dt.timedelta:
    return _lead_time(value, "minimum")


def _likely(value: dt.timedelta | str) -> dt.timedelta:
    return _lead_time(value, "likely")


def _lead_time(value: object, field: str) -> dt.timedelta:
    result = convert.duration(value, field)
    if result > HORIZON:  # a date that far ahead is past what a calendar (or datetime) reaches
        message = f"must be at most {HORIZON.days} days, got {result.days} days"
        raise ConfigError(message, field=field)
    return result


def _counting(value: LeadTimeCounting | str) -> LeadTimeCounting:
    return convert.enum_member(LeadTimeCounting, value, "counting")


def _business_day(value: bool | str) -> bool:
    return convert.boolean(value, "business_day")


def _source(value: str) -> str:
    return convert.text(value, "source")


@attrs.frozen(kw_only=True)
class LeadTime:
    """A lead-time rule: how long after submission work can be done.

    >>> LeadTime.days("licence request", 2).minimum
    datetime.timedelta(days=2)

    Attributes:
        name: What the rule is about (``"porting 1-14 numbers"``).
        minimum: The earliest it can be done after submission (a timedelta or
            ISO 8601 text such as ``"P7D"``).
        likely: How long it may take (at least ``minimum``); the date a client
            can count on.
        counting: Calendar days, real elapsed time or business days (a setting;
            see :class:`LeadTimeCounting`); its text value is accepted.
        business_day: Whether the resulting dates move to the next business
            day of the calendar when they fall on a closed day (port dates do).
        source: Where the rule comes from.

    Raises:
        ConfigError: a negative duration, ``likely`` shorter than ``minimum``,
            or business-day counting of a duration that is not whole days.
    """

    name: str = attrs.field(converter=_name)
    minimum: dt.timedelta = attrs.field(converter=_minimum)
    likely: dt.timedelta = attrs.field(converter=_likely)
    counting: LeadTimeCounting = attrs.field(default=LeadTimeCounting.CALENDAR, converter=_counting)
    business_day: bool = attrs.field(default=False, converter=_business_day)
    source: str = attrs.field(default="", eq=False, converter=_source)

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
        minimum: int | str,
        likely: int | str | None = None,
        *,
        counting: LeadTimeCounting | str = LeadTimeCounting.CALENDAR,
        business_day: bool | str = False,
        source: str = "",
    ) -> LeadTime:
        """Build a rule counted in whole days.

        >>> LeadTime.days("new hire", 3, counting="business days").counting.value
        'business days'

        Raises:
            ConfigError: a count that is not a whole number of days, or any check of the class.
        """
        low = convert.integer(minimum, "minimum", min_value=0, max_value=10_000)
        high = low if likely is None else convert.integer(likely, "likely", max_value=10_000)
        return cls(
            name=name,
            minimum=dt.timedelta(days=low),
            likely=dt.timedelta(days=high),
            counting=counting,
            business_day=business_day,
            source=source,
        )

    def with_counting(self, counting: LeadTimeCounting | str) -> LeadTime:
        """Return the rule counted another way (same amounts).

        >>> LeadTime.days("port", 7).with_counting("business days").counting.value
        'business days'
        """
        return attrs.evolve(self, counting=counting)

    def describe(self) -> str:
        """Say the rule in words.

        >>> LeadTime.days("port", 7, 10).describe()
        'port: minimum 7 calendar days, likely up to 10'
        >>> cnam = LeadTime(name="CNAM", minimum="PT24H", likely="PT48H", counting="elapsed")
        >>> cnam.describe()
        'CNAM: minimum 24 hours, likely up to 48'
        """
        whole = not (self.minimum % _DAY or self.likely % _DAY)
        if whole and self.counting is not LeadTimeCounting.ELAPSED:
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
    if rule.counting is LeadTimeCounting.CALENDAR:
        # Whole days on the wall clock of the calendar's zone, then normalised: a
        # wall time inside a DST gap moves forward by the gap (fold=0).
        start = (start + dt.timedelta(days=amount.days)).astimezone(UTC).astimezone(calendar.tz)
        amount -= dt.timedelta(days=amount.days)
    return (start.astimezone(UTC) + amount).astimezone(calendar.tz)  # real elapsed time


def _on_business_day(rule: LeadTime, day: dt.date, calendar: Calendar) -> dt.date:
    if rule.business_day and not calendar.is_business_day(day):
        return calendar.next_business_day(day)
    return day


def earliest_date(
    rule: LeadTime, submitted_at: dt.datetime, calendar: Calendar
) -> LeadTimeEstimate:
    """Return the earliest and likely dates for work submitted at ``submitted_at``.

    Calendar counting adds wall-clock days in the calendar's timezone (and any
    part of a day as real time), elapsed counting adds real time, business-day
    counting uses ``calendar.add_days``. Dates are local
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
    >>> new_hire = LeadTime.days("new hire", 3, counting="business days")
    >>> earliest_date(new_hire, friday, desk).earliest  # Mon, Tue, Wed
    datetime.date(2026, 3, 11)
    >>> thursday = dt.datetime(2026, 3, 5, 10, 0, tzinfo=desk.tz)
    >>> port = LeadTime.days("porting 1-14 numbers", 7, 10, business_day=True)
    >>> print(earliest_date(port, thursday, desk).explanation)
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
    requested: dt.date | None
    report: Report

    @property
    def ok(self) -> bool:
        """Whether the requested date is feasible (warnings allowed)."""
        return self.report.ok


def check_requested_date(
    rule: LeadTime,
    submitted_at: dt.datetime,
    requested: dt.date | str,
    calendar: Calendar,
    *,
    path: str = "",
    max_ahead_days: int = 366,
) -> LeadTimeCheck:
    """Judge a date a client asked for against a lead-time rule; never raises for the date.

    Issues (:data:`LEAD_TIME_CODES`): ``lead_time.too_soon`` (error, before the
    earliest date or in the past), ``lead_time.may_slip`` (warning, before the likely date),
    ``lead_time.not_business_day`` (error, rules that land on business days),
    ``lead_time.too_far`` (error, more than ``max_ahead_days`` after submission:
    most likely a typo in the year). The calendar is only asked about dates
    between submission and that limit.

    Args:
        rule: The lead-time rule.
        submitted_at: When the request is submitted (timezone-aware).
        requested: The date the client wants (a date or ISO text; anything else is
            reported as ``lead_time.not_a_date``).
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
    >>> port = LeadTime.days("porting 1-14 numbers", 7, 10, business_day=True)
    >>> check = check_requested_date(port, monday, asked, desk, path="port_date")
    >>> check.ok, sorted(check.report.codes)
    (True, ['lead_time.may_slip'])
    """
    estimate = earliest_date(rule, submitted_at, calendar)
    issues: list[Issue] = []
    try:
        requested = convert.date(requested, path or "requested")
    except ConfigError as error:
        issue = LEAD_TIME_CODES.issue("lead_time.not_a_date", path, error.message)
        return LeadTimeCheck(estimate, None, Report([issue]))
    ahead = (requested - estimate.submitted_at.date()).days
    if ahead > max_ahead_days:
        issues.append(
            LEAD_TIME_CODES.issue(
                "lead_time.too_far",
                path,
                f"{requested.isoformat()} is {ahead} days after submission, more than "
                f"{max_ahead_days}: check the year",
            )
        )
        return LeadTimeCheck(estimate, requested, Report(issues))
    if ahead >= 0 and rule.business_day and not calendar.is_business_day(requested):
        issues.append(
            LEAD_TIME_CODES.issue(
                "lead_time.not_business_day",
                path,
                f"{requested.isoformat()} is not a business day of the provider's calendar; "
                f"the next one is {calendar.next_business_day(requested).isoformat()}",
            )
        )
    if requested < estimate.earliest:
        issues.append(
            LEAD_TIME_CODES.issue(
                "lead_time.too_soon",
                path,
                f"{requested.isoformat()} is too soon: the earliest feasible date is "
                f"{estimate.earliest.isoformat()} ({estimate.rule.describe()})",
            )
        )
    elif requested < estimate.likely:
        issues.append(
            LEAD_TIME_CODES.issue(
                "lead_time.may_slip",
                path,
                f"{requested.isoformat()} is feasible but may slip: {rule.name} can take "
                f"until {estimate.likely.isoformat()}",
            )
        )
    return LeadTimeCheck(estimate, requested, Report(issues))
