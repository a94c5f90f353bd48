"""Staffing forms: workloads, targets, queue models and forecasts."""

from __future__ import annotations

from servicedesk_core.serialization._core import attrs_form
from servicedesk_core.staffing import ErlangA, ErlangC, Forecast, StaffingTarget, Workload

for _cls in (Workload, StaffingTarget, ErlangC, ErlangA, Forecast):
    attrs_form(_cls)
