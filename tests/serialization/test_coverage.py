"""Every public type: stored ones round-trip, and st.from_type draws each one quickly.

The lists below must name every class of ``servicedesk_core.__all__``: a new
class fails ``test_every_public_class_is_classified`` until it is given a plain
form (and a strategy) or is listed as a result the library computes.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import servicedesk_core as sd
from servicedesk_core.testing._hypothesis_plugin import public_classes
from tests.serialization.helpers import assert_round_trip

CONFIGURATION = [
    sd.TimeRange,
    sd.WeeklyHours,
    sd.HolidayRule,
    sd.HolidaySet,
    sd.BusinessCalendar,
    sd.CombinedCalendar,
    sd.Calendar,
    sd.LeadTime,
    sd.PriorityLevel,
    sd.PriorityScheme,
    sd.PriorityMatrix,
    sd.TriageRule,
    sd.TriageRules,
    sd.Target,
    sd.WarningThreshold,
    sd.TargetRange,
    sd.SLAPolicy,
    sd.Condition,
    sd.PolicyRule,
    sd.PolicySet,
    sd.PolicyVersion,
    sd.MetricDefinition,
    sd.Contact,
    sd.Account,
    sd.Staff,
    sd.Delegation,
    sd.Rule,
    sd.WorkKind,
    sd.WorkCatalogue,
    sd.AuthzPolicy,
    sd.DocumentRule,
    sd.OnboardingStepRule,
    sd.PortingTier,
    sd.ReadinessItem,
    sd.Playbook,
    sd.Workflow,
    sd.Status,
    sd.Transition,
    sd.EscalationLadder,
    sd.Level,
    sd.Trigger,
    sd.Routing,
    sd.Team,
    sd.RoutingRule,
    sd.ReferenceFormat,
    sd.Workload,
    sd.StaffingTarget,
    sd.ErlangC,
    sd.ErlangA,
    sd.CreditTier,
    sd.Contract,
    sd.Arrivals,
    sd.Roster,
    sd.Desk,
]
"""What a host keeps per customer: calendars, priorities, policies, rules."""

EVENTS = [
    sd.Event,
    sd.Created,
    sd.AgentReplied,
    sd.CustomerReplied,
    sd.StatusChanged,
    sd.PriorityChanged,
    sd.Assigned,
    sd.Resolved,
    sd.Reopened,
    sd.Closed,
    sd.Escalated,
    sd.EscalationRequested,
    sd.SurveyAnswered,
    sd.AttributesChanged,
]
"""A ticket's history."""

RECORDS = [
    sd.Ticket,
    sd.UnknownRequester,
    sd.OnboardingCase,
    sd.ReceivedDocument,
    sd.ReadinessSnapshot,
    sd.PhoneNumber,
    sd.Address,
    sd.E911,
    sd.NativeFax,
    sd.PortOrder,
    sd.TicketReferences,
    sd.Forecast,
]
"""Data a host keeps and the library judges: tickets, onboarding cases, port orders."""

COMPUTED = {
    sd.RequestFacts: "facts are judged as given, malformed ones too; a host keeps its own",
    sd.Triage: "the answer of TriageRules.classify",
    sd.MatrixViolation: "found by PriorityMatrix.violations",
    sd.Issue: "a problem in a report",
    sd.IssueCode: "a documented code, defined in the library",
    sd.CodeBook: "the codes a validator emits, defined in the library",
    sd.Report: "the answer of a validator",
    sd.LeadTimeEstimate: "the answer of earliest_date",
    sd.LeadTimeCheck: "the answer of check_requested_date",
    sd.SLAReport: "the answer of evaluate; replaying the stored log gives it again",
    sd.MetricReport: "part of an SLAReport",
    sd.Cycle: "part of an SLAReport",
    sd.Segment: "part of an SLAReport",
    sd.WarningCrossed: "part of an SLAReport",
    sd.Selection: "the answer of PolicySet.select",
    sd.PolicySpan: "part of an SLAReport",
    sd.TicketFacts: "what the events say of a ticket at one moment",
    sd.Decision: "the answer of AuthzPolicy.decide",
    sd.Charge: "the answer of WorkCatalogue.charge",
    sd.OnboardingChecklist: "the answer of onboarding_checklist",
    sd.OnboardingStepStatus: "part of an OnboardingChecklist",
    sd.PhoneNumberCheck: "the answer of validate_phone_number",
    sd.Move: "a move a Workflow allows",
    sd.TicketState: "the answer of Workflow.replay; replaying the stored log gives it again",
    sd.Holding: "part of a TicketState",
    sd.Route: "the answer of Routing.route",
    sd.LadderReport: "the answer of EscalationLadder.evaluate",
    sd.LevelDue: "part of a LadderReport",
    sd.Performance: "the answer of a queue model",
    sd.Staffing: "the answer of a queue model for a target",
    sd.ServiceLevelCurve: "the answer of a queue model for a range of agents",
    sd.StaffingPlan: "the answer of plan_staffing",
    sd.IntervalStaffing: "part of a StaffingPlan",
    sd.TicketSummary: "the answer of summarize",
    sd.Attainment: "part of a TicketSummary",
    sd.RecurringIssue: "found by TicketSummary.recurring",
    sd.ContractReport: "the answer of Contract.judge",
    sd.ContractMonth: "part of a ContractReport",
    sd.PolicyComparison: "the answer of compare_policies",
    sd.TicketOutcome: "the answer of evaluate_many",
    sd.CycleOutcome: "part of a TicketOutcome",
    sd.Simulation: "the answer of simulate; the same desk and seed give it again",
    sd.SimulatedTicket: "part of a Simulation",
    sd.Sweep: "the answer of sweep",
}
"""Results: the library computes them from stored values, so hosts need not store them."""

STORED = [*CONFIGURATION, *EVENTS, *RECORDS]
FEW = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow],
)


def _name(kind: type) -> str:
    return kind.__name__


def test_every_public_class_is_classified():
    """Each public class is stored (round-trips) or computed (with the reason it is not stored)."""
    listed = [*STORED, *COMPUTED]
    assert len(listed) == len(set(listed))
    assert [] == [kind.__name__ for kind in public_classes() if kind not in listed]


@pytest.mark.parametrize("kind", STORED, ids=_name)
@FEW
@given(data=st.data())
def test_stored_types_round_trip(kind, data):
    """from_dict(T, to_dict(x)) == x for values drawn by st.from_type(T), and more (helpers)."""
    assert_round_trip(kind, data.draw(st.from_type(kind)))


DRAWS = 20


@pytest.mark.parametrize("kind", public_classes(), ids=_name)
def test_from_type_draws_an_example_in_well_under_50_ms(kind):
    """st.from_type works for every public class and is fast: CPU time per example, measured."""
    drawn = []

    @settings(
        max_examples=DRAWS,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_type(kind))
    def draw(value):
        drawn.append(value)

    draw()  # the first run builds and caches the strategies
    drawn.clear()
    started = time.process_time()
    draw()
    average = (time.process_time() - started) / len(drawn)
    assert all(isinstance(value, kind) for value in drawn)
    assert average < 0.05, f"{average * 1000:.1f} ms"
