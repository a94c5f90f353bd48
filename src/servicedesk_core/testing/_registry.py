"""The strategy ``st.from_type`` draws for each public type (private).

Configuration, input and event types use the public strategies; results
(reports, decisions, estimates) are computed by the library from drawn
inputs, so they are values it can really return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core import (
    E911,
    FOUR_TIER,
    Account,
    Action,
    Address,
    AddressStatus,
    AgentReplied,
    Arrivals,
    Assigned,
    Attainment,
    AttributesChanged,
    AuthzPolicy,
    BusinessCalendar,
    Calendar,
    Charge,
    Closed,
    CodeBook,
    CombinedCalendar,
    Condition,
    Contact,
    Contract,
    ContractMonth,
    ContractReport,
    Created,
    CreditTier,
    CustomerReplied,
    Cycle,
    CycleOutcome,
    Decision,
    Delegation,
    Desk,
    DocumentRule,
    ErlangA,
    ErlangC,
    Escalated,
    EscalationLadder,
    EscalationRequested,
    Event,
    FaxType,
    Forecast,
    Holding,
    HolidayRule,
    HolidaySet,
    IntervalStaffing,
    Issue,
    IssueCode,
    LadderReport,
    LeadTime,
    LeadTimeCheck,
    LeadTimeEstimate,
    Level,
    LevelDue,
    MatrixViolation,
    Metric,
    MetricDefinition,
    MetricReport,
    Move,
    NativeFax,
    OnboardingCase,
    OnboardingChecklist,
    OnboardingStepRule,
    OnboardingStepStatus,
    Performance,
    PhoneNumber,
    PhoneNumberCheck,
    Playbook,
    PolicyComparison,
    PolicyRule,
    PolicySet,
    PolicySpan,
    PolicyVersion,
    PortingTier,
    PortOrder,
    PriorityChanged,
    PriorityLevel,
    PriorityMatrix,
    PriorityScheme,
    ReadinessItem,
    ReadinessSnapshot,
    ReceivedDocument,
    RecurringIssue,
    ReferenceFormat,
    Reopened,
    Report,
    RequestFacts,
    Resolved,
    Roster,
    Route,
    Routing,
    RoutingRule,
    Rule,
    Segment,
    SegmentKind,
    Selection,
    ServiceLevelCurve,
    Severity,
    SimulatedTicket,
    Simulation,
    SLAPolicy,
    SLAReport,
    Staff,
    Staffing,
    StaffingPlan,
    StaffingTarget,
    Status,
    StatusChanged,
    SurveyAnswered,
    Sweep,
    Target,
    TargetRange,
    Team,
    Ticket,
    TicketFacts,
    TicketOutcome,
    TicketReferences,
    TicketState,
    TicketSummary,
    TimeRange,
    Transition,
    Triage,
    TriageRule,
    TriageRules,
    Trigger,
    UnknownRequester,
    WarningCrossed,
    WarningThreshold,
    WeeklyHours,
    WorkCatalogue,
    Workflow,
    WorkKind,
    Workload,
    check_requested_date,
    compare_policies,
    earliest_date,
    evaluate_many,
    onboarding_checklist,
    plan_staffing,
    simulate,
    summarize,
    sweep,
    validate_phone_number,
)
from servicedesk_core.testing import strategies as s

__all__ = ["strategy_for"]

_S = st.SearchStrategy[Any]
_WORDS = st.sampled_from(["", "a", "Technical Support", "rules[2].level", "Zoë"])
_CODES = st.sampled_from(["config.invalid", "cnam.too_long", "phone.fictional", "x"])


def _policies() -> st.SearchStrategy[SLAPolicy]:
    """Policies for computed results: fewer metrics, so that a report stays cheap to draw."""
    chosen = (Metric.FIRST_RESPONSE, Metric.NEXT_RESPONSE, Metric.RESOLUTION)
    return s.sla_policies(metrics=chosen)


def _one_of(values: st.SearchStrategy[Any], pick: Callable[[Any], Any]) -> _S:
    """One of the values ``pick`` finds in a drawn value (values without any are skipped)."""
    return values.map(lambda value: tuple(pick(value))).filter(bool).flatmap(st.sampled_from)


# --- results, computed by the library ---------------------------------------------------------


@st.composite
def _reports(draw: st.DrawFn) -> SLAReport:
    policy = draw(_policies())
    log = draw(s.event_logs(policy, max_size=6))
    now = log[-1].at + draw(st.sampled_from([dt.timedelta(0), dt.timedelta(hours=5)]))
    return policy.evaluate(log, now)


@st.composite
def _selections(draw: st.DrawFn) -> Selection:
    rules = draw(s.policy_sets(max_rules=2, max_versions=0))  # the last rule picks any ticket
    return rules.select(draw(s.events(kinds=[Created])))  # type: ignore[arg-type]


def _cycles() -> _S:
    return _one_of(_reports(), lambda report: (c for m in report.metrics for c in m.cycles))


@st.composite
def _decisions(draw: st.DrawFn) -> Decision:
    policy = draw(s.authz_policies(max_accounts=1, min_rules=1, max_rules=4))
    account = draw(st.sampled_from(policy.accounts))
    principal = draw(st.sampled_from(account.contacts))
    action = draw(st.sampled_from(Action))
    ticket = Ticket(id="T-1", account=account.id, requester=principal.id, work="ivr")
    resource = ticket if action.is_on_ticket else account
    return policy.decide(principal, action, resource, draw(_instants()))


@st.composite
def _charges(draw: st.DrawFn) -> Charge:
    catalogue = draw(s.work_catalogues())
    calendar = draw(s.business_calendars(max_holidays=0, max_overrides=0))
    work = draw(st.none() | st.sampled_from(["reset", "ivr", "unknown"]))
    priority = draw(st.none() | st.sampled_from(list(FOUR_TIER)))
    return catalogue.charge(work, at=draw(_instants()), calendar=calendar, priority=priority)


@st.composite
def _segments(draw: st.DrawFn) -> Segment:
    start = draw(_instants())
    end = start + draw(s.durations(max_value=dt.timedelta(days=3)))
    return Segment(
        kind=draw(st.sampled_from(SegmentKind)), start=start, end=end, reason=draw(_WORDS)
    )


def _instants() -> st.SearchStrategy[dt.datetime]:
    return s.aware_datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 1, 1))


@st.composite
def _estimates(draw: st.DrawFn) -> LeadTimeEstimate:
    calendar = draw(s.business_calendars(max_holidays=3, max_overrides=0))
    return earliest_date(draw(s.lead_times()), draw(_instants()), calendar)


@st.composite
def _lead_time_checks(draw: st.DrawFn) -> LeadTimeCheck:
    calendar = draw(s.business_calendars(max_holidays=3, max_overrides=0))
    at = draw(_instants())
    requested = at.date() + dt.timedelta(days=draw(st.integers(-3, 60)))
    return check_requested_date(draw(s.lead_times()), at, requested, calendar)


@st.composite
def _checklists(draw: st.DrawFn) -> OnboardingChecklist:
    received = draw(st.lists(s.received_documents(), max_size=5))
    today = draw(st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)))
    return onboarding_checklist(draw(s.onboarding_cases()), received, today=today)


def _triages() -> _S:
    return s.triage_rules().flatmap(
        lambda rules: s.request_facts(malformed=True).map(rules.classify)
    )


def _issues() -> _S:
    return st.builds(Issue, st.sampled_from(Severity), _CODES, _WORDS, _WORDS.filter(bool))


def _issue_codes() -> _S:
    return st.builds(IssueCode, _CODES, st.sampled_from(Severity), _WORDS)


@st.composite
def _ticket_states(draw: st.DrawFn) -> TicketState:
    policy = draw(s.sla_policies())
    workflow = draw(s.workflows())
    return workflow.replay(draw(s.event_logs(policy, max_size=8, workflow=workflow)))


@st.composite
def _routes(draw: st.DrawFn) -> Route:
    return draw(s.routings()).route(draw(_ticket_states()))


@st.composite
def _ladder_reports(draw: st.DrawFn) -> LadderReport:
    policy = draw(s.sla_policies())
    ladder = draw(s.ladders())
    log = draw(s.event_logs(policy, max_size=8, ladder=ladder))
    now = log[-1].at + draw(st.sampled_from([dt.timedelta(0), dt.timedelta(hours=3)]))
    return ladder.evaluate(log, now, sla=policy)


def _events_of(kind: type[Event]) -> Callable[[], _S]:
    return lambda: s.events(kinds=[kind])


@st.composite
def _levels_due(draw: st.DrawFn) -> LevelDue:
    level = draw(st.sampled_from(draw(s.ladders()).levels))
    trigger = draw(st.sampled_from(level.triggers))
    return LevelDue(level=level.name, trigger=trigger, since=draw(st.none() | _instants()))


def _models() -> _S:
    workloads = s.workloads(max_erlangs=50)
    patience = st.integers(10, 1800).map(lambda seconds: dt.timedelta(seconds=seconds))
    return st.builds(ErlangC, workloads) | st.builds(ErlangA, workloads, patience=patience)


def _forecasts() -> _S:
    minutes = st.sampled_from([15, 30, 60]).map(lambda m: dt.timedelta(minutes=m))
    return st.builds(
        Forecast,
        start=st.integers(0, 24 * 365).map(
            lambda h: dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=h)
        ),
        interval=minutes,
        volumes=st.lists(st.floats(0, 200), min_size=1, max_size=6),
        handle_time=st.integers(30, 900).map(lambda seconds: dt.timedelta(seconds=seconds)),
        patience=st.none()
        | st.integers(10, 600).map(lambda seconds: dt.timedelta(seconds=seconds)),
    )


_START = dt.datetime(2026, 11, 16, 15, tzinfo=dt.UTC)  # open on every desks() calendar


def _simulations() -> _S:
    return st.builds(
        lambda desk, seed: simulate(desk, _START, _START + dt.timedelta(minutes=30), seed=seed),
        s.desks(),
        st.integers(0, 3),
    )


def _plans() -> _S:
    return st.builds(plan_staffing, _forecasts(), s.staffing_targets())


def _facts(created: Event) -> TicketFacts:
    assert isinstance(created, Created)
    return TicketFacts.from_created(created)


@st.composite
def _logs(draw: st.DrawFn) -> tuple[SLAPolicy, list[list[Event]], dt.datetime]:
    policy = draw(_policies())
    logs = draw(st.lists(s.event_logs(policy, max_size=4), min_size=1, max_size=2))
    now = max(log[-1].at for log in logs) + dt.timedelta(hours=draw(st.integers(0, 48)))
    return policy, logs, now


def _summaries() -> _S:
    return _logs().map(lambda found: summarize(*found))


def _outcomes() -> _S:
    return _one_of(_logs(), lambda found: evaluate_many(*found))


@st.composite
def _comparisons(draw: st.DrawFn) -> PolicyComparison:
    before, logs, now = draw(_logs())
    after = draw(s.sla_policies(calendar=before.calendar, metrics=(Metric.RESOLUTION,)))
    return compare_policies(before, after, logs, now)


@st.composite
def _recurring(draw: st.DrawFn) -> RecurringIssue:
    first = draw(_instants())
    last = first + draw(s.durations(max_value=dt.timedelta(days=7)))
    tenants = draw(st.frozensets(st.sampled_from(["acme", "globex", "initech"]), min_size=1))
    return RecurringIssue(category=draw(_WORDS), tenants=tenants, first=first, last=last)


def _contract_reports() -> _S:
    return st.builds(lambda contract, summary: contract.judge(summary), s.contracts(), _summaries())


def _moves(workflow: Workflow) -> list[Move]:
    return [move for status in workflow.statuses for move in workflow.moves(status.name)]


# --- the table -----------------------------------------------------------------------------------

_BUILDERS: dict[type, Callable[[], _S]] = {
    # calendars
    TimeRange: s.time_ranges,
    WeeklyHours: lambda: s.weekly_hours(allow_empty=True),
    HolidayRule: s.holiday_rules,
    HolidaySet: s.holiday_sets,
    BusinessCalendar: lambda: s.business_calendars(holidays=s.holiday_sets()),
    CombinedCalendar: s.combined_calendars,
    Calendar: s.calendars,
    LeadTime: s.lead_times,
    LeadTimeEstimate: _estimates,
    LeadTimeCheck: _lead_time_checks,
    # priorities
    PriorityLevel: s.priority_levels,
    PriorityScheme: s.priority_schemes,
    PriorityMatrix: s.priority_matrices,
    MatrixViolation: lambda: _one_of(
        s.priority_matrices(monotonic=False), PriorityMatrix.violations
    ),
    TriageRule: lambda: _one_of(s.triage_rules(), lambda rules: rules.rules),
    TriageRules: s.triage_rules,
    RequestFacts: s.request_facts,
    Triage: _triages,
    # reports
    Issue: _issues,
    IssueCode: _issue_codes,
    CodeBook: lambda: st.lists(_issue_codes(), unique_by=lambda code: code.code).map(CodeBook),
    Report: lambda: st.lists(_issues(), max_size=4).map(Report),
    # events
    Event: s.events,
    **{
        kind: _events_of(kind)
        for kind in (
            Created,
            AgentReplied,
            CustomerReplied,
            StatusChanged,
            PriorityChanged,
            Assigned,
            Resolved,
            Reopened,
            Closed,
            Escalated,
            EscalationRequested,
            SurveyAnswered,
            AttributesChanged,
        )
    },
    # SLA
    Target: s.targets,
    WarningThreshold: s.warning_thresholds,
    TargetRange: s.sla_targets,
    SLAPolicy: s.sla_policies,
    Condition: s.conditions,
    PolicyRule: s.policy_rules,
    PolicySet: lambda: s.policy_sets(max_rules=2, max_versions=1),
    PolicyVersion: lambda: st.builds(
        PolicyVersion,
        effective=_instants(),
        rules=s.policy_sets(max_rules=2, max_versions=0).map(lambda rules: rules.rules),
    ),
    MetricDefinition: s.metric_definitions,
    TicketFacts: lambda: s.events(kinds=[Created]).map(_facts),
    PolicySpan: lambda: _one_of(_reports(), lambda report: report.policy_spans),
    Selection: _selections,
    SLAReport: _reports,
    MetricReport: lambda: _one_of(_reports(), lambda report: report.metrics),
    Cycle: _cycles,
    Segment: _segments,
    WarningCrossed: lambda: st.builds(WarningCrossed, s.warning_thresholds(), _instants()),
    # authorization
    Contact: s.contacts,
    Account: s.accounts,
    AuthzPolicy: s.authz_policies,
    Rule: s.authz_rules,
    WorkKind: s.work_kinds,
    WorkCatalogue: s.work_catalogues,
    Staff: s.staff,
    Delegation: s.delegations,
    Ticket: s.tickets,
    UnknownRequester: lambda: st.builds(UnknownRequester, account=st.just("acme"), name=_WORDS),
    Decision: _decisions,
    Charge: _charges,
    # onboarding
    DocumentRule: s.document_rules,
    OnboardingStepRule: s.onboarding_step_rules,
    PortingTier: s.porting_tiers,
    ReadinessItem: s.readiness_items,
    ReadinessSnapshot: s.readiness_snapshots,
    OnboardingCase: s.onboarding_cases,
    ReceivedDocument: s.received_documents,
    OnboardingChecklist: _checklists,
    OnboardingStepStatus: lambda: _one_of(_checklists(), lambda checklist: checklist.steps),
    PhoneNumber: s.phone_numbers,
    PhoneNumberCheck: lambda: s.phone_number_texts().map(validate_phone_number),
    PortOrder: s.port_orders,
    Address: s.addresses,
    E911: lambda: st.builds(
        E911,
        number=s.phone_number_texts(),
        address=s.addresses(),
        status=st.sampled_from(AddressStatus),
    ),
    NativeFax: lambda: st.builds(
        NativeFax,
        type=st.sampled_from(FaxType),
        number=s.phone_number_texts(),
        ata_purchased=st.booleans(),
    ),
    # playbooks
    Playbook: s.playbooks,
    # metrics
    CreditTier: s.credit_tiers,
    Contract: s.contracts,
    TicketSummary: _summaries,
    Attainment: lambda: _one_of(_summaries(), lambda summary: summary.attainment()),
    RecurringIssue: _recurring,
    ContractReport: _contract_reports,
    ContractMonth: lambda: _one_of(_contract_reports(), lambda report: report.months),
    PolicyComparison: _comparisons,
    TicketOutcome: _outcomes,
    CycleOutcome: lambda: _one_of(_outcomes(), lambda outcome: outcome.cycles),
    # staffing
    Workload: s.workloads,
    StaffingTarget: s.staffing_targets,
    ErlangC: lambda: st.builds(ErlangC, s.workloads(max_erlangs=50)),
    ErlangA: lambda: _models().filter(lambda model: isinstance(model, ErlangA)),
    Forecast: _forecasts,
    Arrivals: s.arrivals,
    Roster: s.rosters,
    Desk: s.desks,
    Simulation: _simulations,
    SimulatedTicket: lambda: _one_of(_simulations(), lambda run: run.tickets),
    Sweep: lambda: st.builds(
        lambda desk: sweep(lambda _n: desk, [1], _START, _START + dt.timedelta(minutes=30)),
        s.desks(),
    ),
    Performance: lambda: st.builds(
        lambda model, n: model.performance(n), _models(), st.integers(0, 80)
    ),
    Staffing: lambda: st.builds(
        lambda model, target: model.staffing(target), _models(), s.staffing_targets()
    ),
    ServiceLevelCurve: lambda: st.builds(
        lambda model, n: model.curve(range(n, n + 5)), _models(), st.integers(0, 60)
    ),
    StaffingPlan: _plans,
    IntervalStaffing: lambda: _one_of(_plans(), lambda plan: plan.intervals),
    # escalation
    Workflow: s.workflows,
    Status: lambda: _one_of(s.workflows(), lambda workflow: workflow.statuses),
    Transition: lambda: _one_of(s.workflows(), lambda workflow: workflow.transitions),
    Move: lambda: _one_of(s.workflows(), _moves),
    EscalationLadder: s.ladders,
    Level: lambda: _one_of(s.ladders(), lambda ladder: ladder.levels),
    Trigger: lambda: _one_of(
        s.ladders(), lambda ladder: (t for level in ladder.levels for t in level.triggers)
    ),
    Routing: s.routings,
    Team: lambda: _one_of(s.routings(), lambda routing: routing.teams),
    RoutingRule: lambda: _one_of(s.routings(), lambda routing: routing.rules),
    ReferenceFormat: s.reference_formats,
    TicketReferences: s.ticket_references,
    TicketState: _ticket_states,
    Holding: lambda: st.builds(
        Holding,
        at=_instants(),
        index=st.integers(0, 20),
        assignee=_WORDS,
        team=_WORDS,
        tier=st.none() | st.integers(1, 3),
        escalated=st.booleans(),
        reason=_WORDS,
        by=_WORDS,
    ),
    Route: _routes,
    LadderReport: _ladder_reports,
    LevelDue: _levels_due,
}


def strategy_for(kind: type) -> _S:
    """The strategy ``st.from_type(kind)`` draws from.

    Raises:
        InvalidArgument: ``kind`` has no strategy yet (add one to the table above).
    """
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise InvalidArgument(
            f"servicedesk_core.testing has no strategy for {kind.__name__}; "
            "add one to servicedesk_core/testing/_registry.py"
        )
    return builder()
