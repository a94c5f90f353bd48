"""Small contracts of the escalation layer that a mutation run found untested.

Wording users read (trigger descriptions, the table's guards, the DOT shapes),
the field an error names, bounds on names, and membership of a status.
"""

from __future__ import annotations

import pytest

from servicedesk_core import ConfigError, Created, Routing, StatusChanged
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    Level,
    Move,
    ReferenceFormat,
    RoutingRule,
    Trigger,
)
from tests.escalation.helpers import T0, TIERS, at
from tests.escalation.test_workflow_config import build

NAME_201 = "x" * 201


@pytest.mark.parametrize(
    ("trigger", "words"),
    [
        (Trigger.elapsed("PT15M"), "0:15:00 since creation"),
        (Trigger.elapsed("PT15M", since="team"), "0:15:00 since the ticket reached its team"),
        (Trigger.elapsed("PT1H", since="agent_update"), "1:00:00 since the last agent update"),
        (Trigger.sla_used(0.75, metric="resolution"), "75% of the resolution target used"),
        (Trigger.sla_used(0.5), "50% of an SLA target used"),
        (Trigger.sla_breached(metric="vendor_wait"), "the vendor_wait target breached"),
        (Trigger.requested(), "the customer asked 1 time"),
        (Trigger.requested(3), "the customer asked 3 times"),
    ],
)
def test_triggers_describe_themselves_in_words(trigger: Trigger, words: str) -> None:
    assert words == trigger.describe()


def test_the_table_says_which_moves_have_guards() -> None:
    rows = {
        tuple(cell.strip() for cell in line.strip("|").split("|"))
        for line in DEFAULT_WORKFLOW.to_table().splitlines()[2:]
    }
    assert ("resolved", "closed", "Closed", "makes a survey due") in rows
    assert ("open", "resolved", "Resolved", "needs a note") in rows
    assert ("closed", "open", "Reopened", "within 7 days of closing") in rows
    assert ("open", "on_hold", "StatusChanged", "") in rows


def test_dot_draws_the_start_the_end_and_the_rest_as_boxes() -> None:
    dot = DEFAULT_WORKFLOW.to_dot()
    assert '"new" [shape=circle];' in dot
    assert '"closed" [shape=doublecircle];' in dot
    assert '"open" [shape=box];' in dot


def test_a_workflow_contains_its_statuses_only() -> None:
    assert "on_hold" in DEFAULT_WORKFLOW
    assert "triage" not in DEFAULT_WORKFLOW


def test_a_workflow_that_requires_a_note_says_so_on_its_resolving_moves() -> None:
    log = [Created(at=T0, priority="High"), StatusChanged(at=at(1), status="working")]
    noted = build(require_note=True)
    assert Move("done", "Resolved", ("note",)) in noted.allowed(noted.replay(log))
    assert Move("done", "Resolved", ()) in build().allowed(build().replay(log))


def test_a_reference_format_reads_only_text_it_could_have_written() -> None:
    case = ReferenceFormat("CASE-{n}")
    assert (100, None, None, None) == (
        case.parse("CASE-100"),
        case.parse(100),  # type: ignore[arg-type]
        case.parse("CASE-" + "1" * 40),
        case.parse("TSUP-100"),
    )
    with pytest.raises(ConfigError, match="where the number goes"):
        ReferenceFormat("CASE-")


@pytest.mark.parametrize(
    ("build_it", "field"),
    [
        (lambda: RoutingRule(name="r", team=""), "team"),
        (lambda: RoutingRule(name="r", team=NAME_201), "team"),
        (lambda: RoutingRule(name=NAME_201, team="Tier 1"), "name"),
        (lambda: RoutingRule(name="r", team="Tier 1", attributes={"": ["VIP"]}), "attributes"),
        (  # it kept both: the rule then read one of them, depending on the order
            lambda: RoutingRule(name="r", team="Tier 1", attributes=[("plan", "a"), ("plan", "b")]),
            "attributes",
        ),
        (lambda: RoutingRule(name="r", team="Tier 1", priorities=[""]), "priorities[0]"),
        (lambda: Routing(teams=TIERS.teams, default="Tier 1", rules=["r"]), "rules[0]"),
        (lambda: Level(name="a", triggers=Trigger.requested(), priorities=[""]), "priorities[0]"),
        (
            lambda: Level(name="a", triggers=Trigger.requested(), priorities=[NAME_201]),
            "priorities[0]",
        ),
    ],
)
def test_bad_names_are_refused_naming_the_field(build_it, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as raised:
        build_it()
    assert field == raised.value.field


def test_a_routing_names_its_teams_when_asked_for_an_unknown_one() -> None:
    with pytest.raises(KeyError, match="unknown team 'Tier 9'; teams: Tier 1, Tier 2, Vendor"):
        TIERS.team("Tier 9")
