"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``.
"""

from __future__ import annotations

__all__: list[str] = []


def register_type_strategies() -> None:
    """Register the strategies for ``st.from_type`` (called by the hypothesis plugin)."""
