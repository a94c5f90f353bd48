"""An immutable set of holiday dates, optionally backed by a ``holidays`` rule.

A ``holidays`` object is a mutable dict that grows lazily as years are asked
for. :class:`HolidaySet` keeps its own immutable description instead: the
class and options that generate the holidays of any year, plus the dates the
caller added to or removed from the object. It never hands the object back out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeAlias

import attrs
import holidays as holidays_lib
from holidays.registry import EntityLoader

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError

__all__ = ["HolidayRule", "HolidaySet"]


def _factory(
    value: type[holidays_lib.HolidayBase] | EntityLoader,
) -> type[holidays_lib.HolidayBase]:
    # holidays.US is a lazy loader of the class
    given: object = value.get_entity() if isinstance(value, EntityLoader) else value
    if not (isinstance(given, type) and issubclass(given, holidays_lib.HolidayBase)):
        raise ConfigError(
            f"expected a holidays class such as holidays.US, got {convert.describe(value)}",
            field="factory",
        )
    return given


def _subdiv(value: str | None) -> str | None:
    return None if value is None else convert.text(value, "subdiv", max_length=20)


def _observed(value: bool | str) -> bool:
    return convert.boolean(value, "observed")


def _categories(value: Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(value, "categories", convert.text)


@attrs.frozen
class HolidayRule:
    """How to generate one year of holidays with the ``holidays`` library."""

    factory: type[holidays_lib.HolidayBase] = attrs.field(converter=_factory)
    subdiv: str | None = attrs.field(default=None, converter=_subdiv)
    observed: bool = attrs.field(default=True, converter=_observed)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)

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


def _to_dates(values: Iterable[dt.date | str]) -> frozenset[dt.date]:
    return convert.frozenset_of(values, "holidays", convert.date)


def _rule(value: HolidayRule | None) -> HolidayRule | None:
    return None if value is None else convert.instance(HolidayRule, value, "rule")


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

    rule: HolidayRule | None = attrs.field(default=None, converter=_rule)
    added: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_to_dates)
    removed: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_to_dates)

    @classmethod
    def coerce(cls, value: HolidaysLike) -> HolidaySet:
        """Accept a :class:`HolidaySet`, a ``holidays`` object, dates (or ISO text) or ``None``.

        Raises:
            ConfigError: anything else, or an element that is not a date (a datetime is not).
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
        return cls(added=value)

    def dates_in_year(self, year: int) -> frozenset[dt.date]:
        """Every holiday that falls in ``year``."""
        base = self.rule.dates(year) if self.rule is not None else frozenset()
        extra = {day for day in self.added if day.year == year}
        return (base | extra) - self.removed


HolidaysLike: TypeAlias = HolidaySet | holidays_lib.HolidayBase | Iterable[dt.date | str] | None
"""What a calendar's ``holidays`` accepts."""


def to_holiday_set(value: HolidaysLike) -> HolidaySet:
    """Converter for calendar fields: see :meth:`HolidaySet.coerce`."""
    return HolidaySet.coerce(value)
