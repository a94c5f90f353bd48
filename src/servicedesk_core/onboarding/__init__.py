"""Onboarding and number porting: numbers, port orders, documents, lead times, readiness."""

from __future__ import annotations

from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.onboarding.numbers import (
    NumberKind,
    PhoneNumber,
    PhoneNumberCheck,
    Region,
    validate_phone_number,
)

__all__ = [
    "ONBOARDING_CODES",
    "NumberKind",
    "PhoneNumber",
    "PhoneNumberCheck",
    "Region",
    "validate_phone_number",
]
