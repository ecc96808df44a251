"""The citizen answers on the tracking page; an answer to a question resumes the work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Message, Ticket, TicketEvent
from requests_app.sla import add_business_days, business_days_between
from tests.factories import TicketFactory


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def reply(client, ticket, body="Il s'agit du 12 rue Pasteur."):
    return client.post(reverse("requests_app:track_reply", args=[ticket.token]), {"reply-body": body})


def test_it_answers_a_question_and_moves_the_request_back_to_in_progress(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)
    # The question was asked a week ago: that wait does not count against the commitment.
    asked = timezone.now() - datetime.timedelta(days=7)
    Ticket.objects.filter(pk=ticket.pk).update(awaiting_since=asked)
    paused = business_days_between(timezone.localtime(asked).date(), timezone.localdate())

    response = reply(client, ticket)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:track", args=[ticket.token])
    after = Ticket.objects.get(pk=ticket.pk)
    assert after.status == Ticket.Status.IN_PROGRESS
    assert after.awaiting_since is None
    assert after.due_date == add_business_days(ticket.due_date, paused)
    assert after.due_date > ticket.due_date
    message = Message.objects.get(ticket=ticket, kind=Message.Kind.CITIZEN_MESSAGE)
    assert message.body == "Il s'agit du 12 rue Pasteur."
    assert message.author is None
    event = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.CITIZEN_MESSAGE)
    assert event.is_public
    assert (event.from_status, event.to_status) == ("awaiting_citizen", "in_progress")


def test_it_shows_the_message_on_the_tracking_page_afterwards(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    response = client.post(
        reverse("requests_app:track_reply", args=[ticket.token]), {"reply-body": "Devant la boulangerie."}, follow=True
    )

    assert response.status_code == 200
    assert "Devant la boulangerie." in response.text
    assert "Your message has been sent" in response.text


def test_it_adds_a_message_without_changing_the_status(client, category):
    ticket = TicketFactory(category=category)

    response = reply(client, ticket, body="J'ajoute une précision.")

    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RECEIVED
    assert Message.objects.filter(ticket=ticket, kind=Message.Kind.CITIZEN_MESSAGE).count() == 1


def test_it_refuses_an_empty_message(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    response = reply(client, ticket, body="   ")

    assert response.status_code == 400
    assert "body" in response.context["reply_form"].errors
    assert 'id="error-summary"' in response.text
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.AWAITING_CITIZEN
    assert not Message.objects.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_refuses_a_message_on_a_closed_request_with_a_409(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, closed=True)

    response = reply(client, ticket)

    assert response.status_code == 409
    assert "is not possible" in response.text
    assert not Message.objects.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_answers_404_to_a_reply_with_a_wrong_token(client, category):
    TicketFactory(category=category)

    response = client.post(reverse("requests_app:track_reply", args=["f" * 64]), {"reply-body": "Bonjour"})

    assert response.status_code == 404
    assert not Message.objects.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_cannot_act_on_another_ticket_with_its_own_token(client, category, agent):
    mine = TicketFactory(category=category, agent=agent, resolved=True)
    other = TicketFactory(category=category, agent=agent, resolved=True)

    client.post(reverse("requests_app:track_confirm", args=[mine.token]))
    client.post(reverse("requests_app:track_reply", args=[mine.token]), {"reply-body": "Merci"})

    assert Ticket.objects.get(pk=other.pk).status == Ticket.Status.RESOLVED
    assert not TicketEvent.objects.filter(ticket=other, kind=TicketEvent.Kind.CONFIRMED).exists()
