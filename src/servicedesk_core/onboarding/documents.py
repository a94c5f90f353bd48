"""Onboarding documents, the steps they gate, and the next steps to announce.

The self-service onboarding guide asks for documents first: the payment
(CC/ACH) authorisation is required before anything else, including porting;
the billing contact; a tax exemption form if applicable; a phone bill dated
within the last 30 days and the list of numbers to port with their use (both
required for porting); a customer service record (CSR), recommended. Once all
required documents are in, the provider sends "Onboarding Complete" and, within
24 hours, the port submission email (if porting), the hardware shipment email
with tracking (if buying hardware) and the welcome email listing the new
numbers (if starting ASAP).

Both the document rules and the steps are data (:data:`DOCUMENT_RULES`,
:data:`ONBOARDING_STEPS`); :func:`onboarding_checklist` reads them.

>>> import datetime as dt
>>> case = OnboardingCase(porting=True)
>>> received = [ReceivedDocument(Document.PAYMENT_AUTHORIZATION, dt.date(2026, 3, 2))]
>>> checklist = onboarding_checklist(case, received, today=dt.date(2026, 3, 2))
>>> [step.step.value for step in checklist.ready]
[]
>>> sorted(doc.value for doc in checklist.missing)
['billing contact', 'number list', 'phone bill']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import assert_never

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core.onboarding.codes import ONBOARDING_CODES
from servicedesk_core.report import Issue, Report, _Enum

__all__ = [
    "ACCOUNT_CONFIGURATION_STEPS",
    "DOCUMENT_RULES",
    "ONBOARDING_STEPS",
    "AppliesWhen",
    "Document",
    "DocumentRequirement",
    "DocumentRule",
    "OnboardingCase",
    "OnboardingChecklist",
    "OnboardingStep",
    "OnboardingStepRule",
    "OnboardingStepStatus",
    "ReceivedDocument",
    "onboarding_checklist",
]


class Document(_Enum):
    """A document the client sends during onboarding."""

    PAYMENT_AUTHORIZATION = "payment authorization"
    BILLING_CONTACT = "billing contact"
    TAX_EXEMPTION_FORM = "tax exemption form"
    PHONE_BILL = "phone bill"
    CUSTOMER_SERVICE_RECORD = "customer service record"
    NUMBER_LIST = "number list"
    LETTER_OF_AUTHORIZATION = "letter of authorization"


class DocumentRequirement(_Enum):
    """Whether a missing document blocks (required) or only warns (recommended)."""

    REQUIRED = "required"
    RECOMMENDED = "recommended"


class AppliesWhen(_Enum):
    """When a rule or step applies, read from the :class:`OnboardingCase`."""

    ALWAYS = "always"
    PORTING = "porting"
    TOLL_FREE_PORT = "toll-free port"
    TAX_EXEMPT = "tax exempt"
    HARDWARE = "hardware"
    ASAP = "asap"


class OnboardingStep(_Enum):
    """A step of onboarding that documents can block."""

    ONBOARDING_COMPLETE = "onboarding complete"
    PORT_SUBMISSION = "port submission"
    HARDWARE_SHIPMENT = "hardware shipment"
    WELCOME_EMAIL = "welcome email"
    ACCOUNT_CONFIGURATION = "account configuration"


def _porting(value: bool | str) -> bool:
    return convert.boolean(value, "porting")


def _toll_free_port(value: bool | str) -> bool:
    return convert.boolean(value, "toll_free_port")


def _asap(value: bool | str) -> bool:
    return convert.boolean(value, "asap")


def _hardware(value: bool | str) -> bool:
    return convert.boolean(value, "hardware")


def _tax_exempt(value: bool | str) -> bool:
    return convert.boolean(value, "tax_exempt")


@attrs.frozen(kw_only=True)
class OnboardingCase:
    """What this client's onboarding involves.

    Attributes:
        porting: Numbers are ported in.
        toll_free_port: Toll-free numbers are among them (needs an LOA).
        asap: The client starts at once on new (temporary) numbers.
        hardware: Hardware is bought from the provider.
        tax_exempt: The client claims tax exemption.
    """

    porting: bool = attrs.field(default=False, converter=_porting)
    toll_free_port: bool = attrs.field(default=False, converter=_toll_free_port)
    asap: bool = attrs.field(default=False, converter=_asap)
    hardware: bool = attrs.field(default=False, converter=_hardware)
    tax_exempt: bool = attrs.field(default=False, converter=_tax_exempt)

    def applies(self, condition: AppliesWhen) -> bool:
        """Whether ``condition`` holds for this case.

        >>> OnboardingCase(porting=True).applies(AppliesWhen.TOLL_FREE_PORT)
        False
        """
        match condition:
            case AppliesWhen.ALWAYS:
                return True
            case AppliesWhen.PORTING:
                return self.porting
            case AppliesWhen.TOLL_FREE_PORT:
                return self.porting and self.toll_free_port
            case AppliesWhen.TAX_EXEMPT:
                return self.tax_exempt
            case AppliesWhen.HARDWARE:
                return self.hardware
            case AppliesWhen.ASAP:
                return self.asap
            case _:  # pragma: no cover
                assert_never(condition)


def _steps(values: Iterable[OnboardingStep | str], field: str) -> frozenset[OnboardingStep]:
    return convert.frozenset_of(
        values, field, lambda value, _: convert.enum_member(OnboardingStep, value, field)
    )


def _gates(values: Iterable[OnboardingStep | str]) -> frozenset[OnboardingStep]:
    return _steps(values, "gates")


def _after(values: Iterable[OnboardingStep | str]) -> frozenset[OnboardingStep]:
    return _steps(values, "after")


def _document(value: Document | str) -> Document:
    return convert.enum_member(Document, value, "document")


def _requirement(value: DocumentRequirement | str) -> DocumentRequirement:
    return convert.enum_member(DocumentRequirement, value, "requirement")


def _applies(value: AppliesWhen | str) -> AppliesWhen:
    return convert.enum_member(AppliesWhen, value, "applies")


def _max_age_days(value: int | str | None) -> int | None:
    return None if value is None else convert.integer(value, "max_age_days", min_value=0)


def _step(value: OnboardingStep | str) -> OnboardingStep:
    return convert.enum_member(OnboardingStep, value, "step")


def _notification(value: str) -> str:
    return convert.text(value, "notification")


@attrs.frozen(kw_only=True)
class DocumentRule:
    """When a document is needed, which steps it gates, and how old it may be.

    Attributes:
        document: The document.
        requirement: Required (missing blocks) or recommended (missing warns).
        applies: When the rule applies.
        gates: The steps that wait for the document (required documents only).
        max_age_days: The document's own date may be at most this many days
            before the day of checking; ``None`` when age does not matter.
    """

    document: Document = attrs.field(converter=_document)
    requirement: DocumentRequirement = attrs.field(
        default=DocumentRequirement.REQUIRED, converter=_requirement
    )
    applies: AppliesWhen = attrs.field(default=AppliesWhen.ALWAYS, converter=_applies)
    gates: frozenset[OnboardingStep] = attrs.field(default=frozenset(), converter=_gates)
    max_age_days: int | None = attrs.field(default=None, converter=_max_age_days)


_ALL_STEPS = frozenset(OnboardingStep)

DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    DocumentRule(document=Document.PAYMENT_AUTHORIZATION, gates=_ALL_STEPS),
    DocumentRule(document=Document.BILLING_CONTACT, gates={OnboardingStep.ONBOARDING_COMPLETE}),
    DocumentRule(
        document=Document.TAX_EXEMPTION_FORM,
        applies=AppliesWhen.TAX_EXEMPT,
        gates={OnboardingStep.ONBOARDING_COMPLETE},
    ),
    DocumentRule(
        document=Document.PHONE_BILL,
        applies=AppliesWhen.PORTING,
        gates={OnboardingStep.ONBOARDING_COMPLETE, OnboardingStep.PORT_SUBMISSION},
        max_age_days=30,
    ),
    DocumentRule(
        document=Document.NUMBER_LIST,
        applies=AppliesWhen.PORTING,
        gates={OnboardingStep.ONBOARDING_COMPLETE, OnboardingStep.PORT_SUBMISSION},
    ),
    DocumentRule(
        document=Document.CUSTOMER_SERVICE_RECORD,
        requirement=DocumentRequirement.RECOMMENDED,
        applies=AppliesWhen.PORTING,
    ),
    DocumentRule(
        document=Document.LETTER_OF_AUTHORIZATION,
        applies=AppliesWhen.TOLL_FREE_PORT,
        gates={OnboardingStep.ONBOARDING_COMPLETE, OnboardingStep.PORT_SUBMISSION},
        max_age_days=30,
    ),
)
"""The self-service onboarding guide's documents (plus the partner guide's LOA for toll-free)."""


@attrs.frozen(kw_only=True)
class OnboardingStepRule:
    """A step, when it applies, what it follows, and whom it notifies.

    Attributes:
        step: The step.
        applies: When the step is part of the onboarding.
        after: Steps that must be ready first.
        notification: What the provider sends when the step goes ahead.
    """

    step: OnboardingStep = attrs.field(converter=_step)
    applies: AppliesWhen = attrs.field(default=AppliesWhen.ALWAYS, converter=_applies)
    after: frozenset[OnboardingStep] = attrs.field(default=frozenset(), converter=_after)
    notification: str = attrs.field(default="", converter=_notification)


ONBOARDING_STEPS: tuple[OnboardingStepRule, ...] = (
    OnboardingStepRule(
        step=OnboardingStep.ONBOARDING_COMPLETE,
        notification="Onboarding Complete notification to the channel partner and the client "
        "(domain creation begins)",
    ),
    OnboardingStepRule(
        step=OnboardingStep.PORT_SUBMISSION,
        applies=AppliesWhen.PORTING,
        after={OnboardingStep.ONBOARDING_COMPLETE},
        notification="Port Submission Email within 24 hours",
    ),
    OnboardingStepRule(
        step=OnboardingStep.HARDWARE_SHIPMENT,
        applies=AppliesWhen.HARDWARE,
        after={OnboardingStep.ONBOARDING_COMPLETE},
        notification="Hardware Shipment Email with tracking number within 24 hours",
    ),
    OnboardingStepRule(
        step=OnboardingStep.WELCOME_EMAIL,
        applies=AppliesWhen.ASAP,
        after={OnboardingStep.ONBOARDING_COMPLETE},
        notification="Welcome Email listing the new numbers within 24 hours",
    ),
    OnboardingStepRule(
        step=OnboardingStep.ACCOUNT_CONFIGURATION,
        after={OnboardingStep.ONBOARDING_COMPLETE, OnboardingStep.WELCOME_EMAIL},
        notification="The channel partner may configure the account within 2 hours "
        "(once the Welcome Email is sent when starting ASAP)",
    ),
)
"""The guide's steps after document gathering, in order."""

