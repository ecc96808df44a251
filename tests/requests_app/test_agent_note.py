from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot


def note(client, ticket, body, files=()):
    return client.post(
        reverse("requests_app:agent_note", args=[ticket.reference]),
        {"note-body": body, "note-attachments": list(files)},
    )


def test_it_adds_an_internal_note_that_notifies_nobody(client, agent, category):
    ticket = TicketFactory(category=category)
    notifications = ticket.notifications.count()
    client.force_login(agent)

    response = note(client, ticket, "Voir avec le chef d'équipe.", [SimpleUploadedFile("photo.txt", b"Vu sur place.")])

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RECEIVED
    message = ticket.messages.get()
    assert message.kind == Message.Kind.INTERNAL_NOTE
    event = events_of(ticket, TicketEvent.Kind.INTERNAL_NOTE).get()
    assert event.is_public is False
    assert event.actor == agent
    attachment = ticket.attachments.get()
    assert attachment.is_public is False
    assert ticket.notifications.count() == notifications


def test_it_refuses_an_empty_note_with_400(client, agent, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = note(client, ticket, "")

    assert response.status_code == 400
    assert response.context["failed_form"].has_error("body")
    assert snapshot(ticket) == before


def test_it_refuses_a_note_from_a_manager_with_409(client, manager, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(manager)

    response = note(client, ticket, "Je passe par là.")

    assert response.status_code == 409
    assert snapshot(ticket) == before
