"""The stable codes of escalation problems found in user data (event logs)."""

from __future__ import annotations

from servicedesk_core.report import CodeBook, IssueCode, Severity

__all__ = ["ESCALATION_CODES"]

_ERROR = Severity.ERROR

ESCALATION_CODES = CodeBook(
    [
        IssueCode("log.empty", _ERROR, "The log is empty; it starts with a Created event."),
        IssueCode("log.first", _ERROR, "The log does not start with a Created event."),
        IssueCode("log.created_twice", _ERROR, "A Created event that is not the first."),
        IssueCode("log.not_event", _ERROR, "Something in the log is not an event."),
        IssueCode("log.order", _ERROR, "An event is earlier than the event before it."),
        IssueCode(
            "log.unknown_status", _ERROR, "A StatusChanged names a status the workflow lacks."
        ),
        IssueCode("log.unknown_team", _ERROR, "An Assigned names a team the routing lacks."),
        IssueCode("log.unknown_tier", _ERROR, "An Assigned names a tier no team is at."),
        IssueCode("lifecycle.not_allowed", _ERROR, "The workflow has no such move from here."),
        IssueCode("lifecycle.wrong_event", _ERROR, "The move exists but takes another event."),
        IssueCode("lifecycle.closed", _ERROR, "A closed ticket moves only by reopening."),
        IssueCode("lifecycle.note_required", _ERROR, "Resolving needs a resolution note."),
        IssueCode("lifecycle.reopen_window", _ERROR, "The reopen comes too long after closing."),
        IssueCode("lifecycle.survey_early", _ERROR, "A survey answer before the resolution."),
    ]
)
"""Every code :meth:`~servicedesk_core.Workflow.check` may report; ``replay``
raises with the same codes (``TransitionError.code`` for the ``lifecycle.*`` ones)."""
