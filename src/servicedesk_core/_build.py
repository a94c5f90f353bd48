"""Cheap construction of frozen values from already converted fields (private).

The SLA engine builds several frozen attrs objects per evaluated ticket (its
cycles, metric reports, the report itself) from values it computed or took
from objects that converted them already. :func:`builder` gives such a class a
positional constructor that skips the converters and sets each slot through
its descriptor: about half the cost of the ``__init__`` attrs writes, which
passes fields by keyword and sets each through ``object.__setattr__``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["builder"]

T = TypeVar("T")


def builder(cls: type[T]) -> Callable[..., T]:
    """Return ``build(*fields)`` for a frozen slotted attrs class, fields in definition order.

    Only for values that are already what the fields hold: nothing is
    converted or validated, and ``__attrs_post_init__`` does not run.

    >>> @attrs.frozen
    ... class Pair:
    ...     left: int
    ...     right: int = attrs.field(converter=int)
    >>> builder(Pair)(1, 2) == Pair(1, 2)
    True
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    params = [f"v{i}" for i in range(len(names))]
    lines = [f"def build({', '.join(params)}):", "    self = new(cls)"]
    lines += [f"    set{i}(self, v{i})" for i in range(len(names))]
    lines.append("    return self")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace |= {f"set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)}
    exec("\n".join(lines), namespace)  # unrolled, as attrs writes __init__
    build: Callable[..., T] = namespace["build"]
    build.__qualname__ = f"builder({cls.__qualname__})"
    return build
