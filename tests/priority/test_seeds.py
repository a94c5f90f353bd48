"""Every priority definition in the seed guides, sentence by sentence, against examples/."""

import datetime as dt

import pytest

from servicedesk_core import PriorityLevel, RequestFacts, order_queue
from tests.example_scripts import load

seeds = load("priority_seeds")


def level_names(levels: tuple[PriorityLevel, ...]) -> list[str]:
    return [level.name for level in levels]


# --- 000: "We use a four-tier system to prioritize support based on urgency and impact." ---


def test_000_has_four_tiers_most_urgent_first() -> None:
    assert level_names(seeds.ONBOARDING_GUIDE.levels) == ["Critical", "High", "Medium", "Standard"]


def test_000_tiers_carry_the_guides_definitions() -> None:
    scheme = seeds.ONBOARDING_GUIDE
    assert [level.description for level in scheme] == [
        "A complete outage or failure impacting all users and halting operations",
        "A major issue affecting multiple users with no workaround",
        "A single user or issue with a workaround available",
        "Low-impact changes, general questions, or cosmetic issues",
    ]


@pytest.mark.parametrize(
    ("sentence", "facts", "expected", "rule"),
    [
        (
            "Critical: a complete outage impacting all users",
            RequestFacts(kind="incident", service_state="down", users_affected="all"),
            "Critical",
            "complete-outage",
        ),
        (
            "Critical: counted, every one of the account's users",
            RequestFacts(service_state="down", users_affected=30, account_size=30),
            "Critical",
            "complete-outage",
        ),
        (
            "High: a major issue affecting multiple users with no workaround",
            RequestFacts(
                kind="incident",
                service_state="degraded",
                users_affected="multiple",
                has_workaround=False,
            ),
            "High",
            "major-issue",
        ),
        (
            "High: an outage of some, not all, users is not Critical",
            RequestFacts(
                service_state="down", users_affected=12, account_size=30, has_workaround=False
            ),
            "High",
            "major-issue",
        ),
        (
            "Medium: a single user",
            RequestFacts(kind="incident", service_state="down", users_affected="single"),
            "Medium",
            "single-user",
        ),
        (
            "Medium: an issue with a workaround available",
            RequestFacts(kind="incident", users_affected="multiple", has_workaround=True),
            "Medium",
            "workaround",
        ),
        (
            "Standard: low-impact changes",
            RequestFacts(kind="change", users_affected="single"),
            "Standard",
            "low-impact",
        ),
        (
            "Standard: general questions",
            RequestFacts(kind="question"),
            "Standard",
            "low-impact",
        ),
        (
            "Standard: cosmetic issues",
            RequestFacts(kind="cosmetic", users_affected="all", has_workaround=True),
            "Standard",
            "low-impact",
        ),
    ],
)
def test_000_each_definition(sentence: str, facts: RequestFacts, expected: str, rule: str) -> None:
    triage = seeds.ONBOARDING_GUIDE_RULES.classify(facts)
    assert (expected, rule) == (triage.level.name, triage.rule.name), sentence
    assert triage.issues == ()


def test_000_unknown_request_gets_the_least_urgent_tier() -> None:
    triage = seeds.ONBOARDING_GUIDE_RULES.classify(RequestFacts())
    assert (triage.level.name, triage.rule) == ("Standard", None)


# --- 002: MSP service routing: "Critical/High" vs "Medium/Low", default "Low" -------------


def test_002_two_classes_split_the_four_levels() -> None:
    assert level_names(seeds.MSP_CRITICAL_HIGH) == ["Critical", "High"]
    assert level_names(seeds.MSP.levels) == ["Critical", "High", "Medium", "Low"]


@pytest.mark.parametrize(
    "example",
    ["Internet outage", "network outage", "server outage", "payroll software down"],
)
@pytest.mark.parametrize("users", ["multiple", "all", 8])
def test_002_critical_high_examples(example: str, users: object) -> None:
    """'Large-scale and critical outages affecting multiple users within a site or organization.'"""
    facts = RequestFacts(
        kind="incident", service_state="down", users_affected=users, account_size=40, tags={example}
    )
    assert seeds.MSP_RULES.classify(facts).level in seeds.MSP_CRITICAL_HIGH


def test_002_organization_wide_outage_is_critical_and_site_outage_high() -> None:
    organization = RequestFacts(service_state="down", users_affected=40, account_size=40)
    site = RequestFacts(service_state="down", users_affected=8, account_size=40)
    assert seeds.MSP_RULES.classify(organization).level.name == "Critical"
    assert seeds.MSP_RULES.classify(site).level.name == "High"


