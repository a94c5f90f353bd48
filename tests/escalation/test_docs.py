"""The guide's drawing of the default workflow is the workflow's own Mermaid output."""

from __future__ import annotations

import pathlib
import re

from servicedesk_core import DEFAULT_WORKFLOW

GUIDE = pathlib.Path(__file__).resolve().parent.parent.parent / "docs" / "escalation.md"


def test_the_guide_draws_the_default_workflow_as_it_is() -> None:
    drawings = re.findall(r"```mermaid\n(.*?)```", GUIDE.read_text(), flags=re.S)
    assert [DEFAULT_WORKFLOW.to_mermaid() + "\n"] == drawings
