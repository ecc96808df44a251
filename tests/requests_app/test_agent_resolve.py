from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def resolve(client, ticket, body):
    return client.post(reverse("requests_app:agent_resolve", args=[ticket.reference]), {"resolve-body": body})


def test_it_resolves_a_request(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)

    response = resolve(client, ticket, "Le trou a été rebouché.")

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    assert ticket.resolved_at is not None
    event = events_of(ticket, TicketEvent.Kind.RESOLVED).get()
    assert event.actor == agent
    assert event.message.body == "Le trou a été rebouché."
    assert ticket.notifications.filter(template="resolved").count() == 1


def test_it_requires_a_resolution_message(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = resolve(client, ticket, "")

    assert response.status_code == 400
    assert response.context["failed_form"].has_error("body")
    assert snapshot(ticket) == before


def test_it_turns_a_second_resolution_into_a_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)
    resolve(client, ticket, "Le trou a été rebouché.")
    before = snapshot(ticket)

    response = resolve(client, ticket, "Le trou a été rebouché.")

    assert response.status_code == 409
    assert snapshot(ticket) == before
