"""The catalogue of work: what is included, what is billable, and after-hours billing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from servicedesk_core._time import to_us
from servicedesk_core.authz._money import to_optional_money
from servicedesk_core.calendar import Calendar
from servicedesk_core.errors import ConfigError
from servicedesk_core.priority import PriorityLevel

__all__ = ["Charge", "WorkCatalogue", "WorkKind"]


def _price(value: object) -> Decimal | None:
    return to_optional_money(value, field="price")


@attrs.frozen(kw_only=True)
class WorkKind:
    """One kind of work: included in the plan, or billable (with an optional price).

    >>> from decimal import Decimal
    >>> WorkKind(id="on_site", description="On-site visit", billable=True, price=Decimal("150"))
    WorkKind(id='on_site', description='On-site visit', billable=True, price=Decimal('150'))
    >>> WorkKind(id="x", description="x", billable=True, price=150.0)
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: price: float 150.0 is not exact money; ...
    """

    id: str
    description: str
    billable: bool
    price: Decimal | None = attrs.field(converter=_price, default=None)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            raise ConfigError("a work kind needs an id", field="id")
        if not self.billable and self.price is not None:
            raise ConfigError(f"included work {self.id!r} cannot have a price", field="price")


@attrs.frozen(kw_only=True)
class Charge:
    """Whether a piece of work costs money, how much if known, and why.

    Fields:

    - ``billable``: ``True`` when the work needs a billing approval.
    - ``amount``: The estimate or catalogue price; ``None`` when unknown.
    - ``currency``: The catalogue's currency.
    - ``codes``: Stable reason codes (``billing.billable_work``, ``billing.after_hours``,
      ``billing.uncatalogued``, ``billing.included``, ``billing.critical_after_hours``).
    - ``messages``: One human sentence per code.
    """

    billable: bool
    amount: Decimal | None
    currency: str
    codes: tuple[str, ...]
    messages: tuple[str, ...]


def _kinds(values: Iterable[WorkKind]) -> tuple[WorkKind, ...]:
    return tuple(values)


def _levels(values: Iterable[PriorityLevel]) -> frozenset[PriorityLevel]:
    levels = frozenset(values)
    for level in levels:
        if not isinstance(level, PriorityLevel):
            raise ConfigError(
                f"expected a PriorityLevel, got {level!r}", field="after_hours_exempt"
            )
    return levels


@attrs.frozen(kw_only=True)
class WorkCatalogue:
    """The kinds of work a provider offers, in one currency, and the after-hours rule.

    Args:
        kinds: Work kinds with unique ids.
        currency: ISO code every price and estimate is in.
        after_hours_billable: Whether work requested outside the account's
            business hours is billable.
        after_hours_exempt: Priority levels whose after-hours work stays
            included (the reseller guide: Critical).

    >>> catalogue = WorkCatalogue(kinds=[WorkKind(id="reset", description="Password reset",
    ...                                           billable=False)])
    >>> catalogue["reset"].billable
    False
    """

    kinds: tuple[WorkKind, ...] = attrs.field(converter=_kinds, factory=tuple)
    currency: str = "USD"
    after_hours_billable: bool = True
    after_hours_exempt: frozenset[PriorityLevel] = attrs.field(converter=_levels, factory=frozenset)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for kind in self.kinds:
            if not isinstance(kind, WorkKind):
                raise ConfigError(f"expected a WorkKind, got {kind!r}", field="kinds")
            if kind.id in seen:
                raise ConfigError(f"duplicate work kind {kind.id!r}", field=f"kinds[{kind.id}]")
            seen.add(kind.id)
        if not self.currency:
            raise ConfigError("a catalogue has one currency", field="currency")

    def __getitem__(self, kind_id: str) -> WorkKind:
        for kind in self.kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(f"no work kind {kind_id!r}")

    def __contains__(self, kind_id: object) -> bool:
        return any(kind.id == kind_id for kind in self.kinds)

    def get(self, kind_id: str | None) -> WorkKind | None:
        """Return the work kind ``kind_id``, or ``None`` (also for ``None``)."""
        return next((kind for kind in self.kinds if kind.id == kind_id), None)

    @property
    def included(self) -> tuple[WorkKind, ...]:
        """The kinds included in the plan."""
        return tuple(kind for kind in self.kinds if not kind.billable)

    @property
    def billable(self) -> tuple[WorkKind, ...]:
        """The kinds that may require approval."""
        return tuple(kind for kind in self.kinds if kind.billable)

    def is_after_hours(self, at: dt.datetime, calendar: Calendar) -> bool:
        """Return whether ``at`` falls outside ``calendar``'s open hours.

        Raises:
            NaiveDatetimeError: ``at`` has no timezone.

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import BusinessCalendar, WeeklyHours
        >>> hours = BusinessCalendar(timezone="UTC", hours=WeeklyHours.parse("Mon-Fri 09:00-17:00"))
        >>> WorkCatalogue().is_after_hours(datetime(2026, 3, 14, 12, tzinfo=timezone.utc), hours)
        True
        """
        to_us(at)
        return not calendar.is_open(at)

    def charge(
        self,
        work: str | None,
        *,
        at: dt.datetime,
        calendar: Calendar,
        priority: PriorityLevel | None = None,
        estimate: Decimal | None = None,
    ) -> Charge:
        """Return whether ``work`` requested at ``at`` is billable, and for how much.

        Work is billable when its kind is billable, when its kind is not in the
        catalogue (nothing unknown is assumed free), or when it is requested
        after hours and its priority is not exempt. ``work=None`` is a plain
        support request (troubleshooting). ``estimate`` wins over the price.

        Raises:
            NaiveDatetimeError: ``at`` has no timezone.

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar, WeeklyHours
        >>> hours = BusinessCalendar(timezone="UTC", hours=WeeklyHours.parse("Mon-Fri 09:00-17:00"))
        >>> catalogue = WorkCatalogue(
        ...     kinds=[WorkKind(id="reset", description="Password reset", billable=False)],
        ...     after_hours_exempt={FOUR_TIER["Critical"]},
        ... )
        >>> night = datetime(2026, 3, 10, 22, tzinfo=timezone.utc)
        >>> catalogue.charge("reset", at=night, calendar=hours, priority=FOUR_TIER["High"]).codes
        ('billing.after_hours',)
        >>> catalogue.charge("reset", at=night, calendar=hours,
        ...                  priority=FOUR_TIER["Critical"]).billable
        False
        >>> catalogue.charge("ivr", at=night, calendar=hours).codes
        ('billing.uncatalogued', 'billing.after_hours')
        """
        codes: list[str] = []
        messages: list[str] = []
        kind = self.get(work)
        amount = estimate
        if work is not None and kind is None:
            codes.append("billing.uncatalogued")
            messages.append(f"{work!r} is not in the catalogue; it may incur cost")
        elif kind is not None and kind.billable:
            codes.append("billing.billable_work")
            messages.append(f"{kind.description} is billable")
            amount = estimate if estimate is not None else kind.price
        if self.is_after_hours(at, calendar):
            if priority is not None and priority in self.after_hours_exempt:
                codes.append("billing.critical_after_hours")
                messages.append(f"after-hours work at priority {priority} is included")
            elif self.after_hours_billable:
                codes.append("billing.after_hours")
                messages.append("after-hours support is billable")
        billable = any(
            code in ("billing.uncatalogued", "billing.billable_work", "billing.after_hours")
            for code in codes
        )
        if not billable:
            codes.append("billing.included")
            messages.append("included in the plan")
        return Charge(
            billable=billable,
            amount=amount,
            currency=self.currency,
            codes=tuple(codes),
            messages=tuple(messages),
        )
