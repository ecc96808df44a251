"""The transition table, checked against a copy written out by hand and by calling every function.

If someone edits `workflow.TRANSITIONS` by mistake, `EXPECTED` below stops matching; if a
function stops honouring the table, the matrix of calls at the bottom says which cell.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import TRANSITIONS, Action, Actor, InvalidTransition
from tests.factories import TicketFactory, UserFactory

from .helpers import snapshot, ticket_in

S = Ticket.Status
RECEIVED, QUALIFIED, IN_PROGRESS, AWAITING = S.RECEIVED, S.QUALIFIED, S.IN_PROGRESS, S.AWAITING_CITIZEN
RESOLVED, CLOSED, REJECTED, MERGED = S.RESOLVED, S.CLOSED, S.REJECTED, S.MERGED
CITIZEN, AGENT, SUPERVISOR, SYSTEM = "citizen", "agent", "supervisor", "system"
STAFF = {AGENT, SUPERVISOR}

# action → ({status before: status after}, who may do it). Written out on purpose.
EXPECTED = {
    "take": ({RECEIVED: IN_PROGRESS, QUALIFIED: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS, AWAITING: AWAITING}, STAFF),
    "assign": ({RECEIVED: QUALIFIED, QUALIFIED: QUALIFIED, IN_PROGRESS: IN_PROGRESS, AWAITING: AWAITING}, STAFF),
    "reroute": ({RECEIVED: QUALIFIED, QUALIFIED: QUALIFIED, IN_PROGRESS: QUALIFIED, AWAITING: AWAITING}, STAFF),
    "reply": ({RECEIVED: IN_PROGRESS, QUALIFIED: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS, AWAITING: AWAITING}, STAFF),
    "note": (
        {
            RECEIVED: RECEIVED,
            QUALIFIED: QUALIFIED,
            IN_PROGRESS: IN_PROGRESS,
            AWAITING: AWAITING,
            RESOLVED: RESOLVED,
            CLOSED: CLOSED,
            REJECTED: REJECTED,
            MERGED: MERGED,
        },
        STAFF,
    ),
    "request_info": ({RECEIVED: AWAITING, QUALIFIED: AWAITING, IN_PROGRESS: AWAITING}, STAFF),
    "citizen_reply": (
        {RECEIVED: RECEIVED, QUALIFIED: QUALIFIED, IN_PROGRESS: IN_PROGRESS, AWAITING: IN_PROGRESS},
        {CITIZEN},
    ),
    "resolve": ({RECEIVED: RESOLVED, QUALIFIED: RESOLVED, IN_PROGRESS: RESOLVED, AWAITING: RESOLVED}, STAFF),
    "reject": ({RECEIVED: REJECTED, QUALIFIED: REJECTED, IN_PROGRESS: REJECTED, AWAITING: REJECTED}, STAFF),
    "merge": ({RECEIVED: MERGED, QUALIFIED: MERGED, IN_PROGRESS: MERGED, AWAITING: MERGED}, STAFF),
    "reopen": ({RESOLVED: IN_PROGRESS, CLOSED: IN_PROGRESS}, {CITIZEN, AGENT, SUPERVISOR}),
    "confirm": ({RESOLVED: CLOSED}, {CITIZEN}),
    "close": ({RESOLVED: CLOSED}, {AGENT, SUPERVISOR, SYSTEM}),
}

# Who each persona is for the table; None: no say on the ticket at all.
PERSONAS = {
    "citizen": CITIZEN,  # the author, signed in
    "token": CITIZEN,  # whoever holds the tracking link, not signed in
    "agent": AGENT,
    "supervisor": SUPERVISOR,
    "administrator": SUPERVISOR,
    "system": SYSTEM,
    "manager": None,
    "agent_of_other_service": None,
    "other_citizen": None,
    "anonymous": None,
}
TOKEN_ACTIONS = {Action.CITIZEN_REPLY, Action.REOPEN, Action.CONFIRM}


def expected_allowed(action: str, status: str, persona: str) -> bool:
    moves, actors = EXPECTED[action]
    kind = PERSONAS[persona]
    if status not in moves or kind not in actors:
        return False
    # A citizen reopens a resolved ticket within the reopening delay, never a closed one.
    return not (action == "reopen" and kind == CITIZEN and status == CLOSED)


@pytest.fixture
def cast(service, other_service, category, other_category):
    """Everyone who may knock on a ticket. They never sign in here, so they have no password
    (hashing one per person would make this matrix of several hundred cases crawl)."""

    def user(role=Role.CITIZEN, services=()):
        return UserFactory(role=role, services=list(services), password=None)

    return SimpleNamespace(
        category=category,
        other_category=other_category,
        worker=user(Role.AGENT, [service]),
        assignee=user(Role.AGENT, [service]),
        people={
            "citizen": user(),
            "token": AnonymousUser(),
            "agent": user(Role.AGENT, [service]),
            "supervisor": user(Role.SUPERVISOR, [service, other_service]),
            "administrator": user(Role.ADMINISTRATOR),
            "system": None,
            "manager": user(Role.MANAGER),
            "agent_of_other_service": user(Role.AGENT, [other_service]),
            "other_citizen": user(),
            "anonymous": AnonymousUser(),
        },
    )


def make_ticket(status, cast) -> Ticket:
    return ticket_in(status, category=cast.category, citizen=cast.people["citizen"], worker=cast.worker)


def perform(action, ticket, persona, cast):
    """Call the workflow function behind `action` as `persona`, with valid arguments."""
    pk, by, via_token = ticket.pk, cast.people[persona], persona == "token"
    match action:
        case Action.TAKE:
            workflow.take_ticket(pk, by=by)
        case Action.ASSIGN:
            workflow.assign_ticket(pk, by=by, assignee=cast.assignee)
        case Action.REROUTE:
            workflow.reroute_ticket(pk, by=by, category=cast.other_category)
        case Action.REPLY:
            workflow.reply_to_ticket(pk, by=by, body="Une équipe passe demain matin.")
        case Action.NOTE:
            workflow.add_internal_note(pk, by=by, body="Vu avec le chef d'équipe.")
        case Action.REQUEST_INFO:
            workflow.request_information(pk, by=by, body="Devant quel numéro exactement ?")
        case Action.CITIZEN_REPLY:
            workflow.citizen_reply(pk, by=by, body="Devant le 12.", via_token=via_token)
        case Action.RESOLVE:
            workflow.resolve_ticket(pk, by=by, body="Le trou a été rebouché.")
        case Action.REJECT:
            workflow.reject_ticket(pk, by=by, reason="Cette voie relève du Département.")
        case Action.MERGE:
            survivor = TicketFactory(category=cast.category)
            workflow.merge_tickets(pk, into_id=survivor.pk, by=by)
        case Action.REOPEN:
            workflow.reopen_ticket(pk, by=by, reason="Le trou est revenu.", via_token=via_token)
        case Action.CONFIRM:
            workflow.confirm_resolution(pk, by=by, via_token=via_token)
        case Action.CLOSE:
            workflow.close_ticket(pk, by=by)
        case _:
            raise AssertionError(f"no call for {action}")


# --- the table itself ------------------------------------------------------------------------


def test_it_matches_the_table_written_out_by_hand():
    actual = {str(action): (dict(t.moves), {str(a) for a in t.actors}) for action, t in TRANSITIONS.items()}
    assert actual == EXPECTED


def test_it_never_lets_a_citizen_resolve_reject_merge_or_close():
    for action in (Action.RESOLVE, Action.REJECT, Action.MERGE, Action.CLOSE, Action.ASSIGN, Action.TAKE):
        assert Actor.CITIZEN not in TRANSITIONS[action].actors, action


def test_it_lets_the_system_do_nothing_but_close():
    assert [action for action, t in TRANSITIONS.items() if Actor.SYSTEM in t.actors] == [Action.CLOSE]


def test_it_leads_every_status_somewhere_or_ends_it():
    """Every open status can be left; merged and rejected are final (staff can still take notes)."""
    for status in S:
        exits = {t.moves[status] for a, t in TRANSITIONS.items() if status in t.moves and a != Action.NOTE}
        if status in (REJECTED, MERGED):
            assert exits == set(), status
        else:
            assert exits - {status}, status


@pytest.mark.parametrize("persona", ["manager", "agent_of_other_service", "other_citizen", "anonymous"])
def test_it_gives_no_role_to_people_outside_the_ticket(persona, cast):
    ticket = make_ticket(RECEIVED, cast)
    assert workflow.actor_for(cast.people[persona], ticket) is None
    assert workflow.available_actions(ticket, cast.people[persona]) == []


def test_it_gives_no_role_to_a_deactivated_agent(cast):
    ticket = make_ticket(RECEIVED, cast)
    agent = cast.people["agent"]
    agent.is_active = False
    agent.save()
    assert workflow.actor_for(agent, ticket) is None


# --- what the buttons offer (available_actions) ------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("status", list(S))
def test_it_offers_exactly_the_actions_of_the_table(status, persona, cast):
    ticket = make_ticket(status, cast)
    offered = workflow.available_actions(ticket, cast.people[persona], via_token=persona == "token")
    expected = [action for action in EXPECTED if expected_allowed(action, status, persona)]
    assert sorted(offered) == sorted(expected)


# --- every allowed move, read from the table itself ------------------------------------------

KIND_TO_PERSONAS = {
    Actor.CITIZEN: ["citizen", "token"],
    Actor.AGENT: ["agent"],
    Actor.SUPERVISOR: ["supervisor", "administrator"],
    Actor.SYSTEM: ["system"],
}
ALLOWED_CELLS = [
    pytest.param(action, status, persona, id=f"{action}-{status}-{persona}")
    for action, transition in TRANSITIONS.items()
    for status in transition.moves
    for kind in sorted(transition.actors)
    for persona in KIND_TO_PERSONAS[kind]
    if not (action == Action.REOPEN and kind == Actor.CITIZEN and status == CLOSED)
    and (persona != "token" or action in TOKEN_ACTIONS)
]


@pytest.mark.parametrize(("action", "status", "persona"), ALLOWED_CELLS)
def test_it_applies_every_move_the_table_allows(action, status, persona, cast):
    ticket = make_ticket(status, cast)
    events_before = TicketEvent.objects.filter(ticket=ticket).count()

    perform(action, ticket, persona, cast)

    ticket.refresh_from_db()
    assert ticket.status == TRANSITIONS[action].moves[status]
    events = TicketEvent.objects.filter(ticket=ticket)
    assert events.count() == events_before + 1
    event = events.last()
    assert (event.from_status, event.to_status) == (status, ticket.status)
    by = cast.people[persona]
    assert event.actor == (by if by is not None and by.is_authenticated else None)


# --- every forbidden move, read from the written-out table ----------------------------------


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(Action))
def test_it_refuses_every_move_the_table_forbids(action, status, cast):
    ticket = make_ticket(status, cast)
    before = snapshot(ticket)
    wrongly_accepted, silent = [], []
    for persona in PERSONAS:
        if expected_allowed(action, status, persona) or (persona == "token" and action not in TOKEN_ACTIONS):
            continue
        try:
            perform(action, ticket, persona, cast)
        except InvalidTransition as refusal:
            # The refusal names the state the ticket is really in.
            if str(ticket.get_status_display()) not in str(refusal):
                silent.append((persona, str(refusal)))
        else:
            wrongly_accepted.append(persona)
        assert snapshot(ticket) == before, persona
    assert wrongly_accepted == []
    assert silent == []