@pytest.mark.parametrize(
    ("example", "facts"),
    [
        (
            "Outlook is not working",
            RequestFacts(kind="incident", service_state="down", users_affected="single"),
        ),
        (
            "individuals printer offline",
            RequestFacts(kind="incident", service_state="down", users_affected=1, account_size=40),
        ),
        (
            "a larger issue with a workaround",
            RequestFacts(
                kind="incident", service_state="down", users_affected="all", has_workaround=True
            ),
        ),
    ],
)
def test_002_medium_low_examples(example: str, facts: RequestFacts) -> None:
    """'Issues affecting an individual user or a larger issue with a workaround.'"""
    level = seeds.MSP_RULES.classify(facts).level
    assert level not in seeds.MSP_CRITICAL_HIGH, example


def test_002_default_priority_is_low() -> None:
    """'the default ticket priority is "Low"'"""
    assert seeds.MSP_RULES.default_level.name == "Low"
    triage = seeds.MSP_RULES.classify(RequestFacts(kind="question"))
    assert (triage.level.name, triage.is_default) == ("Low", True)


@pytest.mark.parametrize("channel", ["phone", "email", "portal"])
def test_002_contact_method_does_not_change_the_assessment(channel: str) -> None:
    """'Each incident is assessed ... regardless of contact method.'"""
    facts = RequestFacts(service_state="down", users_affected="all")
    with_channel = RequestFacts(service_state="down", users_affected="all", channel=channel)
    assert seeds.MSP_RULES.classify(facts).level == seeds.MSP_RULES.classify(with_channel).level


def test_002_incidents_ordered_by_priority_then_first_come_first_served() -> None:
    """'Incidents are ordered by priority, then by first-come first-served.'"""
    msp = seeds.MSP
    eight = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    minute = dt.timedelta(minutes=1)
    tickets = [
        ("A", msp["Low"], eight),
        ("B", msp["High"], eight + 2 * minute),
        ("C", msp["Medium"], eight - minute),
        ("D", msp["High"], eight + minute),
        ("E", msp["Critical"], eight + 9 * minute),
        ("F", msp["Low"], eight - 9 * minute),
    ]
    ordered = order_queue(tickets, level=lambda t: t[1], arrived_at=lambda t: t[2])
    assert [ticket for ticket, _, _ in ordered] == ["E", "D", "B", "C", "F", "A"]


# --- 003: partner guide response-time table --------------------------------------------


def test_003_severities_and_definitions() -> None:
    assert level_names(seeds.PARTNER.levels) == ["Critical", "High", "Normal", "Low"]
    assert [level.description for level in seeds.PARTNER] == [
        "Service down, multiple users affected",
        "Service degraded, single user affected",
        "Bug or question, no service impact",
        "Feature request, minor cosmetic issue",
    ]


@pytest.mark.parametrize(
    ("sentence", "facts", "expected"),
    [
        (
            "Critical: service down, multiple users affected",
            RequestFacts(kind="incident", service_state="down", users_affected="multiple"),
            "Critical",
        ),
        (
            "Critical: service down for everyone",
            RequestFacts(service_state="down", users_affected=50, account_size=50),
            "Critical",
        ),
        (
            "High: service degraded",
            RequestFacts(kind="incident", service_state="degraded", users_affected="multiple"),
            "High",
        ),
        (
            "High: service degraded, single user affected",
            RequestFacts(kind="incident", service_state="degraded", users_affected="single"),
            "High",
        ),
        (
            "High: single user affected (their service is down)",
            RequestFacts(kind="incident", service_state="down", users_affected=1),
            "High",
        ),
        (
            "Normal: bug, no service impact",
            RequestFacts(kind="incident", service_state="normal"),
            "Normal",
        ),
        (
            "Normal: question, no service impact",
            RequestFacts(kind="question", service_state="normal"),
            "Normal",
        ),
        ("Low: feature request", RequestFacts(kind="feature_request"), "Low"),
        (
            "Low: minor cosmetic issue",
            RequestFacts(kind="cosmetic", service_state="normal"),
            "Low",
        ),
    ],
)
def test_003_each_definition(sentence: str, facts: RequestFacts, expected: str) -> None:
    triage = seeds.PARTNER_RULES.classify(facts)
    assert expected == triage.level.name, sentence
    assert triage.rule is not None


# --- 004: contact center: Low/Medium/High/Critical, "High/Critical priority cases" ---------


def test_004_levels_and_high_critical_band() -> None:
    scheme = seeds.CONTACT_CENTER
    assert scheme["Critical"] > scheme["High"] > scheme["Medium"] > scheme["Low"]
    assert level_names(seeds.CONTACT_CENTER_HIGH_CRITICAL) == ["Critical", "High"]
    assert scheme["Medium"] not in seeds.CONTACT_CENTER_HIGH_CRITICAL
