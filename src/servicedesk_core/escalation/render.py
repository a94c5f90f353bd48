"""Drawing a workflow: a Markdown table, Mermaid and Graphviz DOT text (for docs and admin UIs)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from servicedesk_core.escalation.state import StatusCategory

if TYPE_CHECKING:
    from servicedesk_core.escalation.workflow import Move, Workflow

__all__ = ["dot", "mermaid", "table"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _say(duration: dt.timedelta) -> str:
    """A duration in words where it is whole days (``7 days``), else as ``str`` does."""
    if duration.seconds or duration.microseconds:
        return str(duration)
    return f"{duration.days} day{'s' if duration.days != 1 else ''}"


def _guard(workflow: Workflow, source: str, move: Move) -> str:
    if move.requires:
        return f"needs a {', '.join(move.requires)}"
    closed = workflow.category(source) is StatusCategory.CLOSED
    if move.event == "Reopened" and closed and workflow.reopen_within is not None:
        return f"within {_say(workflow.reopen_within)} of closing"
    if move.event == "Closed" and workflow.survey_on_close:
        return "makes a survey due"
    return ""


def table(workflow: Workflow) -> str:
    """Return the transition table as Markdown: from, to, event, guard.

    >>> from servicedesk_core.escalation import DEFAULT_WORKFLOW
    >>> print(table(DEFAULT_WORKFLOW).splitlines()[-1])
    | closed | open | Reopened | within 7 days of closing |
    """
    rows = ["| from | to | event | guard |", "|---|---|---|---|"]
    for status in workflow.statuses:
        for move in workflow.moves(status.name):
            guard = _guard(workflow, status.name, move)
            rows.append(f"| {status.name} | {move.target} | {move.event} | {guard} |")
    return "\n".join(rows)


def _mermaid_label(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


def mermaid(workflow: Workflow) -> str:
    r"""Return the workflow as a Mermaid ``stateDiagram-v2`` (states keep their names).

    >>> from servicedesk_core.escalation import DEFAULT_WORKFLOW
    >>> print("\n".join(mermaid(DEFAULT_WORKFLOW).splitlines()[:3]))
    stateDiagram-v2
        [*] --> new
        new --> open : StatusChanged
    """
    ids: dict[str, str] = {}
    lines = ["stateDiagram-v2"]
    for index, status in enumerate(workflow.statuses):
        if _IDENTIFIER.fullmatch(status.name) and status.name not in ("state", "end"):
            ids[status.name] = status.name
        else:
            ids[status.name] = f"s{index}"
            lines.append(f'    state "{_mermaid_label(status.name)}" as s{index}')
    lines.append(f"    [*] --> {ids[workflow.initial]}")
    for status in workflow.statuses:
        for move in workflow.moves(status.name):
            lines.append(f"    {ids[status.name]} --> {ids[move.target]} : {move.event}")
    lines.append(f"    {ids[workflow.closed_status]} --> [*]")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(workflow: Workflow) -> str:
    r"""Return the workflow as Graphviz DOT text; the closed status is drawn as a final state.

    >>> from servicedesk_core.escalation import DEFAULT_WORKFLOW
    >>> print("\n".join(dot(DEFAULT_WORKFLOW).splitlines()[:3]))
    digraph "default" {
        rankdir=LR;
        "new" [shape=circle];
    """
    lines = [f"digraph {_quoted(workflow.name)} {{", "    rankdir=LR;"]
    for status in workflow.statuses:
        shape = {
            StatusCategory.NEW: "circle",
            StatusCategory.CLOSED: "doublecircle",
        }.get(status.category, "box")
        lines.append(f"    {_quoted(status.name)} [shape={shape}];")
    for status in workflow.statuses:
        for move in workflow.moves(status.name):
            edge = f"{_quoted(status.name)} -> {_quoted(move.target)}"
            lines.append(f"    {edge} [label={_quoted(move.event)}];")
    lines.append("}")
    return "\n".join(lines)
