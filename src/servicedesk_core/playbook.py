"""Diagnostic playbooks: ordered yes/no checks that end in a resolution or an escalation.

A :class:`Playbook` is data. Each :class:`Check` asks one question; each answer
either continues to the next check or ends the walk with a :class:`Resolve` (a
remedy) or an :class:`Escalate` (a target, and what to attach). Walking is pure:
:meth:`~servicedesk_core.Playbook.walk` takes the answers so far and returns the next check, the
resolution or the escalation, with the answers collected as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from servicedesk_core.errors import ConfigError

__all__ = [
    "CONTINUE",
    "AnswerIssue",
    "Check",
    "Continue",
    "Escalate",
    "Escalation",
    "Evidence",
    "NextCheck",
    "Playbook",
    "Resolution",
    "Resolve",
]


@attrs.frozen
class Continue:
    """Go on to the next check."""

    def __repr__(self) -> str:
        return "CONTINUE"


CONTINUE = Continue()
"""The answer that moves on to the next check."""


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    listed = (values,) if isinstance(values, str) else values
    if not isinstance(listed, Iterable) or not all(isinstance(text, str) for text in listed):
        raise ConfigError(f"expected texts, got {values!r}", field="attach")
    return tuple(listed)


@attrs.frozen(kw_only=True)
class Resolve:
    """End the walk: the answer explains the problem and ``remedy`` fixes it.

    Attributes:
        means: What the answer means (the diagnosis).
        remedy: What to do about it.
    """

    means: str
    remedy: str


@attrs.frozen(kw_only=True)
class Escalate:
    """End the walk: hand the request to ``to`` with the evidence and ``attach``.

    Attributes:
        to: The escalation target (a team or tier).
        means: What the answer means.
        attach: What to send along besides the answers (``"SIP credentials"``).
    """

    to: str
    means: str
    attach: tuple[str, ...] = attrs.field(default=(), converter=_texts)


Outcome = Continue | Resolve | Escalate
"""What an answer leads to."""


@attrs.frozen(kw_only=True)
class Check:
    """One diagnostic question and where each answer leads.

    Attributes:
        id: Unique within the playbook; answers are keyed by it.
        question: The question, worded for a yes/no answer.
        on_yes: Where "yes" leads (by default, the next check).
        on_no: Where "no" leads (by default, the next check).
    """

    id: str
    question: str
    on_yes: Outcome = CONTINUE
    on_no: Outcome = CONTINUE

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ConfigError(f"a check needs an id, got {self.id!r}", field="id")
        if not isinstance(self.question, str):
            raise ConfigError(f"expected a question, got {self.question!r}", field="question")

    def outcome(self, answer: bool) -> Outcome:
        """Return where ``answer`` leads.

        >>> check = Check(id="on", question="Is it on?", on_no=Resolve(means="off", remedy="On"))
        >>> check.outcome(False).remedy
        'On'
        """
        return self.on_yes if answer else self.on_no

    @property
    def is_final(self) -> bool:
        """Whether both answers end the walk, so no check can follow this one."""
        return not isinstance(self.on_yes, Continue) and not isinstance(self.on_no, Continue)


@attrs.frozen(kw_only=True)
class Evidence:
    """One answered check, as collected during a walk."""

    check: str
    question: str
    answer: bool

    def __str__(self) -> str:
        return f"{self.question} {'yes' if self.answer else 'no'}"


@attrs.frozen(kw_only=True)
class AnswerIssue:
    """A problem with an answer given to :meth:`~servicedesk_core.Playbook.walk`; it is ignored.

    Attributes:
        code: ``answer.unknown_check``, ``answer.wrong_type`` or ``answer.unused``.
        field: The check id the answer was given for.
        message: What is wrong, for people.
    """

    code: str
    field: str
    message: str


@attrs.frozen(kw_only=True)
class NextCheck:
    """The walk needs another answer: ask ``check`` next."""

    check: Check
    evidence: tuple[Evidence, ...]
    issues: tuple[AnswerIssue, ...] = ()


@attrs.frozen(kw_only=True)
class Resolution:
    """The walk ended with a remedy.

    Attributes:
        check: The check whose answer decided, or ``None`` for the playbook's fallback.
        means: The diagnosis.
        remedy: What to do.
        evidence: The answers that led here, in order.
        issues: Answers that were ignored.
    """

    check: Check | None
    means: str
    remedy: str
    evidence: tuple[Evidence, ...]
    issues: tuple[AnswerIssue, ...] = ()


@attrs.frozen(kw_only=True)
class Escalation:
    """The walk ended by handing the request on.

    Attributes:
        to: The escalation target.
        check: The check whose answer decided, or ``None`` for the playbook's fallback.
        means: Why.
        attach: What to send along besides the evidence.
        evidence: The answers that led here, in order.
        issues: Answers that were ignored.
    """

    to: str
    check: Check | None
    means: str
    attach: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    issues: tuple[AnswerIssue, ...] = ()


Step = NextCheck | Resolution | Escalation
"""What :meth:`Playbook.walk` returns."""


def _checks(values: object) -> tuple[Check, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ConfigError(f"expected a list of checks, got {values!r}", field="checks")
    return tuple(values)


@attrs.frozen(kw_only=True)
class Playbook:
    """An ordered list of checks for one symptom, walked top to bottom.

    ``otherwise`` applies when every check was passed without ending the walk.
    Construction raises ``ConfigError`` for duplicate check ids, a check that can
    never be reached (it follows a check whose answers both end the walk), a
    walk that can run past the last check without ``otherwise``, or an
    ``otherwise`` that can never apply.

    >>> lamp = Playbook(
    ...     name="lamp",
    ...     symptom="The lamp stays dark",
    ...     checks=[
    ...         Check(id="plug", question="Is it plugged in?",
    ...               on_no=Resolve(means="no power", remedy="Plug it in")),
    ...         Check(id="bulb", question="Does a new bulb light?",
    ...               on_yes=Resolve(means="the bulb was dead", remedy="Keep the new bulb"),
    ...               on_no=Escalate(to="electrician", means="wiring", attach="photo")),
    ...     ],
    ... )
    >>> lamp.walk({}).check.id
    'plug'
    >>> lamp.walk({"plug": True, "bulb": False}).to
    'electrician'
    """

    name: str
    symptom: str
    checks: tuple[Check, ...] = attrs.field(converter=_checks)
    otherwise: Resolve | Escalate | None = None

    def __attrs_post_init__(self) -> None:
        if not self.checks:
            raise ConfigError("a playbook needs at least one check", field="checks")
        seen: set[str] = set()
        for i, check in enumerate(self.checks):
            if not isinstance(check, Check):
                raise ConfigError(f"expected a Check, got {check!r}", field=f"checks[{i}]")
            if check.id in seen:
                raise ConfigError(f"duplicate check id {check.id!r}", field=f"checks[{i}].id")
            seen.add(check.id)
            for answer, outcome in (("on_yes", check.on_yes), ("on_no", check.on_no)):
                if not isinstance(outcome, Continue | Resolve | Escalate):
                    raise ConfigError(
                        f"expected CONTINUE, Resolve or Escalate, got {outcome!r}",
                        field=f"checks[{i}].{answer}",
                    )
        for i, check in enumerate(self.checks[:-1]):
            if check.is_final:
                later = self.checks[i + 1]
                raise ConfigError(
                    f"check {later.id!r} is unreachable: both answers to {check.id!r} end the walk",
                    field=f"checks[{i + 1}]",
                )
        if self.otherwise is not None and not isinstance(self.otherwise, Resolve | Escalate):
            raise ConfigError(
                f"expected Resolve, Escalate or None, got {self.otherwise!r}", field="otherwise"
            )
        last = self.checks[-1]
        if last.is_final and self.otherwise is not None:
            raise ConfigError(
                f"unreachable: both answers to the last check {last.id!r} end the walk",
                field="otherwise",
            )
        if not last.is_final and self.otherwise is None:
            raise ConfigError(
                f"an answer to the last check {last.id!r} continues, but there is no fallback",
                field="otherwise",
            )

    def check(self, check_id: str) -> Check:
        """Return the check with this id.

        Raises:
            KeyError: no such check.
        """
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(f"playbook {self.name!r} has no check {check_id!r}")

    def walk(self, answers: Mapping[str, object]) -> Step:
        """Follow the checks with the answers given so far.

        Never raises for bad answers: an answer for an unknown check, one that is
        not ``True``/``False``, or one for a check after the walk ended is listed
        in the result's ``issues`` and otherwise ignored.

        Args:
            answers: ``{check id: True for yes / False for no}``.

        Returns:
            :class:`~servicedesk_core.playbook.NextCheck` when an answer is missing,
            else the :class:`~servicedesk_core.playbook.Resolution` or
            :class:`~servicedesk_core.playbook.Escalation` the answers lead to.

        >>> from servicedesk_core.playbook import Check, Playbook, Resolve
        >>> book = Playbook(
        ...     name="fan",
        ...     symptom="The fan is silent",
        ...     checks=[Check(id="on", question="Is it switched on?",
        ...                   on_no=Resolve(means="off", remedy="Switch it on"))],
        ...     otherwise=Resolve(means="broken", remedy="Replace the fan"),
        ... )
        >>> step = book.walk({"on": True})
        >>> step.remedy, [str(e) for e in step.evidence]
        ('Replace the fan', ['Is it switched on? yes'])
        """
        issues: list[AnswerIssue] = []
        ids = {check.id for check in self.checks}
        for key in answers:
            if key not in ids:
                issues.append(
                    AnswerIssue(
                        code="answer.unknown_check",
                        field=str(key),
                        message=f"playbook {self.name!r} has no check {key!r}",
                    )
                )
        evidence: list[Evidence] = []
        for i, check in enumerate(self.checks):
            answer = answers.get(check.id)
            if answer is not None and not isinstance(answer, bool):
                issues.append(
                    AnswerIssue(
                        code="answer.wrong_type",
                        field=check.id,
                        message=f"expected True or False, got {type(answer).__name__} {answer!r}",
                    )
                )
                answer = None
            if answer is None:
                return NextCheck(check=check, evidence=tuple(evidence), issues=tuple(issues))
            evidence.append(Evidence(check=check.id, question=check.question, answer=answer))
            outcome = check.outcome(answer)
            if not isinstance(outcome, Continue):
                _unused(self.checks[i + 1 :], answers, issues)
                return _end(outcome, check, tuple(evidence), tuple(issues))
        assert self.otherwise is not None  # checked at construction
        return _end(self.otherwise, None, tuple(evidence), tuple(issues))

    def paths(self) -> tuple[tuple[dict[str, bool], Resolution | Escalation], ...]:
        """Every complete walk: the answers and where they lead, yes before no.

        >>> from servicedesk_core.playbook import Check, Escalate, Playbook, Resolve
        >>> book = Playbook(
        ...     name="door",
        ...     symptom="The door is stuck",
        ...     checks=[Check(id="locked", question="Is it unlocked?",
        ...                   on_no=Resolve(means="locked", remedy="Unlock it"))],
        ...     otherwise=Escalate(to="carpenter", means="jammed"),
        ... )
        >>> [(answers, type(end).__name__) for answers, end in book.paths()]
        [({'locked': True}, 'Escalation'), ({'locked': False}, 'Resolution')]
        """
        found: list[tuple[dict[str, bool], Resolution | Escalation]] = []

        def explore(answers: dict[str, bool]) -> None:
            step = self.walk(answers)
            if isinstance(step, NextCheck):
                for answer in (True, False):
                    explore({**answers, step.check.id: answer})
            else:
                found.append((answers, step))

        explore({})
        return tuple(found)


def _unused(
    rest: Iterable[Check], answers: Mapping[str, object], issues: list[AnswerIssue]
) -> None:
    for check in rest:
        if check.id in answers:
            issues.append(
                AnswerIssue(
                    code="answer.unused",
                    field=check.id,
                    message=f"the walk ended before check {check.id!r}",
                )
            )


def _end(
    outcome: Resolve | Escalate,
    check: Check | None,
    evidence: tuple[Evidence, ...],
    issues: tuple[AnswerIssue, ...],
) -> Resolution | Escalation:
    if isinstance(outcome, Resolve):
        return Resolution(
            check=check,
            means=outcome.means,
            remedy=outcome.remedy,
            evidence=evidence,
            issues=issues,
        )
    return Escalation(
        to=outcome.to,
        check=check,
        means=outcome.means,
        attach=outcome.attach,
        evidence=evidence,
        issues=issues,
    )
