"""Hypothesis strategies for diagnostic playbooks."""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.playbook import CONTINUE, Check, Escalate, Outcome, Playbook, Resolve

__all__ = ["playbooks"]

_TEXT = st.sampled_from(["no power", "Plug it in", "the line is down", "Is it on?", "Zoë's phone"])
_ENDS = st.builds(Resolve, means=_TEXT, remedy=_TEXT) | st.builds(
    Escalate,
    to=st.sampled_from(["Tier 2", "vendor"]),
    means=_TEXT,
    attach=st.lists(st.sampled_from(["SIP credentials", "call logs"]), max_size=2),
)
_OUTCOMES: st.SearchStrategy[Outcome] = st.one_of(st.just(CONTINUE), _ENDS)


@st.composite
def _playbooks(draw: st.DrawFn, max_checks: int) -> Playbook:
    count = draw(st.integers(1, max_checks))
    checks = []
    for index in range(count):
        on_yes, on_no = draw(_OUTCOMES), draw(_OUTCOMES)
        last = index == count - 1
        if (
            not last
            and not isinstance(on_yes, type(CONTINUE))
            and not isinstance(on_no, type(CONTINUE))
        ):
            on_yes = CONTINUE  # a check whose answers both end the walk must be the last one
        checks.append(Check(id=f"check-{index}", question=draw(_TEXT), on_yes=on_yes, on_no=on_no))
    otherwise = None if checks[-1].is_final else draw(_ENDS)
    return Playbook(name=draw(_TEXT), symptom=draw(_TEXT), checks=checks, otherwise=otherwise)


def playbooks(*, max_checks: int = 5) -> st.SearchStrategy[Playbook]:
    """Valid playbooks: checks whose answers continue, resolve or escalate.

    A ``max_checks`` below 1 raises ``hypothesis.errors.InvalidArgument``.
    """
    if max_checks < 1:
        raise InvalidArgument(f"max_checks={max_checks} must be at least 1")
    return _playbooks(max_checks)