ACCOUNT_CONFIGURATION_STEPS: tuple[str, ...] = (
    "Create Users",
    "Create AAs & Call Queues",
    "Route DIDs",
    "Configure Native Fax",
    "Provision E911",
    "Purchase/Add & Provision Hardware",
    "10DLC Brand Registration & Campaign Submission",
)
"""The guide's recommended order for configuring the account (before the port date)."""


def _received_on(value: dt.date | str) -> dt.date:
    return convert.date(value, "received_on")


def _dated(value: dt.date | str | None) -> dt.date | None:
    return None if value is None else convert.date(value, "dated")


@attrs.frozen
class ReceivedDocument:
    """A document received on a date.

    Attributes:
        document: Which document.
        received_on: When it arrived.
        dated: The document's own date (a bill's statement date, an LOA's
            signature date); needed when its rule limits its age.
    """

    document: Document = attrs.field(converter=_document)
    received_on: dt.date = attrs.field(converter=_received_on)
    dated: dt.date | None = attrs.field(default=None, converter=_dated)


@attrs.frozen
class OnboardingStepStatus:
    """Whether a step can go ahead, and what it waits for.

    Attributes:
        step: The step.
        ready: Nothing blocks it.
        waiting_for: Documents missing, stale or undated that it needs.
        blocked_by: Earlier steps that are not ready.
        notification: What the provider sends when it goes ahead.
    """

    step: OnboardingStep
    ready: bool
    waiting_for: tuple[Document, ...]
    blocked_by: tuple[OnboardingStep, ...]
    notification: str


@attrs.frozen
class OnboardingChecklist:
    """Where an onboarding stands: the document report and each step's status.

    Attributes:
        report: One issue per missing, stale, undated or future-dated document
            (paths ``documents.phone_bill``, ...), warnings for recommended ones.
        missing: Required documents not usable yet (missing, stale, undated or future-dated).
        steps: Every applicable step, in the guide's order.
    """

    report: Report
    missing: frozenset[Document]
    steps: tuple[OnboardingStepStatus, ...]

    @property
    def ready(self) -> tuple[OnboardingStepStatus, ...]:
        """The steps that can go ahead now."""
        return tuple(step for step in self.steps if step.ready)

    @property
    def blocked(self) -> tuple[OnboardingStepStatus, ...]:
        """The steps that wait for documents or earlier steps."""
        return tuple(step for step in self.steps if not step.ready)

    @property
    def is_complete(self) -> bool:
        """Whether every required document is in (Onboarding Complete can be sent)."""
        return not self.missing

    @property
    def next_steps(self) -> tuple[str, ...]:
        """The notifications due now, one per ready step."""
        return tuple(step.notification for step in self.ready)


def _path(document: Document) -> str:
    return "documents." + document.name.lower()


def _judge(rule: DocumentRule, received: ReceivedDocument | None, today: dt.date) -> Issue | None:
    path = _path(rule.document)
    name = rule.document.value
    if received is None:
        if rule.requirement is DocumentRequirement.RECOMMENDED:
            return ONBOARDING_CODES.issue(
                "document.recommended", path, f"the {name} is recommended but not received"
            )
        return ONBOARDING_CODES.issue(
            "document.missing", path, f"the {name} is required and not received"
        )
    if rule.max_age_days is None:
        return None
    if received.dated is None:
        return ONBOARDING_CODES.issue(
            "document.undated",
            path,
            f"the {name} has no date; it must be dated within {rule.max_age_days} days",
        )
    if received.dated > today:
        return ONBOARDING_CODES.issue(
            "document.future_dated",
            path,
            f"the {name} is dated {received.dated.isoformat()}, after {today.isoformat()}",
        )
    age = (today - received.dated).days
    if age > rule.max_age_days:
        return ONBOARDING_CODES.issue(
            "document.stale",
            path,
            f"the {name} is dated {received.dated.isoformat()}, {age} days before "
            f"{today.isoformat()}; it must be at most {rule.max_age_days} days old",
        )
    return None


