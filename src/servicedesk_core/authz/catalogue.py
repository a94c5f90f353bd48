"""The catalogue of work: what is included, what is billable, and after-hours billing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.authz._money import to_optional_money
from servicedesk_core.authz.decisions import reason
from servicedesk_core.calendar import Calendar, LeadTime, earliest_date
from servicedesk_core.errors import ConfigError, ServiceDeskError
from servicedesk_core.priority import PriorityLevel, PriorityScheme
from servicedesk_core.report import Issue

__all__ = ["Charge", "WorkCatalogue", "WorkKind"]


def _kind_id(value: str) -> str:
    return str(convert.text(value, "id", allow_empty=False, max_length=200))


def _description(value: str) -> str:
    return convert.text(value, "description")


def _billable(value: bool | str) -> bool:
    return convert.boolean(value, "billable")


def _price(value: Decimal | int | str | None) -> Decimal | None:
    return to_optional_money(value, field="price")


def _notice(value: LeadTime | None) -> LeadTime | None:
    return None if value is None else convert.instance(LeadTime, value, "notice")


@attrs.frozen(kw_only=True)
class WorkKind:
    """One kind of work: included in the plan, or billable (with an optional price).

    ``billable`` must be said: ``None`` is a ``ConfigError``, since nothing
    unknown is assumed free. ``notice`` is the lead time the work needs (seed
    000: new user setups are included "with proper notice", 3 business days):
    a request with less notice than that, or without the date it is needed by,
    is not included and waits for an approval.

    >>> from decimal import Decimal
    >>> WorkKind(id="on_site", description="On-site visit", billable=True, price="150").price
    Decimal('150')
    >>> WorkKind(id="x", description="x", billable=True, price=150.0)
    Traceback (most recent call last):
    ...
    servicedesk_core.errors.ConfigError: price: float 150.0 is not exact money; ...
    """

    id: str = attrs.field(converter=_kind_id)
    description: str = attrs.field(converter=_description)
    billable: bool = attrs.field(converter=_billable)
    price: Decimal | None = attrs.field(converter=_price, default=None)
    notice: LeadTime | None = attrs.field(converter=_notice, default=None)

    def __attrs_post_init__(self) -> None:
        if not self.billable and self.price is not None:
            raise ConfigError(f"included work {self.id!r} cannot have a price", field="price")


@attrs.frozen(kw_only=True)
class Charge:
    """Whether a piece of work costs money, how much if known, and why.

    Fields:

    - ``billable``: ``True`` when the work needs a billing approval.
    - ``amount``: The estimate or catalogue price; ``None`` when unknown.
    - ``currency``: The catalogue's currency.
    - ``reasons``: Why, as issues (:class:`~servicedesk_core.Issue`) of
      :data:`~servicedesk_core.AUTHZ_CODES` (``billing.billable_work``,
      ``billing.after_hours``, ``billing.uncatalogued``, ``billing.short_notice``,
      ``billing.included``, ``billing.critical_after_hours``...).
    """

    billable: bool
    amount: Decimal | None
    currency: str
    reasons: tuple[Issue, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The distinct reason codes."""
        return frozenset(reason.code for reason in self.reasons)


def _kinds(values: Iterable[WorkKind]) -> tuple[WorkKind, ...]:
    return convert.instances(values, "kinds", WorkKind)


def _currency(value: str) -> str:
    return convert.text(value, "currency", allow_empty=False, max_length=10)


def _after_hours_billable(value: bool | str) -> bool:
    return convert.boolean(value, "after_hours_billable")


def _exempt(values: Iterable[PriorityLevel | str]) -> frozenset[PriorityLevel | str]:
    return convert.frozenset_of(values, "after_hours_exempt", _level_or_name)


def _level_or_name(value: object, field: str) -> PriorityLevel | str:
    if isinstance(value, PriorityLevel):
        return value
    return convert.text(value, field, allow_empty=False, max_length=200).strip()


def _scheme(value: PriorityScheme | None) -> PriorityScheme | None:
    return None if value is None else convert.instance(PriorityScheme, value, "scheme")


_BILLABLE = frozenset(
    {
        "billing.uncatalogued",
        "billing.billable_work",
        "billing.after_hours",
        "billing.short_notice",
        "billing.notice_unknown",
    }
)


