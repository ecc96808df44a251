"""A resolved ticket can be reopened: by its citizen within the reopening delay, by agents any
time, closed tickets included."""

import datetime

import pytest

from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def resolved_at(moment, *, category, citizen, agent) -> Ticket:
    with frozen(moment - datetime.timedelta(days=1)):
        ticket = TicketFactory(category=category, citizen=citizen, agent=agent, in_progress=True)
    with frozen(moment):
        workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")
    return Ticket.objects.get(pk=ticket.pk)


def test_it_lets_the_citizen_reopen_a_resolved_ticket(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)

    workflow.reopen_ticket(ticket.pk, by=citizen, reason="Le trou est revenu après la pluie.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.resolved_at is None
    assert ticket.closed_at is None
    assert ticket.assignee == agent  # back to whoever resolved it
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.REOPENED
    assert event.actor == citizen
    assert (event.from_status, event.to_status) == ("resolved", "in_progress")
    assert event.is_public
    assert event.message.kind == Message.Kind.CITIZEN_MESSAGE
    assert event.message.body == "Le trou est revenu après la pluie."


def test_it_lets_the_citizen_reopen_through_the_tracking_link(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    workflow.reopen_ticket(ticket.pk, by=None, reason="Toujours là.", via_token=True)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    event = events_of(ticket).last()
    assert event.actor is None
    assert event.message.author is None


def test_it_lets_the_citizen_reopen_until_the_last_day_of_the_delay(settings, category, citizen, agent):
    settings.REOPEN_DELAY_DAYS = 15
    ticket = resolved_at(paris(2026, 3, 2, 10), category=category, citizen=citizen, agent=agent)

    with frozen(paris(2026, 3, 17, 10)):
        workflow.reopen_ticket(ticket.pk, by=citizen, reason="Toujours là.")

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS


def test_it_refuses_the_citizen_after_the_delay(settings, category, citizen, agent):
    settings.REOPEN_DELAY_DAYS = 15
    ticket = resolved_at(paris(2026, 3, 2, 10), category=category, citizen=citizen, agent=agent)
    before = snapshot(ticket)

    with frozen(paris(2026, 3, 17, 10, 1)), pytest.raises(InvalidTransition) as refusal:
        workflow.reopen_ticket(ticket.pk, by=citizen, reason="Toujours là.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


def test_it_lets_an_agent_reopen_a_closed_ticket_with_an_internal_reason(category, citizen, agent, colleague):
    ticket = TicketFactory(category=category, citizen=citizen, agent=colleague, closed=True)

    workflow.reopen_ticket(ticket.pk, by=agent, reason="Nouvel affaissement signalé par l'équipe.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert (ticket.resolved_at, ticket.closed_at) == (None, None)
    event = events_of(ticket).last()
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("closed", "in_progress")
    # The citizen sees the request move again; the agent's reason stays an internal note.
    assert event.is_public
    assert event.message.kind == Message.Kind.INTERNAL_NOTE


def test_it_refuses_the_citizen_on_a_closed_ticket(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, closed=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.reopen_ticket(ticket.pk, by=citizen, reason="Toujours là.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


def test_it_refuses_a_double_click(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    workflow.reopen_ticket(ticket.pk, by=citizen, reason="Toujours là.")
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.reopen_ticket(ticket.pk, by=citizen, reason="Toujours là.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.REOPENED).count() == 1


def test_it_refuses_to_reopen_without_a_reason(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reopen_ticket(ticket.pk, by=citizen, reason="")

    assert snapshot(ticket) == before


def test_it_can_be_resolved_again(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, closed=True)
    workflow.reopen_ticket(ticket.pk, by=agent, reason="Reprise.")

    workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé pour de bon.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    assert ticket.closed_at is None


@pytest.mark.parametrize("name", ["other_citizen", "anonymous", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_else(request, name, category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen, agent=agent, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reopen_ticket(ticket.pk, by=person(request, name), reason="Je rouvre.")

    assert snapshot(ticket) == before
