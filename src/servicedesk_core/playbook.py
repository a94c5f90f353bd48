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

from servicedesk_core import _convert as convert
from servicedesk_core.errors import ConfigError
from servicedesk_core.report import CodeBook, Issue, IssueCode, Severity

__all__ = [
    "CONTINUE",
    "PLAYBOOK_CODES",
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


PLAYBOOK_CODES = CodeBook(
    [
        IssueCode("answer.unknown_check", Severity.WARNING, "No check has this id; ignored."),
        IssueCode("answer.wrong_type", Severity.WARNING, "Not True or False; asked again."),
        IssueCode("answer.unused", Severity.WARNING, "The walk ended before this check."),
    ]
)
"""The codes :meth:`~servicedesk_core.Playbook.walk` may report about the answers it was given."""


def _attach(values: str | Iterable[str]) -> tuple[str, ...]:
    return convert.tuple_of(
        (values,) if isinstance(values, str) else values, "attach", convert.text
    )


def _means(value: str) -> str:
    return convert.text(value, "means")


def _remedy(value: str) -> str:
    return convert.text(value, "remedy", allow_empty=False)


def _to(value: str) -> str:
    return convert.text(value, "to", allow_empty=False)


def _id(value: str) -> str:
    return convert.text(value, "id", allow_empty=False, max_length=200)


def _question(value: str) -> str:
    return convert.text(value, "question")


def _name(value: str) -> str:
    return convert.text(value, "name", allow_empty=False)


def _symptom(value: str) -> str:
    return convert.text(value, "symptom")


def _outcome(value: object, field: str) -> Outcome:
    if not isinstance(value, Continue | Resolve | Escalate):
        raise ConfigError(
            f"expected CONTINUE, Resolve or Escalate, got {convert.describe(value)}", field=field
        )
    return value


def _on_yes(value: Outcome) -> Outcome:
    return _outcome(value, "on_yes")


def _on_no(value: Outcome) -> Outcome:
    return _outcome(value, "on_no")


@attrs.frozen(kw_only=True)
class Resolve:
    """End the walk: the answer explains the problem and ``remedy`` fixes it.

    Attributes:
        means: What the answer means (the diagnosis).
        remedy: What to do about it.
    """

    means: str = attrs.field(converter=_means)
    remedy: str = attrs.field(converter=_remedy)


@attrs.frozen(kw_only=True)
class Escalate:
    """End the walk: hand the request to ``to`` with the evidence and ``attach``.

    Attributes:
        to: The escalation target (a team or tier).
        means: What the answer means.
        attach: What to send along besides the answers (``"SIP credentials"``).
    """

    to: str = attrs.field(converter=_to)
    means: str = attrs.field(converter=_means)
    attach: tuple[str, ...] = attrs.field(default=(), converter=_attach)


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

    id: str = attrs.field(converter=_id)
    question: str = attrs.field(converter=_question)
    on_yes: Outcome = attrs.field(default=CONTINUE, converter=_on_yes)
    on_no: Outcome = attrs.field(default=CONTINUE, converter=_on_no)

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
class NextCheck:
    """The walk needs another answer: ask ``check`` next."""

    check: Check
    evidence: tuple[Evidence, ...]
    issues: tuple[Issue, ...] = ()


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
    issues: tuple[Issue, ...] = ()


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
    issues: tuple[Issue, ...] = ()


Step = NextCheck | Resolution | Escalation
"""What :meth:`~servicedesk_core.Playbook.walk` returns."""


def _checks(values: Iterable[Check]) -> tuple[Check, ...]:
    return convert.instances(values, "checks", Check)


def _otherwise(value: Resolve | Escalate | None) -> Resolve | Escalate | None:
    if value is not None and not isinstance(value, Resolve | Escalate):
        raise ConfigError(
            f"expected Resolve, Escalate or None, got {convert.describe(value)}", field="otherwise"
        )
    return value


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

    name: str = attrs.field(converter=_name)
    symptom: str = attrs.field(converter=_symptom)
    checks: tuple[Check, ...] = attrs.field(converter=_checks)
    otherwise: Resolve | Escalate | None = attrs.field(default=None, converter=_otherwise)

    def __attrs_post_init__(self) -> None:
        if not self.checks:
            raise ConfigError("a playbook needs at least one check", field="checks")
        seen: set[str] = set()
        for i, check in enumerate(self.checks):
            if check.id in seen:
                raise ConfigError(
                    f"duplicate check id {convert.brief(check.id)}", field=f"checks[{i}].id"
                )
            seen.add(check.id)
        for i, check in enumerate(self.checks[:-1]):
            if check.is_final:
                later = self.checks[i + 1]
                raise ConfigError(
                    f"check {later.id!r} is unreachable: both answers to {check.id!r} end the walk",
                    field=f"checks[{i + 1}]",
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
        raise KeyError(f"playbook {self.name!r} has no check {convert.brief(check_id)}")

    def walk(self, answers: Mapping[str, object]) -> Step:
        """Follow the checks with the answers given so far.

        Never raises for bad answers: an answer for an unknown check, one that is
        not ``True``/``False``, or one for a check after the walk ended is listed
        in the result's ``issues`` (codes in :data:`~servicedesk_core.playbook.PLAYBOOK_CODES`) and
        otherwise ignored; answers that are not a mapping count as none.

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
        issues: list[Issue] = []
        given: object = answers  # judged, not trusted: hosts pass what a form gave them
        if not isinstance(given, Mapping):
            issues.append(
                _answer_issue(
                    "answer.wrong_type",
                    "",
                    f"expected a mapping of check ids to answers, got {convert.describe(given)}",
                )
            )
            answers = {}
        ids = {check.id for check in self.checks}
        for key in answers:
            if key not in ids:
                issues.append(
                    _answer_issue(
                        "answer.unknown_check",
                        key[:100] if isinstance(key, str) else convert.brief(key),
                        f"playbook {self.name!r} has no check {convert.brief(key)}",
                    )
                )
        evidence: list[Evidence] = []
        for i, check in enumerate(self.checks):
            answer = answers.get(check.id)
            if answer is not None and not isinstance(answer, bool):
                issues.append(
                    _answer_issue(
                        "answer.wrong_type",
                        check.id,
                        f"expected True or False, got {convert.describe(answer)}",
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


def _answer_issue(code: str, path: str, message: str) -> Issue:
    return PLAYBOOK_CODES.issue(code, path, message)


def _unused(rest: Iterable[Check], answers: Mapping[str, object], issues: list[Issue]) -> None:
    for check in rest:
        if check.id in answers:
            issues.append(
                _answer_issue(
                    "answer.unused", check.id, f"the walk ended before check {check.id!r}"
                )
            )


def _end(
    outcome: Resolve | Escalate,
    check: Check | None,
    evidence: tuple[Evidence, ...],
    issues: tuple[Issue, ...],
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
