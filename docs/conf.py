"""Sphinx configuration: MyST Markdown pages, Furo theme, autodoc API reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pytest collects this file too, and the dev extra has no Sphinx
    from sphinx.application import Sphinx

project = "servicedesk_core"
author = "servicedesk_core contributors"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinxcontrib.mermaid",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
napoleon_use_ivar = True  # "Attributes:" of attrs classes would otherwise be documented twice
# No network at build time, so no intersphinx: references to other projects'
# types are left plain instead of failing the nitpicky build.
nitpick_ignore_regex = [
    ("py:.*", r"(datetime|zoneinfo|collections|typing|attrs|holidays|hypothesis|threading)\b.*"),
    ("py:.*", r"(dt|st)\..*"),
    ("py:class", r"(int|str|bool|float|object|type|tuple|dict|list|frozenset|set|bytes)"),
    ("py:class", r"Decimal|Iterator|Iterable|Mapping|Sequence|Callable|Literal|TypeAlias"),
    ("py:class", r"decimal\.Decimal"),
    ("py:class", r".*\._[A-Z]\w*"),  # private TypeVars in signatures
    ("py:class", r"OverridesLike"),  # a type alias: a mapping or pairs, date -> hours
    ("py:class", r"servicedesk_core\._\w+\..*"),  # private helper types (_convert.Items)
    ("py:class", r"Figure|DataFrame|(matplotlib|pandas)\..*"),  # the optional notebook extras
]
nitpicky = True
myst_heading_anchors = 3
myst_fence_as_directive = ["mermaid"]  # ```mermaid fences draw, as they do on GitHub


def _constants_reference() -> str:
    """The public constants of ``servicedesk_core``, each with the docstring written under it.

    autodoc finds no docstring for data that ``__init__`` imports, so the API
    page lists them from the modules that define them.
    """
    import ast
    import inspect
    import itertools
    import pathlib
    import textwrap

    import servicedesk_core

    public = [
        name
        for name in servicedesk_core.__all__
        if not callable(value := getattr(servicedesk_core, name))
        and not inspect.isclass(value)
        and not name.startswith("_")
        and type(value).__module__ != "types"  # type aliases (Principal) are not constants
    ]
    found: dict[str, str] = {}
    for path in sorted(pathlib.Path(servicedesk_core.__file__).parent.rglob("*.py")):
        body = ast.parse(path.read_text()).body
        for node, after in itertools.pairwise(body):
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            name = getattr(targets[0], "id", None)
            documented = isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
            if name in public and documented:
                found.setdefault(name, inspect.cleandoc(after.value.value))
    missing = [name for name in public if name not in found]
    if missing:
        raise RuntimeError(f"public constants without a docstring: {', '.join(missing)}")
    entries = [f".. py:data:: {name}\n\n{textwrap.indent(found[name], '   ')}\n" for name in public]
    return "\n".join([".. py:currentmodule:: servicedesk_core\n", *entries])


def _add_constants(_app: object, docname: str, source: list[str]) -> None:
    if docname == "api":
        source[0] = source[0].replace("{{ constants }}", _constants_reference())


def setup(app: Sphinx) -> None:
    """Fill the API page's constants section at build time."""
    app.connect("source-read", _add_constants)
