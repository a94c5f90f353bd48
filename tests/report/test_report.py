"""Validation reports: ok, errors vs warnings, paths, raising on request, code books."""

import pickle

import attrs
import pytest
from hypothesis import given

from servicedesk_core import (
    CodeBook,
    ConfigError,
    Issue,
    IssueCode,
    Report,
    ServiceDeskError,
    Severity,
    ValidationError,
)
from servicedesk_core.report import join_path
from tests.fuzz import JUNK, refused_or_built

BOOK = CodeBook(
    [
        IssueCode("zip.format", Severity.ERROR, "Not 5 digits."),
        IssueCode("cnam.missing", Severity.WARNING, "No caller name."),
    ]
)
ZIP = BOOK.issue("zip.format", "e911.address.zip", "'660' is not 5 digits")
CNAM = BOOK.issue("cnam.missing", "cnam", "no caller name")


def test_empty_report_is_ok() -> None:
    assert Report().ok
    assert len(Report()) == 0
    assert str(Report()) == "ok: no issues"


def test_warnings_alone_keep_a_report_ok() -> None:
    report = Report([CNAM])
    assert report.ok
    assert report.warnings == (CNAM,)
    assert report.errors == ()
    assert report is report.raise_for_errors()


def test_an_error_makes_it_not_ok_and_raise_for_errors_raises() -> None:
    report = Report([CNAM, ZIP])
    assert not report.ok
    assert report.errors == (ZIP,)
    with pytest.raises(ValidationError) as caught:
        report.raise_for_errors()
    assert report == caught.value.report
    assert "e911.address.zip" in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ServiceDeskError)


def test_the_book_sets_severity() -> None:
    assert ZIP.severity == Severity.ERROR
    assert CNAM.severity == Severity.WARNING
    with pytest.raises(KeyError):
        BOOK.issue("no.such.code", "", "")


def test_duplicate_codes_in_a_book_are_a_config_error() -> None:
    entry = IssueCode("a.b", Severity.ERROR, "")
    with pytest.raises(ConfigError, match="duplicate"):
        CodeBook([entry, entry])


def test_books_combine() -> None:
    other = CodeBook([IssueCode("pin.missing", Severity.ERROR, "")])
    assert {"zip.format", "cnam.missing", "pin.missing"} == {e.code for e in BOOK | other}


@pytest.mark.parametrize(
    ("prefix", "path", "expected"),
    [
        ("e911", "address.zip", "e911.address.zip"),
        ("numbers_to_port", "[3]", "numbers_to_port[3]"),
        ("", "cnam", "cnam"),
        ("documents", "", "documents"),
    ],
)
def test_join_path(prefix: str, path: str, expected: str) -> None:
    assert expected == join_path(prefix, path)


def test_at_selects_a_field_and_everything_below_it() -> None:
    report = Report([CNAM, ZIP])
    assert report.at("e911") == (ZIP,)
    assert report.at("e911.address.zip") == (ZIP,)
    assert report.at("e91") == ()
    assert report.at("") == (CNAM, ZIP)


def test_prefixed_and_added_reports() -> None:
    inner = Report([Issue(Severity.ERROR, "zip.format", "zip", "bad")])
    nested = inner.prefixed("shipping_address")
    assert tuple(issue.path for issue in nested) == ("shipping_address.zip",)
    assert len(nested + Report([CNAM, ZIP])) == 3
    assert nested.has("zip.format", "shipping_address.zip")
    assert not nested.has("zip.format", "zip")


def test_str_shows_severity_path_message_and_code() -> None:
    expected = (
        "warning cnam: no caller name [cnam.missing]\n"
        "error e911.address.zip: '660' is not 5 digits [zip.format]"
    )
    assert expected == str(Report([CNAM, ZIP]))


def test_reports_are_immutable_hashable_values() -> None:
    report = Report([CNAM, ZIP])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.issues = ()  # type: ignore[misc]
    assert report == pickle.loads(pickle.dumps(report))
    assert hash(report) == hash(Report(list(report)))
    assert pickle.loads(pickle.dumps(BOOK)) == BOOK
    assert "zip.format" in pickle.loads(pickle.dumps(BOOK))


@given(JUNK, JUNK, JUNK, JUNK)
def test_report_doors_from_junk_raise_only_config_error(
    severity: object, code: object, path: object, message: object
) -> None:
    """One door, one fuzz test: Issue, Report, IssueCode and CodeBook refuse junk naming a field."""
    refused_or_built(lambda: Issue(severity, code, path, message))  # type: ignore[arg-type]
    refused_or_built(lambda: Report(severity))  # type: ignore[arg-type]
    refused_or_built(lambda: IssueCode(code, severity, message))  # type: ignore[arg-type]
    refused_or_built(lambda: CodeBook(code))  # type: ignore[arg-type]


def test_a_config_error_gives_its_issue_whatever_the_length_of_its_message() -> None:
    """A long message or field used to make ``error.issues`` itself raise a ConfigError."""
    error = ConfigError("m" * 20_000, field="f" * 20_000)
    (issue,) = error.issues
    assert ("config.invalid", True, True) == (
        issue.code,
        issue.message.startswith("m" * 100),
        issue.path.startswith("f" * 100),
    )
    assert (True, True) == (len(issue.message) <= 10_000, len(issue.path) <= 10_000)
