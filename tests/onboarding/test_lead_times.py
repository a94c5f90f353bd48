"""Lead-time rules from the seeds, counting settings, business-day landing, requested dates."""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    CNAM_PROPAGATION,
    LICENCE_REQUEST,
    NEW_HIRE,
    NEW_SMS,
    PORT_15_OR_MORE,
    PORT_PARTNER_GUIDE,
    PORT_UP_TO_14,
    BusinessCalendar,
    ConfigError,
    LeadTime,
    LeadTimeCounting,
    NaiveDatetimeError,
    PortingTier,
    check_requested_date,
    earliest_date,
    porting_lead_time,
)

CT = ZoneInfo("America/Chicago")
# Seed 000: "Business Support | Monday–Friday, 7:00 AM – 5:00 PM CT"
DESK = BusinessCalendar(
    timezone="America/Chicago", hours="Mon-Fri 07:00-17:00", holidays=holidays.US(subdiv="TX")
)
MONDAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CT)
D = dt.date


def days_between(estimate_day: dt.date, start: dt.datetime) -> int:
    return (estimate_day - start.date()).days


@pytest.mark.parametrize("count", [1, 7, 14])
def test_porting_up_to_14_numbers_takes_7_to_10_days(count: int) -> None:
    """Seed 000: "Number Porting (up to 14 Numbers) | Minimum 7 day lead time, ... up to 10"."""
    rule = porting_lead_time(count)
    assert rule == PORT_UP_TO_14
    estimate = earliest_date(rule, MONDAY, DESK)
    assert (
        days_between(estimate.earliest, MONDAY),
        days_between(estimate.likely, MONDAY),
    ) == (7, 10)


@pytest.mark.parametrize("count", [15, 16, 200])
def test_porting_15_or_more_takes_15_to_20_days(count: int) -> None:
    """Seed 000: "Number Porting (15 or More) | Minimum 15 day lead time, ... up to 20 days"."""
    rule = porting_lead_time(count)
    assert rule == PORT_15_OR_MORE
    estimate = earliest_date(rule, MONDAY, DESK)
    # Monday + 15 = Tuesday, + 20 = Sunday -> moved to Monday.
    assert (D(2026, 3, 17), D(2026, 3, 23)) == (estimate.earliest, estimate.likely)
    assert "2026-03-22 is not a business day: moved to 2026-03-23" in estimate.explanation


def test_fourteen_and_fifteen_numbers_are_the_boundary() -> None:
    assert (porting_lead_time(14).minimum.days, porting_lead_time(14).likely.days) == (7, 10)
    assert (porting_lead_time(15).minimum.days, porting_lead_time(15).likely.days) == (15, 20)


def test_port_dates_land_on_business_days_of_the_provider_calendar() -> None:
    """Thanksgiving 2026 is Thursday 26 November, and Texas closes the Friday after too."""
    thursday = dt.datetime(2026, 11, 19, 9, 0, tzinfo=CT)
    estimate = earliest_date(PORT_UP_TO_14, thursday, DESK)
    assert D(2026, 11, 30) == estimate.earliest
    assert D(2026, 11, 26) == estimate.earliest_at.date()


def test_new_hire_counts_3_business_days() -> None:
    """Seed 000: "New Hires | Submit at least 3 business days in advance"."""
    assert NEW_HIRE.counting == LeadTimeCounting.BUSINESS_DAYS
    friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=CT)
    assert D(2026, 3, 11) == earliest_date(NEW_HIRE, friday, DESK).earliest
    saturday = dt.datetime(2026, 3, 7, 12, 0, tzinfo=CT)
    assert D(2026, 3, 12) == earliest_date(NEW_HIRE, saturday, DESK).earliest
    before_thanksgiving = dt.datetime(2026, 11, 24, 9, 0, tzinfo=CT)
    # Wed 25, (Thanksgiving, Texas's Friday after, weekend), Mon 30, Tue 1 December
    assert D(2026, 12, 1) == earliest_date(NEW_HIRE, before_thanksgiving, DESK).earliest


def test_licence_takes_2_calendar_days() -> None:
    """Seed 000: "License Requests | Minimum 2 day lead time"."""
    friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=CT)
    assert D(2026, 3, 8) == earliest_date(LICENCE_REQUEST, friday, DESK).earliest


def test_new_sms_takes_about_30_days() -> None:
    """Seed 000: "New SMS Setup | This will normally take 30 days to implement"."""
    assert D(2026, 4, 1) == earliest_date(NEW_SMS, MONDAY, DESK).likely


