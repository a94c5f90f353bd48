"""``with_settings`` applies each setting as the constructor would, and keeps the others."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from servicedesk_core import (
    DEFAULT_STATUSES,
    AgentReplied,
    BusinessCalendar,
    ConfigError,
    Created,
    CustomerReplied,
    MetricDefinition,
    PriorityChanged,
    PriorityScheme,
    Reopened,
    Resolved,
    SLAPolicy,
    StatusChanged,
)
from tests.sla.helpers import DESK, H, central, desk_policy

BASE = desk_policy()
FIELDS = [field.name for field in attrs.fields(SLAPolicy) if field.init]
VENDOR = MetricDefinition(
    name="vendor_wait", start_statuses={"waiting_on_vendor"}, stop_statuses={"open"}
)
MONDAY = central(23, 0).date()

# each setting, a value other than the base's, and whether the clocks of LOG change with it
SETTINGS: dict[str, tuple[Any, bool]] = {
    "name": ("night desk", False),
    "scheme": (PriorityScheme.from_names("partner", ["Critical", "High", "Medium", "Low"]), False),
    "calendar": (DESK.with_holidays([MONDAY]), True),
    "targets": ({"resolution": dict.fromkeys(["Critical", "High", "Medium", "Low"], 2 * H)}, True),
    "calendars": ({"night": BusinessCalendar.always_open(timezone="America/Chicago")}, False),
    "statuses": ([*DEFAULT_STATUSES, "triage"], False),
    "paused_by": ({"resolution": ["on_hold"]}, True),
    "on_priority_change": ("restart", True),
    "on_reopen": ("new_cycle", True),
    "out_of_hours": ("wait_for_opening", True),
    "internal_note_is_response": ("true", True),
    "next_response_from_opening": ("yes", True),
    "custom_metrics": ([VENDOR], False),
}

LOG = [
    Created(at=central(20, 18), priority="High"),  # Friday evening, out of hours
    AgentReplied(at=central(23, 9), public=False),
    PriorityChanged(at=central(23, 9, 30), priority="Critical"),
    CustomerReplied(at=central(23, 10)),
    StatusChanged(at=central(23, 10, 30), status="on_hold"),
    StatusChanged(at=central(23, 11), status="waiting_on_customer"),
    StatusChanged(at=central(23, 11, 30), status="open"),
    Resolved(at=central(23, 13)),
    Reopened(at=central(23, 14)),
]
NOW = central(23, 15)


def test_every_setting_of_the_constructor_can_be_changed() -> None:
    assert sorted(FIELDS) == sorted(SETTINGS)


@pytest.mark.parametrize(
    ("name", "value", "changes_clocks"), [(k, *v) for k, v in SETTINGS.items()]
)
def test_with_settings_is_the_constructor_with_one_setting_changed(
    name: str, value: Any, changes_clocks: bool
) -> None:
    changed = BASE.with_settings(**{name: value})
    rebuilt = SLAPolicy(**{**{field: getattr(BASE, field) for field in FIELDS}, name: value})
    assert rebuilt == changed
    assert getattr(BASE, name) != getattr(changed, name)
    assert [getattr(BASE, field) for field in FIELDS if field != name] == [
        getattr(changed, field) for field in FIELDS if field != name
    ]
    report = changed.evaluate(LOG, NOW)
    assert rebuilt.evaluate(LOG, NOW) == report
    assert changes_clocks == (BASE.evaluate(LOG, NOW).metrics != report.metrics)


def test_with_settings_changes_several_settings_at_once() -> None:
    changed = BASE.with_settings(on_reopen="new_cycle", internal_note_is_response=True)
    assert changed == BASE.with_settings(on_reopen="new_cycle").with_settings(
        internal_note_is_response=True
    )


def test_settings_given_as_text_are_their_values() -> None:
    assert BASE.with_settings(on_priority_change="keep_elapsed") == BASE.with_settings(
        on_priority_change=BASE.on_priority_change.__class__.KEEP_ELAPSED
    )
    assert BASE == BASE.with_settings(internal_note_is_response="no")
    assert BASE.with_settings(next_response_from_opening=True) == BASE.with_settings(
        next_response_from_opening="TRUE"
    )


def test_a_setting_is_checked_against_the_others_it_meets() -> None:
    """Statuses without the one the default pauses name are refused, as by the constructor."""
    with pytest.raises(ConfigError) as raised:
        BASE.with_settings(statuses=["open", "on_hold"])
    assert (
        "paused_by.periodic_update",
        "unknown statuses ['waiting_on_customer']; known: ['open', 'on_hold']",
    ) == (raised.value.field, raised.value.message)
