"""Metrics forms: service-credit contracts and their credit tiers."""

from __future__ import annotations

from servicedesk_core.metrics import Contract, CreditTier
from servicedesk_core.serialization._core import attrs_form

attrs_form(CreditTier)
attrs_form(Contract)
