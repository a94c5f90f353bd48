"""Registers servicedesk_core types for ``st.from_type`` (hypothesis entry point)."""

from __future__ import annotations


def _register() -> None:
    """Called by hypothesis when it loads its plugins."""
    from servicedesk_core.testing import strategies

    strategies.register_type_strategies()
