"""The seed guides' hours, holidays and the DST, midnight and 24:00 cases, by example."""

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import pendulum
import pytest

from servicedesk_core import BusinessCalendar, WeeklyHours

CT = ZoneInfo("America/Chicago")
ET = ZoneInfo("America/New_York")
H = dt.timedelta(hours=1)

# Seed 000: "Business Support | Monday–Friday, 7:00 AM – 5:00 PM CT"
DESK = BusinessCalendar(
    timezone="America/Chicago",
    hours=WeeklyHours.parse("Mon-Fri 07:00-17:00"),
    holidays=holidays.US(subdiv="TX"),
)
# Seed 004: coverage "7am-midnight ET weekdays and 7am-10pm weekends"
CONTACT_CENTER = BusinessCalendar(
    timezone="America/New_York", hours="Mon-Fri 07:00-24:00; Sat,Sun 07:00-22:00"
)


def ct(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CT)


def test_seed_desk_hours_are_ten_hours_on_weekdays_and_none_on_weekends() -> None:
    assert DESK.elapsed(ct(2026, 11, 16), ct(2026, 11, 17)) == 10 * H
    assert DESK.elapsed(ct(2026, 11, 16), ct(2026, 11, 21)) == 50 * H
    assert dt.timedelta(0) == DESK.elapsed(ct(2026, 11, 21), ct(2026, 11, 23))


def test_friday_afternoon_deadline_runs_into_monday() -> None:
    assert ct(2026, 11, 23, 10, 30) == DESK.add(ct(2026, 11, 20, 16, 30), 4 * H)


def test_deadline_that_uses_the_last_open_second_is_the_closing_time() -> None:
    assert ct(2026, 11, 20, 17) == DESK.add(ct(2026, 11, 20, 16), H)
    assert ct(2026, 11, 20, 17) == DESK.next_close(ct(2026, 11, 20, 16))
    assert not DESK.is_open(ct(2026, 11, 20, 17))
    assert DESK.is_open(ct(2026, 11, 20, 7))


def test_thanksgiving_and_the_texas_friday_after_are_closed() -> None:
    assert not DESK.is_business_day(dt.date(2026, 11, 26))
    assert not DESK.is_business_day(dt.date(2026, 11, 27))
    assert dt.date(2026, 11, 30) == DESK.next_business_day(dt.date(2026, 11, 25))
    assert ct(2026, 11, 30, 9) == DESK.add(ct(2026, 11, 25, 15), 4 * H)


def test_observed_holiday_closes_the_weekday() -> None:
    """July 4th 2026 is a Saturday; Friday July 3rd is the observed holiday."""
    assert not DESK.is_business_day(dt.date(2026, 7, 3))
    assert ct(2026, 7, 6, 7) == DESK.next_open(ct(2026, 7, 2, 17))


def test_holidays_are_local_dates_not_utc_dates() -> None:
    """In Auckland (UTC+13 in December) Christmas morning is still Christmas Eve in UTC."""
    nz = ZoneInfo("Pacific/Auckland")
    cal = BusinessCalendar(
        timezone="Pacific/Auckland", hours="Daily 09:00-17:00", holidays=[dt.date(2026, 12, 25)]
    )
    assert not cal.is_open(dt.datetime(2026, 12, 25, 9, 30, tzinfo=nz))
    assert cal.is_open(dt.datetime(2026, 12, 26, 9, 30, tzinfo=nz))


def test_overrides_replace_a_dates_hours_and_win_over_holidays() -> None:
    cal = DESK.with_overrides(
        {dt.date(2026, 12, 23): "07:00-12:00", dt.date(2026, 11, 26): "09:00-10:00"}
    )
    assert cal.elapsed(ct(2026, 12, 23), ct(2026, 12, 24)) == 5 * H
    assert cal.elapsed(ct(2026, 11, 26), ct(2026, 11, 27)) == H
    closed = DESK.with_overrides({dt.date(2026, 12, 30): None})
    assert not closed.is_business_day(dt.date(2026, 12, 30))


