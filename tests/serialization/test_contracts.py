"""The five seed contracts, stored as JSON under examples/contracts/, match the examples.

Each file is the canonical JSON (``to_json``) of a value defined by a script in
``examples/``. After changing one of those, rewrite the files with::

    python -m tests.serialization.test_contracts
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from servicedesk_core import from_json, to_json
from tests.example_scripts import EXAMPLES, load
from tests.serialization.helpers import validator

CONTRACTS = EXAMPLES / "contracts"

STORED = {
    # seed 000: the VoIP reseller's client guide
    "reseller-sla-policy": ("sla_reseller", "POLICY"),
    "reseller-triage-rules": ("priority_seeds", "ONBOARDING_GUIDE_RULES"),
    "reseller-authz-policy": ("reseller_authz", "POLICY"),
    "reseller-escalation-ladder": ("escalation_reseller", "LADDER"),
    # seed 001: the self-service onboarding guide and its final order form
    "onboarding-provider-calendar": ("onboarding_port_order", "PROVIDER"),
    "onboarding-port-order": ("onboarding_port_order", "ORDER"),
    # seed 002: the MSP's service routing
    "msp-policy-set": ("sla_msp", "POLICIES"),
    "msp-triage-rules": ("priority_seeds", "MSP_RULES"),
    "msp-routing": ("escalation_msp", "ROUTING"),
    "msp-escalation-ladder": ("escalation_msp", "LADDER"),
    # seed 003: the UCaaS partner's support appendix
    "partner-sla-policy": ("sla_partner", "POLICY"),
    "partner-triage-rules": ("priority_seeds", "PARTNER_RULES"),
    "partner-routing": ("escalation_partner", "ROUTING"),
    "partner-escalation-ladder": ("escalation_partner", "LADDER"),
    "partner-playbook-outbound-calls": ("partner_playbooks", "OUTBOUND_CALLS"),
    "partner-playbook-voicemail-to-email": ("partner_playbooks", "VOICEMAIL_TO_EMAIL"),
    "partner-playbook-caller-id-name": ("partner_playbooks", "CALLER_ID_NAME"),
    "partner-playbook-phone-wont-register": ("partner_playbooks", "PHONE_WONT_REGISTER"),
    # seed 004: the contact-center vendor's customer-care model
    "contact-center-policy-set": ("sla_contact_center", "POLICIES"),
    "contact-center-routing": ("escalation_contact_center", "ROUTING"),
    "contact-center-escalation-ladder": ("escalation_contact_center", "LADDER"),
}
"""File name (without ``.json``) -> the example script and the name of the value it stores."""


def _value(name: str) -> Any:
    script, attribute = STORED[name]
    return getattr(load(script), attribute)


def test_every_stored_file_is_listed():
    assert sorted(STORED) == sorted(path.stem for path in CONTRACTS.glob("*.json"))


@pytest.mark.parametrize("name", sorted(STORED))
def test_a_stored_contract_is_the_example_it_was_written_from(name):
    """Loaded, the file equals the example's value; written, the value gives the file's text."""
    value = _value(name)
    text = (CONTRACTS / f"{name}.json").read_text(encoding="utf-8")
    assert value == from_json(type(value), text)
    assert text == to_json(value) + "\n"
    validator(type(value)).validate(json.loads(text))


def write() -> None:
    """Rewrite every stored contract from the examples."""
    for name in STORED:
        (CONTRACTS / f"{name}.json").write_text(to_json(_value(name)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
