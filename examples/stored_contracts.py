"""The five seed contracts, loaded from JSON as a helpdesk loads them from its database.

``examples/contracts/`` holds each seed guide's policies as JSON documents
(written by ``to_json`` from the other example scripts; a host can start from a
copy). This script loads a few and uses them: it triages a request, works out
an SLA deadline, decides an approval, checks a port order and walks a
diagnostic playbook.

Run: python examples/stored_contracts.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from servicedesk_core import (
    Action,
    AuthzPolicy,
    BusinessCalendar,
    Created,
    Metric,
    Playbook,
    PolicySet,
    PortOrder,
    SLAPolicy,
    Ticket,
    TriageRules,
    from_json,
    validate_port_order,
)

CONTRACTS = Path(__file__).parent / "contracts"
T = TypeVar("T")


def stored(kind: type[T], name: str) -> T:
    """Load one stored document; a broken one raises a ConfigError listing every problem."""
    return from_json(kind, (CONTRACTS / f"{name}.json").read_text(encoding="utf-8"))


def main() -> None:
    friday = dt.datetime(2026, 11, 20, 16, 30, tzinfo=dt.timezone(dt.timedelta(hours=-6)))

    # Seed 000: triage a request by the guide's rules, then the SLA deadline of its level.
    triage = stored(TriageRules, "reseller-triage-rules").classify(
        {"service_state": "down", "users_affected": "all"}
    )
    sla = stored(SLAPolicy, "reseller-sla-policy")
    report = sla.evaluate([Created(at=friday, priority=triage.level.name)], friday)
    print(f"reseller: {triage.level.name} ({triage.rule_name or 'default'}),")
    print(f"  first response due {report[Metric.FIRST_RESPONSE].due_at}")

    # Seed 000: who may approve billable work.
    authz = stored(AuthzPolicy, "reseller-authz-policy")
    ivr = Ticket(id="T-1", account="acme", requester="carol", work="custom_ivr")
    carol = authz.accounts[0].contact("carol")
    assert carol is not None
    decision = authz.decide(carol, Action.APPROVE_CHARGE, ivr, friday)
    print(f"reseller: carol approves a custom IVR -> {decision.outcome.value}")

    # Seed 001: the stored final order, checked on the provider's stored calendar.
    order = stored(PortOrder, "onboarding-port-order")
    calendar = stored(BusinessCalendar, "onboarding-provider-calendar")
    now = dt.datetime(2026, 3, 2, 10, 30, tzinfo=calendar.tz)
    checked = validate_port_order(order, documents=[], now=now, calendar=calendar)
    print(f"onboarding: the stored order without documents has {len(checked.errors)} errors")

    # Seed 002 and 004: which policy a ticket gets.
    for name in ("msp-policy-set", "contact-center-policy-set"):
        rules = stored(PolicySet, name)
        phoned = Created(at=friday, priority="High", channel="phone")
        print(f"{name}: a phoned-in High ticket -> {rules.select(phoned).describe()}")

    # Seed 003: a diagnostic playbook walked with two answers.
    playbook = stored(Playbook, "partner-playbook-outbound-calls")
    step = playbook.walk({"registered": True, "valid-number": False})
    print(f"partner: {playbook.symptom!r} -> {type(step).__name__}")


if __name__ == "__main__":
    main()
