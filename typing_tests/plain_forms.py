"""Code written the way users write it: lists, sets, names as text, ISO strings.

``tests/test_typing.py`` runs ``mypy --strict`` over this file (with the examples,
the README and the docs' code blocks); it passes because constructors are typed
as taking ``Iterable[...]`` and the plain forms, not because of casts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import holidays

from servicedesk_core import (
    E911,
    FOUR_TIER,
    NEW_HIRE,
    Account,
    Action,
    AgentReplied,
    Arrivals,
    AuthzPolicy,
    BusinessCalendar,
    Contact,
    Created,
    LeadTime,
    Metric,
    Playbook,
    PolicyRule,
    PolicySet,
    PortOrder,
    PriorityMatrix,
    PriorityScheme,
    ReadinessSnapshot,
    ReadinessState,
    ReceivedDocument,
    RequestFacts,
    Resolved,
    Rule,
    SLAPolicy,
    Target,
    TargetRange,
    TargetsSpec,
    Ticket,
    TriageRule,
    TriageRules,
    WeeklyHours,
    WorkCatalogue,
    WorkKind,
    check_requested_date,
    summarize,
)
from servicedesk_core.playbook import Check, Resolve

UTC = dt.UTC

# calendar: text hours, ISO holiday dates, a mapping of ISO dates to hours
desk = BusinessCalendar(
    timezone="America/Chicago",
    hours="Monday–Friday 7:00 AM – 5:00 PM",
    holidays=["2026-12-25", dt.date(2026, 12, 26)],
    overrides={"2026-12-24": "07:00-12:00", "2026-12-31": None},
)
texas = BusinessCalendar(
    timezone="America/Chicago",
    hours=WeeklyHours({"Mon": "09:00-17:00", "Sat": [("10:00", "12:00")]}),
    holidays=holidays.country_holidays("US", subdiv="TX"),
)

# priority: names, lists
scheme = PriorityScheme.from_names("desk", ["Urgent", "Normal"])
matrix = PriorityMatrix.from_rows(
    scheme, impacts=["wide", "narrow"], urgencies=["now", "later"], rows=[["Urgent", "Normal"]] * 2
)
rules = TriageRules(
    scheme=FOUR_TIER,
    rules=[TriageRule(name="outage", level="Critical", service="down", min_users="all")],
    default="Low",
)
triage = rules.classify(RequestFacts(service_state="down", users_affected=40, tags={"vip"}))
book = Playbook(
    name="lamp",
    symptom="dark",
    checks=[Check(id="plug", question="Plugged in?", on_no=Resolve(means="off", remedy="Plug"))],
    otherwise=Resolve(means="bulb", remedy="Replace it"),
)

# authz: sets of role names, text enums, decimal text, ISO dates, priorities by name
alice = Contact(id="alice", account="acme", roles={"billing_contact"}, verified="true")
catalogue = WorkCatalogue(
    scheme=FOUR_TIER,
    after_hours_exempt={"Critical"},
    kinds=[
        WorkKind(id="new_user", description="New user", billable=False, notice=NEW_HIRE),
        WorkKind(id="on_site", description="On-site visit", billable=True, price="150.00"),
    ],
)
policy = AuthzPolicy(
    rules=[
        Rule(id="approve", effect="allow", actions=["approve_charge"], roles=["billing_contact"])
    ],
    catalogue=catalogue,
    accounts=[Account(id="acme", contacts=[alice], calendar=desk)],
)
ticket = Ticket(
    id="T-1", account="acme", requester="bob", work="on_site", priority="High",
    estimate=Decimal("99"), needed_on="2026-03-16",
)  # fmt: skip
decision = policy.decide(alice, Action.APPROVE_CHARGE, ticket, dt.datetime(2026, 3, 10, tzinfo=UTC))
codes: frozenset[str] = decision.codes

# onboarding: text states and statuses, ISO dates, lists of numbers
order = PortOrder(
    numbers_to_port=["913 599 6900"], scope="partial", port_date="2026-03-16", temporary_numbers="0"
)
snapshot = ReadinessSnapshot(
    states={"users_created": "ready", "numbers_ported": ReadinessState.NOT_READY},
    e911_locations=[E911(status="validated")],
)
document = ReceivedDocument("phone bill", "2026-03-02", dated="2026-02-20")
notice = LeadTime(name="licence", minimum="P2D", counting="calendar")
check = check_requested_date(notice, dt.datetime(2026, 3, 2, tzinfo=UTC), "2026-03-06", desk)

# sla: lists and sets where tuples and frozensets are stored
first_response = {"Critical": "PT1H", "High": "PT4H", "Medium": "P1D", "Low": None}
sla = SLAPolicy(
    name="desk",
    scheme=FOUR_TIER,
    calendar=desk,
    statuses=["new", "open", "waiting_on_customer", "resolved", "closed"],
    targets={Metric.FIRST_RESPONSE: first_response},
)
policy_set = PolicySet([PolicyRule(name="all", policy=sla)])
created = Created(at=dt.datetime(2026, 3, 2, tzinfo=UTC), priority="High", tags={"vip"})

# sla: targets of mixed kinds in one literal, or in a variable typed with the public alias
mixed = SLAPolicy(
    name="mixed",
    scheme=FOUR_TIER,
    calendar=desk,
    targets={
        Metric.FIRST_RESPONSE: first_response,
        "resolution": {
            "Critical": Target.hours(4),
            "High": TargetRange(goal="PT8H", breach=Target(business_days=1)),
            "Medium": dt.timedelta(days=2),
            "Low": None,
        },
    },
)
resolution: TargetsSpec = {Metric.RESOLUTION: dict.fromkeys(FOUR_TIER, Target.workdays(3))}
slower = mixed.with_settings(targets=resolution)

# events: a list of mixed events is a list[Event]; optional figures have a default
log = [created, AgentReplied(at=dt.datetime(2026, 3, 2, 1, tzinfo=UTC))]
log.append(Resolved(at=dt.datetime(2026, 3, 2, 2, tzinfo=UTC)))
summary = summarize(mixed, [log], dt.datetime(2026, 3, 3, tzinfo=UTC))
hours: float = summary.average("first_response", default=0.0) / 3600

# staffing: a rate per channel, or a profile of 168 hourly rates
arrivals = Arrivals(per_hour={"email": 0.8, "phone": [0.2] * 168})
