"""An agent resolves a ticket with a message to the citizen, who may reopen it for a while."""

import pytest

from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_resolves_a_ticket_and_tells_the_citizen(settings, category, citizen, agent):
    settings.REOPEN_DELAY_DAYS = 15
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category, citizen=citizen, agent=agent, in_progress=True)
    with frozen(paris(2026, 3, 5, 16)) as now:
        workflow.resolve_ticket(ticket.pk, by=agent, body="Le trou a été rebouché ce matin.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    assert ticket.resolved_at == now
    assert ticket.first_response_at == now
    assert ticket.closed_at is None
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.RESOLVED
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("in_progress", "resolved")
    assert event.is_public
    assert event.message.kind == Message.Kind.PUBLIC_REPLY
    assert event.message.body == "Le trou a été rebouché ce matin."
    notification = Notification.objects.get(channel="email", ticket=ticket, template="resolved")
    assert notification.recipient == citizen
    assert notification.context == {"body": "Le trou a été rebouché ce matin.", "reopen_days": 15}


def test_it_resolves_a_ticket_that_was_waiting_for_the_citizen(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)
    first_response = ticket.first_response_at

    workflow.resolve_ticket(ticket.pk, by=agent, body="Trouvé sans votre aide, c'est réparé.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    assert ticket.awaiting_since is None
    assert ticket.first_response_at == first_response


def test_it_refuses_a_double_click(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before
    assert events_of(ticket, TicketEvent.Kind.RESOLVED).count() == 1
    assert Notification.objects.filter(channel="email", ticket=ticket, template="resolved").count() == 1


def test_it_refuses_to_resolve_without_a_message(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.resolve_ticket(ticket.pk, by=agent, body="")

    assert snapshot(ticket) == before


@pytest.mark.parametrize("trait", ["rejected", "closed"])
def test_it_refuses_a_finished_ticket(trait, category, agent):
    ticket = TicketFactory(category=category, agent=agent, **{trait: True})
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["citizen", "other_citizen", "anonymous", "manager", "agent_of_other_service"])
def test_it_refuses_anyone_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.resolve_ticket(ticket.pk, by=person(request, name), body="C'est bon.")

    assert snapshot(ticket) == before


def test_it_refuses_the_system(category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.resolve_ticket(ticket.pk, by=None, body="C'est bon.")

    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["supervisor", "administrator"])
def test_it_lets_a_supervisor_or_an_administrator_resolve(request, name, other_category):
    ticket = TicketFactory(category=other_category)

    workflow.resolve_ticket(ticket.pk, by=person(request, name), body="Acte envoyé par courrier.")

    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED
