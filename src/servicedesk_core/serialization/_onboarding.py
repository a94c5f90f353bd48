"""Onboarding forms: rules (documents, steps, lead times, checklist) and the data hosts keep."""

from __future__ import annotations

from servicedesk_core.onboarding import (
    E911,
    Address,
    DocumentRule,
    LeadTime,
    NativeFax,
    OnboardingCase,
    OnboardingStepRule,
    PhoneNumber,
    PortingTier,
    PortOrder,
    ReadinessItem,
    ReadinessSnapshot,
    ReceivedDocument,
)
from servicedesk_core.serialization._core import attrs_form

for _cls in (
    DocumentRule,
    OnboardingStepRule,
    LeadTime,
    PortingTier,
    ReadinessItem,
    OnboardingCase,
    ReceivedDocument,
    ReadinessSnapshot,
    PhoneNumber,
    Address,
    E911,
    NativeFax,
    PortOrder,
):
    attrs_form(_cls)
