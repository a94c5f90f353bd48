"""Registers servicedesk_core types for ``st.from_type`` (hypothesis entry point).

Every class of ``servicedesk_core.__all__`` (enums and protocols aside:
hypothesis draws enums itself) is registered. Hypothesis loads this while it is itself being
imported, possibly from inside ``servicedesk_core.testing.strategies``; so the
strategies are looked up lazily, in ``servicedesk_core.testing._registry``.
"""

from __future__ import annotations

import enum
from typing import Any


def public_classes() -> list[type]:
    """The classes of ``servicedesk_core.__all__`` that ``st.from_type`` should know."""
    import servicedesk_core

    found = []
    for name in servicedesk_core.__all__:
        value = getattr(servicedesk_core, name)
        protocol = getattr(value, "_is_protocol", False)
        if (
            isinstance(value, type)
            and not issubclass(value, BaseException | enum.Enum)
            and not protocol
        ):
            found.append(value)
    return found


def _register() -> None:
    """Called by hypothesis when it loads its plugins."""
    from hypothesis import strategies as st

    def lazy(kind: type) -> st.SearchStrategy[Any]:
        def build() -> st.SearchStrategy[Any]:
            from servicedesk_core.testing._registry import strategy_for

            return strategy_for(kind)

        return st.deferred(build)

    for kind in public_classes():
        st.register_type_strategy(kind, lazy(kind))
