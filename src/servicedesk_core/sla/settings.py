"""The behaviour choices of an SLA policy: one enum per choice, each with a documented default.

Helpdesks hard-code these differently; here each is a setting of
:class:`~servicedesk_core.sla.policy.SLAPolicy`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from servicedesk_core.sla.targets import Metric

__all__ = [
    "DEFAULT_PAUSED_BY",
    "DEFAULT_STATUSES",
    "FollowVersion",
    "OnPolicyChange",
    "OnPriorityChange",
    "OnReopen",
    "OutOfHoursStart",
    "Reselect",
]


class OnPriorityChange(enum.Enum):
    """What a priority change does to a running clock (default :attr:`RECOMPUTE`).

    A clock that has already breached keeps its breach and its target: a
    breach is never undone by lowering the priority. Stopped clocks are not
    touched.
    """

    RECOMPUTE = "recompute"
    """The new level's target applies from the clock's original start; the whole
    history (pauses excluded) is measured on the new target's calendar. If the
    new target is already used up the clock breaches at the change."""
    KEEP_ELAPSED = "keep_elapsed"
    """The new level's target applies from the original start, but time already
    counted stays as it was measured on the old calendar; only time after the
    change is measured on the new one (a ticket raised to a 24x7 Critical at
    Saturday 10:00 does not count Friday night)."""
    RESTART = "restart"
    """A fresh clock starts at the change with the new level's full target."""
    STRICTER = "stricter"
    """At the change, compare the deadline of the old target with the
    recomputed deadline of the new one (as if the clock ran on from the
    change) and keep the earlier; ties keep the old target."""


class OnReopen(enum.Enum):
    """What reopening a resolved ticket does to the resolution clock (default :attr:`RESUME`)."""

    RESUME = "resume"
    """The resolution clock continues where it stopped; the time the ticket spent
    resolved is excluded like a pause, and its achievement is withdrawn."""
    NEW_CYCLE = "new_cycle"
    """The first resolution cycle stays as it ended; a new cycle with the full
    target starts at the reopen."""


class OutOfHoursStart(enum.Enum):
    """When the clocks of a ticket opened out of hours start (default :attr:`COUNT`)."""

    COUNT = "count"
    """Clocks start at creation; each target's calendar decides what counts (a 24x7
    Critical target counts the night, a business-hours target does not)."""
    WAIT_FOR_OPENING = "wait_for_opening"
    """Clocks started by the creation start when the policy's calendar next opens,
    whatever calendar their target runs on."""


class Reselect(enum.Enum):
    """When a policy set picks a ticket's policy (default :attr:`ON_CHANGE`)."""

    ON_CHANGE = "on_change"
    """At creation, and again whenever the ticket's priority, channel, tags, attributes
    (the plan...) or team change, as Zendesk re-runs its policies on every update. Open clocks
    then take the new policy's targets as on a priority change (its ``on_priority_change``)."""
    AT_CREATION = "at_creation"
    """Once, from the ``Created`` event; later changes re-target within that policy."""


class OnPolicyChange(enum.Enum):
    """What happens to a clock the newly picked policy sets no target for (default :attr:`STOP`)."""

    STOP = "stop"
    """The clock keeps its history and stops at the change; its cycle is
    ``CANCELLED`` (or stays ``BREACHED`` if it breached before)."""
    DROP = "drop"
    """The clock's cycles leave the report, as if the metric had never been measured."""


class FollowVersion(enum.Enum):
    """Which version of a versioned policy set a ticket follows (default :attr:`AT_CREATION`)."""

    AT_CREATION = "at_creation"
    """The version in effect when the ticket was created, for its whole life."""
    CURRENT = "current"
    """The version in effect at each moment; at a version's effective instant the
    ticket's policy is picked again from the new version."""


DEFAULT_STATUSES = ("open", "waiting_on_customer", "waiting_on_vendor", "on_hold")
"""The statuses a policy knows unless told otherwise; the first is a new ticket's."""

_WAITING = frozenset(DEFAULT_STATUSES[1:])

DEFAULT_PAUSED_BY: Mapping[Metric, frozenset[str]] = {
    Metric.PERIODIC_UPDATE: frozenset({"waiting_on_customer"}),
    Metric.RESOLUTION: frozenset({"waiting_on_customer"}),
    Metric.REQUESTER_WAIT: frozenset({"waiting_on_customer"}),
    Metric.AGENT_WORK: _WAITING,
    Metric.PAUSABLE_UPDATE: _WAITING,
}
"""Waiting on the customer pauses the resolution, periodic-update and requester-wait clocks;
every waiting status (on the customer, a vendor, on hold) pauses agent work and the pausable
update."""
