"""NANP phone numbers: spellings, rules, kinds and regions, strict vs reporting entry points."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    ConfigError,
    NumberKind,
    PhoneNumber,
    PhoneNumberError,
    Region,
    ServiceDeskError,
    validate_phone_number,
)
from servicedesk_core.testing.strategies import phone_number_texts, phone_numbers

from .oracle import nanp_oracle

SPELLINGS = [
    "(913) 599-6900",
    "913.599.6900",
    "+1 913 599 6900",
    "1-913-599-6900",
    "9135996900",
    "+19135996900",
    "1 (913) 599 6900",
    "  913-599-6900  ",
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_usual_spellings_parse_to_one_e164(text: str) -> None:
    assert PhoneNumber.parse(text).e164 == "+19135996900"


def test_seed_numbers_parse() -> None:
    """Seed 000: phone support 913-599-6900; seed 001: the provider's 305.967.6756."""
    assert PhoneNumber.parse("913-599-6900").national == "(913) 599-6900"
    assert PhoneNumber.parse("305.967.6756").e164 == "+13059676756"


@pytest.mark.parametrize(
    ("text", "e164", "kind"),
    [
        ("(737) 356-2220", "+17373562220", NumberKind.GEOGRAPHIC),  # seed 002, Texas desk
        ("(337) 313-2400", "+13373132400", NumberKind.GEOGRAPHIC),  # seed 002, Louisiana desk
        ("(888) 477-3448", "+18884773448", NumberKind.TOLL_FREE),  # seed 004, Customer Care
    ],
)
def test_seed_support_lines_parse(text: str, e164: str, kind: NumberKind) -> None:
    number = PhoneNumber.parse(text)
    assert e164 == number.e164
    assert kind == number.kind


def test_vanity_toll_free() -> None:
    """``1 800 FLOWERS`` is toll-free, its letters read from the keypad."""
    number = PhoneNumber.parse("1 800 FLOWERS")
    assert number.e164 == "+18003569377"
    assert number.kind == NumberKind.TOLL_FREE
    assert number == PhoneNumber.parse("1-800-FLOWERS")
    assert number.is_toll_free
    assert number.is_portable


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("+1 212 911 5678", "phone.exchange_n11"),
        ("+1 201 555 0123", "phone.fictional"),
        ("201 555 0100", "phone.fictional"),
        ("201 555 0199", "phone.fictional"),
        ("011 555 1234", "phone.area_code_leading_digit"),
        ("(113) 555-1234", "phone.area_code_leading_digit"),
        ("(296) 555-1234", "phone.area_code_reserved"),
        ("(411) 555-1234", "phone.area_code_n11"),
        ("(913) 055-1234", "phone.exchange_leading_digit"),
        ("(913) 155-1234", "phone.exchange_leading_digit"),
        ("(913) 611-1234", "phone.exchange_n11"),
        ("", "phone.empty"),
        ("   ", "phone.empty"),
        ("913 599 690", "phone.too_short"),
        ("913 599 69000", "phone.not_nanp"),
        ("1 913 599 69000", "phone.too_long"),
        ("+1 913 599 69000", "phone.too_long"),
        ("+44 20 7946 0958", "phone.not_nanp"),
        ("913_599_6900", "phone.invalid_character"),
        ("913 599 6900 ☎", "phone.invalid_character"),
        ("913+599-6900", "phone.invalid_character"),
    ],
)
def test_rules_are_reported_with_their_code(text: str, code: str) -> None:
    check = validate_phone_number(text, path="numbers_to_port[3]")
    assert check.number is None
    assert not check.ok
    assert {code} == check.report.codes
    assert {"numbers_to_port[3]"} == {issue.path for issue in check.report}
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber.parse(text)
    assert {code} == caught.value.report.codes
    assert text == caught.value.text


def test_several_broken_rules_are_all_reported() -> None:
    codes = validate_phone_number("(191) 111-1234").report.codes
    expected = {
        "phone.area_code_leading_digit",
        "phone.area_code_reserved",
        "phone.exchange_leading_digit",
    }
    assert expected == codes
    assert {"phone.area_code_reserved", "phone.exchange_n11"} == validate_phone_number(
        "(296) 911-1234"
    ).report.codes


def test_other_555_numbers_are_valid() -> None:
    assert PhoneNumber.parse("201 555 0200").e164 == "+12015550200"