def test_spring_forward_range_holds_real_time() -> None:
    """On 2026-03-08 a 00:00-06:00 range in Chicago holds 5 hours, not 6."""
    cal = BusinessCalendar(timezone="America/Chicago", hours="Daily 00:00-06:00")
    assert cal.elapsed(ct(2026, 3, 8), ct(2026, 3, 8, 12)) == 5 * H
    assert cal.elapsed(ct(2026, 3, 7), ct(2026, 3, 7, 12)) == 6 * H
    assert cal.elapsed(ct(2026, 11, 1), ct(2026, 11, 1, 12)) == 7 * H


def test_wall_time_in_the_gap_moves_forward_by_the_gap() -> None:
    cal = BusinessCalendar(timezone="America/Chicago", hours="Daily 02:30-05:00")
    assert ct(2026, 3, 8, 3, 30) == cal.next_open(ct(2026, 3, 8, 1))
    assert 90 * dt.timedelta(minutes=1) == cal.elapsed(ct(2026, 3, 8), ct(2026, 3, 9))


def test_add_days_onto_a_dst_change_keeps_the_wall_time_by_the_exact_path() -> None:
    """A day whose UTC offset changes has no steady midnight: the wall time is resolved exactly."""
    cal = BusinessCalendar(timezone="America/Chicago", hours="Daily 00:00-06:00")
    assert ct(2026, 3, 8, 4) == cal.add_days(ct(2026, 3, 7, 4), 1)  # 23 real hours later
    assert ct(2026, 3, 8, 3, 30) == cal.add_days(ct(2026, 3, 7, 2, 30), 1)  # 02:30 is in the gap
    first = dt.datetime(2026, 11, 1, 1, 30, tzinfo=CT, fold=0)
    assert first.utcoffset() == cal.add_days(ct(2026, 10, 31, 1, 30), 1).utcoffset()
    assert ct(2026, 11, 2, 1, 30) == cal.add_days(ct(2026, 10, 31, 1, 30), 2)


def test_ambiguous_wall_time_takes_its_first_occurrence() -> None:
    cal = BusinessCalendar(timezone="America/Chicago", hours="Daily 01:30-03:00")
    first = dt.datetime(2026, 11, 1, 1, 30, tzinfo=CT, fold=0)
    assert first == cal.next_open(ct(2026, 11, 1, 0))
    assert first.utcoffset() == cal.next_open(ct(2026, 11, 1, 0)).utcoffset()
    assert dt.timedelta(hours=2, minutes=30) == cal.elapsed(ct(2026, 11, 1), ct(2026, 11, 1, 12))


def test_deadline_across_a_dst_night_counts_real_hours() -> None:
    """Friday 2026-03-06 15:00 CST + 4 business hours: 2 h Friday, 2 h Monday (now CDT)."""
    assert ct(2026, 3, 9, 9) == DESK.add(ct(2026, 3, 6, 15), 4 * H)


def test_24x7_counts_exactly_seven_days_a_week_with_no_lost_minute() -> None:
    cal = BusinessCalendar.always_open("America/Chicago")
    assert ct(2026, 11, 23) == cal.add(ct(2026, 11, 16), dt.timedelta(days=7))
    assert dt.timedelta(days=7) == cal.elapsed(ct(2026, 11, 16), ct(2026, 11, 23))
    assert ct(2026, 3, 9, 1) == cal.add(ct(2026, 3, 2), dt.timedelta(days=7))  # real days
    week_with_dst = cal.elapsed(ct(2026, 3, 2), ct(2026, 3, 9))
    assert dt.timedelta(days=7) - H == week_with_dst  # the wall-clock week lost an hour
    midnight = ct(2026, 11, 17)
    assert dt.timedelta(minutes=2) == cal.elapsed(
        midnight - dt.timedelta(minutes=1), midnight + dt.timedelta(minutes=1)
    )


