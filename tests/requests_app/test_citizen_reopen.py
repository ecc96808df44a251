"""The citizen reopens a resolved request, with a reason, within the reopening delay."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def reopen(client, ticket, reason="Le trou s'est reformé après la pluie."):
    return client.post(reverse("requests_app:track_reopen", args=[ticket.token]), {"reopen-reason": reason})


def resolved_days_ago(ticket, days):
    moment = timezone.now() - datetime.timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=moment - datetime.timedelta(days=1), first_response_at=moment, resolved_at=moment
    )


def test_it_reopens_within_the_delay(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    response = reopen(client, ticket)

    assert response.status_code == 302
    after = Ticket.objects.get(pk=ticket.pk)
    assert after.status == Ticket.Status.IN_PROGRESS
    assert after.resolved_at is None
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.REOPENED)
    assert event.is_public
    assert event.message.kind == Message.Kind.CITIZEN_MESSAGE
    assert event.message.body == "Le trou s'est reformé après la pluie."


def test_it_says_until_when_the_request_can_be_reopened(client, category, agent, settings):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    response = client.get(reverse("requests_app:track", args=[ticket.token]))

    assert response.context["reopen_until"] == ticket.resolved_at + datetime.timedelta(days=settings.REOPEN_DELAY_DAYS)
    assert "You can reopen it until" in response.text


def test_it_refuses_to_reopen_after_the_delay(client, category, agent, settings):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    resolved_days_ago(ticket, settings.REOPEN_DELAY_DAYS + 1)

    response = reopen(client, ticket)

    assert response.status_code == 409
    assert "“Reopen” is not possible" in response.text
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED
    assert not TicketEvent.objects.filter(kind=TicketEvent.Kind.REOPENED).exists()
    assert not response.context["can_reopen"]


def test_it_needs_a_reason(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    response = reopen(client, ticket, reason="")

    assert response.status_code == 400
    assert "reason" in response.context["reopen_form"].errors
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED
