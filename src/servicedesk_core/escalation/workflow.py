"""The ticket lifecycle as data: statuses, the allowed moves between them, and guards.

A :class:`Workflow` lists statuses, each with a :class:`StatusCategory`, and
the transitions allowed between them. Which event carries out a move follows
from the categories: a move into the resolved status is a ``Resolved`` event,
into the closed status a ``Closed`` event, out of either a ``Reopened`` event,
and any other move a ``StatusChanged`` event. Guards are settings read by the
replay: a resolution note, a window for reopening a closed ticket, a survey on
close. Construction checks the table; replaying a log checks the events
against it (:meth:`Workflow.replay` raises, :meth:`Workflow.check` reports).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from servicedesk_core import _convert as convert
from servicedesk_core._time import to_us
from servicedesk_core.errors import ConfigError
from servicedesk_core.escalation.lifecycle import Lifecycle, reopen_in_time
from servicedesk_core.escalation.state import StatusCategory, TicketState
from servicedesk_core.events import Closed, Event, Reopened, Resolved, StatusChanged
from servicedesk_core.report import Report

if TYPE_CHECKING:
    from servicedesk_core.escalation.routing import Routing

__all__ = ["DEFAULT_WORKFLOW", "Move", "Status", "Transition", "Workflow"]

_NAME_LENGTH = 200


def _name(value: object, field: str) -> str:
    return convert.text(value, field, allow_empty=False, max_length=_NAME_LENGTH)


def _status_name(value: str) -> str:
    return _name(value, "name")


def _category(value: StatusCategory | str) -> StatusCategory:
    return convert.enum_member(StatusCategory, value, "category")


@attrs.frozen
class Status:
    """A status a ticket can be in, and what it means (its category).

    >>> Status("waiting_on_vendor", "waiting")
    Status(name='waiting_on_vendor', category=<StatusCategory.WAITING: 'waiting'>)
    """

    name: str = attrs.field(converter=_status_name)
    category: StatusCategory = attrs.field(converter=_category)


def _source(value: str) -> str:
    return _name(value, "source")


def _target(value: str) -> str:
    return _name(value, "target")


@attrs.frozen
class Transition:
    """An allowed move from one status to another."""

    source: str = attrs.field(converter=_source)
    target: str = attrs.field(converter=_target)


@attrs.frozen
class Move:
    """A legal next move: the status it reaches and the event that carries it out.

    What a UI shows as a button. ``requires`` names the event fields a guard
    needs (``("note",)`` when resolving needs a resolution note).

    >>> move = Move("waiting_on_customer", "StatusChanged")
    >>> str(move), move.to_event(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)).status
    ('waiting_on_customer (StatusChanged)', 'waiting_on_customer')
    """

    target: str
    event: str
    requires: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.target} ({self.event})"

    def to_event(self, at: dt.datetime, *, note: str = "") -> Event:
        """Return the event that makes this move at ``at`` (``note`` for a resolution)."""
        match self.event:
            case "Resolved":
                return Resolved(at=at, note=note)
            case "Closed":
                return Closed(at=at)
            case "Reopened":
                return Reopened(at=at)
            case _:
                return StatusChanged(at=at, status=self.target)


_StatusesIn = (
    Mapping[str, StatusCategory | str] | Iterable[Status | tuple[str, StatusCategory | str]]
)
_TransitionsIn = Mapping[str, Iterable[str] | str] | Iterable[Transition | tuple[str, str]]


def _to_status(value: object, field: str) -> Status:
    if isinstance(value, Status):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        name, category = value
        return Status(
            _name(name, f"{field}.name"),
            convert.enum_member(StatusCategory, category, f"{field}.category"),
        )
    raise ConfigError(
        f"expected a Status or a (name, category) pair, got {convert.describe(value)}", field=field
    )


def _to_transition(value: object, field: str) -> Transition:
    if isinstance(value, Transition):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        source, target = value
        return Transition(
            _name(source, f"{field}.source"),
            _name(target, f"{field}.target"),
        )
    raise ConfigError(
        f"expected a Transition or a (source, target) pair, got {convert.describe(value)}",
        field=field,
    )


def _statuses(value: _StatusesIn) -> tuple[Status, ...]:
    items = list(value.items()) if isinstance(value, Mapping) else value
    return convert.tuple_of(items, "statuses", _to_status)


def _transitions(value: _TransitionsIn) -> tuple[Transition, ...]:
    if isinstance(value, Mapping):
        pairs: list[Transition] = []
        for key, targets in value.items():
            source = _name(key, "transitions")  # named in the field only once it is a name
            field = f"transitions.{source}"
            listed = (
                (targets,) if isinstance(targets, str) else convert.tuple_of(targets, field, _name)
            )
            pairs.extend(Transition(source, target) for target in listed)
        return tuple(pairs)
    return convert.tuple_of(value, "transitions", _to_transition)


def _reopen_within(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return None if value is None else convert.duration(value, "reopen_within")


def _require_note(value: bool | str) -> bool:
    return convert.boolean(value, "require_note")


def _survey_on_close(value: bool | str) -> bool:
    return convert.boolean(value, "survey_on_close")


def _event_for(source: StatusCategory, target: StatusCategory) -> str:
    """The event type that carries out a move between two categories."""
    if target is StatusCategory.RESOLVED:
        return "Resolved"
    if target is StatusCategory.CLOSED:
        return "Closed"
    if source in (StatusCategory.RESOLVED, StatusCategory.CLOSED):
        return "Reopened"
    return "StatusChanged"


@attrs.frozen(kw_only=True)
class Workflow:
    """A ticket lifecycle: statuses with categories, allowed transitions, guards.

    Args:
        name: What diagrams and errors call the workflow.
        statuses: ``{name: category}`` or :class:`Status` values, in display
            order. Exactly one status is ``new`` (where tickets start), one
            ``resolved`` and one ``closed``; any number are ``open`` or ``waiting``.
        transitions: ``{source: [targets]}`` or :class:`Transition` values. Moves
            out of the resolved and closed statuses are reopens; they all go to
            one status (or from resolved to closed).
        require_note: Resolving needs a non-blank resolution note.
        reopen_within: A closed ticket may be reopened only within this much
            calendar time of closing (``None``: any time the table allows it).
        survey_on_close: Closing makes a satisfaction survey due until a
            ``SurveyAnswered`` event.

    Raises:
        ConfigError: a duplicate or unknown status, not exactly one new,
            resolved and closed status, a transition to itself or listed
            twice, reopens to different statuses, a status unreachable from
            the new one, or a dead end (a status from which the closed one
            cannot be reached); each names the culprit.

    >>> desk = Workflow(
    ...     name="desk",
    ...     statuses={"new": "new", "working": "open", "done": "resolved", "closed": "closed"},
    ...     transitions={"new": ["working"], "working": ["done"], "done": ["closed", "working"]},
    ... )
    >>> desk.initial, desk.reopen_to
    ('new', 'working')
    """

    name: str = attrs.field(converter=_status_name)
    statuses: tuple[Status, ...] = attrs.field(converter=_statuses)
    transitions: tuple[Transition, ...] = attrs.field(converter=_transitions)
    require_note: bool = attrs.field(default=False, converter=_require_note)
    reopen_within: dt.timedelta | None = attrs.field(default=None, converter=_reopen_within)
    survey_on_close: bool = attrs.field(default=False, converter=_survey_on_close)
    _categories: dict[str, StatusCategory] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _moves: dict[str, tuple[Move, ...]] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _special: tuple[str, str, str] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _edges: dict[tuple[str, str], Move] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _status_steps: dict[tuple[str, str], StatusCategory] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    """(from, to) -> the category of ``to``, for the moves a ``StatusChanged`` makes."""

    def __attrs_post_init__(self) -> None:
        categories: dict[str, StatusCategory] = {}
        for index, status in enumerate(self.statuses):
            if status.name in categories:
                raise ConfigError(
                    f"status {status.name!r} is listed twice", field=f"statuses[{index}]"
                )
            categories[status.name] = status.category
        special = []
        for category in (StatusCategory.NEW, StatusCategory.RESOLVED, StatusCategory.CLOSED):
            named = [name for name, kind in categories.items() if kind is category]
            if len(named) != 1:
                raise ConfigError(
                    f"a workflow has exactly one {category.value} status, got {named}",
                    field="statuses",
                )
            special.extend(named)
        moves: dict[str, list[Move]] = {name: [] for name in categories}
        seen: set[tuple[str, str]] = set()
        for index, transition in enumerate(self.transitions):
            self._check_transition(index, transition, categories, seen)
            source, target = categories[transition.source], categories[transition.target]
            event = _event_for(source, target)
            requires = ("note",) if event == "Resolved" and self.require_note else ()
            moves[transition.source].append(Move(transition.target, event, requires))
        object.__setattr__(self, "_special", tuple(special))
        object.__setattr__(self, "_categories", categories)
        object.__setattr__(self, "_moves", {name: tuple(listed) for name, listed in moves.items()})
        edges = {(source, move.target): move for source, listed in moves.items() for move in listed}
        object.__setattr__(self, "_edges", edges)
        steps = {
            (source, target): categories[target]
            for (source, target), move in edges.items()
            if move.event == "StatusChanged"
        }
        object.__setattr__(self, "_status_steps", steps)
        self._check_reopens()
        self._check_graph()

    def _check_transition(
        self,
        index: int,
        transition: Transition,
        categories: dict[str, StatusCategory],
        seen: set[tuple[str, str]],
    ) -> None:
        field = f"transitions[{index}]"
        for end in ("source", "target"):
            name = getattr(transition, end)
            if name not in categories:
                raise ConfigError(
                    f"unknown status {name!r}; known: {', '.join(categories)}",
                    field=f"{field}.{end}",
                )
        pair = (transition.source, transition.target)
        if transition.source == transition.target:
            raise ConfigError(f"{transition.source!r} moves to itself", field=field)
        if pair in seen:
            raise ConfigError(
                f"{transition.source!r} -> {transition.target!r} is listed twice", field=field
            )
        seen.add(pair)
        if (categories[transition.source], categories[transition.target]) == (
            StatusCategory.CLOSED,
            StatusCategory.RESOLVED,
        ):
            raise ConfigError("a closed ticket reopens; it is not resolved again", field=field)

    def _check_reopens(self) -> None:
        targets = {
            move.target
            for move in self._moves[self.resolved_status] + self._moves[self.closed_status]
            if move.event == "Reopened"
        }
        if len(targets) > 1:
            raise ConfigError(
                f"reopens go to one status, got {sorted(targets)}", field="transitions"
            )

    def _check_graph(self) -> None:
        reachable = _closure(self.initial, lambda name: (m.target for m in self._moves[name]))
        for status in self.statuses:
            if status.name not in reachable:
                raise ConfigError(
                    f"status {status.name!r} cannot be reached from {self.initial!r}",
                    field=f"statuses.{status.name}",
                )
        sources: dict[str, list[str]] = {name: [] for name in self._categories}
        for transition in self.transitions:
            sources[transition.target].append(transition.source)
        finishing = _closure(self.closed_status, sources.__getitem__)
        for status in self.statuses:
            if status.name not in finishing:
                raise ConfigError(
                    f"status {status.name!r} is a dead end: {self.closed_status!r} cannot be "
                    "reached from it",
                    field=f"statuses.{status.name}",
                )

    # --- the table ----------------------------------------------------------------

    @property
    def initial(self) -> str:
        """The status every ticket starts in (the ``new`` one)."""
        return self._special[0]

    @property
    def resolved_status(self) -> str:
        """The status a ``Resolved`` event reaches."""
        return self._special[1]

    @property
    def closed_status(self) -> str:
        """The status a ``Closed`` event reaches."""
        return self._special[2]

    @property
    def reopen_to(self) -> str | None:
        """The status a ``Reopened`` event reaches (``None``: the workflow has no reopen)."""
        for move in self._moves[self.resolved_status] + self._moves[self.closed_status]:
            if move.event == "Reopened":
                return move.target
        return None

    def category(self, status: str) -> StatusCategory:
        """Return a status's category.

        Raises:
            KeyError: the workflow has no such status.
        """
        return self._categories[status]

    def __contains__(self, status: object) -> bool:
        return status in self._categories

    def moves(self, status: str) -> tuple[Move, ...]:
        """Return every move the table allows from ``status``, guards aside.

        >>> [str(move) for move in DEFAULT_WORKFLOW.moves("resolved")]
        ['closed (Closed)', 'open (Reopened)']

        Raises:
            KeyError: the workflow has no such status.
        """
        return self._moves[status]

    def move(self, source: str, target: str) -> Move | None:
        """Return the table's move from ``source`` to ``target``, or ``None`` if there is none.

        >>> DEFAULT_WORKFLOW.move("open", "resolved")
        Move(target='resolved', event='Resolved', requires=('note',))
        """
        return self._edges.get((source, target))

    def allowed(self, state: TicketState, now: dt.datetime | None = None) -> tuple[Move, ...]:
        """Return the legal next moves for a ticket: what a UI shows as buttons.

        Args:
            state: The ticket, as :meth:`replay` returned it.
            now: When the move would happen; given, the reopen window is checked too.

        Raises:
            ConfigError: ``state`` is not a :class:`~servicedesk_core.TicketState`, or
                its status is not one of the workflow's (another workflow replayed it).
            NotADatetimeError: ``now`` is given and is not a datetime.
            NaiveDatetimeError: ``now`` has no timezone.

        >>> import datetime as dt
        >>> from servicedesk_core.events import Created
        >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> state = DEFAULT_WORKFLOW.replay([Created(at=at, priority="Low")])
        >>> [move.target for move in DEFAULT_WORKFLOW.allowed(state)]
        ['open', 'waiting_on_customer', 'resolved']
        """
        status = convert.instance(TicketState, state, "state").status
        moves = self._moves.get(status)
        if moves is None:
            raise ConfigError(
                f"status {convert.brief(status)} is not one of workflow {self.name!r}'s",
                field="state",
            )
        if now is not None:
            to_us(now)  # refuses junk even where the reopen window does not matter
        if now is None or state.closed_at is None or self.reopen_within is None:
            return moves
        if reopen_in_time(self, state.closed_at, now):
            return moves
        return tuple(move for move in moves if move.event != "Reopened")

    # --- replay ------------------------------------------------------------------

    def replay(self, events: Sequence[Event], *, routing: Routing | None = None) -> TicketState:
        """Replay a ticket's events and return where it stands.

        Args:
            events: The log: one ``Created`` first, then events in order.
            routing: Given, ``Assigned`` events must name its teams and tiers,
                and a team's tier fills in an event that names none.

        Raises:
            TransitionError: an event asks for a move the workflow does not
                allow (a closed ticket moves only by reopening), or breaks a guard.
            EventLogError: the log is empty, out of order, does not start with
                ``Created``, or names an unknown status, team or tier.
            ConfigError: ``routing`` is not a :class:`~servicedesk_core.Routing`, or
                ``events`` is not a list of events.

        >>> import datetime as dt
        >>> from servicedesk_core.events import Created, Resolved
        >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> DEFAULT_WORKFLOW.replay([Created(at=at, priority="Low"), Resolved(at=at)])
        Traceback (most recent call last):
        servicedesk_core.errors.TransitionError: event 1: resolving needs a resolution note; allowed from 'new': open (StatusChanged), waiting_on_customer (StatusChanged), resolved (Resolved)
        """  # noqa: E501
        state = Lifecycle(self, routing, None).run(events)
        assert state is not None  # strict mode raises instead
        return state

    def step(
        self, state: TicketState, event: Event, *, routing: Routing | None = None
    ) -> TicketState:
        """Apply one more event to a replayed state (``replay`` one event at a time).

        Raises:
            TransitionError: see :meth:`replay`.
            EventLogError: see :meth:`replay`.
        """
        return Lifecycle(self, routing, None).resume(state, event)

    def check(self, events: Sequence[Event], *, routing: Routing | None = None) -> Report:
        """Report every problem of a log instead of stopping at the first.

        Each issue's path is ``events[i]`` and its code is the one
        :meth:`replay` would raise with (see ``ESCALATION_CODES``); an event
        with a problem is skipped and the replay goes on. (A ``routing`` that is
        not a :class:`~servicedesk_core.Routing`, or ``events`` that is not a list,
        is a programming error: a ``ConfigError``.)

        >>> import datetime as dt
        >>> from servicedesk_core.events import Closed, Created
        >>> at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
        >>> print(DEFAULT_WORKFLOW.check([Created(at=at, priority="Low"), Closed(at=at)]))
        error events[1]: cannot go from 'new' to 'closed' (Closed) [lifecycle.not_allowed]
        """
        issues: list[object] = []
        Lifecycle(self, routing, issues).run(events)
        return Report(issues)  # type: ignore[arg-type]

    # --- drawings ----------------------------------------------------------------

    def to_table(self) -> str:
        """Return the transition table as Markdown (from, to, event, guard)."""
        from servicedesk_core.escalation import render

        return render.table(self)

    def to_mermaid(self) -> str:
        """Return the workflow as a Mermaid ``stateDiagram-v2``."""
        from servicedesk_core.escalation import render

        return render.mermaid(self)

    def to_dot(self) -> str:
        """Return the workflow as Graphviz DOT text."""
        from servicedesk_core.escalation import render

        return render.dot(self)


def _closure(start: str, neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    """Every name reachable from ``start`` (``start`` included)."""
    seen = {start}
    queue = deque([start])
    while queue:
        for name in neighbours(queue.popleft()):
            if name not in seen:
                seen.add(name)
                queue.append(name)
    return seen


DEFAULT_WORKFLOW = Workflow(
    name="default",
    statuses={
        "new": "new",
        "open": "open",
        "waiting_on_customer": "waiting",
        "waiting_on_vendor": "waiting",
        "on_hold": "waiting",
        "resolved": "resolved",
        "closed": "closed",
    },
    transitions={
        "new": ["open", "waiting_on_customer", "resolved"],
        "open": ["waiting_on_customer", "waiting_on_vendor", "on_hold", "resolved"],
        "waiting_on_customer": ["open", "resolved"],
        "waiting_on_vendor": ["open", "resolved"],
        "on_hold": ["open", "resolved"],
        "resolved": ["closed", "open"],
        "closed": ["open"],
    },
    require_note=True,
    reopen_within=dt.timedelta(days=7),
    survey_on_close=True,
)
"""The MSP guide's lifecycle (seed 002): triage a new ticket, work it, wait on the
customer or a vendor, resolve it with a resolution note, close it with a survey;
a closed ticket may be reopened within 7 days (that window is our choice, the
guide names none). Its statuses besides ``new``, ``resolved`` and ``closed`` are
the SLA policies' default statuses."""
