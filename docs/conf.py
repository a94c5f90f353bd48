"""Sphinx configuration: MyST Markdown pages, Furo theme, autodoc API reference."""

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
    ("py:class", r"servicedesk_core\._\w+\..*"),  # private helper types (_convert.Items)
    ("py:class", r"Figure|DataFrame|(matplotlib|pandas)\..*"),  # the optional notebook extras
]
nitpicky = True
myst_heading_anchors = 3
myst_fence_as_directive = ["mermaid"]  # ```mermaid fences draw, as they do on GitHub
