from django.urls import reverse

from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def reopen(client, ticket, reason):
    return client.post(reverse("requests_app:agent_reopen", args=[ticket.reference]), {"reopen-reason": reason})


def test_it_reopens_a_resolved_request(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    client.force_login(agent)

    response = reopen(client, ticket, "Le trou est réapparu.")

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.resolved_at is None
    event = events_of(ticket, TicketEvent.Kind.REOPENED).get()
    assert event.is_public is True
    assert event.message.kind == Message.Kind.INTERNAL_NOTE
    assert event.message.kind == Message.Kind.INTERNAL_NOTE
    assert event.message.body == "Le trou est réapparu."


def test_it_requires_a_reason_to_reopen(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reopen(client, ticket, "")

    assert response.status_code == 400
    assert snapshot(ticket) == before


def test_it_refuses_to_reopen_an_open_request_with_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reopen(client, ticket, "Pour voir.")

    assert response.status_code == 409
    assert snapshot(ticket) == before