@attrs.frozen(kw_only=True)
class WorkCatalogue:
    """The kinds of work a provider offers, in one currency, and the after-hours rule.

    Args:
        kinds: Work kinds with unique ids.
        currency: ISO code every price and estimate is in.
        after_hours_billable: Whether work requested outside the account's
            business hours is billable.
        after_hours_exempt: Priority levels whose after-hours work stays
            included (the reseller guide: Critical): levels, or their names
            when ``scheme`` is given.
        scheme: The priority scheme tickets' priorities belong to: names
            (``"Critical"``) resolve against it, and a name it lacks is reported
            (``billing.priority_unknown``) and never exempt.

    >>> catalogue = WorkCatalogue(kinds=[WorkKind(id="reset", description="Password reset",
    ...                                           billable=False)])
    >>> catalogue["reset"].billable
    False
    """

    kinds: tuple[WorkKind, ...] = attrs.field(converter=_kinds, factory=tuple)
    currency: str = attrs.field(default="USD", converter=_currency)
    after_hours_billable: bool = attrs.field(default=True, converter=_after_hours_billable)
    after_hours_exempt: frozenset[PriorityLevel] = attrs.field(converter=_exempt, factory=frozenset)
    scheme: PriorityScheme | None = attrs.field(default=None, converter=_scheme)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for kind in self.kinds:
            if kind.id in seen:
                raise ConfigError(f"duplicate work kind {kind.id!r}", field=f"kinds[{kind.id}]")
            seen.add(kind.id)
        exempt = set()
        for level in self.after_hours_exempt:
            if self.scheme is None:
                if not isinstance(level, PriorityLevel):
                    raise ConfigError(
                        f"a level name ({level!r}) needs the scheme: set scheme=",
                        field="after_hours_exempt",
                    )
                exempt.add(level)
                continue
            try:
                exempt.add(self.scheme.level(level))
            except ServiceDeskError as error:
                raise ConfigError(str(error), field="after_hours_exempt") from None
        object.__setattr__(self, "after_hours_exempt", frozenset(exempt))

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
        priority: PriorityLevel | str | None = None,
        estimate: Decimal | None = None,
        needed_on: dt.date | str | None = None,
    ) -> Charge:
        """Return whether ``work`` requested at ``at`` is billable, and for how much.

        Work is billable when its kind is billable, when its kind is not in the
        catalogue (nothing unknown is assumed free), when its kind needs notice
        and ``needed_on`` is unknown or sooner than the notice allows (counted
        on ``calendar``), or when it is requested after hours and its priority
        is not exempt. ``work=None`` is a plain support request
        (troubleshooting). ``estimate`` wins over the price. A priority may be
        given as a level or by name (resolved against ``scheme``).

        Raises:
            NaiveDatetimeError: ``at`` has no timezone.
            ConfigError: ``needed_on`` is not a date (nor ISO text).

        >>> from datetime import datetime, timezone
        >>> from servicedesk_core import FOUR_TIER, BusinessCalendar, WeeklyHours
        >>> hours = BusinessCalendar(timezone="UTC", hours=WeeklyHours.parse("Mon-Fri 09:00-17:00"))
        >>> catalogue = WorkCatalogue(
        ...     kinds=[WorkKind(id="reset", description="Password reset", billable=False)],
        ...     after_hours_exempt={"Critical"},
        ...     scheme=FOUR_TIER,
        ... )
        >>> night = datetime(2026, 3, 10, 22, tzinfo=timezone.utc)
        >>> catalogue.charge("reset", at=night, calendar=hours, priority=FOUR_TIER["High"]).codes
        frozenset({'billing.after_hours'})
        >>> catalogue.charge("reset", at=night, calendar=hours, priority="critical").billable
        False
        >>> sorted(catalogue.charge("ivr", at=night, calendar=hours).codes)
        ['billing.after_hours', 'billing.uncatalogued']
        """
        reasons: list[Issue] = []
        kind = self.get(work)
        amount = estimate
        if work is not None and kind is None:
            reasons.append(
                reason(
                    "billing.uncatalogued", f"{work!r} is not in the catalogue; it may incur cost"
                )
            )
        elif kind is not None and kind.billable:
            reasons.append(reason("billing.billable_work", f"{kind.description} is billable"))
            amount = estimate if estimate is not None else kind.price
        if kind is not None and kind.notice is not None:
            needed = None if needed_on is None else convert.date(needed_on, "needed_on")
            reasons += _notice_reasons(kind, kind.notice, at, needed, calendar)
        if self.is_after_hours(at, calendar):
            level, unknown = self._level(priority)
            reasons += unknown
            if level is not None and level in self.after_hours_exempt:
                reasons.append(
                    reason(
                        "billing.critical_after_hours",
                        f"after-hours work at priority {level} is included",
                    )
                )
            elif self.after_hours_billable:
                reasons.append(reason("billing.after_hours", "after-hours support is billable"))
        billable = any(item.code in _BILLABLE for item in reasons)
        if not billable:
            reasons.append(reason("billing.included", "included in the plan"))
        return Charge(
            billable=billable, amount=amount, currency=self.currency, reasons=tuple(reasons)
        )

    def _level(
        self, priority: PriorityLevel | str | None
    ) -> tuple[PriorityLevel | None, list[Issue]]:
        """The level ``priority`` names in this catalogue's scheme, or why it names none."""
        if priority is None or isinstance(priority, PriorityLevel):
            return priority, []
        if self.scheme is None:  # no scheme: a name matches an exempt level's name
            folded = priority.strip().casefold()
            named = [level for level in self.after_hours_exempt if level.name.casefold() == folded]
            return (named[0] if len(named) == 1 else None), []
        try:
            return self.scheme.level(priority), []
        except ServiceDeskError:
            message = (
                f"priority {convert.brief(priority)} is not a level of {self.scheme.name!r} "
                f"({', '.join(self.scheme.names)}); it is not exempt"
            )
            return None, [reason("billing.priority_unknown", message)]


def _notice_reasons(
    kind: WorkKind,
    notice: LeadTime,
    at: dt.datetime,
    needed_on: dt.date | None,
    calendar: Calendar,
) -> list[Issue]:
    """Why work that needs notice is not included: no date it is needed by, or too soon."""
    if needed_on is None:
        return [
            reason(
                "billing.notice_unknown",
                f"{kind.description} needs notice ({notice.describe()}) but no date it is "
                "needed by was given; it is included only with proper notice",
            )
        ]
    earliest = earliest_date(notice, at, calendar).earliest
    if needed_on >= earliest:
        return []
    return [
        reason(
            "billing.short_notice",
            f"{kind.description} is needed on {needed_on.isoformat()}, sooner than its "
            f"notice allows (earliest {earliest.isoformat()}: {notice.describe()}); "
            "a rushed request needs an approval",
        )
    ]
