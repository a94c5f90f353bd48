"""The priority definitions of the seed support guides, as schemes and triage rules.

Run it to see sample requests classified with the rule that matched and why:

    python examples/priority_seeds.py

Where a guide is silent (a default level, whether "multiple users" includes
"all users"), the choice made here is written next to the rule.
"""

from __future__ import annotations

import datetime as dt

from servicedesk_core import PriorityScheme, RequestFacts, TriageRule, TriageRules, order_queue

# --- 000: Client Onboarding & Support Guide, section 4 "How We Prioritize Requests" ---------

ONBOARDING_GUIDE = PriorityScheme.from_names(
    "onboarding-guide",
    ["Critical", "High", "Medium", "Standard"],
    [
        "A complete outage or failure impacting all users and halting operations",
        "A major issue affecting multiple users with no workaround",
        "A single user or issue with a workaround available",
        "Low-impact changes, general questions, or cosmetic issues",
    ],
)

ONBOARDING_GUIDE_RULES = TriageRules(
    scheme=ONBOARDING_GUIDE,
    rules=[
        TriageRule(
            name="complete-outage",
            level="Critical",
            description=ONBOARDING_GUIDE["Critical"].description,
            service="down",
            min_users="all",
        ),
        TriageRule(
            name="major-issue",
            level="High",
            description=ONBOARDING_GUIDE["High"].description,
            min_users="multiple",  # "multiple" includes "all"
            workaround=False,
        ),
        # Before the Medium rules, so a question from one user is still Standard.
        TriageRule(
            name="low-impact",
            level="Standard",
            description=ONBOARDING_GUIDE["Standard"].description,
            kinds=["change", "question", "feature_request", "cosmetic"],
        ),
        TriageRule(
            name="single-user",
            level="Medium",
            description="A single user",
            max_users="single",
        ),
        TriageRule(
            name="workaround",
            level="Medium",
            description="An issue with a workaround available",
            workaround=True,
        ),
    ],
    default="Standard",  # the guide names no default; the least urgent tier
)

# --- 002: MSP "Service Routing": two classes of issue, default "Low" ----------------------

MSP = PriorityScheme.from_names("msp", ["Critical", "High", "Medium", "Low"])
MSP_CRITICAL_HIGH = MSP.at_least("High")
"""The guide's "Critical/High Priority Issues" class."""

MSP_RULES = TriageRules(
    scheme=MSP,
    rules=[
        # "a larger issue with a workaround" is Medium/Low, even when the service is down.
        TriageRule(
            name="workaround",
            level="Medium",
            description="A larger issue with a workaround",
            workaround=True,
        ),
        TriageRule(
            name="organization-outage",
            level="Critical",
            description="Critical outage affecting the organization",
            service="down",
            min_users="all",
        ),
        TriageRule(
            name="site-outage",
            level="High",
            description="Large-scale outage affecting multiple users within a site",
            service="down",
            min_users="multiple",
        ),
        TriageRule(
            name="individual",
            level="Medium",
            description="Issues affecting an individual user",
            max_users="single",
        ),
    ],
    default="Low",  # 'the default ticket priority is "Low"'
)

# --- 003: Partner Guide, Appendix D "Response time targets" -------------------------------

PARTNER = PriorityScheme.from_names(
    "partner",
    ["Critical", "High", "Normal", "Low"],
    [
        "Service down, multiple users affected",
        "Service degraded, single user affected",
        "Bug or question, no service impact",
        "Feature request, minor cosmetic issue",
    ],
)

PARTNER_RULES = TriageRules(
    scheme=PARTNER,
    rules=[
        TriageRule(
            name="service-down",
            level="Critical",
            description=PARTNER["Critical"].description,
            service="down",
            min_users="multiple",
        ),
        TriageRule(
            name="service-degraded",
            level="High",
            description="Service degraded",
            service="degraded",
        ),
        TriageRule(
            name="single-user-down",
            level="High",
            description="Single user affected",
            service="down",
            max_users="single",
        ),
        TriageRule(
            name="minor",
            level="Low",
            description=PARTNER["Low"].description,
            kinds=["feature_request", "cosmetic"],
        ),
        TriageRule(
            name="no-impact",
            level="Normal",
            description=PARTNER["Normal"].description,
            kinds=["incident", "question"],
            service="normal",
        ),
    ],
    default="Normal",  # the guide names no default; the middle of its table
)

# --- 004: Customer Care Ongoing Services Guide ----------------------------------------------

CONTACT_CENTER = PriorityScheme.from_names("contact-center", ["Critical", "High", "Medium", "Low"])
CONTACT_CENTER_HIGH_CRITICAL = CONTACT_CENTER.at_least("High")
"""'Escalation time will be 1 hour for High/Critical priority cases'."""
# The guide names the levels but gives no definitions, so there are no triage rules.


SAMPLES = {
    "everyone's phones are down": RequestFacts(
        kind="incident", service_state="down", users_affected=25, account_size=25
    ),
    "the sales team cannot transfer calls": RequestFacts(
        kind="incident", service_state="degraded", users_affected=6, has_workaround=False
    ),
    "one user's voicemail is broken": RequestFacts(
        kind="incident", service_state="degraded", users_affected="single"
    ),
    "how do I add an extension?": RequestFacts(kind="question", service_state="normal"),
    "please change the logo colour": RequestFacts(kind="cosmetic", service_state="normal"),
}


def main() -> None:
    for name, rules in [
        ("000 onboarding guide", ONBOARDING_GUIDE_RULES),
        ("002 MSP", MSP_RULES),
        ("003 partner guide", PARTNER_RULES),
    ]:
        print(f"== {name}: {rules.scheme!r}")
        for text, facts in SAMPLES.items():
            triage = rules.classify(facts)
            rule = triage.rule_name or "default"
            print(f"  {text:40} {triage.level.name:9} {rule:20} {'; '.join(triage.reasons)}")
    print(f"== 004 contact center: {CONTACT_CENTER!r}")
    print(f"  one-hour escalation for: {', '.join(map(str, CONTACT_CENTER_HIGH_CRITICAL))}")

    print("== 002 MSP queue: by priority, then first come, first served")
    at = dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC)
    queue = [
        ("T-101", MSP_RULES.classify(SAMPLES["one user's voicemail is broken"]).level, at),
        ("T-102", MSP_RULES.classify(SAMPLES["everyone's phones are down"]).level, at),
        ("T-103", MSP_RULES.classify(RequestFacts()).level, at - dt.timedelta(hours=1)),
        ("T-104", MSP["Medium"], at - dt.timedelta(minutes=5)),
    ]
    for ticket, level, arrived in order_queue(
        queue, level=lambda t: t[1], arrived_at=lambda t: t[2]
    ):
        print(f"  {ticket} {level.name:8} arrived {arrived:%H:%M}")


if __name__ == "__main__":
    main()
