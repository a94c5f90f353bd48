"""Constructors fed junk raise only ConfigError; classify and walk fed junk never raise."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    ITIL,
    ConfigError,
    PriorityMatrix,
    PriorityScheme,
    TriageRules,
)
from servicedesk_core.playbook import Check, Escalate, Playbook, Resolve
from tests.example_scripts import load

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-3, max_value=3)
    | st.sampled_from(["", "P1", "High", "Low", "all", "down", "question", "x"])
)
JSON: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["name", "level", "when", "rules", "default", "service", "kinds", "min_users", "x"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
PAIRS = st.tuples(st.sampled_from(["High", "Low", "x"]), st.sampled_from(["High", "Low", "y"]))


def rule_data() -> st.SearchStrategy[Any]:
    when = st.dictionaries(
        st.sampled_from(["min_users", "max_users", "workaround", "service", "kinds", "tags", "x"]),
        JSON,
        max_size=3,
    )
    rule = st.fixed_dictionaries(
        {"name": SCALARS, "level": SCALARS}, optional={"when": when | JSON, "description": JSON}
    )
    return st.fixed_dictionaries(
        {"default": SCALARS}, optional={"rules": st.lists(rule, max_size=3) | JSON}
    )


@given(rule_data() | JSON)
def test_rules_from_junk_raise_only_config_error(data: Any) -> None:
    try:
        rules = TriageRules.from_dict(FOUR_TIER, data)
    except ConfigError:
        return
    assert rules.default_level in FOUR_TIER


@given(
    JSON | st.lists(st.sampled_from(["High", "Low"]), unique=True),
    JSON | st.lists(st.sampled_from(["High", "Low"]), unique=True),
    JSON | st.dictionaries(PAIRS, SCALARS | st.sampled_from(list(ITIL)), max_size=5),
)
def test_matrix_from_junk_raises_only_config_error(
    impacts: Any, urgencies: Any, table: Any
) -> None:
    try:
        matrix = PriorityMatrix(scheme=ITIL, impacts=impacts, urgencies=urgencies, table=table)
    except ConfigError:
        return
    assert len(matrix.table) == len(matrix.impacts) * len(matrix.urgencies)


@given(JSON, JSON)
def test_scheme_from_junk_raises_only_config_error(names: Any, descriptions: Any) -> None:
    try:
        scheme = PriorityScheme.from_names("s", names, descriptions)
    except ConfigError:
        return
    assert len(scheme) >= 1


ENDS = st.sampled_from([Resolve(means="m", remedy="r"), Escalate(to="t", means="m")])


@given(st.lists(st.tuples(SCALARS, SCALARS, ENDS | JSON, ENDS | JSON), max_size=4), JSON)
def test_playbook_from_junk_raises_only_config_error(checks: list[Any], otherwise: Any) -> None:
    try:
        built = [Check(id=i, question=q, on_yes=y, on_no=n) for i, q, y, n in checks]
        book = Playbook(name="p", symptom="s", checks=built, otherwise=otherwise)
    except ConfigError:
        return
    assert book.paths()


@given(JSON)
def test_classify_and_walk_never_raise_on_junk(data: Any) -> None:
    seeds = load("priority_seeds")
    books = load("partner_playbooks")
    seeds.MSP_RULES.classify(data)
    if isinstance(data, dict):
        books.OUTBOUND_CALLS.walk(data)
