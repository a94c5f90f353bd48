"""The boundary helpers: documented type or plain form in, ConfigError for anything else."""

import datetime as dt
import enum

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, NaiveDatetimeError
from tests.fuzz import verdict_time


class Mode(enum.Enum):
    FAST_LANE = "fast lane"
    SLOW = "slow"


HELPERS = (
    lambda value: convert.enum_member(Mode, value, "field"),
    lambda value: convert.boolean(value, "field"),
    lambda value: convert.text(value, "field", max_length=1000),
    lambda value: convert.integer(value, "field"),
    lambda value: convert.number(value, "field"),
    lambda value: convert.date(value, "field"),
    lambda value: convert.time(value, "field"),
    lambda value: convert.duration(value, "field"),
    lambda value: convert.aware_datetime(value, "field"),
    lambda value: convert.tuple_of(value, "field", convert.integer),
    lambda value: convert.instance(Mode, value, "field"),
    lambda value: convert.pairs(value, "field"),
    lambda value: convert.frozenset_of(value, "field", convert.text),
    lambda value: convert.pairs(value, "field"),
)

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(Mode),
)


@pytest.mark.parametrize("helper", HELPERS)
@given(value=ANYTHING)
def test_helpers_raise_only_config_errors(helper, value):
    """Any value is converted or rejected with a ConfigError that names the field."""
    field = "field"
    try:
        helper(value)
    except NaiveDatetimeError:
        assert isinstance(value, dt.datetime)
    except ConfigError as error:
        field = str(error.field)
    assert "field" == field.split("[")[0]


@pytest.mark.parametrize("helper", HELPERS)
def test_a_megabyte_of_text_is_rejected_quickly(helper):
    """Huge text is rejected unread: a verdict well within 100 ms."""
    with pytest.raises(ConfigError, match="field"):
        helper("7" * 1_000_000)
    assert verdict_time(lambda: helper("7" * 1_000_000), ConfigError) < 0.1


@given(member=st.sampled_from(Mode), spelling=st.sampled_from(["value", "name", "upper"]))
def test_enum_members_come_back_from_their_text(member, spelling):
    """An enum member is found from its value, its name, or either in another case."""
    text = {"value": member.value, "name": member.name, "upper": member.value.upper()}[spelling]
    assert member is convert.enum_member(Mode, text, "mode")


def test_enum_error_lists_the_known_values():
    with pytest.raises(ConfigError) as caught:
        convert.enum_member(Mode, "medium", "mode")
    assert "mode" == caught.value.field
    assert "'fast lane', 'slow'" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("False", False), ("yes", True), ("no", False), ("1", True), ("0", False)],
)
def test_boolean_text(text, expected):
    assert expected is convert.boolean(text, "flag")


@pytest.mark.parametrize("value", ["maybe", 2, -1, 0.0, None, "", [True]])
def test_boolean_rejects_what_is_not_a_flag(value):
    """The text "false" is never truthy, and nothing but a flag is accepted."""
    with pytest.raises(ConfigError, match="flag"):
        convert.boolean(value, "flag")


@given(st.dates())
def test_dates_round_trip_through_iso_text(day):
    assert day == convert.date(day.isoformat(), "day")


def test_a_datetime_is_not_silently_truncated_to_a_date():
    with pytest.raises(ConfigError, match=r"pass value\.date\(\)"):
        convert.date(dt.datetime(2026, 1, 1, 12), "day")


@given(st.times())
def test_times_round_trip_through_iso_text(wall):
    assert wall == convert.time(wall.isoformat(), "start")


def test_a_time_with_a_zone_is_rejected():
    with pytest.raises(ConfigError, match="tzinfo"):
        convert.time(dt.time(9, tzinfo=dt.UTC), "start")


@given(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3650)))
def test_durations_round_trip_through_iso_text(delta):
    """ISO 8601 text written for a duration parses back to the same timedelta."""
    seconds = delta.seconds + delta.microseconds / 1_000_000
    iso = f"P{delta.days}DT{seconds:.6f}S"
    assert delta == convert.duration(iso, "goal")


CENTURY = dt.timedelta(days=36525)


@given(st.timedeltas(min_value=-CENTURY, max_value=CENTURY))
def test_duration_text_is_read_back_by_pendulum(delta):
    """The canonical ISO 8601 text of a duration parses back to exactly that duration.

    pendulum computes in float microseconds, exact up to about 285 years.
    """
    text = convert.duration_text(delta)
    assert delta == convert.duration(text, "goal", allow_negative=True)
    if delta >= dt.timedelta(0):
        parsed = pendulum.parse(text)
        assert delta == dt.timedelta(parsed.days, parsed.seconds, parsed.microseconds)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(0), "PT0S"),
        (dt.timedelta(minutes=15), "PT15M"),
        (dt.timedelta(hours=24), "P1D"),
        (dt.timedelta(hours=36), "P1DT12H"),
        (dt.timedelta(seconds=30), "PT30S"),
        (dt.timedelta(microseconds=1), "PT0.000001S"),
        (dt.timedelta(days=10, seconds=1, microseconds=500_000), "P10DT1.5S"),
        (-dt.timedelta(hours=1), "-PT1H"),
    ],
)
def test_duration_text_is_canonical(delta, text):
    assert text == convert.duration_text(delta)


@pytest.mark.parametrize(
    "text", ["P99999999999D", "-P99999999999D", "PT10000000000S", "PT99999999999H"]
)
def test_a_duration_too_long_for_a_timedelta_is_a_config_error(text):
    """It escaped as a bare OverflowError, or pendulum wrapped it round to a wrong duration."""
    with pytest.raises(ConfigError) as caught:
        convert.duration(text, "goal", allow_negative=True)
    assert "goal" == caught.value.field


