"""Onboarding forms: document rules, onboarding steps, lead times and the port-day checklist."""

from __future__ import annotations

from servicedesk_core.onboarding import (
    DocumentRule,
    LeadTime,
    OnboardingStepRule,
    PortingTier,
    ReadinessItem,
)
from servicedesk_core.serialization._core import attrs_form

for _cls in (DocumentRule, OnboardingStepRule, LeadTime, PortingTier, ReadinessItem):
    attrs_form(_cls)
