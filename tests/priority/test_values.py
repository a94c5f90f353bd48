"""Priority and playbook objects are frozen, hashable, picklable values; from_type works."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    ITIL_MATRIX,
    PriorityMatrix,
    PriorityScheme,
    RequestFacts,
    TriageRule,
    TriageRules,
)
from tests.example_scripts import load

RULES = TriageRules(
    scheme=FOUR_TIER, rules=[TriageRule(name="all", level="High", min_users="all")], default="Low"
)
PHONE = load("partner_playbooks").PHONE_WONT_REGISTER
VALUES = [  # immutability, pickling and hashing: tests/test_public_api.py
    FOUR_TIER,
    FOUR_TIER["High"],
    ITIL_MATRIX,
    load("itil_matrix").DESK_MATRIX.violations()[0],
    RULES,
    RULES.rules[0],
    RULES.classify({"users_affected": "all"}),
    RULES.classify({"users_affected": "x"}).issues[0],
    RequestFacts(users_affected=3, tags={"vip"}),
    PHONE,
    PHONE.checks[0],
    PHONE.walk({}),
    PHONE.walk({"credentials": False}),
    PHONE.walk({"credentials": True, "network": True, "firmware": True, "softphone": False}),
]


@pytest.mark.parametrize("cls", [PriorityScheme, PriorityMatrix, TriageRules, RequestFacts])
def test_priority_types_are_registered_for_from_type(cls: type) -> None:
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)
        hash(value)

    check()
