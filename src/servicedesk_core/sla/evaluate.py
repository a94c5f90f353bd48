"""The one entry point of the SLA engine: :func:`evaluate` a ticket's log under a policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from servicedesk_core.events import Event
from servicedesk_core.sla.policy import SLAPolicy
from servicedesk_core.sla.results import SLAReport
from servicedesk_core.sla.selection import PolicySet, Selection, replayable

__all__ = ["evaluate"]


def evaluate(
    policy: SLAPolicy | PolicySet | Selection,
    events: Sequence[Event],
    now: dt.datetime,
    *,
    ignore_later: bool = False,
) -> SLAReport:
    """Replay a ticket's event log under a policy and report every metric at ``now``.

    Args:
        policy: The policy, a :class:`PolicySet` (which picks one from the
            ``Created`` event), or a selection already made.
        events: The ticket's log: one ``Created`` first, then events in
            chronological order (equal instants keep their order), none after
            ``now`` unless ``ignore_later``.
        now: The instant to evaluate at.
        ignore_later: Leave out the events after ``now`` instead of raising:
            the report *as of* ``now`` from a longer log (a host replaying
            history).

    Returns:
        The :class:`SLAReport`.

    Raises:
        ConfigError: ``policy`` is not a policy, ``events`` not a list of events.
        EventLogError: the log is empty, out of order, has events after
            ``now``, does not start with ``Created``, names a priority or status
            the policy does not know, or breaks the lifecycle (resolving a
            resolved ticket, reopening an open one, anything after ``Closed``
            but a reopen or a survey answer).
        NaiveDatetimeError: ``now`` has no timezone.
        DeadlineUnreachableError: a target needs more open time than its
            calendar has within its horizon.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from servicedesk_core import BusinessCalendar, FOUR_TIER
    >>> from servicedesk_core.sla import Created, AgentReplied, Metric, SLAPolicy
    >>> desk = BusinessCalendar(timezone="America/Chicago", hours="Mon-Fri 07:00-17:00")
    >>> policy = SLAPolicy(name="desk", scheme=FOUR_TIER, calendar=desk, targets={
    ...     Metric.FIRST_RESPONSE: {level.name: timedelta(hours=4) for level in FOUR_TIER}})
    >>> at = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo("America/Chicago"))  # a Friday
    >>> report = evaluate(policy, [Created(at=at, priority="High")], at + timedelta(hours=1))
    >>> first = report[Metric.FIRST_RESPONSE]
    >>> first.state.value, first.due_at.isoformat(), first.remaining
    ('running', '2026-11-23T09:00:00-06:00', datetime.timedelta(seconds=10800))
    >>> report.next_change_at == first.due_at
    True
    """
    return replayable(policy, "policy").evaluate(events, now, ignore_later=ignore_later)
