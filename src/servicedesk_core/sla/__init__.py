"""SLA policies, targets and clocks replayed from a ticket's event log.

One concept per module; imports point one way, down this list:

- ``evaluate``: the entry point, :func:`evaluate`;
- ``policy``: :class:`SLAPolicy` and the :class:`PolicySet` that picks one;
- ``replay``: walking a log under a policy (internal);
- ``clock``: one clock cycle's replay state and its measure at ``now`` (internal);
- ``results``: the report types (:class:`SLAReport`, :class:`MetricReport`, :class:`Cycle`);
- ``settings``: the behaviour choices (one enum each) and their defaults;
- ``targets``: metrics and targets.

The results and the replay name the policy's types in annotations only.
"""

from servicedesk_core.events import (
    AgentReplied,
    Assigned,
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
from servicedesk_core.sla.evaluate import evaluate
from servicedesk_core.sla.policy import Condition, PolicyRule, PolicySet, Selection, SLAPolicy
from servicedesk_core.sla.results import (
    ClockState,
    Cycle,
    MetricReport,
    Segment,
    SegmentKind,
    SLAReport,
    WarningCrossed,
)
from servicedesk_core.sla.settings import (
    DEFAULT_PAUSED_BY,
    DEFAULT_STATUSES,
    OnPriorityChange,
    OnReopen,
    OutOfHoursStart,
)
from servicedesk_core.sla.targets import Metric, Target, TargetRange, WarningThreshold

__all__ = [
    "DEFAULT_PAUSED_BY",
    "DEFAULT_STATUSES",
    "AgentReplied",
    "Assigned",
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
    "Metric",
    "MetricReport",
    "OnPriorityChange",
    "OnReopen",
    "OutOfHoursStart",
    "PolicyRule",
    "PolicySet",
    "PriorityChanged",
    "Reopened",
    "Resolved",
    "SLAPolicy",
    "SLAReport",
    "Segment",
    "SegmentKind",
    "Selection",
    "StatusChanged",
    "SurveyAnswered",
    "Target",
    "TargetRange",
    "TicketOutcome",
    "WarningCrossed",
    "WarningThreshold",
    "evaluate",
    "evaluate_many",
]
