"""An agent's public reply reaches the citizen by e-mail and counts as the first response."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Notification
from requests_app import workflow
from requests_app.attachments import check_uploads
from requests_app.models import Attachment, Message, Ticket, TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

from .helpers import assert_names_current_state, events_of, frozen, paris, person, snapshot


def test_it_replies_and_starts_the_work(category, citizen, agent):
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category, citizen=citizen)
    with frozen(paris(2026, 3, 3, 14)) as now:
        message = workflow.reply_to_ticket(ticket.pk, by=agent, body="  Une équipe passe jeudi.  ")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.first_response_at == now
    assert ticket.updated_at == now
    assert message.kind == Message.Kind.PUBLIC_REPLY
    assert message.author == agent
    assert message.body == "Une équipe passe jeudi."
    event = events_of(ticket).last()
    assert event.kind == TicketEvent.Kind.PUBLIC_REPLY
    assert event.actor == agent
    assert (event.from_status, event.to_status) == ("received", "in_progress")
    assert event.is_public
    assert event.message == message
    notification = Notification.objects.get(channel="email", ticket=ticket, template="public_reply")
    assert notification.recipient == citizen
    assert notification.recipient_email == citizen.email
    assert notification.context == {"body": "Une équipe passe jeudi.", "author_service": "Voirie"}


def test_it_keeps_the_first_response_time(category, agent):
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category)
    with frozen(paris(2026, 3, 2, 10)) as first:
        workflow.reply_to_ticket(ticket.pk, by=agent, body="Bien reçu.")
    with frozen(paris(2026, 3, 4, 10)):
        workflow.reply_to_ticket(ticket.pk, by=agent, body="C'est réparé demain.")

    assert Ticket.objects.get(pk=ticket.pk).first_response_at == first
    assert Notification.objects.filter(channel="email", ticket=ticket, template="public_reply").count() == 2


def test_it_writes_to_the_contact_address_of_a_ticket_without_account(category, agent):
    ticket = TicketFactory(category=category, contact_email="sans.compte@example.fr")

    workflow.reply_to_ticket(ticket.pk, by=agent, body="Bien reçu.")

    notification = Notification.objects.get(channel="email", ticket=ticket, template="public_reply")
    assert notification.recipient is None
    assert notification.recipient_email == "sans.compte@example.fr"


def test_it_queues_no_e_mail_for_a_citizen_reached_by_phone(category, agent):
    ticket = TicketFactory(category=category, channel="phone", contact_email="", contact_phone="06 11 22 33 44")

    workflow.reply_to_ticket(ticket.pk, by=agent, body="Rappel fait au téléphone.")

    # Only the acknowledgement went out, by SMS; a reply is not essential and SMS is opt-in.
    assert list(Notification.objects.filter(ticket=ticket).values_list("channel", "template")) == [
        ("sms", "acknowledgement")
    ]
    assert events_of(ticket, TicketEvent.Kind.PUBLIC_REPLY).exists()


def test_it_keeps_a_ticket_waiting_for_the_citizen_waiting(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    workflow.reply_to_ticket(ticket.pk, by=agent, body="Pour compléter ma question : le numéro de rue ?")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
    assert ticket.awaiting_since is not None


def test_it_attaches_files_to_the_reply(category, agent):
    ticket = TicketFactory(category=category)
    uploads = check_uploads([SimpleUploadedFile("arrete.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")])

    message = workflow.reply_to_ticket(ticket.pk, by=agent, body="Voici l'arrêté.", attachments=uploads)

    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.message == message
    assert attachment.original_name == "arrete.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.is_public
    assert attachment.uploaded_by == agent


def test_it_refuses_an_empty_reply(category, agent):
    ticket = TicketFactory(category=category)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reply_to_ticket(ticket.pk, by=agent, body="   ")

    assert snapshot(ticket) == before


def test_it_refuses_to_reply_on_a_resolved_ticket(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition) as refusal:
        workflow.reply_to_ticket(ticket.pk, by=agent, body="Encore un mot.")

    assert_names_current_state(refusal.value, ticket)
    assert snapshot(ticket) == before


@pytest.mark.parametrize("name", ["agent_of_other_service", "manager", "citizen", "other_citizen", "anonymous"])
def test_it_refuses_people_outside_the_service(request, name, category, citizen):
    ticket = TicketFactory(category=category, citizen=citizen)
    before = snapshot(ticket)

    with pytest.raises(InvalidTransition):
        workflow.reply_to_ticket(ticket.pk, by=person(request, name), body="Bonjour.")

    assert snapshot(ticket) == before
