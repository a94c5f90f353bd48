"""Every exception servicedesk_core raises.

One root, :class:`ServiceDeskError`; each subclass also inherits the builtin
category it belongs to, so callers can catch either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from servicedesk_core.authz import Decision
    from servicedesk_core.escalation import Move
    from servicedesk_core.report import Issue, Report

__all__ = [
    "ConfigError",
    "DeadlineUnreachableError",
    "EventLogError",
    "InvalidIntervalError",
    "NaiveDatetimeError",
    "NotADatetimeError",
    "NotAuthorizedError",
    "PhoneNumberError",
    "SchemeMismatchError",
    "ServiceDeskError",
    "TransitionError",
    "UnknownLevelError",
    "ValidationError",
]


class ServiceDeskError(Exception):
    """Root of every error raised by servicedesk_core.

    Errors pickle with their message and attributes (``field``, ``decision``...).
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[ServiceDeskError], args: tuple[object, ...], state: dict[str, object]
) -> ServiceDeskError:
    """Unpickle an error without calling its ``__init__`` (whose signature varies)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ConfigError(ServiceDeskError, ValueError):
    """A calendar, policy or rule set is inconsistent.

    Attributes:
        field: Path of the offending field (``"hours"``, ``"overrides[2026-12-24]"``),
            or ``None`` when the error is not about one field.
        issues: Every problem found, each with a stable code, a path and a message.
            A document loaded by :func:`~servicedesk_core.from_dict` lists all of its
            problems here; any other ``ConfigError`` holds one (code ``config.invalid``).
    """

    def __init__(
        self, message: str, *, field: str | None = None, issues: Iterable[Issue] = ()
    ) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self._issues = tuple(issues)

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every problem found (see the class attributes)."""
        if self._issues:
            return self._issues
        from servicedesk_core._convert import clip
        from servicedesk_core.report import Issue, Severity

        path, message = clip(self.field or ""), clip(self.message)
        return (Issue(Severity.ERROR, "config.invalid", path, message),)


class NaiveDatetimeError(ServiceDeskError, ValueError):
    """A datetime without tzinfo was given where an instant is needed."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"naive datetime {value!r}: pass a timezone-aware datetime "
            "(servicedesk_core never guesses a timezone)"
        )
        self.value = value


class NotADatetimeError(ServiceDeskError, TypeError):
    """Something that is not a datetime was given where an instant is needed (``now``...)."""

    def __init__(self, value: object) -> None:
        from servicedesk_core._convert import describe

        super().__init__(f"expected an aware datetime, got {describe(value)}")
        self.value = value


class DeadlineUnreachableError(ServiceDeskError, ArithmeticError):
    """No amount of open time can be found within the calendar's horizon."""


class InvalidIntervalError(ServiceDeskError, ValueError):
    """An interval whose end is before its start."""

    def __init__(self, start: object, end: object) -> None:
        super().__init__(f"interval ends ({end}) before it starts ({start})")
        self.start, self.end = start, end


class UnknownLevelError(ServiceDeskError, KeyError):
    """A priority scheme was asked for a level it does not have.

    Attributes:
        scheme: Name of the scheme that was asked.
        name: The name that was asked for.
        known: The scheme's level names, most urgent first.
    """

    def __init__(self, scheme: str, name: object, known: tuple[str, ...]) -> None:
        super().__init__(scheme, name, known)
        self.scheme, self.name, self.known = scheme, name, known

    def __str__(self) -> str:
        from servicedesk_core._convert import brief

        name = brief(self.name, 80)  # a pasted megabyte is described, not copied
        return f"scheme {self.scheme!r} has no level {name}; known: {', '.join(self.known)}"


class SchemeMismatchError(ServiceDeskError, TypeError):
    """Two priority levels of different schemes were compared or mixed.

    Attributes:
        left: Scheme name of the left operand.
        right: Scheme name of the right operand (or the other operand's type name).
    """

    def __init__(self, message: str, *, left: str, right: str) -> None:
        super().__init__(message)
        self.left, self.right = left, right


class ValidationError(ServiceDeskError, ValueError):
    """User data has errors; raised only by ``Report.raise_for_errors()``.

    Validators never raise for problems in the data they judge: they return a
    :class:`~servicedesk_core.report.Report`. Callers who prefer an exception call
    ``report.raise_for_errors()``.

    Attributes:
        report: The whole report (errors and warnings), with every issue's code and path.
    """

    def __init__(self, report: Report) -> None:
        errors = report.errors
        lines = "; ".join(str(issue) for issue in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} error(s): {lines}{more}")
        self.report = report


class PhoneNumberError(ServiceDeskError, ValueError):
    """Text is not a valid NANP phone number; raised by the strict constructors.

    ``PhoneNumber.parse`` and ``PhoneNumber(...)`` raise it;
    ``validate_phone_number`` never does (it returns the same issues in a report).

    Attributes:
        text: The text (or digits) that was rejected.
        report: The issues found, each with a stable ``phone.*`` code.
    """

    def __init__(self, text: str, report: Report) -> None:
        reasons = "; ".join(issue.message for issue in report.errors)
        shown = repr(text) if len(text) <= 60 else f"{text[:50]!r}... ({len(text)} characters)"
        super().__init__(f"not a valid NANP phone number: {shown}: {reasons}")
        self.text = text
        self.report = report


class NotAuthorizedError(ServiceDeskError, PermissionError):
    """A request was not allowed; raised only by ``AuthzPolicy.require``.

    Attributes:
        decision: The :class:`~servicedesk_core.Decision` that was not an allow,
            with its outcome, reason codes and message.
    """

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.message)
        self.decision = decision


class EventLogError(ServiceDeskError, ValueError):
    """A ticket's event log cannot be replayed (order, lifecycle or unknown values).

    Attributes:
        index: Position of the offending event in the log, or ``None`` when the
            problem is the log as a whole (an empty log).
        reason: What is wrong with it, without the index.
    """

    def __init__(self, reason: str, *, index: int | None = None) -> None:
        super().__init__(f"event {index}: {reason}" if index is not None else reason)
        self.index = index
        self.reason = reason


class TransitionError(EventLogError):
    """An event asks a ticket for a move its workflow does not allow here.

    Raised by :meth:`~servicedesk_core.Workflow.replay`; its
    ``check`` form reports the same problems with the same ``code`` instead.

    Attributes:
        index: Position of the offending event in the log.
        current: The ticket's status before the event.
        requested: The status the event asked for, or the event's type name
            when it is not a move (an ``AgentReplied`` on a closed ticket).
        allowed: The moves the workflow allows from ``current``.
        code: Stable code of the rule broken (``lifecycle.not_allowed``,
            ``lifecycle.note_required``, ...).
    """

    def __init__(
        self,
        reason: str,
        *,
        index: int,
        current: str,
        requested: str,
        allowed: tuple[Move, ...],
        code: str,
    ) -> None:
        listed = ", ".join(str(move) for move in allowed) or "none"
        super().__init__(f"{reason}; allowed from {current!r}: {listed}", index=index)
        self.current, self.requested, self.allowed, self.code = current, requested, allowed, code
