"""Building workflows: plain forms convert, bad tables are ConfigErrors naming the culprit."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    Status,
    StatusCategory,
    Transition,
    Workflow,
)

STATUSES = {
    "new": "new",
    "working": "open",
    "parked": "waiting",
    "done": "resolved",
    "gone": "closed",
}
MOVES = {"new": ["working"], "working": ["parked", "done"], "parked": "working", "done": ["gone"]}


def build(statuses: object = STATUSES, transitions: object = MOVES, **settings: object) -> Workflow:
    return Workflow(name="w", statuses=statuses, transitions=transitions, **settings)  # type: ignore[arg-type]


def test_mappings_pairs_and_values_build_the_same_workflow() -> None:
    pairs = build(
        statuses=list(STATUSES.items()),
        transitions=[
            (s, t) for s, ts in MOVES.items() for t in ([ts] if isinstance(ts, str) else ts)
        ],
    )
    values = build(
        statuses=[Status(name, StatusCategory(kind)) for name, kind in STATUSES.items()],
        transitions=[Transition(t.source, t.target) for t in pairs.transitions],
    )
    assert build() == pairs == values
    assert hash(build()) == hash(values)
    assert (None, "new", "done", "gone") == (
        build().reopen_to,
        build().initial,
        build().resolved_status,
        build().closed_status,
    )


def test_guard_settings_accept_their_plain_forms() -> None:
    workflow = build(require_note="yes", reopen_within="P3D", survey_on_close="false")
    assert (True, dt.timedelta(days=3), False) == (
        workflow.require_note,
        workflow.reopen_within,
        workflow.survey_on_close,
    )


BAD = [
    ({"statuses": {**STATUSES, "other": "new"}}, "statuses", "exactly one new"),
    (
        {"transitions": {**MOVES, "new": ["working", "nowhere"]}},
        "transitions[1].target",
        "unknown status 'nowhere'",
    ),
    ({"statuses": [*STATUSES.items(), ("new", "open")]}, "statuses[5]", "listed twice"),
    ({"statuses": {**STATUSES, "parked": "paused"}}, "statuses[2].category", "expected one of"),
    ({"statuses": {**STATUSES, "": "open"}}, "statuses[5].name", "non-blank"),
    ({"statuses": "new"}, "statuses", "expected a list"),
    ({"statuses": [("new",)]}, "statuses[0]", r"\(name, category\) pair"),
    (
        {"transitions": {**MOVES, "limbo": ["gone"]}},
        "transitions[5].source",
        "unknown status 'limbo'",
    ),
    ({"transitions": {**MOVES, "working": ["working"]}}, "transitions[1]", "moves to itself"),
    ({"transitions": [*[("new", "working")] * 2]}, "transitions[1]", "listed twice"),
    ({"transitions": {**MOVES, "gone": ["done"]}}, "transitions[5]", "not resolved again"),
    (
        {"transitions": {**MOVES, "done": ["gone", "working", "parked"]}},
        "transitions",
        "reopens go to one status",
    ),
    ({"transitions": {**MOVES, "new": ["done"]}}, "statuses.working", "cannot be reached"),
    ({"transitions": {**MOVES, "parked": []}}, "statuses.parked", "dead end"),
    ({"transitions": {**MOVES, "parked": ["new"], "new": ["working", "parked"]}}, "statuses", None),
    ({"transitions": [("new", 3)]}, "transitions[0].target", "expected text"),
    ({"reopen_within": "soon"}, "reopen_within", "ISO 8601"),
    ({"reopen_within": dt.timedelta(days=-1)}, "reopen_within", "must not be negative"),
    ({"require_note": "maybe"}, "require_note", "true or false"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD)
def test_bad_workflows_are_config_errors_naming_the_culprit(
    changes: dict[str, object], field: str, message: str | None
) -> None:
    if message is None:  # a valid variation: no error
        build(**changes)
        return
    with pytest.raises(ConfigError, match=message) as raised:
        build(**changes)
    assert field == raised.value.field


@pytest.mark.parametrize("source", ["x" * 1_000_000, 7, None])
def test_a_bad_source_key_is_named_without_copying_it(source: object) -> None:
    """A pasted megabyte as a transition's source used to become the error's field."""
    with pytest.raises(ConfigError) as raised:
        build(transitions={**MOVES, source: ["gone"]})
    assert "transitions" == raised.value.field
    assert len(str(raised.value)) < 300


def test_a_cycle_that_cannot_close_is_a_dead_end() -> None:
    with pytest.raises(ConfigError, match="dead end") as raised:
        build(
            transitions={
                **MOVES,
                "working": ["parked"],
                "parked": ["working"],
                "new": ["working", "done"],
            }
        )
    assert "statuses.working" == raised.value.field


def test_the_default_workflow_follows_the_msp_guide() -> None:
    assert ("new", "resolved", "closed", "open") == (
        DEFAULT_WORKFLOW.initial,
        DEFAULT_WORKFLOW.resolved_status,
        DEFAULT_WORKFLOW.closed_status,
        DEFAULT_WORKFLOW.reopen_to,
    )
    assert (True, True, dt.timedelta(days=7)) == (
        DEFAULT_WORKFLOW.require_note,
        DEFAULT_WORKFLOW.survey_on_close,
        DEFAULT_WORKFLOW.reopen_within,
    )


JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=30),
    st.just("x" * 20_000),
    st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=5),
    st.dictionaries(st.text(max_size=5), st.sampled_from(["new", "open", "x", 3])),
)


@given(JUNK, JUNK, JUNK)
def test_workflow_construction_raises_only_config_errors(
    statuses: object, transitions: object, window: object
) -> None:
    field: str | None = "built"
    try:
        build(statuses=statuses, transitions=transitions, reopen_within=window)
    except ConfigError as error:
        field = error.field
    assert field is not None


def test_drawings_quote_awkward_names() -> None:
    workflow = Workflow(
        name='odd "desk"',
        statuses={"new": "new", "with vendor": "waiting", 'say "hi"': "resolved", "end": "closed"},
        transitions={"new": ["with vendor"], "with vendor": ['say "hi"'], 'say "hi"': ["end"]},
    )
    assert [
        "stateDiagram-v2",
        '    state "with vendor" as s1',
        '    state "say #quot;hi#quot;" as s2',
        '    state "end" as s3',
        "    [*] --> new",
        "    new --> s1 : StatusChanged",
        "    s1 --> s2 : Resolved",
        "    s2 --> s3 : Closed",
        "    s3 --> [*]",
    ] == workflow.to_mermaid().splitlines()
    assert '    "say \\"hi\\"" -> "end" [label="Closed"];' in workflow.to_dot().splitlines()
    assert workflow.to_dot().startswith('digraph "odd \\"desk\\"" {')
    assert '| with vendor | say "hi" | Resolved |  |' in workflow.to_table().splitlines()
