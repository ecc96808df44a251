from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def take(client, ticket):
    return client.post(reverse("requests_app:agent_take", args=[ticket.reference]))


def error_messages(response) -> list[str]:
    return [m.message for m in response.context["messages"] if m.level_tag == "error"]


def test_it_takes_a_request(client, agent, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    response = take(client, ticket)

    assert response.status_code == 302
    assert response.url == ticket.get_absolute_url()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.assignee == agent
    event = events_of(ticket, TicketEvent.Kind.ASSIGNED).get()
    assert event.actor == agent
    assert event.to_status == Ticket.Status.IN_PROGRESS


def test_it_turns_a_double_click_into_a_friendly_409(client, agent, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)
    take(client, ticket)
    before = snapshot(ticket)

    response = take(client, ticket)

    assert response.status_code == 409
    assert error_messages(response)
    assert ticket.reference in error_messages(response)[0]
    assert error_messages(response)[0] in response.text
    assert snapshot(ticket) == before


def test_it_refuses_a_manager_with_409_and_changes_nothing(client, manager, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(manager)

    response = take(client, ticket)

    assert response.status_code == 409
    assert error_messages(response)
    assert snapshot(ticket) == before