def onboarding_checklist(
    case: OnboardingCase,
    received: Iterable[ReceivedDocument],
    *,
    today: dt.date | str,
    rules: Iterable[DocumentRule] = DOCUMENT_RULES,
    steps: Iterable[OnboardingStepRule] = ONBOARDING_STEPS,
) -> OnboardingChecklist:
    """Compute what is missing, what it blocks, and what happens next.

    When a document was received more than once, the most recent receipt
    counts. Never raises for the documents given (any dates).

    Args:
        case: What the onboarding involves.
        received: The documents received so far.
        today: The day of checking (document ages are counted up to it); ISO text accepted.
        rules: The document rules (default: the guide's).
        steps: The steps (default: the guide's).

    >>> import datetime as dt
    >>> today = dt.date(2026, 3, 2)
    >>> got = [
    ...     ReceivedDocument(Document.PAYMENT_AUTHORIZATION, today),
    ...     ReceivedDocument(Document.BILLING_CONTACT, today),
    ... ]
    >>> checklist = onboarding_checklist(OnboardingCase(asap=True), got, today=today)
    >>> checklist.next_steps[1]
    'Welcome Email listing the new numbers within 24 hours'
    """
    today = convert.date(today, "today")
    rules = convert.instances(rules, "rules", DocumentRule)
    steps = convert.instances(steps, "steps", OnboardingStepRule)
    received = convert.instances(received, "received", ReceivedDocument)
    convert.instance(OnboardingCase, case, "case")
    latest: dict[Document, ReceivedDocument] = {}
    for item in received:
        known = latest.get(item.document)
        if known is None or (item.received_on, item.dated or dt.date.min) >= (
            known.received_on,
            known.dated or dt.date.min,
        ):
            latest[item.document] = item
    issues: list[Issue] = []
    unusable: dict[OnboardingStep, list[Document]] = {}
    missing: set[Document] = set()
    for rule in rules:
        if not case.applies(rule.applies):
            continue
        issue = _judge(rule, latest.get(rule.document), today)
        if issue is None:
            continue
        issues.append(issue)
        if rule.requirement is DocumentRequirement.REQUIRED:
            missing.add(rule.document)
            for step in rule.gates:
                unusable.setdefault(step, []).append(rule.document)
    statuses: dict[OnboardingStep, OnboardingStepStatus] = {}
    for step_rule in steps:
        if not case.applies(step_rule.applies):
            continue
        blocked_by = tuple(
            earlier
            for earlier in sorted(step_rule.after, key=lambda s: list(OnboardingStep).index(s))
            if earlier in statuses and not statuses[earlier].ready
        )
        waiting = tuple(unusable.get(step_rule.step, ()))
        statuses[step_rule.step] = OnboardingStepStatus(
            step_rule.step,
            not waiting and not blocked_by,
            waiting,
            blocked_by,
            step_rule.notification,
        )
    return OnboardingChecklist(Report(issues), frozenset(missing), tuple(statuses.values()))
