"""Hypothesis strategies for single events of every kind (logs are in ``_sla``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

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
from servicedesk_core.testing._calendar import aware_datetimes

__all__ = ["events"]

_WORDS = st.sampled_from(["", "tier 2", "Technical Support", "vendor", "night shift", "Zoë"])
_NAMES = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=12
).filter(str.strip)
_LEVELS = st.sampled_from(["Critical", "High", "Medium", "Low", "P1", "P5"])

_FIELDS: dict[type[Event], Callable[[], dict[str, st.SearchStrategy[Any]]]] = {
    Created: lambda: {
        "priority": _LEVELS,
        "channel": st.sampled_from(Channel),
        "attributes": st.dictionaries(st.sampled_from(["plan", "account", "region"]), _NAMES),
        "tags": st.frozensets(st.sampled_from(["vip", "billing", "voice"])),
    },
    AgentReplied: lambda: {"public": st.booleans()},
    CustomerReplied: lambda: {"awaits_answer": st.booleans()},
    StatusChanged: lambda: {"status": _NAMES},
    PriorityChanged: lambda: {"priority": _LEVELS},
    Assigned: lambda: {
        "assignee": _WORDS,
        "escalated": st.booleans(),
        "team": _WORDS,
        "tier": st.none() | st.integers(1, 3),
        "reason": _WORDS,
        "by": _WORDS,
    },
    Resolved: lambda: {"note": _WORDS},
    Reopened: dict,
    Closed: dict,
    Escalated: lambda: {"level": _NAMES, "reason": _WORDS, "by": _WORDS},
    EscalationRequested: lambda: {"reason": _WORDS, "by": _WORDS},
    SurveyAnswered: lambda: {"score": st.integers(1, 5)},
    AttributesChanged: lambda: {
        "channel": st.none() | st.sampled_from(Channel),
        "attributes": st.dictionaries(st.sampled_from(["plan", "account", "region"]), _NAMES),
        "tags_added": st.frozensets(st.sampled_from(["vip", "billing"])),
        "tags_removed": st.frozensets(st.sampled_from(["voice"])),
    },
}
"""How to draw the fields of each event class besides ``at``."""

EVENT_CLASSES = tuple(_FIELDS)


def events(
    *,
    kinds: Iterable[type[Event]] | None = None,
    instants: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Event]:
    """Single events of the given kinds (default: every kind), at aware instants.

    Args:
        kinds: Event classes to draw from.
        instants: Strategy for ``at`` (default: :func:`aware_datetimes`, DST folds included).

    Unknown kinds raise ``hypothesis.errors.InvalidArgument``.

    >>> from hypothesis import find
    >>> find(events(kinds=[Created]), lambda event: True).priority
    'Critical'
    """
    chosen = EVENT_CLASSES if kinds is None else tuple(kinds)
    if not chosen:
        raise InvalidArgument("kinds must name at least one event class")
    for kind in chosen:
        if kind not in _FIELDS:
            raise InvalidArgument(f"no strategy for event class {kind!r}")
    at = aware_datetimes() if instants is None else instants
    return st.one_of([st.builds(kind, at=at, **_FIELDS[kind]()) for kind in chosen])
