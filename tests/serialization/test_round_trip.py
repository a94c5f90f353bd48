"""Every configuration type survives to_dict/from_dict and to_json/from_json unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    Account,
    AuthzPolicy,
    BusinessCalendar,
    Contact,
    PriorityMatrix,
    PriorityScheme,
    TimeRange,
    TriageRules,
    WeeklyHours,
)
from servicedesk_core.testing import strategies
from tests.serialization.helpers import assert_round_trip

KINDS = [
    (TimeRange, strategies.time_ranges()),
    (WeeklyHours, strategies.weekly_hours(allow_empty=True)),
    (BusinessCalendar, strategies.business_calendars()),
    (PriorityScheme, strategies.priority_schemes()),
    (PriorityMatrix, strategies.priority_matrices()),
    (TriageRules, strategies.triage_rules()),
    (Contact, strategies.contacts()),
    (Account, strategies.accounts()),
    (AuthzPolicy, strategies.authz_policies()),
]


@pytest.mark.parametrize(("kind", "values"), KINDS, ids=lambda item: getattr(item, "__name__", ""))
@given(data=st.data())
def test_values_round_trip(kind, values, data):
    """from_dict(T, to_dict(x)) == x, and the JSON text of a loaded document is unchanged."""
    assert_round_trip(kind, data.draw(values))
