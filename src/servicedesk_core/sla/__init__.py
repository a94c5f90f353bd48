"""SLA policies, targets and clocks replayed from a ticket's event log.

One concept per module; imports point one way, down this list:

- ``evaluate``: the entry point, :func:`evaluate`;
- ``selection``: the :class:`PolicySet` that picks a ticket's policy, in versions;
- ``policy``: :class:`SLAPolicy`;
- ``replay``: walking a log under a policy (internal);
- ``clock``: one clock cycle's replay state and its measure at ``now`` (internal);
- ``results``: the report types (:class:`SLAReport`, :class:`MetricReport`, :class:`Cycle`);
- ``facts``: a ticket's facts at one moment, as conditions read them;
- ``definitions``: metrics as start, stop, reset, resume and pause conditions;
- ``settings``: the behaviour choices (one enum each) and their defaults;
- ``targets``: metrics and targets.

The results and the replay name the policy's types in annotations only.
"""

from servicedesk_core.events import (
    AgentReplied,
    Assigned,
    AttributesChanged,
    Channel,
    Closed,
    Created,
    CustomerReplied,
    Escalated,
    EscalationRequested,
    Event,
    PriorityChanged,
    Reopened,
    Resolved,
    StatusChanged,
    SurveyAnswered,
)
from servicedesk_core.sla.bulk import CycleOutcome, TicketOutcome, evaluate_many
from servicedesk_core.sla.definitions import MetricDefinition, Signal, builtin_definition
from servicedesk_core.sla.evaluate import evaluate
from servicedesk_core.sla.facts import TicketFacts
from servicedesk_core.sla.policy import SLAPolicy, TargetSpec, TargetsSpec
from servicedesk_core.sla.results import (
    ClockState,
    Cycle,
    MetricReport,
    PolicySpan,
    Segment,
    SegmentKind,
    SLAReport,
    WarningCrossed,
)
from servicedesk_core.sla.selection import (
    Condition,
    PolicyRule,
    PolicySet,
    PolicyVersion,
    Selection,
)
from servicedesk_core.sla.settings import (
    DEFAULT_PAUSED_BY,
    DEFAULT_STATUSES,
    FollowVersion,
    OnPolicyChange,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
    Reselect,
)
from servicedesk_core.sla.targets import Metric, MetricKey, Target, TargetRange, WarningThreshold

__all__ = [
    "DEFAULT_PAUSED_BY",
    "DEFAULT_STATUSES",
    "AgentReplied",
    "Assigned",
    "AttributesChanged",
    "Channel",
    "ClockState",
    "Closed",
    "Condition",
    "Created",
    "CustomerReplied",
    "Cycle",
    "CycleOutcome",
    "Escalated",
    "EscalationRequested",
    "Event",
    "FollowVersion",
    "Metric",
    "MetricDefinition",
    "MetricKey",
    "MetricReport",
    "OnPolicyChange",
    "OnPriorityChange",
    "OnReopen",
    "OutOfHoursStart",
    "PolicyRule",
    "PolicySet",
    "PolicySpan",
    "PolicyVersion",
    "PriorityChanged",
    "Reopened",
    "Reselect",
    "Resolved",
    "SLAPolicy",
    "SLAReport",
    "Segment",
    "SegmentKind",
    "Selection",
    "Signal",
    "StatusChanged",
    "SurveyAnswered",
    "Target",
    "TargetRange",
    "TargetSpec",
    "TargetsSpec",
    "TicketFacts",
    "TicketOutcome",
    "WarningCrossed",
    "WarningThreshold",
    "builtin_definition",
    "evaluate",
    "evaluate_many",
]
