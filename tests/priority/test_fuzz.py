"""Constructors fed junk raise only ConfigError; classify and walk fed junk never raise."""

import contextlib
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import (
    FOUR_TIER,
    ITIL,
    ITIL_MATRIX,
    TRIAGE_CODES,
    ConfigError,
    PriorityLevel,
    PriorityMatrix,
    PriorityScheme,
    RequestFacts,
    TriageRule,
    TriageRules,
)
from servicedesk_core.playbook import PLAYBOOK_CODES, Check, Escalate, Playbook, Resolve
from tests.example_scripts import load
from tests.fuzz import JUNK

_RULE_FIELDS = [field.name for field in attrs.fields(TriageRule)]
_FACT_FIELDS = [field.name for field in attrs.fields(RequestFacts)]

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


# One door, one test: wrong types, None, random and very long strings.


@given(JUNK, JUNK, JUNK, JUNK)
def test_level_from_junk_raises_only_config_error(scheme: Any, name: Any, rank: Any, text: Any):
    try:
        level = PriorityLevel(scheme, name, rank, text)
    except ConfigError:
        return
    assert isinstance(level.rank, int)


@given(JUNK, JUNK)
def test_scheme_constructor_from_junk_raises_only_config_error(name: Any, levels: Any) -> None:
    try:
        PriorityScheme(name, levels)
    except ConfigError:
        return


@given(JUNK, JUNK, JUNK, JUNK)
def test_matrix_from_rows_junk_raises_only_config_error(
    impacts: Any, urgencies: Any, rows: Any, monotonic: Any
) -> None:
    try:
        PriorityMatrix.from_rows(
            ITIL, impacts=impacts, urgencies=urgencies, rows=rows, monotonic=monotonic
        )
    except ConfigError:
        return


@given(JUNK)
def test_matrix_lookup_of_junk_raises_only_key_error(key: Any) -> None:
    try:
        ITIL_MATRIX[key]
    except KeyError:
        return


@given(st.dictionaries(st.sampled_from(_RULE_FIELDS), JUNK, max_size=5))
def test_triage_rule_from_junk_raises_only_config_error(fields: dict[str, Any]) -> None:
    try:
        TriageRule(**{"name": "r", "level": "P1", **fields})
    except ConfigError:
        return


@given(JUNK, JUNK, JUNK)
def test_triage_rules_from_junk_raise_only_config_error(scheme: Any, rules: Any, default: Any):
    try:
        TriageRules(scheme=scheme, rules=rules, default=default)
    except ConfigError:
        return


@given(st.dictionaries(st.sampled_from(_FACT_FIELDS), JUNK, max_size=5) | JUNK)
def test_classify_never_raises_for_any_fact(facts: Any) -> None:
    seeds = load("priority_seeds")
    triage = seeds.MSP_RULES.classify(facts)
    assert all(issue.code in TRIAGE_CODES for issue in triage.issues)
    if isinstance(facts, dict) and set(facts) <= set(_FACT_FIELDS):
        assert triage == seeds.MSP_RULES.classify(RequestFacts(**facts))


@given(JUNK, JUNK, JUNK, JUNK)
def test_check_from_junk_raises_only_config_error(id: Any, question: Any, yes: Any, no: Any):
    try:
        Check(id=id, question=question, on_yes=yes, on_no=no)
    except ConfigError:
        return


@given(JUNK, JUNK, JUNK)
def test_outcomes_from_junk_raise_only_config_error(to: Any, means: Any, attach: Any) -> None:
    for build in (
        lambda: Escalate(to=to, means=means, attach=attach),
        lambda: Resolve(means=means, remedy=to),
    ):
        with contextlib.suppress(ConfigError):
            build()


@given(JUNK, JUNK, JUNK, JUNK)
def test_playbook_constructor_from_junk_raises_only_config_error(
    name: Any, symptom: Any, checks: Any, otherwise: Any
) -> None:
    try:
        Playbook(name=name, symptom=symptom, checks=checks, otherwise=otherwise)
    except ConfigError:
        return


@given(st.dictionaries(JUNK.filter(lambda key: key.__hash__ is not None), JUNK) | JUNK)
def test_walk_never_raises_for_any_answers(answers: Any) -> None:
    books = load("partner_playbooks")
    step = books.OUTBOUND_CALLS.walk(answers)
    assert all(issue.code in PLAYBOOK_CODES for issue in step.issues)
