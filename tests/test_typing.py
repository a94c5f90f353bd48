"""Types for users: ``mypy --strict`` accepts the code users write.

The examples, ``typing_tests/`` (lists, sets, names and dates as text), the
README's snippet and every Python code block of the docs are checked as user
code. They pass because constructors are typed as taking ``Iterable[...]`` and
the plain forms, never because of casts. The docs read like a notebook session
(a name is reused for a new value), so their blocks are checked with
``--allow-redefinition``; everything else is ``--strict`` as it stands, optional
results included, and every file must pass.
"""

from __future__ import annotations

import collections
import re
import runpy
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).parents[1]
FENCE = re.compile(r"^```(?:python|pycon)\s*$")


def code_blocks(markdown: str) -> list[list[str]]:
    """The lines of each Python code block of a Markdown page."""
    blocks, block = [], None
    for line in markdown.splitlines():
        if block is None:
            block = [] if FENCE.match(line) else None
        elif line.startswith("```"):
            blocks.append(block)
            block = None
        else:
            block.append(line)
    return blocks


def statements(block: list[str]) -> list[str]:
    """A block's source: doctest statements (except those showing an error), or the block."""
    if not any(line.startswith(">>>") for line in block):
        return block
    source: list[str] = []
    current: list[str] = []
    for line in block:
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            if line.startswith(">>>") and current:
                source += current
                current = []
            current.append(line[4:])
        elif current and line.startswith("Traceback"):
            current = []  # an example of misuse: it is meant to fail
        elif current:
            source += current
            current = []
    return source + current


def extract(markdown: Path, target: Path) -> Path:
    lines = [line for block in code_blocks(markdown.read_text()) for line in statements(block)]
    module = target / f"doc_{markdown.stem}.py"
    module.write_text("\n".join(lines) + "\n")
    return module


def failing_files(*args: str) -> dict[str, list[str]]:
    """The files mypy --strict finds errors in, with their errors."""
    out, err, _status = api.run(["--strict", "--no-error-summary", *args])
    errors = collections.defaultdict(list)
    for line in (out + err).splitlines():
        errors[Path(line.split(":", 1)[0]).name].append(line)
    return dict(errors)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    target = tmp_path_factory.mktemp("docs")
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [str(extract(page, target)) for page in pages if code_blocks(page.read_text())]


def test_examples_readme_and_docs_pass_mypy_strict(docs: list[str]) -> None:
    code = failing_files(str(ROOT / "examples"), str(ROOT / "typing_tests"))
    guides = failing_files("--allow-redefinition", *docs)
    assert {} == {**code, **guides}


def test_typing_tests_run() -> None:
    """The plain forms are not only accepted by mypy: they build the same values at runtime."""
    runpy.run_path(str(ROOT / "typing_tests" / "plain_forms.py"))
