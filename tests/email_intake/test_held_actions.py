"""An agent attaches a held mail to a request, opens a new request from it, or discards it: each leaves a trace."""

import pytest
from django.urls import reverse

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory

from .conftest import CITIZEN_ADDRESS, mail


@pytest.fixture
def held(email_ticket):
    raw = mail(subject=f"Re: {email_ticket.reference}", body="Le trou est revenu.", sender="voisin@example.fr")
    return process_message(raw, source=InboundEmail.Source.IMAP)


def url(name, inbound):
    return reverse(f"email_intake:held_{name}", args=[inbound.pk])


def test_it_shows_the_held_mail_with_its_request(client, held, agent):
    client.force_login(agent)

    response = client.get(url("detail", held), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert b"Le trou est revenu." in response.content
    assert held.ticket.reference.encode() in response.content


def test_it_attaches_the_mail_as_a_citizen_message(client, held, agent):
    client.force_login(agent)

    response = client.post(url("attach", held), {"reference": held.ticket.reference})

    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.outcome, held.handled_by, held.handled_at is not None) == ("appended", agent, True)
    message = held.ticket_message
    assert (message.kind, message.body, message.channel) == (
        Message.Kind.CITIZEN_MESSAGE,
        "Le trou est revenu.",
        "email",
    )
    note = held.ticket.messages.get(kind=Message.Kind.INTERNAL_NOTE)
    assert note.author == agent and "voisin@example.fr" in note.body
    kinds = set(held.ticket.events.values_list("kind", flat=True))
    assert {TicketEvent.Kind.CITIZEN_MESSAGE, TicketEvent.Kind.INTERNAL_NOTE} <= kinds


def test_it_refuses_to_attach_to_a_closed_request(client, held, agent, category):
    closed = TicketFactory(category=category, contact_email=CITIZEN_ADDRESS, closed=True)
    client.force_login(agent)

    response = client.post(url("attach", held), {"reference": closed.reference})

    assert response.status_code == 409
    held.refresh_from_db()
    assert held.outcome == "held"
    assert not closed.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_refuses_a_reference_outside_the_agents_services(client, held, agent, other_category):
    elsewhere = TicketFactory(category=other_category)
    client.force_login(agent)

    response = client.post(url("attach", held), {"reference": elsewhere.reference}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert b"No request with this reference in your services" in response.content
    assert not elsewhere.messages.exists()


def test_it_opens_a_new_request_from_the_mail(
    client, held, agent, triage_service, django_capture_on_commit_callbacks, mailoutbox
):
    earlier = held.ticket
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("open", held))

    assert response.status_code == 302
    held.refresh_from_db()
    created = held.ticket
    assert (held.outcome, held.handled_by) == ("ticket_created", agent)
    assert created.contact_email == "voisin@example.fr" and created.service == triage_service
    assert created != earlier
    assert "Le trou est revenu." in created.description and earlier.reference in created.description
    event = created.events.get(kind=TicketEvent.Kind.CREATED)
    assert event.actor == agent and event.data == {"entered_by_agent": True}
    assert [m.to for m in mailoutbox] == [["voisin@example.fr"]]


def test_it_discards_the_mail_with_a_reason(client, held, agent):
    client.force_login(agent)

    response = client.post(url("discard", held), {"reason": "Message publicitaire"})

    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.outcome, held.discard_reason, held.handled_by) == ("discarded", "Message publicitaire", agent)
    assert Ticket.objects.count() == 1


def test_it_asks_for_a_reason_to_discard(client, held, agent):
    client.force_login(agent)

    response = client.post(url("discard", held), {"reason": "  "}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert b"This field is required." in response.content
    held.refresh_from_db()
    assert held.outcome == "held"


def test_it_takes_a_double_click_calmly(client, held, agent):
    client.force_login(agent)
    client.post(url("discard", held), {"reason": "Doublon"})

    response = client.post(url("discard", held), {"reason": "Doublon"}, follow=True)

    # Handled mail leaves the queue: the second click finds nothing to act on.
    assert response.status_code == 404


@pytest.mark.parametrize("action", ["attach", "open", "discard"])
def test_it_refuses_agents_of_other_services(client, held, agent_of_other_service, action):
    client.force_login(agent_of_other_service)

    response = client.post(url(action, held), {"reference": held.ticket.reference, "reason": "x"})

    assert response.status_code == 404
    held.refresh_from_db()
    assert held.outcome == "held"


@pytest.mark.parametrize("action", ["attach", "open", "discard"])
def test_it_refuses_citizens(client, held, citizen, action):
    client.force_login(citizen)

    assert client.post(url(action, held), {"reference": held.ticket.reference, "reason": "x"}).status_code == 403


@pytest.mark.parametrize("action", ["attach", "open", "discard"])
def test_it_only_acts_on_post(client, held, agent, action):
    client.force_login(agent)

    assert client.get(url(action, held)).status_code == 405


def test_it_says_so_when_no_triage_service_can_take_a_new_request(client, held, agent, triage_service):
    triage_service.is_active = False
    triage_service.save()
    client.force_login(agent)

    response = client.post(url("open", held), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    assert b"No triage service is set up" in response.content
    held.refresh_from_db()
    assert held.outcome == "held"
