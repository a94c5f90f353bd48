"""An immutable set of holiday dates, optionally backed by a ``holidays`` rule.

A ``holidays`` object is a mutable dict that grows lazily as years are asked
for. :class:`HolidaySet` keeps its own immutable description instead: the
class and options that generate the holidays of any year, plus the dates the
caller added to or removed from the object. It never hands the object back out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import holidays as holidays_lib

from servicedesk_core.errors import ConfigError

__all__ = ["HolidayRule", "HolidaySet"]


@attrs.frozen
class HolidayRule:
    """How to generate one year of holidays with the ``holidays`` library."""

    factory: type[holidays_lib.HolidayBase]
    subdiv: str | None = None
    observed: bool = True
    categories: tuple[str, ...] = ()

    @classmethod
    def of(cls, source: holidays_lib.HolidayBase) -> HolidayRule:
        """Describe the rule behind a ``holidays`` object."""
        return cls(
            factory=type(source),
            subdiv=source.subdiv,
            observed=bool(source.observed),
            categories=tuple(sorted(source.categories)),
        )

    def dates(self, year: int) -> frozenset[dt.date]:
        """The holiday dates of ``year``."""
        return frozenset(
            self.factory(
                years=year,
                subdiv=self.subdiv,
                observed=self.observed,
                categories=self.categories or None,
            )
        )


def _to_dates(values: Iterable[dt.date]) -> frozenset[dt.date]:
    dates = frozenset(values)
    for value in dates:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ConfigError(f"holidays must be dates, got {value!r}", field="holidays")
    return dates


@attrs.frozen
class HolidaySet:
    """Holiday dates: a rule's dates, plus ``added``, minus ``removed``.

    >>> import holidays
    >>> us = HolidaySet.coerce(holidays.US(subdiv="TX"))
    >>> dt.date(2026, 11, 26) in us.dates_in_year(2026)
    True
    >>> HolidaySet.coerce([dt.date(2026, 12, 24)]).dates_in_year(2026)
    frozenset({datetime.date(2026, 12, 24)})
    """

    rule: HolidayRule | None = None
    added: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_to_dates)
    removed: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_to_dates)

    @classmethod
    def coerce(
        cls, value: HolidaySet | holidays_lib.HolidayBase | Iterable[dt.date] | None
    ) -> HolidaySet:
        """Accept a :class:`HolidaySet`, a ``holidays`` object, any iterable of dates or ``None``.

        Raises:
            ConfigError: an element is not a ``datetime.date``.
        """
        if value is None:
            return cls()
        if isinstance(value, HolidaySet):
            return value
        if isinstance(value, holidays_lib.HolidayBase):
            rule = HolidayRule.of(value)
            generated: set[dt.date] = set()
            for year in value.years:
                generated |= rule.dates(year)
            present = set(value)
            return cls(rule, added=present - generated, removed=generated - present)
        if isinstance(value, str | bytes):  # type: ignore[unreachable]
            raise ConfigError(
                f"expected dates or a holidays object, got {value!r}", field="holidays"
            )
        return cls(added=value)

    def dates_in_year(self, year: int) -> frozenset[dt.date]:
        """Every holiday that falls in ``year``."""
        base = self.rule.dates(year) if self.rule is not None else frozenset()
        extra = {day for day in self.added if day.year == year}
        return (base | extra) - self.removed


def to_holiday_set(
    value: HolidaySet | holidays_lib.HolidayBase | Iterable[dt.date] | None,
) -> HolidaySet:
    """Converter for calendar fields: see :meth:`HolidaySet.coerce`."""
    return HolidaySet.coerce(value)