def test_phone_number_error_is_a_value_error_and_a_service_desk_error() -> None:
    with pytest.raises(ValueError, match="exchange 911"):
        PhoneNumber.parse("+1 212 911 5678")
    assert issubclass(PhoneNumberError, ServiceDeskError)


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        (("212", "911", "5678"), "phone.exchange_n11"),
        (("201", "555", "0123"), "phone.fictional"),
        (("21", "555", "1234"), "phone.invalid_character"),
        (("２１２", "555", "1234"), "phone.invalid_character"),
    ],
)
def test_constructor_is_as_strict_as_parse(parts: tuple[str, str, str], code: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber(*parts)
    assert {code} == caught.value.report.codes


@pytest.mark.parametrize(
    ("text", "extension"),
    [
        ("913 599 6900 x12", "12"),
        ("(913) 599-6900 ext. 12", "12"),
        ("913-599-6900 extension 4", "4"),
        ("913-599-6900 #777", "777"),
        ("913-599-6900;ext=123456", "123456"),
    ],
)
def test_extensions(text: str, extension: str) -> None:
    number = PhoneNumber.parse(text)
    assert extension == number.extension
    assert number.has_extension()
    assert number.e164 == "+19135996900"
    assert f"+19135996900;ext={extension}" == str(number)
    assert PhoneNumber.parse("913 599 6900") == number.without_extension()


@pytest.mark.parametrize(
    ("text", "kind", "region"),
    [
        ("913 599 6900", NumberKind.GEOGRAPHIC, Region.US),
        ("787 555 1234", NumberKind.GEOGRAPHIC, Region.US_TERRITORY),
        ("939 555 1234", NumberKind.GEOGRAPHIC, Region.US_TERRITORY),
        ("671 555 1234", NumberKind.GEOGRAPHIC, Region.US_TERRITORY),
        ("876 555 1234", NumberKind.GEOGRAPHIC, Region.OTHER_NANP_COUNTRY),
        ("416 555 1234", NumberKind.GEOGRAPHIC, Region.OTHER_NANP_COUNTRY),
        ("800 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("833 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("844 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("855 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("866 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("877 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("888 555 1234", NumberKind.TOLL_FREE, Region.NON_GEOGRAPHIC),
        ("900 555 1234", NumberKind.PREMIUM, Region.NON_GEOGRAPHIC),
        ("500 555 1234", NumberKind.NON_GEOGRAPHIC, Region.NON_GEOGRAPHIC),
    ],
)
def test_kind_and_region(text: str, kind: NumberKind, region: Region) -> None:
    number = PhoneNumber.parse(text)
    assert (kind, region) == (number.kind, number.region)


@pytest.mark.parametrize(
    ("text", "portable"),
    [
        ("913 599 6900", True),
        ("787 555 1234", True),
        ("800 555 1234", True),
        ("876 555 1234", False),
        ("900 555 1234", False),
        ("500 555 1234", False),
    ],
)
def test_portability(text: str, portable: bool) -> None:
    assert portable == PhoneNumber.parse(text).is_portable


def test_numbers_sort_hash_and_pickle_by_value() -> None:
    a, b = PhoneNumber.parse("913 599 6901"), PhoneNumber.parse("(913) 599-6900")
    assert [b, a] == sorted([a, b])
    assert {a, b} == {PhoneNumber.parse("913.599.6900"), PhoneNumber.parse("913.599.6901")}
    assert a == pickle.loads(pickle.dumps(a))


def test_validate_rejects_non_strings_as_programming_errors() -> None:
    with pytest.raises(ConfigError, match="got int 9135996900") as caught:
        validate_phone_number(9135996900, path="sms_number")  # type: ignore[arg-type]
    assert "sms_number" == caught.value.field


@given(phone_numbers(allow_extensions=True))
def test_generated_numbers_are_valid_and_round_trip_through_e164(number: PhoneNumber) -> None:
    assert number.without_extension() == PhoneNumber.parse(number.e164)


@given(phone_number_texts())
def test_every_usual_spelling_parses(text: str) -> None:
    check = validate_phone_number(text)
    assert check.ok, str(check.report)


@given(st.text(max_size=40))
def test_validation_never_raises_on_random_text(text: str) -> None:
    check = validate_phone_number(text, path="x")
    assert check.ok == (check.number is not None)
    assert check.ok == check.report.ok
    assert all(code.startswith("phone.") for code in check.report.codes)
    if not check.ok:
        with pytest.raises(PhoneNumberError):
            PhoneNumber.parse(text)


@given(st.text("0123456789", min_size=10, max_size=10))
def test_rules_agree_with_a_slow_oracle_on_ten_digits(digits: str) -> None:
    assert nanp_oracle(digits) == validate_phone_number(digits).report.codes


TRICKY_THREE = st.sampled_from(["011", "111", "191", "211", "555", "911", "999", "913"])
TRICKY_LINE = st.sampled_from(["0099", "0100", "0150", "0199", "0200", "1234"])


@given(st.tuples(TRICKY_THREE, TRICKY_THREE, TRICKY_LINE).map("".join))
def test_rules_agree_with_the_oracle_near_every_boundary(digits: str) -> None:
    assert nanp_oracle(digits) == validate_phone_number(digits).report.codes


@given(phone_numbers(kinds=[NumberKind.TOLL_FREE]))
def test_kind_option_restricts_kinds(number: PhoneNumber) -> None:
    assert number.kind == NumberKind.TOLL_FREE
