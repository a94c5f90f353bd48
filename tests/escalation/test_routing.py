"""Routing: the first matching rule picks the team, the same engineer where possible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from servicedesk_core import FOUR_TIER, ITIL, ConfigError, EventLogError
from servicedesk_core.escalation import (
    DEFAULT_WORKFLOW,
    ReferenceFormat,
    Routing,
    RoutingRule,
    Team,
    TicketReferences,
)
from servicedesk_core.events import Assigned, Created, Event
from tests.escalation.helpers import T0, TIERS, at


def replay(*events: Event) -> object:
    return DEFAULT_WORKFLOW.replay([Created(at=T0, priority="High"), *events], routing=TIERS)


def test_a_new_ticket_goes_to_the_default_team() -> None:
    route = TIERS.route(replay())  # type: ignore[arg-type]
    assert ("Tier 1", 1, None, False) == (route.team, route.tier, route.rule, route.escalated)
    assert "no rule matched: the default team for new tickets" == route.reason


def test_tier_one_escalates_to_tier_two_and_tier_two_bugs_to_the_vendor() -> None:
    at_one = replay(Assigned(at=at(1), team="Tier 1", assignee="bob"))
    route = TIERS.route(at_one)  # type: ignore[arg-type]
    assert ("Tier 2", "tier 1 escalates", True) == (route.team, route.rule, route.escalated)
    at_two = replay(Assigned(at=at(1), team="Tier 2"))
    assert "Vendor" == TIERS.route(at_two, kind="Platform Bug").team  # type: ignore[arg-type]
    stays = TIERS.route(at_two, kind="question")  # type: ignore[arg-type]
    assert ("Tier 2", None, False, "no rule matched: stays") == (
        stays.team,
        stays.rule,
        stays.escalated,
        stays.reason,
    )


def test_the_kind_defaults_to_the_tickets_kind_attribute() -> None:
    state = DEFAULT_WORKFLOW.replay(
        [
            Created(at=T0, priority="Low", attributes={"kind": "platform bug"}),
            Assigned(at=at(1), team="Tier 2"),
        ]
    )
    assert "Vendor" == TIERS.route(state).team


def test_the_engineer_who_last_held_the_ticket_is_preferred_when_on_the_team() -> None:
    state = replay(Assigned(at=at(1), team="Tier 1", assignee="ann"))
    route = TIERS.route(state)  # type: ignore[arg-type]
    assert ("ann", "ann held the ticket before and is on Tier 2") == (
        route.assignee,
        route.assignee_reason,
    )
    state = replay(Assigned(at=at(1), team="Tier 1", assignee="bob"))
    route = TIERS.route(state)  # type: ignore[arg-type]
    assert ("", "bob held the ticket before but is not on Tier 2") == (
        route.assignee,
        route.assignee_reason,
    )


def test_the_route_becomes_the_assigned_event_that_carries_it_out() -> None:
    state = replay(Assigned(at=at(1), team="Tier 1", assignee="ann"))
    route = TIERS.route(state)  # type: ignore[arg-type]
    event = route.to_event(at(15), by="ann")
    assert (at(15), "Tier 2", 2, "ann", True, route.reason, "ann") == (
        event.at,
        event.team,
        event.tier,
        event.assignee,
        event.escalated,
        event.reason,
        event.by,
    )
    moved = DEFAULT_WORKFLOW.step(state, event, routing=TIERS)  # type: ignore[arg-type]
    assert ("Tier 2", 2, "ann") == (moved.team, moved.tier, moved.assignee)
    assert (at(15), route.reason) == (moved.history[-1].at, moved.history[-1].reason)


def test_rules_scope_priorities_by_level_or_name() -> None:
    routing = Routing(
        teams=[Team(name="Desk"), Team(name="Major incidents", tier=2)],
        default="Desk",
        rules=[RoutingRule(name="urgent", team="Major incidents", priorities=[ITIL["P1"], "P2"])],
        scheme=ITIL,
    )
    assert frozenset({"P1", "P2"}) == routing.rules[0].priorities
    urgent = DEFAULT_WORKFLOW.replay([Created(at=T0, priority="P2")])
    assert "Major incidents" == routing.route(urgent).team


BAD = [
    ({"teams": []}, "teams", "at least one team"),
    ({"teams": [Team(name="A"), Team(name="A")]}, "teams[1]", "listed twice"),
    ({"teams": ["A"]}, "teams[0]", "expected a Team"),
    ({"default": None}, "default", "needs a default"),
    ({"default": "Nobody"}, "default", "unknown team 'Nobody'"),
    ({"rules": [RoutingRule(name="r", team="Nobody")]}, "rules[0].team", "unknown team"),
    (
        {"rules": [RoutingRule(name="r", team="A", from_teams=["X"])]},
        "rules[0].from_teams",
        "unknown team 'X'",
    ),
    ({"rules": [RoutingRule(name="r", team="A", from_tiers=[7])]}, "rules[0].from_tiers", "tier 7"),
    ({"rules": [RoutingRule(name="r", team="A")] * 2}, "rules", "rule names repeat"),
    (
        {"rules": [RoutingRule(name="r", team="A", priorities=["P1"])]},
        "rules[0].priorities",
        "no level 'P1'",
    ),
    (
        {"rules": [RoutingRule(name="r", team="A", priorities=["High"])], "scheme": None},
        "rules[0].priorities",
        "needs a priority scheme",
    ),
    ({"scheme": "four-tier"}, "scheme", "expected a PriorityScheme"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD)
def test_bad_routings_are_config_errors_naming_the_culprit(
    changes: dict[str, object], field: str, message: str
) -> None:
    settings: dict[str, object] = {"teams": [Team(name="A")], "default": "A", "scheme": FOUR_TIER}
    with pytest.raises(ConfigError, match=message) as raised:
        Routing(**{**settings, **changes})  # type: ignore[arg-type]
    assert field == raised.value.field


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Team(name=""), "name"),
        (lambda: Team(name="A", tier=0), "tier"),
        (lambda: Team(name="A", tier="two"), "tier"),
        (lambda: Team(name="A", reference="CASE"), "pattern"),
        (lambda: Team(name="A", reference="{n}-{n}"), "pattern"),
        (lambda: Team(name="A", reference="{x}{n}"), "pattern"),
        (lambda: Team(name="A", members="ann"), "members"),
        (lambda: RoutingRule(name="r", team="A", kinds="broken"), "kinds"),
        (
            lambda: RoutingRule(name="r", team="A", attributes={"product": [3]}),
            "attributes.product[0]",
        ),
        (lambda: RoutingRule(name="r", team="A", from_tiers=["one"]), "from_tiers[0]"),
        (lambda: ReferenceFormat("CASE-{n}").render(-1), "number"),
        (lambda: TicketReferences(()), "entries"),
        (lambda: TicketReferences((("A",),)), "entries[0]"),
    ],
)
def test_bad_parts_are_config_errors_naming_the_field(build, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as raised:
        build()
    assert field == raised.value.field


def test_plain_forms_convert_once() -> None:
    team = Team(name="Tier 2", tier="2", reference="T2-{n}", members={"ann"})
    assert (2, ReferenceFormat("T2-{n}"), frozenset({"ann"})) == (
        team.tier,
        team.reference,
        team.members,
    )
    rule = RoutingRule(
        name="r", team="A", kinds=["Change"], attributes={"product": "VIP"}, from_tiers=["1"]
    )
    assert (frozenset({"change"}), (("product", frozenset({"VIP"})),), frozenset({1})) == (
        rule.kinds,
        rule.attributes,
        rule.from_tiers,
    )


@given(st.integers(0, 10**18), st.sampled_from(["CASE-{n}", "TSUP-{n}", "{n}", "{n}/A"]))
def test_references_read_back_what_they_render(number: int, pattern: str) -> None:
    reference = ReferenceFormat(pattern)
    assert number == reference.parse(reference.render(number))


@given(st.text(max_size=50))
def test_parsing_a_reference_never_raises(text: str) -> None:
    parsed = ReferenceFormat("CASE-{n}").parse(text)
    assert parsed is None or text == f"CASE-{parsed}" or text.startswith("CASE-0")


def test_the_original_reference_is_kept_across_hand_overs() -> None:
    care = Team(name="Customer Care", reference="CASE-{n}")
    support = Team(name="Technical Support", tier=2, reference="TSUP-{n}")
    refs = TicketReferences.start(care.name, care.reference.render(100))
    refs = refs.hand_over(support.name, support.reference.render(100))
    refs = refs.hand_over(care.name, care.reference.render(101))
    assert ("CASE-100", "CASE-100", "TSUP-100") == (
        refs.original,
        refs.current,
        refs.of(support.name),
    )
    assert [
        ("Customer Care", "CASE-100"),
        ("Technical Support", "TSUP-100"),
        ("Customer Care", "CASE-100"),
    ] == list(refs.entries)


JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=20),
    st.just("x" * 20_000),
    st.lists(st.integers(), max_size=3),
)


@given(JUNK, JUNK, JUNK)
def test_routing_parts_raise_only_config_errors(
    name: object, tier: object, reference: object
) -> None:
    for build in (
        lambda: Team(name=name, tier=tier, reference=reference),  # type: ignore[arg-type]
        lambda: RoutingRule(name=name, team=reference, kinds=tier),  # type: ignore[arg-type]
        lambda: Routing(teams=[Team(name="A")], default=name),  # type: ignore[arg-type]
    ):
        field: str | None = "built"
        try:
            build()
        except ConfigError as error:
            field = error.field
        assert field is not None


def test_routing_a_ticket_held_by_a_team_it_does_not_know_is_an_event_log_error() -> None:
    """A state replayed without the routing may name any team: route says so, no KeyError."""
    state = DEFAULT_WORKFLOW.replay(
        [Created(at=T0, priority="High"), Assigned(at=at(1), team="Ghosts", assignee="bob")]
    )
    with pytest.raises(EventLogError, match="team 'Ghosts', which is not one of the routing's"):
        TIERS.route(state)


@pytest.mark.parametrize("kind", [5, None, ["broken"], "x" * 20_000])
def test_a_kind_that_is_not_text_is_a_config_error(kind: object) -> None:
    state = DEFAULT_WORKFLOW.replay([Created(at=T0, priority="High")])
    if kind is None:  # no kind: the ticket's kind attribute, here none
        assert "Tier 1" == TIERS.route(state, kind=kind).team
        return
    with pytest.raises(ConfigError) as caught:
        TIERS.route(state, kind=kind)  # type: ignore[arg-type]
    assert "kind" == caught.value.field


@pytest.mark.parametrize("state", ["open", None, 5])
def test_a_state_that_is_not_a_ticket_state_is_a_config_error(state: object) -> None:
    for call in (
        lambda: TIERS.route(state),  # type: ignore[arg-type]
        lambda: DEFAULT_WORKFLOW.allowed(state),  # type: ignore[arg-type]
    ):
        with pytest.raises(ConfigError) as caught:
            call()
        assert "state" == caught.value.field


@pytest.mark.parametrize("routing", ["Tier 1", 5, [TIERS]])
def test_a_routing_that_is_not_a_routing_is_a_config_error(routing: object) -> None:
    """It used to raise an AttributeError at the first assignment, even from check()."""
    events: list[Event] = [Created(at=T0, priority="High"), Assigned(at=at(1), team="Tier 1")]
    state = DEFAULT_WORKFLOW.replay(events[:1])
    for call in (
        lambda: DEFAULT_WORKFLOW.replay(events, routing=routing),  # type: ignore[arg-type]
        lambda: DEFAULT_WORKFLOW.check(events, routing=routing),  # type: ignore[arg-type]
        lambda: DEFAULT_WORKFLOW.step(state, events[1], routing=routing),  # type: ignore[arg-type]
    ):
        with pytest.raises(ConfigError) as caught:
            call()
        assert "routing" == caught.value.field
