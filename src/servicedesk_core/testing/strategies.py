"""Hypothesis strategies for servicedesk_core values.

The project's own tests use exactly these. Options are keyword-only, named in
Hypothesis's style (``min_value``/``max_value``); bad options raise
``hypothesis.errors.InvalidArgument``.
"""

from __future__ import annotations

from servicedesk_core.testing import _onboarding
from servicedesk_core.testing._onboarding import phone_number_texts, phone_numbers, port_orders

__all__: list[str] = ["phone_number_texts", "phone_numbers", "port_orders"]


def register_type_strategies() -> None:
    """Register the strategies for ``st.from_type`` (called by the hypothesis plugin)."""
    _onboarding.register()
