"""Strategies for priority schemes, matrices, triage rules and request facts."""

from __future__ import annotations

from typing import TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from servicedesk_core.priority import (
    PriorityLevel,
    PriorityMatrix,
    PriorityScheme,
    RequestFacts,
    RequestKind,
    ServiceState,
    TriageRule,
    TriageRules,
    UsersAffected,
)

T = TypeVar("T")

__all__ = [
    "priority_levels",
    "priority_matrices",
    "priority_schemes",
    "request_facts",
    "triage_rules",
]

_NAMES = st.text(
    alphabet=st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=8
)


def _check_sizes(min_size: int, max_size: int, what: str) -> None:
    if min_size < 1:
        raise InvalidArgument(f"{what}: min_size={min_size} must be at least 1")
    if max_size < min_size:
        raise InvalidArgument(f"{what}: max_size={max_size} is less than min_size={min_size}")


@st.composite
def _schemes(draw: st.DrawFn, min_levels: int, max_levels: int) -> PriorityScheme:
    name = draw(_NAMES)
    names = draw(st.lists(_NAMES, min_size=min_levels, max_size=max_levels, unique=True))
    ranks = draw(
        st.lists(
            st.integers(min_value=-1000, max_value=1000),
            min_size=len(names),
            max_size=len(names),
            unique=True,
        )
    )
    descriptions = draw(st.lists(st.text(max_size=20), min_size=len(names), max_size=len(names)))
    return PriorityScheme(
        name,
        [
            PriorityLevel(name, level, rank, text)
            for level, rank, text in zip(names, ranks, descriptions, strict=True)
        ],
    )


def priority_schemes(
    *, min_levels: int = 1, max_levels: int = 6
) -> st.SearchStrategy[PriorityScheme]:
    """Generate priority schemes with unique level names and (not contiguous) ranks.

    Args:
        min_levels: Fewest levels (at least 1).
        max_levels: Most levels.

    Inconsistent bounds raise ``hypothesis.errors.InvalidArgument``.

    >>> from hypothesis import find
    >>> len(find(priority_schemes(min_levels=2), lambda scheme: True))
    2
    """
    _check_sizes(min_levels, max_levels, "priority_schemes")
    return _schemes(min_levels, max_levels)


def priority_levels(
    *, schemes: st.SearchStrategy[PriorityScheme] | None = None
) -> st.SearchStrategy[PriorityLevel]:
    """Levels of schemes drawn from ``schemes`` (default :func:`priority_schemes`)."""
    source = priority_schemes() if schemes is None else schemes
    return source.flatmap(lambda scheme: st.sampled_from(scheme.levels))


@st.composite
def _matrices(
    draw: st.DrawFn,
    schemes: st.SearchStrategy[PriorityScheme],
    min_size: int,
    max_size: int,
    monotonic: bool | None,
) -> PriorityMatrix:
    scheme = draw(schemes)
    impacts = draw(st.lists(_NAMES, min_size=min_size, max_size=max_size, unique=True))
    urgencies = draw(st.lists(_NAMES, min_size=min_size, max_size=max_size, unique=True))
    ranks = [
        [draw(st.integers(min_value=0, max_value=len(scheme) - 1)) for _u in urgencies]
        for _i in impacts
    ]
    # Index 0 is the most urgent level. Levels only rise towards the top left when monotonic.
    if monotonic is None:
        monotonic = draw(st.booleans())
    if monotonic:
        for i in reversed(range(len(impacts))):
            for j in reversed(range(len(urgencies))):
                if i + 1 < len(impacts):
                    ranks[i][j] = min(ranks[i][j], ranks[i + 1][j])
                if j + 1 < len(urgencies):
                    ranks[i][j] = min(ranks[i][j], ranks[i][j + 1])
    return PriorityMatrix.from_rows(
        scheme,
        impacts=impacts,
        urgencies=urgencies,
        rows=[[scheme.levels[k] for k in row] for row in ranks],
        monotonic=monotonic,
    )


def priority_matrices(
    *,
    schemes: st.SearchStrategy[PriorityScheme] | None = None,
    min_size: int = 1,
    max_size: int = 4,
    monotonic: bool | None = None,
) -> st.SearchStrategy[PriorityMatrix]:
    """Generate total impact x urgency matrices.

    Args:
        schemes: Where the levels come from (default :func:`priority_schemes`).
        min_size: Fewest impacts and urgencies (at least 1).
        max_size: Most impacts and urgencies.
        monotonic: ``True`` for monotonic matrices only, ``False`` for matrices
            not required to be (they may happen to be), ``None`` for either.

    Inconsistent bounds raise ``hypothesis.errors.InvalidArgument``.

    >>> from hypothesis import find
    >>> matrix = find(priority_matrices(monotonic=True), lambda m: len(m.scheme) >= 3)
    >>> matrix.is_monotonic, len(matrix.impacts) >= 1
    (True, True)
    """
    _check_sizes(min_size, max_size, "priority_matrices")
    return _matrices(
        priority_schemes() if schemes is None else schemes, min_size, max_size, monotonic
    )


