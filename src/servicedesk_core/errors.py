"""Every exception servicedesk_core raises.

One root, :class:`ServiceDeskError`; each subclass also inherits the builtin
category it belongs to, so callers can catch either.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DeadlineUnreachableError",
    "EventLogError",
    "InvalidIntervalError",
    "NaiveDatetimeError",
    "ServiceDeskError",
]


class ServiceDeskError(Exception):
    """Root of every error raised by servicedesk_core."""


class ConfigError(ServiceDeskError, ValueError):
    """A calendar, policy or rule set is inconsistent.

    Attributes:
        field: Path of the offending field (``"hours"``, ``"overrides[2026-12-24]"``),
            or ``None`` when the error is not about one field.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class NaiveDatetimeError(ServiceDeskError, ValueError):
    """A datetime without tzinfo was given where an instant is needed."""

    def __init__(self, value: object) -> None:
        super().__init__(
            f"naive datetime {value!r}: pass a timezone-aware datetime "
            "(servicedesk_core never guesses a timezone)"
        )
        self.value = value


class DeadlineUnreachableError(ServiceDeskError, ArithmeticError):
    """No amount of open time can be found within the calendar's horizon."""


class InvalidIntervalError(ServiceDeskError, ValueError):
    """An interval whose end is before its start."""

    def __init__(self, start: object, end: object) -> None:
        super().__init__(f"interval ends ({end}) before it starts ({start})")
        self.start, self.end = start, end


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
