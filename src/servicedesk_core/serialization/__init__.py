"""Configuration as data: configuration and event values as plain dicts, JSON and JSON Schema.

:func:`to_dict` and :func:`from_dict` turn every configuration type (calendars,
priority schemes, matrices and triage rules, SLA policies and policy sets,
authorization policies, work catalogues, onboarding rules, playbooks) and every
event into plain data and back; :func:`to_json` and :func:`from_json` do the
same with JSON text; :func:`json_schema` describes the documents. See the guide
"Storing configuration".
"""

from __future__ import annotations

from servicedesk_core.serialization import (  # noqa: F401 (each module registers its forms)
    _authz,
    _calendar,
    _escalation,
    _metrics,
    _onboarding,
    _playbook,
    _priority,
    _sla,
    _staffing,
)
from servicedesk_core.serialization._documents import (
    SCHEMA_VERSION,
    UPGRADES,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)

__all__ = [
    "SCHEMA_VERSION",
    "UPGRADES",
    "from_dict",
    "from_json",
    "json_schema",
    "to_dict",
    "to_json",
]
