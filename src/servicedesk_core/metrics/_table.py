"""Notebook output (private): every result is flat rows, and a DataFrame with pandas.

``to_rows()`` always works: a list of dicts of plain values (text, numbers,
booleans, ``None``, aware datetimes). ``to_frame()`` needs the optional
``pandas`` extra and is the only place this package imports pandas.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

__all__ = ["Plain", "Row", "Table", "optional_module"]

Plain = str | int | float | bool | dt.datetime | dt.date | None
"""A value a row may hold."""

Row = dict[str, Plain]
"""One flat row of a result."""

_EXTRAS = {"pandas": "pandas", "matplotlib": "plot", "tqdm": "progress"}


def optional_module(name: str) -> Any:
    """Import an optional dependency, or say which extra installs it.

    Raises:
        ModuleNotFoundError: the module is not installed; the message names the extra.
    """
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        extra = _EXTRAS.get(name.partition(".")[0], name)
        raise ModuleNotFoundError(
            f"{name} is needed for this; install it with: pip install 'servicedesk-core[{extra}]'",
            name=error.name,
        ) from error


class Table:
    """A result that turns into flat rows, and into a ``pandas.DataFrame``."""

    __slots__ = ()

    def to_rows(self) -> list[Row]:
        """Return the result as a list of flat dicts of plain values."""
        raise NotImplementedError

    def to_frame(self) -> pandas.DataFrame:
        """Return :meth:`to_rows` as a ``pandas.DataFrame`` (needs the ``pandas`` extra).

        Raises:
            ModuleNotFoundError: pandas is not installed.
        """
        frame: pandas.DataFrame = optional_module("pandas").DataFrame(self.to_rows())
        return frame
