"""Walking a playbook: pure, explainable, and judged answers; bad playbooks rejected."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import ConfigError, Issue, Playbook, Severity
from servicedesk_core.playbook import (
    CONTINUE,
    Check,
    Escalate,
    Escalation,
    Evidence,
    NextCheck,
    Resolution,
    Resolve,
)

PLUG = Check(
    id="plug", question="Is it plugged in?", on_no=Resolve(means="no power", remedy="Plug in")
)
BULB = Check(
    id="bulb",
    question="Does a new bulb light?",
    on_yes=Resolve(means="dead bulb", remedy="Keep the new bulb"),
    on_no=Escalate(to="electrician", means="wiring", attach=["photo", "fuse box"]),
)
LAMP = Playbook(name="lamp", symptom="The lamp stays dark", checks=[PLUG, BULB])


def test_no_answers_asks_the_first_check() -> None:
    assert LAMP.walk({}) == NextCheck(check=PLUG, evidence=())


def test_an_answer_that_continues_asks_the_next_check() -> None:
    step = LAMP.walk({"plug": True})
    assert step == NextCheck(
        check=BULB, evidence=(Evidence(check="plug", question="Is it plugged in?", answer=True),)
    )


def test_a_resolving_answer_ends_the_walk_with_the_remedy() -> None:
    step = LAMP.walk({"plug": False})
    assert isinstance(step, Resolution)
    assert (step.check, step.means, step.remedy) == (PLUG, "no power", "Plug in")


def test_an_escalation_carries_the_evidence_and_attachments() -> None:
    step = LAMP.walk({"bulb": False, "plug": True})
    assert isinstance(step, Escalation)
    assert (step.to, step.means, step.attach) == ("electrician", "wiring", ("photo", "fuse box"))
    assert [str(e) for e in step.evidence] == [
        "Is it plugged in? yes",
        "Does a new bulb light? no",
    ]


def test_fallback_applies_when_every_check_passes() -> None:
    book = Playbook(
        name="fan",
        symptom="silent",
        checks=[PLUG],
        otherwise=Escalate(to="Tier 2", means="unknown"),
    )
    step = book.walk({"plug": True})
    assert isinstance(step, Escalation)
    assert (step.to, step.check) == ("Tier 2", None)


@pytest.mark.parametrize(
    ("answers", "issues"),
    [
        ({"plug": True, "switch": True}, [("answer.unknown_check", "switch")]),
        ({"plug": "yes"}, [("answer.wrong_type", "plug")]),
        ({"plug": 1}, [("answer.wrong_type", "plug")]),
        ({"plug": False, "bulb": True}, [("answer.unused", "bulb")]),
    ],
)
def test_bad_answers_are_reported_and_ignored(
    answers: dict[str, object], issues: list[tuple[str, str]]
) -> None:
    step = LAMP.walk(answers)
    assert [(issue.code, issue.path) for issue in step.issues] == issues


def test_a_wrong_typed_answer_asks_the_check_again() -> None:
    step = LAMP.walk({"plug": "yes"})
    assert isinstance(step, NextCheck)
    assert step.check == PLUG
    assert step.issues == (
        Issue(
            Severity.WARNING, "answer.wrong_type", "plug", "expected True or False, got str 'yes'"
        ),
    )


@pytest.mark.parametrize("answers", [None, ["plug"], "plug", 3])
def test_answers_that_are_not_a_mapping_count_as_none(answers: object) -> None:
    step = LAMP.walk(answers)  # type: ignore[arg-type]
    assert isinstance(step, NextCheck)
    assert [("answer.wrong_type", "")] == [(issue.code, issue.path) for issue in step.issues]


def test_paths_enumerate_every_complete_walk() -> None:
    assert [(answers, type(end).__name__) for answers, end in LAMP.paths()] == [
        ({"plug": True, "bulb": True}, "Resolution"),
        ({"plug": True, "bulb": False}, "Escalation"),
        ({"plug": False}, "Resolution"),
    ]


def test_check_lookup() -> None:
    assert LAMP.check("bulb") == BULB
    with pytest.raises(KeyError, match="no check 'fuse'"):
        LAMP.check("fuse")


@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (lambda: Playbook(name="x", symptom="s", checks=[]), "checks", "at least one"),
        (
            lambda: Playbook(
                name="x",
                symptom="s",
                checks=[PLUG, Check(id="plug", question="Again?", on_no=PLUG.on_no), BULB],
            ),
            "checks[1].id",
            "duplicate check id 'plug'",
        ),
        (
            lambda: Playbook(name="x", symptom="s", checks=[BULB, PLUG]),
            "checks[1]",
            "check 'plug' is unreachable: both answers to 'bulb' end the walk",
        ),
        (
            lambda: Playbook(name="x", symptom="s", checks=[PLUG]),
            "otherwise",
            "no fallback",
        ),
        (
            lambda: Playbook(
                name="x", symptom="s", checks=[BULB], otherwise=Resolve(means="m", remedy="r")
            ),
            "otherwise",
            "unreachable",
        ),
        (
            lambda: Check(id="a", question="q", on_no="stop"),
            "on_no",
            "CONTINUE, Resolve or Escalate",
        ),
        (
            lambda: Playbook(name="x", symptom="s", checks=[PLUG], otherwise="Tier 2"),
            "otherwise",
            "Resolve, Escalate or None",
        ),
        (lambda: Check(id="", question="q"), "id", "non-blank"),
        (lambda: Check(id="a", question=None), "question", "expected text"),
        (lambda: Escalate(to="t", means="m", attach=[1]), "attach[0]", "expected text"),
        (lambda: Escalate(to="", means="m"), "to", "non-blank"),
        (lambda: Resolve(means="m", remedy=None), "remedy", "expected text"),
        (lambda: Playbook(name="x", symptom="s", checks=PLUG), "checks", "expected a list"),
        (lambda: Playbook(name="x", symptom="s", checks=None), "checks", "expected a list"),
        (
            lambda: Playbook(name="x", symptom="s", checks=["plug"]),
            "checks[0]",
            "a Check",
        ),
    ],
)
def test_bad_playbooks_raise_config_error_naming_the_culprit(
    build: object, field: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build()  # type: ignore[operator]
    assert info.value.field == field


def test_playbooks_are_immutable_values() -> None:
    copy = pickle.loads(pickle.dumps(LAMP))
    assert copy == LAMP
    assert hash(copy) == hash(LAMP)
    assert repr(CONTINUE) == "CONTINUE"
    assert pickle.loads(pickle.dumps(CONTINUE)) == CONTINUE


@st.composite
def playbooks(draw: st.DrawFn) -> Playbook:
    count = draw(st.integers(min_value=1, max_value=5))
    ends = st.sampled_from([CONTINUE, Resolve(means="m", remedy="r"), Escalate(to="t", means="m")])
    checks = []
    for i in range(count):
        yes, no = draw(ends), draw(ends)
        if i < count - 1 and yes != CONTINUE and no != CONTINUE:
            yes = CONTINUE
        checks.append(Check(id=f"c{i}", question=f"q{i}?", on_yes=yes, on_no=no))
    last = checks[-1]
    otherwise = None if last.is_final else Resolve(means="all passed", remedy="done")
    return Playbook(name="p", symptom="s", checks=checks, otherwise=otherwise)


@given(playbooks(), st.dictionaries(st.sampled_from(["c0", "c1", "c2", "c3", "c4"]), st.booleans()))
def test_walk_is_pure_and_follows_the_answers_in_order(
    book: Playbook, answers: dict[str, bool]
) -> None:
    step = book.walk(answers)
    assert step == book.walk(dict(answers))
    for evidence, check in zip(step.evidence, book.checks, strict=False):
        assert (evidence.check, evidence.answer) == (check.id, answers[check.id])
    if isinstance(step, NextCheck):
        assert step.check.id not in answers


@given(playbooks())
def test_every_path_ends_and_replays(book: Playbook) -> None:
    paths = book.paths()
    assert paths
    for answers, end in paths:
        assert isinstance(end, Resolution | Escalation)
        assert book.walk(answers) == end
        assert [e.check for e in end.evidence] == list(answers)
