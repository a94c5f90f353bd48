"""Validation reports: every problem found in user data, never an exception.

Functions that judge user data (a port order, a readiness snapshot) return a
:class:`Report`: a tuple of :class:`Issue` values, each with a severity, a
stable machine-readable ``code``, the ``path`` of the offending field
(``numbers_to_port[3]``, ``e911.address.zip``) and a human message. Callers
who prefer an exception call :meth:`Report.raise_for_errors`.

Codes are data: a :class:`CodeBook` lists every code a validator may emit with
its severity and a one-line summary, so that documentation and tests can check
that no undocumented code ever escapes.

>>> book = CodeBook([IssueCode("name.blank", Severity.ERROR, "The name is blank.")])
>>> report = Report([book.issue("name.blank", "contact.name", "give a name")])
>>> report.ok
False
>>> print(report)
error contact.name: give a name [name.blank]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError, ValidationError

__all__ = ["CodeBook", "Issue", "IssueCode", "Report", "Severity", "join_path"]


class _Enum(enum.Enum):
    """An enum whose repr is the expression that names it (``Severity.ERROR``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class Severity(_Enum):
    """How bad an issue is: an error blocks, a warning asks for attention, info explains."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _severity(value: Severity | str) -> Severity:
    return convert.enum_member(Severity, value, "severity")


def _code(value: str) -> str:
    return convert.text(value, "code", allow_empty=False, max_length=100)


def _path(value: str) -> str:
    return convert.text(value, "path")


def _message(value: str) -> str:
    return convert.text(value, "message")


def join_path(prefix: str, path: str) -> str:
    """Join two field paths: attributes with ``.``, indexes and keys directly.

    >>> join_path("e911", "address.zip")
    'e911.address.zip'
    >>> join_path("numbers_to_port", "[3]")
    'numbers_to_port[3]'
    >>> join_path("", "cnam")
    'cnam'
    """
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


@attrs.frozen
class Issue:
    """One problem found in user data.

    Attributes:
        severity: ``Severity.ERROR`` blocks, ``Severity.WARNING`` informs.
        code: Stable, documented, machine-readable code (``"cnam.too_long"``).
        path: Path of the offending field (``"numbers_to_port[3]"``); ``""`` for the whole value.
        message: What is wrong and, where possible, how to fix it.
    """

    severity: Severity = attrs.field(converter=_severity)
    code: str = attrs.field(converter=_code)
    path: str = attrs.field(converter=_path)
    message: str = attrs.field(converter=_message)

    @property
    def is_error(self) -> bool:
        """Whether the issue blocks (severity error)."""
        return self.severity is Severity.ERROR

    def with_prefix(self, prefix: str) -> Issue:
        """Return the issue with its path nested under ``prefix``.

        >>> issue = Issue(Severity.ERROR, "address.zip", "zip", "5 digits")
        >>> issue.with_prefix("e911.address").path
        'e911.address.zip'
        """
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity.value}{where}: {self.message} [{self.code}]"


def _to_issues(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    return convert.instances(issues, "issues", Issue)


@attrs.frozen
class Report:
    """Every issue found in one piece of user data, in the order they were found.

    A report is ``ok`` when it holds no error (warnings are allowed).

    >>> Report().ok
    True
    >>> warning = Issue(Severity.WARNING, "cnam.missing", "cnam", "no caller name")
    >>> report = Report([warning])
    >>> report.ok, len(report), report.codes
    (True, 1, frozenset({'cnam.missing'}))
    """

    issues: tuple[Issue, ...] = attrs.field(default=(), converter=_to_issues)

    @property
    def ok(self) -> bool:
        """Whether there is no error (warnings do not count)."""
        return not any(issue.is_error for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity error."""
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity warning."""
        return tuple(issue for issue in self.issues if issue.severity is Severity.WARNING)

    @property
    def codes(self) -> frozenset[str]:
        """The distinct codes of all issues."""
        return frozenset(issue.code for issue in self.issues)

    def at(self, path: str) -> tuple[Issue, ...]:
        """Return the issues about ``path`` or any field below it.

        >>> report = Report([Issue(Severity.ERROR, "address.zip", "e911.address.zip", "5 digits")])
        >>> [issue.code for issue in report.at("e911")]
        ['address.zip']
        >>> report.at("e9")
        ()
        """
        return tuple(
            issue
            for issue in self.issues
            if issue.path == path or issue.path.startswith((path + ".", path + "[")) or not path
        )

    def has(self, code: str, path: str | None = None) -> bool:
        """Whether an issue with ``code`` (at exactly ``path``, if given) is in the report.

        >>> Report([Issue(Severity.ERROR, "phone.fictional", "sms_number", "...")]).has(
        ...     "phone.fictional", "sms_number"
        ... )
        True
        """
        return any(
            issue.code == code and (path is None or issue.path == path) for issue in self.issues
        )

    def prefixed(self, prefix: str) -> Report:
        """Return the report with every path nested under ``prefix``."""
        return Report(issue.with_prefix(prefix) for issue in self.issues)

    def raise_for_errors(self) -> Report:
        """Raise :class:`~servicedesk_core.errors.ValidationError` if there is an error.

        Returns:
            The report itself when it is ok, so calls can be chained.

        Raises:
            ValidationError: the report holds at least one error; the exception
                carries the whole report as ``.report``.

        >>> Report().raise_for_errors().ok
        True
        """
        if not self.ok:
            raise ValidationError(self)
        return self

    def __add__(self, other: Report) -> Report:
        if not isinstance(other, Report):
            return NotImplemented
        return Report(self.issues + other.issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def __str__(self) -> str:
        if not self.issues:
            return "ok: no issues"
        return "\n".join(str(issue) for issue in self.issues)


@attrs.frozen
class IssueCode:
    """A documented issue code: its name, its severity and what it means."""

    code: str = attrs.field(converter=_code)
    severity: Severity = attrs.field(converter=_severity)
    summary: str = attrs.field(converter=_message, default="")


def _to_codes(codes: Iterable[IssueCode]) -> tuple[IssueCode, ...]:
    return convert.instances(codes, "codes", IssueCode)


@attrs.frozen
class CodeBook:
    """The closed set of codes one family of validators may emit.

    A validator builds every issue through :meth:`issue`, so an issue's severity
    always comes from the book and an undocumented code is a bug caught at once
    (``KeyError``), not a surprise for the caller.

    >>> book = CodeBook([IssueCode("pin.missing", Severity.ERROR, "No PIN.")])
    >>> book.issue("pin.missing", "pin", "the losing carrier requires a PIN").severity
    Severity.ERROR
    >>> "pin.missing" in book
    True
    """

    codes: tuple[IssueCode, ...] = attrs.field(converter=_to_codes)
    _by_code: Mapping[str, IssueCode] = attrs.field(init=False, eq=False, repr=False)

    @codes.validator
    def _check_codes(self, _attr: object, codes: tuple[IssueCode, ...]) -> None:
        seen: set[str] = set()
        for entry in codes:
            if entry.code in seen:
                raise ConfigError(f"duplicate issue code {entry.code!r}", field="codes")
            seen.add(entry.code)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {entry.code: entry for entry in self.codes})

    def issue(self, code: str, path: str, message: str) -> Issue:
        """Build an issue with the severity the book assigns to ``code``.

        Raises:
            KeyError: ``code`` is not in the book (a bug in the validator).
        """
        return Issue(self._by_code[code].severity, code, path, message)

    def __getitem__(self, code: str) -> IssueCode:
        return self._by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[IssueCode]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __or__(self, other: CodeBook) -> CodeBook:
        if not isinstance(other, CodeBook):
            return NotImplemented
        return CodeBook(self.codes + other.codes)
