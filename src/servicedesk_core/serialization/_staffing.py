"""Staffing forms: workloads, targets, queue models, forecasts and simulated desks."""

from __future__ import annotations

from collections.abc import Mapping

from servicedesk_core.serialization._core import Form, Json, attrs_form, form_of, register
from servicedesk_core.sla import PolicySet, SLAPolicy
from servicedesk_core.staffing import (
    Arrivals,
    Desk,
    ErlangA,
    ErlangC,
    Forecast,
    Roster,
    StaffingTarget,
    Workload,
)


def _load_policy(value: Json) -> SLAPolicy | PolicySet:
    """A policy set is the object with ``rules``; anything else loads as one policy."""
    kind = PolicySet if isinstance(value, Mapping) and "rules" in value else SLAPolicy
    return form_of(kind).load(value)  # type: ignore[no-any-return]


register(
    SLAPolicy | PolicySet,
    Form(
        dump=lambda value: form_of(type(value)).dump(value),
        load=_load_policy,
        schema=lambda schemas: {"anyOf": [schemas.ref(SLAPolicy), schemas.ref(PolicySet)]},
    ),
)
for _cls in (Workload, StaffingTarget, ErlangC, ErlangA, Forecast, Arrivals, Roster, Desk):
    attrs_form(_cls)