def test_a_negative_duration_text_needs_permission():
    with pytest.raises(ConfigError, match="negative"):
        convert.duration("-PT1H", "goal")


@given(st.times())
def test_time_text_is_read_back(wall):
    assert wall == convert.time(convert.time_text(wall), "start")
    if not (wall.second or wall.microsecond):
        assert 5 == len(convert.time_text(wall))


def test_duration_forms():
    assert dt.timedelta(hours=4) == convert.duration(pendulum.duration(hours=4), "goal")
    assert type(convert.duration(pendulum.duration(hours=4), "goal")) is dt.timedelta
    with pytest.raises(ConfigError, match="months"):
        convert.duration("P1M", "goal")
    with pytest.raises(ConfigError, match="negative"):
        convert.duration(dt.timedelta(minutes=-1), "goal")
    assert dt.timedelta(minutes=-1) == convert.duration(
        dt.timedelta(minutes=-1), "goal", allow_negative=True
    )
    with pytest.raises(ConfigError, match="goal"):
        convert.duration("4 hours", "goal")


def test_aware_datetimes():
    expected = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    assert expected == convert.aware_datetime("2026-03-02T09:00:00Z", "at")
    with pytest.raises(ConfigError, match="offset"):
        convert.aware_datetime("2026-03-02T09:00:00", "at")
    with pytest.raises(NaiveDatetimeError):
        convert.aware_datetime(dt.datetime(2026, 3, 2, 9), "at")


@pytest.mark.parametrize(("text", "expected"), [("7", 7), (" -3 ", -3), (12, 12)])
def test_integers(text, expected):
    assert expected == convert.integer(text, "days")


@pytest.mark.parametrize("value", [True, 1.5, "1.5", "seven", None])
def test_integer_rejections(value):
    with pytest.raises(ConfigError, match="days"):
        convert.integer(value, "days")


def test_bounds_name_the_field():
    with pytest.raises(ConfigError, match="days: must be at least 0"):
        convert.integer(-1, "days", min_value=0)
    with pytest.raises(ConfigError, match="rate: must be greater than 0"):
        convert.number(0, "rate", min_value=0, exclude_min=True)
    with pytest.raises(ConfigError, match="finite"):
        convert.number(float("nan"), "rate")


@pytest.mark.parametrize(
    "convert_it",
    [
        lambda value: convert.integer(value, "days", max_value=10),
        lambda value: convert.integer(-value, "days", min_value=0),
        lambda value: convert.number(value, "days"),
        lambda value: convert.number(-value, "days", min_value=0, exclude_min=True),
    ],
)
def test_an_integer_too_long_to_print_is_rejected_with_its_size(convert_it):
    """Past 4300 digits Python refuses to print an int: the message gives its size instead."""
    with pytest.raises(ConfigError, match=r"days: .* an integer of about 5001 digits"):
        convert_it(10**5000)


@pytest.mark.parametrize("value", ["abc", b"abc", {"a": 1}, None, 5])
def test_collections_reject_text_mappings_and_scalars(value):
    with pytest.raises(ConfigError, match="expected a list"):
        convert.tuple_of(value, "days", convert.integer)


def test_an_item_error_names_its_index():
    with pytest.raises(ConfigError) as caught:
        convert.tuple_of([1, "x"], "days", convert.integer)
    assert "days[1]" == caught.value.field


def test_brief_shows_short_values_as_repr_and_long_ones_described():
    """Messages quote a short value as Python would and summarise a long one."""
    assert "'CT'" == convert.brief("CT")
    assert "str 'xx" == convert.brief("x" * 1000)[:7]


@given(text=st.text(max_size=300), limit=st.integers(min_value=40, max_value=200))
def test_clip_keeps_short_text_and_shortens_long_text_to_the_limit(text, limit):
    """Text for a message or a path: itself when short, else its start and its length."""
    clipped = convert.clip(text, limit)
    assert len(clipped) <= limit
    assert (text == clipped) == (len(text) <= limit)
    if text != clipped:
        assert clipped.endswith(f"... ({len(text)} characters)")


def test_unique_refuses_a_key_given_twice_in_any_spelling():
    convert.unique(["a", "b"], "attributes")
    with pytest.raises(ConfigError, match="given twice") as caught:
        convert.unique([dt.date(2026, 12, 24), convert.date("2026-12-24", "x")], "overrides")
    assert "overrides" == caught.value.field


def test_instance_keeps_objects_of_the_type_and_names_the_field_otherwise():
    """A collection of objects: each item is checked, never converted."""
    assert Mode.SLOW is convert.instance(Mode, Mode.SLOW, "mode")
    with pytest.raises(ConfigError, match="expected a Mode, got str 'slow'") as caught:
        convert.instance(Mode, "slow", "modes[2]")
    assert "modes[2]" == caught.value.field


def test_pairs_reads_a_mapping_or_a_list_of_pairs_and_names_the_bad_item() -> None:
    assert (("a", 1),) == convert.pairs({"a": 1}, "field")
    assert (("a", 1), ("b", 2)) == convert.pairs([("a", 1), ["b", 2]], "field")
    with pytest.raises(ConfigError) as raised:
        convert.pairs([("a", 1), "b"], "attributes")
    assert "attributes[1]" == raised.value.field


def test_instances_checks_every_item_and_names_its_position():
    assert (Mode.SLOW,) == convert.instances([Mode.SLOW], "modes", Mode)
    with pytest.raises(ConfigError) as caught:
        convert.instances([Mode.SLOW, "fast"], "modes", Mode)
    assert "modes[1]" == caught.value.field
