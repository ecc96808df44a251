"""The citizen confirms that the problem is solved; a second click is a friendly 409."""

import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def confirm(client, ticket):
    return client.post(reverse("requests_app:track_confirm", args=[ticket.token]))


def test_it_closes_the_request(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    response = confirm(client, ticket)

    assert response.status_code == 302
    after = Ticket.objects.get(pk=ticket.pk)
    assert after.status == Ticket.Status.CLOSED
    assert after.closed_at is not None
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.CONFIRMED)
    assert event.actor is None
    assert event.is_public


def test_it_answers_a_double_click_with_a_friendly_409(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    confirm(client, ticket)

    response = confirm(client, ticket)

    assert response.status_code == 409
    assert "“Confirm the resolution” is not possible" in response.text
    assert 'role="alert"' in response.text
    assert TicketEvent.objects.filter(ticket=ticket, kind=TicketEvent.Kind.CONFIRMED).count() == 1
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED


def test_it_cannot_confirm_a_request_still_in_progress(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    response = confirm(client, ticket)

    assert response.status_code == 409
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS
    assert not TicketEvent.objects.filter(kind=TicketEvent.Kind.CONFIRMED).exists()
