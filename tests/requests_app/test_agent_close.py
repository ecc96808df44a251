from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def close(client, ticket):
    return client.post(reverse("requests_app:agent_close", args=[ticket.reference]))


def test_it_closes_a_resolved_request(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    client.force_login(agent)

    response = close(client, ticket)

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert ticket.closed_at is not None
    assert events_of(ticket, TicketEvent.Kind.CLOSED).get().actor == agent


def test_it_turns_a_second_close_into_a_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    client.force_login(agent)
    close(client, ticket)
    before = snapshot(ticket)

    response = close(client, ticket)

    assert response.status_code == 409
    assert snapshot(ticket) == before
