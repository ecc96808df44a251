"""Internal notes stay between agents: never shown to the citizen, never e-mailed."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import events_of, person, snapshot, ticket_in


def test_it_adds_a_note_without_telling_the_citizen(category, citizen, agent):
    ticket = TicketFactory(category=category, citizen=citizen)

    message = workflow.add_internal_note(ticket.pk, by=agent, body="Voir avec l'équipe du secteur nord.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RECEIVED
    assert message.kind == Message.Kind.INTERNAL_NOTE
    assert not message.is_public
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.INTERNAL_NOTE
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("received", "received")
    assert not event.is_public
    assert not Notification.objects.filter(ticket=ticket).exclude(template="acknowledgement").exists()


@pytest.mark.parametrize("status", ["closed", "rejected", "merged"])
def test_it_lets_agents_annotate_finished_tickets(status, category, agent, colleague):
    ticket = ticket_in(status, category=category, worker=colleague)

    workflow.add_internal_note(ticket.pk, by=agent, body="Pour mémoire : même adresse que la demande de mai.")

    assert Ticket.objects.get(pk=ticket.pk).status == status
    assert events_of(ticket).last().kind == TicketEvent.Kind.INTERNAL_NOTE


def test_it_refuses_an_empty_note(category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.add_internal_note(ticket.pk, by=agent, body="")

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.add_internal_note(ticket.pk, by=person(request, name), body="Bonjour.")

    assert snapshot(ticket) == before
