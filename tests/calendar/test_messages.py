"""Refusals name their field and say what is wrong, word for word (mutation-tested)."""

import datetime as dt

import holidays
import pytest

from servicedesk_core import (
    BusinessCalendar,
    ConfigError,
    DeadlineUnreachableError,
    HolidayRule,
    HolidaySet,
    TimeRange,
    WeeklyHours,
)

UTC = dt.UTC


def refusal(build: object) -> tuple[str | None, str]:
    with pytest.raises(ConfigError) as caught:
        build()  # type: ignore[operator]
    return caught.value.field, str(caught.value)


def test_a_never_open_calendar_names_the_hours() -> None:
    assert ("hours", "hours: the calendar is never open") == refusal(
        lambda: BusinessCalendar(timezone="UTC", hours="Daily closed")
    )


def test_a_time_that_does_not_exist_names_the_range() -> None:
    assert ("range", "range: no such time in '25:00-26:00'") == refusal(
        lambda: TimeRange.parse("25:00-26:00")
    )
    assert ("range", "range: no such time in '13 PM-5 PM'") == refusal(
        lambda: TimeRange.parse("13 PM-5 PM")
    )


def test_a_bad_day_of_a_mapping_names_the_day_once() -> None:
    field, message = refusal(lambda: WeeklyHours({"Tue": "9-5"}))
    assert "days[Tue]" == field
    assert message.startswith("days[Tue]: '9-5': write ranges as HH:MM-HH:MM")


def test_something_that_is_not_a_range_is_described() -> None:
    field, message = refusal(lambda: WeeklyHours({0: [42]}))
    assert "days[Mon]" == field
    assert "got int 42" in message


def test_a_bad_override_names_its_date() -> None:
    field, message = refusal(
        lambda: BusinessCalendar(
            timezone="UTC", hours="Daily 09:00-17:00", overrides={"2026-12-24": "7-12"}
        )
    )
    assert "overrides[2026-12-24]" == field
    assert message.startswith("overrides[2026-12-24]: '7-12': write ranges")


def test_holiday_rules_name_their_fields() -> None:
    assert "observed" == refusal(lambda: HolidayRule(holidays.US, observed="maybe"))[0]
    assert "factory" == refusal(lambda: HolidayRule("US"))[0]  # type: ignore[arg-type]
    assert HolidayRule(type(holidays.US())) == HolidayRule(holidays.US)  # the lazy loader


def test_a_holiday_rule_keeps_observed_and_generates_the_year_asked() -> None:
    rule = HolidayRule.of(holidays.US(observed=False))
    assert rule.observed is False
    assert dt.date(2027, 7, 5) not in rule.dates(2027)  # July 4th, a Sunday, not observed
    assert dt.date(2027, 7, 4) in rule.dates(2027)
    assert dt.date(2027, 7, 5) in HolidayRule(holidays.US).dates(2027)
    assert {2027} == {day.year for day in HolidaySet(rule).dates_in_year(2027)}


@pytest.mark.parametrize(("sign", "way"), [(1, "after"), (-1, "before")])
def test_an_unreachable_deadline_says_which_way(sign: int, way: str) -> None:
    once = BusinessCalendar(
        timezone="UTC", hours="Daily closed", overrides={dt.date(2026, 11, 20): "09:00-17:00"}
    )
    start = dt.datetime(2026, 11, 20 + sign, 12, tzinfo=UTC)
    with pytest.raises(DeadlineUnreachableError, match=f"36600 days {way} 2026-11-{20 + sign}"):
        once.add(start, sign * dt.timedelta(hours=9))


def test_add_days_wants_an_int_not_a_bool() -> None:
    desk = BusinessCalendar(timezone="UTC", hours="Mon-Fri 09:00-17:00")
    with pytest.raises(TypeError, match="days must be an int, got True"):
        desk.add_days(dt.datetime(2026, 11, 20, 12, tzinfo=UTC), True)
