"""Bad input gets its documented error, never a wrong answer or a hang."""

import contextlib
import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    BusinessCalendar,
    ConfigError,
    DeadlineUnreachableError,
    InvalidIntervalError,
    NaiveDatetimeError,
    TimeRange,
    WeeklyHours,
)
from servicedesk_core.testing.strategies import weekly_hours

UTC = dt.UTC
DESK = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
T = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "call",
    [
        lambda: DESK.add(dt.datetime(2026, 11, 20, 12), dt.timedelta(hours=1)),
        lambda: DESK.elapsed(T, dt.datetime(2026, 11, 20, 12)),
        lambda: DESK.is_open(dt.datetime(2026, 11, 20, 12)),
        lambda: DESK.next_open(dt.datetime(2026, 11, 20, 12)),
        lambda: DESK.add_days(dt.datetime(2026, 11, 20, 12), 1),
        lambda: DESK.open_intervals(dt.datetime(2026, 11, 20, 12), T),
        lambda: DESK.add_many([T, dt.datetime(2026, 11, 20, 12)], dt.timedelta(hours=1)),
    ],
)
def test_naive_datetimes_are_rejected(call: object) -> None:
    with pytest.raises(NaiveDatetimeError):
        call()  # type: ignore[operator]


def test_naive_datetime_error_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        DESK.is_open(dt.datetime(2026, 11, 20, 12))


def test_unknown_timezone_is_a_config_error_naming_the_field() -> None:
    with pytest.raises(ConfigError, match="Mars/Olympus") as caught:
        BusinessCalendar(timezone="Mars/Olympus", hours="Daily 09:00-17:00")
    assert caught.value.field == "timezone"


def test_never_open_calendar_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="never open"):
        BusinessCalendar(timezone="UTC", hours=WeeklyHours({}))
    with pytest.raises(ConfigError, match="never open"):
        BusinessCalendar(
            timezone="UTC", hours="Daily closed", overrides={dt.date(2026, 1, 1): None}
        )


@pytest.mark.parametrize(
    ("text", "culprit"),
    [
        ("Mon-Fri 09:00-09:00", "09:00-09:00"),
        ("Mon-Fri 9-17", "Mon-Fri 9-17"),
        ("Funday 09:00-17:00", "Funday"),
        ("Mon-Fri 25:00-26:00", "25:00-26:00"),
        ("Mon-Fri 09:00-17:00;; Sat 10:00-12:00", "''"),
        ("", "expected weekly hours"),
        ("Mon-Fri 09:00-24:30", "24:30"),
    ],
)
def test_malformed_hours_name_the_clause(text: str, culprit: str) -> None:
    with pytest.raises(ConfigError, match=culprit):
        WeeklyHours.parse(text)


@pytest.mark.parametrize(
    "overrides",
    [
        {dt.date(2026, 12, 24): "7-12"},
        {dt.datetime(2026, 12, 24, tzinfo=UTC): "07:00-12:00"},
        {"Christmas Eve": "07:00-12:00"},
        [(dt.date(2026, 12, 24), "07:00-12:00", "extra")],
        None.__class__,
    ],
)
def test_malformed_overrides_are_config_errors(overrides: dict[object, object]) -> None:
    with pytest.raises(ConfigError, match="overrides"):
        BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", overrides=overrides)  # type: ignore[arg-type]


def test_holidays_must_be_dates_or_iso_text() -> None:
    with pytest.raises(ConfigError, match="holidays"):
        BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", holidays=["Christmas"])
    with pytest.raises(ConfigError, match=r"pass value\.date\(\)"):
        BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", holidays=[T])  # type: ignore[list-item]
    with pytest.raises(ConfigError, match="holidays"):
        BusinessCalendar(timezone="UTC", hours="Daily 09:00-17:00", holidays="2026-12-25")


def test_plain_forms_of_dates_and_hours_are_converted_once() -> None:
    """What JSON gives (ISO dates, day names, "HH:MM" text) builds the same calendar."""
    plain = BusinessCalendar(
        timezone="America/Chicago",
        hours={"Mon": "07:00-17:00", "1": [("07:00", "17:00")]},
        holidays=["2026-12-25"],
        overrides={"2026-12-24": "07:00-12:00"},
    )
    typed = BusinessCalendar(
        timezone="America/Chicago",
        hours=WeeklyHours({0: "07:00-17:00", 1: "07:00-17:00"}),
        holidays=[dt.date(2026, 12, 25)],
        overrides={dt.date(2026, 12, 24): "07:00-12:00"},
    )
    assert typed == plain