def _maybe_set(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[frozenset[T]]:
    return st.one_of(st.just(frozenset()), st.frozensets(strategy, min_size=1, max_size=2))


@st.composite
def _rules(draw: st.DrawFn, scheme: PriorityScheme, max_rules: int) -> TriageRules:
    names = draw(st.lists(_NAMES, max_size=max_rules, unique=True))
    users = st.none() | st.sampled_from(UsersAffected)
    rules = []
    for name in names:
        low, high = draw(users), draw(users)
        if low is not None and high is not None and low.reach > high.reach:
            low, high = high, low
        rules.append(
            TriageRule(
                name=name,
                level=draw(st.sampled_from(scheme.levels)),
                min_users=low,
                max_users=high,
                workaround=draw(st.none() | st.booleans()),
                service=draw(_maybe_set(st.sampled_from(ServiceState))),
                kinds=draw(_maybe_set(st.sampled_from(RequestKind))),
                channels=draw(_maybe_set(st.sampled_from(["phone", "email", "portal"]))),
                tags=draw(_maybe_set(st.sampled_from(["vip", "billing", "voice"]))),
            )
        )
    return TriageRules(scheme=scheme, rules=rules, default=draw(st.sampled_from(scheme.levels)))


def triage_rules(
    *, schemes: st.SearchStrategy[PriorityScheme] | None = None, max_rules: int = 6
) -> st.SearchStrategy[TriageRules]:
    """Generate valid triage rule sets over the facts :func:`request_facts` draws.

    A negative ``max_rules`` raises ``hypothesis.errors.InvalidArgument``.

    >>> from hypothesis import find
    >>> find(triage_rules(), lambda rules: len(rules.rules) == 1).rules[0].name
    '0'
    """
    if max_rules < 0:
        raise InvalidArgument(f"triage_rules: max_rules={max_rules} must not be negative")
    source = priority_schemes() if schemes is None else schemes
    return source.flatmap(lambda scheme: _rules(scheme, max_rules))


def request_facts(*, malformed: bool = False) -> st.SearchStrategy[RequestFacts]:
    """Generate request facts; with ``malformed=True`` some facts have the wrong type.

    Well-formed facts never count more affected users than the account has.

    >>> from hypothesis import find
    >>> find(request_facts(malformed=True), lambda facts: facts.account_size == "").account_size
    ''
    """
    users: st.SearchStrategy[object] = st.none() | st.sampled_from(UsersAffected)
    users |= st.integers(min_value=1, max_value=500)
    size: st.SearchStrategy[object] = st.none() | st.integers(min_value=1, max_value=500)
    workaround: st.SearchStrategy[object] = st.none() | st.booleans()
    state: st.SearchStrategy[object] = st.none() | st.sampled_from(ServiceState)
    kind: st.SearchStrategy[object] = st.none() | st.sampled_from(RequestKind)
    channel: st.SearchStrategy[object] = st.none() | st.sampled_from(["phone", "email", "portal"])
    tags: st.SearchStrategy[object] = st.frozensets(
        st.sampled_from(["vip", "billing", "voice"]), max_size=3
    )
    if malformed:
        junk = st.text(max_size=5) | st.integers(min_value=-5, max_value=5) | st.floats()
        users, size, workaround, state, kind, channel = (
            s | junk for s in (users, size, workaround, state, kind, channel)
        )
        tags = tags | st.text(max_size=3) | st.integers()
    facts = st.builds(
        RequestFacts,
        users_affected=users,
        account_size=size,
        has_workaround=workaround,
        service_state=state,
        kind=kind,
        channel=channel,
        tags=tags,
    )
    return facts if malformed else facts.map(_fit_account)


def _fit_account(facts: RequestFacts) -> RequestFacts:
    """Swap a count and an account size so the count never exceeds the account."""
    count, size = facts.users_affected, facts.account_size
    if isinstance(count, int) and isinstance(size, int) and count > size:
        return attrs.evolve(facts, users_affected=size, account_size=count)
    return facts
