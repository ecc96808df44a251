"""One request in the personal space: the same page and actions as by link, for its owner only."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.attachments import check_uploads
from requests_app.models import Message, Ticket, TicketEvent
from tests.conftest import close_download
from tests.factories import TicketFactory

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(name, ticket, *args):
    return reverse(f"requests_app:{name}", args=[ticket.reference, *args])


def test_it_shows_the_citizens_request(client, citizen, category, agent):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", in_progress=True)
    client.force_login(citizen)

    response = client.get(url("my_ticket", ticket))

    assert response.status_code == 200
    assert response.context["ticket"] == ticket
    assert url("my_ticket_reply", ticket) in response.text
    assert reverse("requests_app:my_tickets") in response.text


def test_it_answers_404_for_another_citizens_request(client, citizen, other_citizen, category):
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="")
    client.force_login(other_citizen)

    assert client.get(url("my_ticket", ticket)).status_code == 404
    assert client.post(url("my_ticket_reply", ticket), {"reply-body": "Bonjour"}).status_code == 404
    assert not Message.objects.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()


def test_it_answers_404_for_a_request_filed_without_the_account(client, citizen, category):
    ticket = TicketFactory(category=category, contact_email=citizen.email)
    client.force_login(citizen)

    assert client.get(url("my_ticket", ticket)).status_code == 404


def test_it_replies_as_the_citizen(client, citizen, category, agent):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", awaiting=True)
    client.force_login(citizen)

    response = client.post(url("my_ticket_reply", ticket), {"reply-body": "C'est au 12."})

    assert response.status_code == 302
    assert response.url == url("my_ticket", ticket)
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS
    assert Message.objects.get(kind=Message.Kind.CITIZEN_MESSAGE).author == citizen


def test_it_confirms_then_refuses_a_second_confirmation(client, citizen, category, agent):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", resolved=True)
    client.force_login(citizen)

    first = client.post(url("my_ticket_confirm", ticket))
    second = client.post(url("my_ticket_confirm", ticket))

    assert first.status_code == 302
    assert second.status_code == 409
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED
    assert TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.CONFIRMED).actor == citizen


def test_it_reopens_as_the_citizen(client, citizen, category, agent):
    ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", resolved=True)
    client.force_login(citizen)

    response = client.post(url("my_ticket_reopen", ticket), {"reopen-reason": "Toujours cassé."})

    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS
    assert TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.REOPENED).actor == citizen


def test_it_downloads_only_the_citizens_files(client, citizen, other_citizen, category):
    uploads = check_uploads([SimpleUploadedFile("photo.png", PNG)])
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="", attachments=uploads)
    attachment = ticket.attachments.get()
    client.force_login(other_citizen)
    assert client.get(url("my_ticket_attachment", ticket, attachment.pk)).status_code == 404

    client.force_login(citizen)
    response = client.get(url("my_ticket_attachment", ticket, attachment.pk))

    assert response.status_code == 200
    close_download(response)


def test_it_refuses_staff(client, agent, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    assert client.get(url("my_ticket", ticket)).status_code == 403
    assert client.post(url("my_ticket_confirm", ticket)).status_code == 403


def test_it_offers_an_appointment_about_an_open_request_only(client, citizen, category, agent):
    open_ticket = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", in_progress=True)
    done = TicketFactory(category=category, agent=agent, citizen=citizen, contact_email="", closed=True)
    client.force_login(citizen)

    booking = f"{reverse('appointments:book')}?demande={open_ticket.reference}"
    assert booking in client.get(url("my_ticket", open_ticket)).content.decode()
    assert reverse("appointments:book") not in client.get(url("my_ticket", done)).content.decode()


def test_it_offers_no_appointment_link_behind_a_bare_tracking_link(client, category):
    ticket = TicketFactory(category=category)
    page = client.get(reverse("requests_app:track", args=[ticket.token])).content.decode()
    assert reverse("appointments:book") not in page
