"""The transition table: for every action, which status it moves from and to, and who may do it.

`workflow` applies these moves; the agents' and citizens' pages draw their buttons from
`available_actions`, so the rules and the buttons cannot drift.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import Role

from .models import Ticket

S = Ticket.Status


class Actor(StrEnum):
    CITIZEN = "citizen"
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    SYSTEM = "system"


class Action(StrEnum):
    TAKE = "take"
    ASSIGN = "assign"
    REROUTE = "reroute"
    REPLY = "reply"
    NOTE = "note"
    REQUEST_INFO = "request_info"
    CITIZEN_REPLY = "citizen_reply"
    RESOLVE = "resolve"
    REJECT = "reject"
    MERGE = "merge"
    REOPEN = "reopen"
    CONFIRM = "confirm"
    CLOSE = "close"


@dataclass(frozen=True)
class Transition:
    label: str
    moves: dict  # current status → status after the action
    actors: frozenset


STAFF = frozenset({Actor.AGENT, Actor.SUPERVISOR})
OPEN = (S.RECEIVED, S.QUALIFIED, S.IN_PROGRESS, S.AWAITING_CITIZEN)

TRANSITIONS: dict[Action, Transition] = {
    Action.TAKE: Transition(
        gettext_lazy("Take"),
        {
            S.RECEIVED: S.IN_PROGRESS,
            S.QUALIFIED: S.IN_PROGRESS,
            S.IN_PROGRESS: S.IN_PROGRESS,
            S.AWAITING_CITIZEN: S.AWAITING_CITIZEN,
        },
        STAFF,
    ),
    Action.ASSIGN: Transition(
        gettext_lazy("Assign"),
        {
            S.RECEIVED: S.QUALIFIED,
            S.QUALIFIED: S.QUALIFIED,
            S.IN_PROGRESS: S.IN_PROGRESS,
            S.AWAITING_CITIZEN: S.AWAITING_CITIZEN,
        },
        STAFF,
    ),
    Action.REROUTE: Transition(
        gettext_lazy("Send to another service"),
        {
            S.RECEIVED: S.QUALIFIED,
            S.QUALIFIED: S.QUALIFIED,
            S.IN_PROGRESS: S.QUALIFIED,
            S.AWAITING_CITIZEN: S.AWAITING_CITIZEN,
        },
        STAFF,
    ),
    Action.REPLY: Transition(
        gettext_lazy("Reply to the citizen"),
        {
            S.RECEIVED: S.IN_PROGRESS,
            S.QUALIFIED: S.IN_PROGRESS,
            S.IN_PROGRESS: S.IN_PROGRESS,
            S.AWAITING_CITIZEN: S.AWAITING_CITIZEN,
        },
        STAFF,
    ),
    Action.NOTE: Transition(
        gettext_lazy("Internal note"),
        {status: status for status in S},
        STAFF,
    ),
    Action.REQUEST_INFO: Transition(
        gettext_lazy("Ask for information"),
        {S.RECEIVED: S.AWAITING_CITIZEN, S.QUALIFIED: S.AWAITING_CITIZEN, S.IN_PROGRESS: S.AWAITING_CITIZEN},
        STAFF,
    ),
    Action.CITIZEN_REPLY: Transition(
        gettext_lazy("Send a message"),
        {
            S.RECEIVED: S.RECEIVED,
            S.QUALIFIED: S.QUALIFIED,
            S.IN_PROGRESS: S.IN_PROGRESS,
            S.AWAITING_CITIZEN: S.IN_PROGRESS,
        },
        frozenset({Actor.CITIZEN}),
    ),
    Action.RESOLVE: Transition(gettext_lazy("Resolve"), dict.fromkeys(OPEN, S.RESOLVED), STAFF),
    Action.REJECT: Transition(gettext_lazy("Reject"), dict.fromkeys(OPEN, S.REJECTED), STAFF),
    Action.MERGE: Transition(gettext_lazy("Merge into another request"), dict.fromkeys(OPEN, S.MERGED), STAFF),
    Action.REOPEN: Transition(
        gettext_lazy("Reopen"),
        {S.RESOLVED: S.IN_PROGRESS, S.CLOSED: S.IN_PROGRESS},
        frozenset({Actor.CITIZEN, Actor.AGENT, Actor.SUPERVISOR}),
    ),
    Action.CONFIRM: Transition(
        gettext_lazy("Confirm the resolution"), {S.RESOLVED: S.CLOSED}, frozenset({Actor.CITIZEN})
    ),
    Action.CLOSE: Transition(
        gettext_lazy("Close"), {S.RESOLVED: S.CLOSED}, frozenset({Actor.AGENT, Actor.SUPERVISOR, Actor.SYSTEM})
    ),
}


class InvalidTransition(Exception):
    """The action is not possible now (wrong status, wrong role, stale page, bad target)."""


def actor_for(user, ticket: Ticket, *, via_token: bool = False) -> Actor | None:
    """What role `user` plays on `ticket`; None when they have no say on it at all."""
    if via_token:
        return Actor.CITIZEN
    if user is None:
        return Actor.SYSTEM
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role == Role.ADMINISTRATOR:
        # Administrators act through the admin, with a supervisor's rights on every service.
        return Actor.SUPERVISOR
    if user.role in (Role.AGENT, Role.SUPERVISOR) and user.services.filter(pk=ticket.service_id).exists():
        return Actor.SUPERVISOR if user.role == Role.SUPERVISOR else Actor.AGENT
    if ticket.citizen_id is not None and ticket.citizen_id == user.pk:
        return Actor.CITIZEN
    return None


def _citizen_may_still_reopen(ticket: Ticket, *, now: datetime.datetime | None = None) -> bool:
    if ticket.status != S.RESOLVED or ticket.resolved_at is None:
        return False
    now = now or timezone.now()
    return now - ticket.resolved_at <= datetime.timedelta(days=settings.REOPEN_DELAY_DAYS)


def is_allowed(action: Action, ticket: Ticket, actor: Actor | None, *, now: datetime.datetime | None = None) -> bool:
    transition = TRANSITIONS[action]
    if actor not in transition.actors or ticket.status not in transition.moves:
        return False
    if action == Action.REOPEN and actor == Actor.CITIZEN:
        return _citizen_may_still_reopen(ticket, now=now)
    return True


def available_actions(ticket: Ticket, user, *, via_token: bool = False) -> list[Action]:
    """The actions the table allows this person now: templates render their buttons from this."""
    actor = actor_for(user, ticket, via_token=via_token)
    return [action for action in TRANSITIONS if is_allowed(action, ticket, actor)]