def test_24_00_end_and_overnight_ranges_belong_to_the_day_they_start() -> None:
    assert (
        CONTACT_CENTER.elapsed(
            dt.datetime(2026, 11, 16, tzinfo=ET), dt.datetime(2026, 11, 17, tzinfo=ET)
        )
        == 17 * H
    )
    assert (
        CONTACT_CENTER.elapsed(
            dt.datetime(2026, 11, 21, tzinfo=ET), dt.datetime(2026, 11, 22, tzinfo=ET)
        )
        == 15 * H
    )
    night = BusinessCalendar(timezone="UTC", hours="Fri 22:00-06:00")
    assert night.is_open(dt.datetime(2026, 11, 21, 5, tzinfo=dt.UTC))
    assert not night.is_business_day(dt.date(2026, 11, 21))
    assert night.is_business_day(dt.date(2026, 11, 20))


def test_holiday_cancels_only_the_ranges_starting_on_it() -> None:
    night = BusinessCalendar(
        timezone="UTC", hours="Daily 22:00-06:00", holidays=[dt.date(2026, 11, 21)]
    )
    assert night.is_open(dt.datetime(2026, 11, 21, 5, tzinfo=dt.UTC))  # Friday's shift
    assert not night.is_open(dt.datetime(2026, 11, 21, 23, tzinfo=dt.UTC))


def test_add_days_keeps_the_wall_time_and_clamps_to_a_short_day() -> None:
    assert ct(2026, 11, 24, 10) == DESK.add_days(ct(2026, 11, 23, 10), 1)
    assert ct(2026, 11, 30, 10) == DESK.add_days(ct(2026, 11, 25, 10), 1)
    assert ct(2026, 11, 24, 7) == DESK.add_days(ct(2026, 11, 22, 20), 1)  # rolled to Monday 07:00
    short = DESK.with_overrides({dt.date(2026, 12, 23): "07:00-12:00"})
    assert ct(2026, 12, 23, 12) == short.add_days(ct(2026, 12, 22, 15), 1)
    assert ct(2026, 11, 19, 10) == DESK.add_days(ct(2026, 11, 20, 10), -1)


def test_pendulum_and_other_zones_are_accepted_and_answers_are_in_the_calendar_zone() -> None:
    start = pendulum.datetime(2026, 11, 20, 22, 30, tz="UTC")  # 16:30 CT
    result = DESK.add(start, pendulum.duration(hours=4))
    assert type(result) is dt.datetime
    assert result.tzinfo == CT
    assert ct(2026, 11, 23, 10, 30) == result


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mon-Fri 09:00-17:00", "Sat,Sun 09:00-17:00"),
        ("Mon-Fri 09:00-12:00", "Mon-Fri 11:00-14:00"),
    ],
)
def test_union_and_intersection_follow_set_semantics_by_example(a: str, b: str) -> None:
    left = BusinessCalendar(timezone="UTC", hours=a)
    right = BusinessCalendar(timezone="UTC", hours=b)
    start, end = dt.datetime(2026, 11, 16, tzinfo=dt.UTC), dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    both = (left & right).elapsed(start, end)
    either = (left | right).elapsed(start, end)
    assert left.elapsed(start, end) + right.elapsed(start, end) == both + either


def test_add_days_is_monotone_when_overnight_ranges_of_neighbouring_days_overlap() -> None:
    """Friday's range runs to Saturday 01:15 and Saturday owns 00:00-00:15 (found by Hypothesis)."""
    cal = BusinessCalendar(timezone="America/Chicago", hours="Fri 01:30-01:15; Sat 00:00-00:15")
    t = dt.datetime(2005, 12, 31, 18, 0, tzinfo=ZoneInfo("Australia/Lord_Howe"))  # Sat 01:00 CT
    assert t == cal.add_days(t, 0)
    assert t == cal.add_days(t, 1)  # Saturday closed at 00:15, before t: keep t
    assert ct(2006, 1, 7, 1) == cal.add_days(t, 2)  # Friday 6th + 25 h, inside its range


def test_ranges_are_equal_whatever_order_they_are_written_in() -> None:
    assert WeeklyHours.parse("Mon 13:00-17:00,09:00-12:00") == WeeklyHours(
        {0: [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(17))]}
    )