def test_cnam_is_visible_after_24_to_48_hours() -> None:
    """Seed 003: "Caching in the national CNAM database takes 24-48 hours"."""
    estimate = earliest_date(CNAM_PROPAGATION, MONDAY, DESK)
    assert dt.timedelta(hours=24) == estimate.earliest_at - MONDAY
    assert dt.timedelta(hours=48) == estimate.likely_at - MONDAY
    assert CNAM_PROPAGATION.describe() == "CNAM visible: minimum 24 hours, likely up to 48"


def test_partner_guide_port_takes_2_to_4_weeks() -> None:
    """Seed 003: "Set expectations: 2-4 weeks total"."""
    estimate = earliest_date(PORT_PARTNER_GUIDE, MONDAY, DESK)
    assert (D(2026, 3, 16), D(2026, 3, 30)) == (estimate.earliest, estimate.likely)


def test_counting_is_a_setting() -> None:
    """2 March is Texas Independence Day: business days count from Tuesday 3 March."""
    business = PORT_UP_TO_14.with_counting(LeadTimeCounting.BUSINESS_DAYS)
    estimate = earliest_date(business, MONDAY, DESK)
    assert (D(2026, 3, 12), D(2026, 3, 17)) == (estimate.earliest, estimate.likely)
    assert "minimum 7 business days" in business.describe()


def test_calendar_days_keep_the_wall_clock_across_dst() -> None:
    """2026-03-08 springs forward in Chicago; 7 calendar days later is the same wall time."""
    friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=CT)
    estimate = earliest_date(PORT_UP_TO_14, friday, DESK)
    assert dt.datetime(2026, 3, 13, 16, 0, tzinfo=CT) == estimate.earliest_at
    assert estimate.earliest_at.tzname() == "CDT"


def test_dates_are_local_to_the_calendar() -> None:
    """Submitted at 02:00 UTC Tuesday = 20:00 Monday in Chicago."""
    utc = dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC)
    estimate = earliest_date(LICENCE_REQUEST, utc, DESK)
    assert D(2026, 3, 4) == estimate.earliest
    assert estimate.submitted_at.tzinfo == CT


def test_naive_submission_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        earliest_date(PORT_UP_TO_14, dt.datetime(2026, 3, 2, 10), DESK)


@pytest.mark.parametrize(
    ("requested", "codes", "ok"),
    [
        (D(2026, 3, 6), {"lead_time.too_soon"}, False),
        (D(2026, 3, 8), {"lead_time.too_soon", "lead_time.not_business_day"}, False),
        (D(2026, 3, 9), {"lead_time.may_slip"}, True),
        (D(2026, 3, 11), {"lead_time.may_slip"}, True),
        (D(2026, 3, 12), set(), True),
        (D(2026, 3, 14), {"lead_time.not_business_day"}, False),
        (D(2026, 5, 25), {"lead_time.not_business_day"}, False),  # Memorial Day
    ],
)
def test_requested_port_dates(requested: dt.date, codes: set[str], ok: bool) -> None:
    check = check_requested_date(PORT_UP_TO_14, MONDAY, requested, DESK, path="port_date")
    assert codes == set(check.report.codes)
    assert ok == check.ok
    assert {"port_date"} >= {issue.path for issue in check.report}


def test_too_soon_says_the_earliest_date_and_why() -> None:
    check = check_requested_date(PORT_UP_TO_14, MONDAY, D(2026, 3, 6), DESK)
    (issue,) = check.report
    assert "earliest feasible date is 2026-03-09" in issue.message
    assert "minimum 7 calendar days" in issue.message


def test_rules_that_do_not_land_on_business_days_accept_weekends() -> None:
    check = check_requested_date(LICENCE_REQUEST, MONDAY, D(2026, 3, 7), DESK)
    assert check.report.ok
    assert check.report.issues == ()


@pytest.mark.parametrize(
    "build",
    [
        lambda: LeadTime.days("x", -1),
        lambda: LeadTime.days("x", 5, 3),
        lambda: LeadTime(
            name="x", minimum=dt.timedelta(hours=36), counting=LeadTimeCounting.BUSINESS_DAYS
        ),
        lambda: LeadTime(name="x", minimum=3),  # type: ignore[arg-type]
        lambda: LeadTime(name="x", minimum="3 days"),
        lambda: LeadTime(name="x", minimum=dt.timedelta(1), counting="weeks"),
        lambda: LeadTime.days("x", "three"),
        lambda: LeadTime(name="x", minimum="P3000000D"),  # past the year 9999: OverflowError
        lambda: LeadTime(name="x", minimum="P1D", likely=dt.timedelta.max),
        lambda: LeadTime(name="x", minimum="P99999999999D"),
    ],
)
def test_bad_rules_are_config_errors_naming_the_field(build: object) -> None:
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.field in ("minimum", "likely", "counting")


