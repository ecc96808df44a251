import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import Message, Ticket, TicketEvent
from tests.factories import TicketFactory
from tests.requests_app.helpers import events_of, snapshot

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def reply(client, ticket, body, files=()):
    return client.post(
        reverse("requests_app:agent_reply", args=[ticket.reference]),
        {"reply-body": body, "reply-attachments": list(files)},
    )


def test_it_sends_a_public_reply_with_an_attachment(client, agent, category, django_capture_on_commit_callbacks):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = reply(
            client, ticket, "Une équipe passe jeudi.", [SimpleUploadedFile("plan.pdf", PDF, "application/pdf")]
        )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.first_response_at is not None
    message = ticket.messages.get(kind=Message.Kind.PUBLIC_REPLY)
    assert message.body == "Une équipe passe jeudi."
    assert message.author == agent
    assert message.attachments.get().original_name == "plan.pdf"
    assert events_of(ticket, TicketEvent.Kind.PUBLIC_REPLY).get().message == message
    assert ticket.notifications.filter(template="public_reply", recipient_email=ticket.contact_email).exists()
    assert [m.to for m in mail.outbox if "Une équipe passe jeudi." in m.body] == [[ticket.contact_email]]


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_it_refuses_an_empty_reply_with_400_and_writes_nothing(client, agent, category, body):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reply(client, ticket, body)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.text
    assert 'href="#id_reply-body"' in response.text
    assert snapshot(ticket) == before


def test_it_refuses_a_file_of_a_forbidden_kind_and_keeps_the_text(client, agent, category):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reply(
        client, ticket, "Voici le document.", [SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03", "text/plain")]
    )

    assert response.status_code == 400
    assert response.context["failed_form"].has_error("attachments")
    assert "Voici le document." in response.text
    assert snapshot(ticket) == before
    assert not ticket.attachments.exists()


def test_it_refuses_to_reply_on_a_closed_request_with_409(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, closed=True)
    before = snapshot(ticket)
    client.force_login(agent)

    response = reply(client, ticket, "Encore une chose.")

    assert response.status_code == 409
    assert [m for m in response.context["messages"] if m.level_tag == "error"]
    assert snapshot(ticket) == before
