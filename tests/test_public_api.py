"""The public surface: __all__, immutability, hashing, pickling, repr."""

import datetime as dt
import pickle

import attrs
import holidays
import pytest

import servicedesk_core
from servicedesk_core import BusinessCalendar, WeeklyHours
from tests.authz.test_values import VALUES as AUTHZ_VALUES
from tests.escalation.test_values import VALUES as ESCALATION_VALUES
from tests.priority.test_values import VALUES as PRIORITY_VALUES
from tests.sla.test_values import VALUES as SLA_VALUES
from tests.staffing.test_values import VALUES as STAFFING_VALUES

DESK = BusinessCalendar(
    timezone="America/Chicago",
    hours=WeeklyHours.parse("Mon-Fri 07:00-17:00"),
    holidays=holidays.US(subdiv="TX"),
    overrides={dt.date(2026, 12, 24): "07:00-12:00", dt.date(2026, 12, 31): None},
)
CALENDAR_VALUES = [DESK, DESK | BusinessCalendar.always_open(), DESK.hours, DESK.hours.days[0][0]]
VALUES = [
    *CALENDAR_VALUES,
    *PRIORITY_VALUES,
    *SLA_VALUES,
    *AUTHZ_VALUES,
    *ESCALATION_VALUES,
    *STAFFING_VALUES,
]


def test_all_is_sorted_and_importable() -> None:
    names = servicedesk_core.__all__
    isort_style = sorted(names, key=lambda name: (not name.isupper(), not name[0].isupper(), name))
    assert isort_style == names
    for name in servicedesk_core.__all__:
        assert getattr(servicedesk_core, name) is not None


def test_version_is_exposed() -> None:
    assert servicedesk_core.__version__ == "0.1.0"


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_values_are_immutable(value: object) -> None:
    field = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, None)


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_values_pickle_and_hash_by_value(value: object) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert value == copy
    assert hash(value) == hash(copy)


def test_pickled_calendar_answers_like_the_original() -> None:
    start = dt.datetime(2026, 12, 23, 15, tzinfo=dt.UTC)
    DESK.add(start, dt.timedelta(hours=3))  # materialise before pickling
    copy = pickle.loads(pickle.dumps(DESK))
    assert DESK.add(start, dt.timedelta(hours=30)) == copy.add(start, dt.timedelta(hours=30))


def test_equal_holiday_sources_make_equal_calendars() -> None:
    grown = holidays.US(subdiv="TX", years=range(2020, 2030))
    other = attrs.evolve(DESK, holidays=grown)
    assert other == DESK
    assert hash(DESK) == hash(other)


def test_types_are_registered_for_from_type() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.from_type(BusinessCalendar))
    def check(calendar: BusinessCalendar) -> None:
        assert isinstance(calendar, BusinessCalendar)

    check()


def test_every_error_pickles_with_its_message_and_attributes() -> None:
    from servicedesk_core import errors

    samples = [
        errors.ConfigError("bad", field="hours"),
        errors.NaiveDatetimeError(dt.datetime(2026, 1, 1)),
        errors.InvalidIntervalError(1, 0),
        errors.DeadlineUnreachableError("never"),
    ]
    for error in samples:
        copy = pickle.loads(pickle.dumps(error))
        assert type(error) is type(copy)
        assert str(error) == str(copy)
        assert vars(error) == vars(copy)


def test_every_error_derives_from_the_root_and_a_builtin() -> None:
    from servicedesk_core import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.ServiceDeskError)
        if cls is not errors.ServiceDeskError:
            assert any(
                issubclass(cls, builtin)
                for builtin in (ValueError, TypeError, KeyError, ArithmeticError, PermissionError)
            ), name
