"""The example script runs and says something meaningful; the values are proper values."""

import pickle
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core import (
    ONBOARDING_CODES,
    PORT_DAY_CHECKLIST,
    PORT_UP_TO_14,
    NumberKind,
    PhoneNumber,
    ReadinessSnapshot,
    ReadinessState,
)
from servicedesk_core.testing.strategies import phone_number_texts, phone_numbers, port_orders

from .sample import DOCUMENTS, ORDER

SCRIPT = Path(__file__).parents[2] / "examples" / "onboarding_port_order.py"


def test_the_example_validates_the_seed_order() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True, timeout=60
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "Sample final order: ok=True"
    assert lines[1] == "ok: no issues"
    assert "The same order with typical mistakes: ok=False, 17 errors" in done.stdout
    assert "[readiness.not_ready]" in done.stdout


VALUES = [
    ORDER,
    ORDER.e911,
    ORDER.native_fax,
    ORDER.shipping_address,
    DOCUMENTS[0],
    PORT_UP_TO_14,
    PORT_DAY_CHECKLIST[0],
    ReadinessSnapshot(states={"users_created": ReadinessState.READY}),
    PhoneNumber.parse("913 599 6900"),
    ONBOARDING_CODES,
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_values_are_immutable_and_pickle(value: object) -> None:
    field = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, None)
    copy = pickle.loads(pickle.dumps(value))
    assert value == copy
    assert hash(value) == hash(copy)


@pytest.mark.parametrize(
    "build",
    [
        lambda: phone_numbers(kinds=[]),
        lambda: phone_numbers(kinds=["toll-free"]),
        lambda: phone_numbers(allow_extensions="yes"),
        lambda: port_orders(max_numbers=-1),
    ],
)
def test_bad_strategy_options_raise_invalid_argument(build: object) -> None:
    with pytest.raises(InvalidArgument):
        build()  # type: ignore[operator]


@given(st.from_type(PhoneNumber))
def test_phone_numbers_are_registered_for_from_type(number: PhoneNumber) -> None:
    assert number == PhoneNumber.parse(str(number))


@given(phone_number_texts(phone_numbers(kinds=[NumberKind.PREMIUM])))
def test_spellings_of_chosen_numbers(text: str) -> None:
    assert PhoneNumber.parse(text).kind == NumberKind.PREMIUM