def test_rules_from_plain_data() -> None:
    """ISO durations and the counting's text value, as JSON gives them."""
    plain = LeadTime(name="new hire", minimum="P3D", counting="business days")
    assert plain == LeadTime.days("new hire", "3", counting=LeadTimeCounting.BUSINESS_DAYS)


def test_24_elapsed_hours_are_24_real_hours_across_dst() -> None:
    """2026-03-08 springs forward in Chicago: 24 h after Saturday noon is Sunday 13:00 CDT."""
    saturday = dt.datetime(2026, 3, 7, 12, 0, tzinfo=CT)
    estimate = earliest_date(CNAM_PROPAGATION, saturday, DESK)
    real = estimate.earliest_at.astimezone(dt.UTC) - saturday.astimezone(dt.UTC)
    assert dt.timedelta(hours=24) == real  # same-zone subtraction would be wall-clock
    assert dt.datetime(2026, 3, 8, 13, 0, tzinfo=CT) == estimate.earliest_at


def test_a_calendar_day_and_a_half_is_a_wall_day_then_12_real_hours() -> None:
    rule = LeadTime(name="x", minimum=dt.timedelta(days=1, hours=12))
    saturday = dt.datetime(2026, 3, 7, 12, 0, tzinfo=CT)
    assert (
        dt.datetime(2026, 3, 9, 0, 0, tzinfo=CT) == earliest_date(rule, saturday, DESK).earliest_at
    )


@pytest.mark.parametrize("requested", [None, "next week", dt.datetime(2026, 3, 20, tzinfo=CT), 3])
def test_a_requested_date_that_is_not_a_date_is_reported(requested: object) -> None:
    check = check_requested_date(PORT_UP_TO_14, MONDAY, requested, DESK, path="port_date")  # type: ignore[arg-type]
    assert [("lead_time.not_a_date", "port_date")] == [(i.code, i.path) for i in check.report]
    assert check.requested is None


def test_a_requested_date_as_iso_text_is_judged() -> None:
    check = check_requested_date(PORT_UP_TO_14, MONDAY, "2026-03-06", DESK)
    assert D(2026, 3, 6) == check.requested
    assert {"lead_time.too_soon"} == check.report.codes


def test_porting_tiers_are_data() -> None:
    tiers = [PortingTier(1, PORT_UP_TO_14), PortingTier(50, PORT_15_OR_MORE)]
    assert porting_lead_time(49, tiers) == PORT_UP_TO_14
    assert porting_lead_time(50, tiers) == PORT_15_OR_MORE
    with pytest.raises(ConfigError):
        porting_lead_time(0)
    with pytest.raises(ConfigError):
        porting_lead_time(3, list(reversed(tiers)))


@given(
    st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2028, 1, 1), timezones=st.just(CT)),
    st.integers(1, 40),
)
def test_estimates_are_ordered_and_land_on_business_days(
    submitted: dt.datetime, count: int
) -> None:
    estimate = earliest_date(porting_lead_time(count), submitted, DESK)
    assert submitted.date() < estimate.earliest <= estimate.likely
    assert DESK.is_business_day(estimate.earliest)
    assert DESK.is_business_day(estimate.likely)
    assert check_requested_date(estimate.rule, submitted, estimate.likely, DESK).report.issues == ()
    assert check_requested_date(estimate.rule, submitted, estimate.earliest, DESK).ok


@pytest.mark.parametrize(
    ("requested", "codes"),
    [
        (D(1, 1, 1), {"lead_time.too_soon"}),
        (D(2026, 3, 1), {"lead_time.too_soon"}),  # the day before: past, no calendar question
        (D(2027, 2, 27), {"lead_time.not_business_day"}),  # a Saturday
        (D(2027, 3, 3), set()),  # 366 days ahead: still fine
        (D(2027, 3, 4), {"lead_time.too_far"}),
        (D(9999, 12, 31), {"lead_time.too_far"}),
    ],
)
def test_dates_far_in_the_past_or_future_are_reported_not_raised(
    requested: dt.date, codes: set[str]
) -> None:
    check = check_requested_date(PORT_UP_TO_14, MONDAY, requested, DESK)
    assert codes == set(check.report.codes)


def test_how_far_ahead_is_a_setting() -> None:
    far = check_requested_date(PORT_UP_TO_14, MONDAY, D(2026, 4, 30), DESK, max_ahead_days=30)
    assert {"lead_time.too_far"} == far.report.codes
