"""Junk for the fuzz tests: wrong types, None, random and very long strings."""

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from servicedesk_core import ConfigError

LONG_TEXT = "9" * 20_000
"""Longer than any field accepts (``_convert.MAX_TEXT``)."""

SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.just(LONG_TEXT),
    st.binary(max_size=5),
    st.datetimes(),
    st.dates(),
    st.timedeltas(),
)
JUNK: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Anything a host might pass by mistake."""

MEGABYTE = "1" * 1_000_000
"""A pasted megabyte: every parser gives a verdict on it within 100 ms."""


def refused_or_built(build: Callable[[], object], *documented: type[BaseException]) -> object:
    """The value built, or ``None`` for a ConfigError naming its field (or a documented error)."""
    field = "unset"
    try:
        return build()
    except ConfigError as error:
        field = error.field or ""
    except documented:
        return None
    assert field  # every refusal names its field
    return None


def verdict_time(call: Callable[[], object], *errors: type[BaseException]) -> float:
    """Seconds ``call`` takes to return or raise one of ``errors``: the best of three tries.

    The garbage collector is off while it runs, and the best try counts: a pause of
    the test process or of the shared machine is not the code's cost, and a call
    that is slow every time still fails the bound.
    """
    best = float("inf")
    for _ in range(3):
        gc.disable()
        started = time.perf_counter()
        try:
            with contextlib.suppress(*errors):
                call()
        finally:
            best = min(best, time.perf_counter() - started)
            gc.enable()
    return best


def some_datetime() -> dt.datetime:
    return dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
