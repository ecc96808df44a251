"""Every move the data generator plays is one the workflow's transition table allows.

The generator writes its rows straight into the tables (COPY), never through the workflow, so
nothing at run time would stop it from drifting: these tests hold its declared steps, and the
timelines it actually writes, to `requests_app.workflow.TRANSITIONS`.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Role
from demo import generator
from demo.generator.steps import STEPS, UndeclaredStep
from demo.generator.story import Story
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import TRANSITIONS, Action, Actor, is_allowed

S, E = Ticket.Status, TicketEvent.Kind

# The event each action of the workflow leaves on the timeline.
EVENT_OF = {
    Action.TAKE: E.ASSIGNED,
    Action.ASSIGN: E.ASSIGNED,
    Action.REROUTE: E.REROUTED,
    Action.REPLY: E.PUBLIC_REPLY,
    Action.NOTE: E.INTERNAL_NOTE,
    Action.REQUEST_INFO: E.INFO_REQUESTED,
    Action.CITIZEN_REPLY: E.CITIZEN_MESSAGE,
    Action.RESOLVE: E.RESOLVED,
    Action.REJECT: E.REJECTED,
    Action.MERGE: E.MERGED,
    Action.REOPEN: E.REOPENED,
    Action.CONFIRM: E.CONFIRMED,
    Action.CLOSE: E.CLOSED,
}
ACTOR_OF_ROLE = {Role.CITIZEN: Actor.CITIZEN, Role.AGENT: Actor.AGENT, Role.SUPERVISOR: Actor.SUPERVISOR}


def refusals(action: Action, actor: Actor, before: str, after: str) -> list[str]:
    """Why the table refuses `actor` doing `action` from `before` and landing on `after` (none: allowed)."""
    # `is_allowed` reads the status and, for a citizen's reopening, how long ago it was resolved.
    ticket = Ticket(status=before, resolved_at=timezone.now() - datetime.timedelta(hours=1))
    if not is_allowed(action, ticket, actor):
        return [f"{actor} may not {action} from {before}"]
    if TRANSITIONS[action].moves[before] != after:
        return [f"{action} from {before} lands on {TRANSITIONS[action].moves[before]}, not {after}"]
    return []


def test_every_declared_step_is_a_move_the_table_allows():
    problems = {}
    for name, step in STEPS.items():
        found = [] if EVENT_OF[step.action] == step.event else [f"{step.action} leaves {EVENT_OF[step.action]}"]
        for before, after in step.moves.items():
            found += refusals(step.action, step.actor, before, after)
        if found:
            problems[name] = found
    assert problems == {}


def test_it_would_see_a_step_the_table_refuses():
    assert refusals(Action.CONFIRM, Actor.AGENT, S.RESOLVED, S.CLOSED)
    assert refusals(Action.REPLY, Actor.AGENT, S.AWAITING_CITIZEN, S.IN_PROGRESS)
    assert refusals(Action.REQUEST_INFO, Actor.AGENT, S.AWAITING_CITIZEN, S.AWAITING_CITIZEN)
    assert not refusals(Action.CLOSE, Actor.SYSTEM, S.RESOLVED, S.CLOSED)


def test_a_story_refuses_a_step_from_a_status_its_steps_do_not_declare():
    ids = SimpleNamespace(next=iter(range(1, 100)).__next__)
    gen = SimpleNamespace(rng=None, ticket_ids=ids, event_ids=ids, until=datetime.datetime(2026, 12, 31))
    story = Story(gen, datetime.datetime(2026, 6, 1, 10))
    story.event(E.CREATED, None, S.RECEIVED)

    with pytest.raises(UndeclaredStep, match="confirm"):
        story.step("confirm", 1)

    story.step("take", 1)
    assert story.state == S.IN_PROGRESS


def actors_of(event: TicketEvent) -> set[Actor]:
    if event.actor is None:
        # The system (closing after the delay) or a citizen through their tracking link.
        return {Actor.SYSTEM, Actor.CITIZEN}
    return {ACTOR_OF_ROLE[event.actor.role]}


def timeline_problems(events: list[TicketEvent]) -> list[str]:
    first, *moves = events
    problems = []
    if (first.kind, first.from_status, first.to_status) != (E.CREATED, "", S.RECEIVED):
        problems.append(f"starts with {first.kind} {first.from_status!r} → {first.to_status}")
    previous = first.to_status
    for event in moves:
        if event.from_status != previous:
            problems.append(f"{event.kind} from {event.from_status}, but the ticket was {previous}")
        candidates = [action for action, kind in EVENT_OF.items() if kind == event.kind]
        if not any(
            not refusals(action, actor, event.from_status, event.to_status)
            for action in candidates
            for actor in actors_of(event)
        ):
            problems.append(f"{event.kind} {event.from_status} → {event.to_status} by {actors_of(event)}")
        previous = event.to_status
    return problems


@pytest.mark.django_db
def test_every_generated_timeline_moves_as_the_table_allows(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    generator.generate(tickets=400, years=1, seed=11, batch=150)

    events = TicketEvent.objects.select_related("actor").order_by("ticket_id", "created_at", "pk")
    timelines: dict[int, list[TicketEvent]] = {}
    for event in events:
        timelines.setdefault(event.ticket_id, []).append(event)
    problems = {ticket_id: found for ticket_id, events in timelines.items() if (found := timeline_problems(events))}

    assert len(timelines) == Ticket.objects.count() == 400
    assert problems == {}
    # Not a vacuous pass: the data set plays every step the generator declares.
    played = {(event.kind, event.from_status, event.to_status) for events in timelines.values() for event in events}
    declared = {(step.event, before, after) for step in STEPS.values() for before, after in step.moves.items()}
    assert {step.event for step in STEPS.values()} <= {kind for kind, _before, _after in played}
    assert played - {(E.CREATED, "", S.RECEIVED)} <= declared
