"""An agent asks the citizen a question: the ticket waits, and the clock stops (see test_sla)."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_asks_the_citizen_and_waits(category, citizen, agent):
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category, citizen=citizen, agent=agent, in_progress=True)
    with frozen(paris(2026, 3, 2, 11)) as now:
        message = workflow.request_information(ticket.pk, by=agent, body="Devant quel numéro exactement ?")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert ticket.awaiting_since == now
    assert ticket.first_response_at == now
    assert message.kind == Message.Kind.PUBLIC_REPLY
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.INFO_REQUESTED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("in_progress", "awaiting_citizen")
    assert event.is_public
    assert event.message == message
    notification = Notification.objects.get(channel="email", ticket=ticket, template="info_requested")
    assert notification.recipient == citizen
    assert notification.context == {"body": "Devant quel numéro exactement ?"}


def test_it_asks_straight_from_a_received_ticket(category, agent):
    ticket = TicketFactory(category=category)

    workflow.request_information(ticket.pk, by=agent, body="Pouvez-vous joindre une photo ?")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert events_of(ticket).last().from_status == "received"


def test_it_refuses_a_double_click(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.request_information(ticket.pk, by=agent, body="Quel numéro ?")
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.request_information(ticket.pk, by=agent, body="Quel numéro ?")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.INFO_REQUESTED).count() == 1
    assert Notification.objects.filter(channel="email", ticket=ticket, template="info_requested").count() == 1


def test_it_refuses_an_empty_question(category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.request_information(ticket.pk, by=agent, body="\n")

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.request_information(ticket.pk, by=person(request, name), body="Une question ?")

    assert snapshot(ticket) == before