@pytest.mark.parametrize(
    "text",
    [
        "Monday–Friday 7:00 AM – 5:00 PM",
        "Mon—Fri 7am-5pm",
        "Mon-Fri, 07:00 - 17:00",
        "mon-fri 7:00 a.m.-5:00 p.m.",
    ],
)
def test_hours_as_the_seed_guides_write_them_are_accepted(text: str) -> None:
    assert WeeklyHours.parse("Mon-Fri 07:00-17:00") == WeeklyHours.parse(text)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Mon-Fri 7:00 AM - 5:00 PM CT", "07:00-17:00"),
        ("Mon-Fri 9-17", "HH:MM-HH:MM"),
        ("Mon-Fri 13 PM-5 PM", "no such time"),
        ("09:00-17:00", "day set"),
    ],
)
def test_malformed_hours_say_what_to_type(text: str, hint: str) -> None:
    with pytest.raises(ConfigError, match=hint) as caught:
        WeeklyHours.parse(text)
    assert "hours" == caught.value.field


def test_an_unknown_timezone_suggests_the_iana_name() -> None:
    with pytest.raises(ConfigError, match="did you mean 'America/Chicago'"):
        BusinessCalendar(timezone="CT", hours="Daily 09:00-17:00")
    with pytest.raises(ConfigError, match="did you mean 'America/New_York'"):
        BusinessCalendar(timezone="new york", hours="Daily 09:00-17:00")


def test_a_date_overridden_twice_in_two_spellings_is_refused() -> None:
    """The later spelling silently won: one date with two opposite overrides."""
    with pytest.raises(ConfigError, match="given twice") as caught:
        BusinessCalendar(
            timezone="UTC",
            hours="Daily 09:00-17:00",
            overrides={"2026-12-24": "09:00-12:00", dt.date(2026, 12, 24): None},
        )
    assert "overrides" == caught.value.field


def test_a_timezone_name_with_surrounding_spaces_is_that_zone() -> None:
    """It was refused with "did you mean 'America/Chicago'?"."""
    desk = BusinessCalendar(timezone=" America/Chicago\n", hours="Daily 09:00-17:00")
    assert "America/Chicago" == desk.timezone


@pytest.mark.parametrize("name", ["localtime", "posixrules"])
def test_the_machines_own_zone_is_not_a_timezone_name(name: str) -> None:
    """``"localtime"`` loaded the host's /etc/localtime: a calendar that meant each host's zone."""
    with pytest.raises(ConfigError, match="IANA") as caught:
        BusinessCalendar(timezone=name, hours="Daily 09:00-17:00")
    assert "timezone" == caught.value.field


def test_inverted_interval_is_rejected() -> None:
    with pytest.raises(InvalidIntervalError):
        DESK.open_intervals(T, T - dt.timedelta(hours=1))


def test_unreachable_deadline_raises_quickly() -> None:
    """Open on one day only: the second year's worth of hours can never be found."""
    cal = BusinessCalendar(
        timezone="UTC", hours="Daily closed", overrides={dt.date(2026, 11, 20): "09:00-17:00"}
    )
    started = time.perf_counter()
    with pytest.raises(DeadlineUnreachableError):
        cal.add(T, dt.timedelta(hours=9))
    with pytest.raises(DeadlineUnreachableError):
        cal.next_open(T + dt.timedelta(days=1))
    with pytest.raises(DeadlineUnreachableError):
        BusinessCalendar.always_open().next_close(T)
    assert time.perf_counter() - started < 10  # generous; the point is that it ends


def test_time_range_rejects_empty_and_overlong() -> None:
    with pytest.raises(ConfigError):
        TimeRange.between(dt.time(9), dt.time(9))
    with pytest.raises(ConfigError):
        TimeRange(dt.time(9), dt.timedelta(hours=25))
    with pytest.raises(ConfigError):
        TimeRange(dt.time(9), dt.timedelta(0))


@given(st.text())
def test_parse_raises_only_config_error(text: str) -> None:
    with contextlib.suppress(ConfigError):
        WeeklyHours.parse(text)


@given(st.from_regex(r"\A[A-Za-z ,;\-:0-9]{0,40}\Z"))
def test_parse_of_near_grammar_text_raises_only_config_error(text: str) -> None:
    with contextlib.suppress(ConfigError):
        WeeklyHours.parse(text)


@given(weekly_hours(allow_empty=True))
def test_weekly_hours_text_round_trips(hours: WeeklyHours) -> None:
    assert hours == WeeklyHours.parse(str(hours))


@given(st.dates())
def test_any_date_gets_an_answer_or_unreachable(day: dt.date) -> None:
    """Even at the ends of the datetime range: a bool, or DeadlineUnreachableError."""
    try:
        assert DESK.is_business_day(day) == (day.weekday() < 5)
    except DeadlineUnreachableError:
        assert day.year in (1, 9999)


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_any_instant_gets_an_answer_or_unreachable(t: dt.datetime) -> None:
    try:
        DESK.add(t, dt.timedelta(hours=30))
        DESK.subtract(t, dt.timedelta(hours=30))
        DESK.add_days(t, 3)
        DESK.next_close(t)
    except DeadlineUnreachableError:
        assert t.year in (1, 2, 9998, 9999)
