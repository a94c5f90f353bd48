"""Sphinx configuration: MyST Markdown pages, Furo theme, autodoc API reference."""

project = "servicedesk_core"
author = "servicedesk_core contributors"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
nitpicky = True
myst_heading_anchors = 3
