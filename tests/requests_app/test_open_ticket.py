"""Every channel opens a ticket the same way: routed, numbered, dated, acknowledged."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import Notification
from requests_app import intake
from requests_app.attachments import check_uploads
from requests_app.models import Attachment, Ticket, TicketEvent

from .helpers import events_of, frozen, paris


def test_it_opens_a_ticket_from_a_signed_in_citizen(category, citizen):
    with frozen(paris(2026, 3, 2, 9, 30)) as now:
        ticket, token = intake.open_ticket(
            intake.Filing(
                channel="web",
                kind="report",
                category=category,
                citizen=citizen,
                subject="  Nid-de-poule rue Jean-Jaurès ",
                description=" Profond, devant l'école. ",
                address="12 rue Jean-Jaurès",
                latitude="48.856600",
                longitude="2.352200",
            )
        )

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RECEIVED
    assert ticket.service == category.service
    assert ticket.citizen == citizen
    assert ticket.subject == "Nid-de-poule rue Jean-Jaurès"
    assert ticket.description == "Profond, devant l'école."
    assert ticket.created_at == ticket.updated_at == now
    assert ticket.due_date == datetime.date(2026, 3, 9)  # 5 business days
    assert ticket.assignee is None
    assert token
    event = events_of(ticket).get()
    assert event.kind == TicketEvent.Kind.CREATED
    assert event.actor == citizen
    assert (event.from_status, event.to_status) == ("", "received")
    assert event.channel == "web"
    assert event.is_public
    assert event.data == {"entered_by_agent": False}
    acknowledgement = Notification.objects.get(channel="email", ticket=ticket)
    assert acknowledgement.template == "acknowledgement"
    assert acknowledgement.recipient == citizen
    assert acknowledgement.recipient_email == citizen.email
    assert acknowledgement.context == {"sla_days": 5}


def test_it_opens_a_ticket_without_an_account(category):
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel="web",
            category=category,
            subject="Tag",
            description="Sur le mur du gymnase.",
            contact_name="Léa Roux",
            contact_email="  Lea.Roux@Example.FR ",
        )
    )

    assert ticket.citizen is None
    assert ticket.contact_email == "lea.roux@example.fr"
    acknowledgement = Notification.objects.get(channel="email", ticket=ticket)
    assert acknowledgement.recipient is None
    assert acknowledgement.recipient_email == "lea.roux@example.fr"


def test_it_records_the_agent_who_entered_a_phone_call(category, agent):
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel="phone",
            category=category,
            subject="Lampadaire éteint",
            description="Signalé par téléphone.",
            contact_name="M. Garnier",
            contact_phone="01 23 45 67 89",
            entered_by=agent,
        )
    )

    event = events_of(ticket).get()
    assert event.actor == agent
    assert event.channel == "phone"
    assert event.data == {"entered_by_agent": True}
    # No e-mail address: the acknowledgement is given on the phone.
    assert not Notification.objects.filter(channel="email", ticket=ticket).exists()


def test_it_sends_a_ticket_without_category_to_triage(triage_service):
    with frozen(paris(2026, 3, 2)):
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel="web", subject="Question", description="À qui m'adresser ?", contact_email="q@example.fr"
            )
        )

    assert ticket.service == triage_service
    assert ticket.category is None
    assert ticket.due_date == datetime.date(2026, 3, 16)  # the default 10 business days
    assert Notification.objects.get(channel="email", ticket=ticket).context == {"sla_days": intake.DEFAULT_SLA_DAYS}


def test_it_refuses_a_ticket_without_category_when_there_is_no_triage_service(db):
    with pytest.raises(intake.IntakeError):
        intake.open_ticket(
            intake.Filing(channel="web", subject="Question", description="?", contact_email="q@example.fr")
        )

    assert not Ticket.objects.exists()


def test_it_writes_in_the_language_of_the_citizen(category, citizen):
    citizen.preferred_language = "en"
    citizen.save()

    ticket, _ = intake.open_ticket(
        intake.Filing(channel="web", category=category, citizen=citizen, subject="Bin", description="Full")
    )

    assert ticket.language == "en"
    assert Notification.objects.get(channel="email", ticket=ticket).language == "en"


def test_it_keeps_the_attachments(category, citizen):
    uploads = check_uploads([SimpleUploadedFile("note.txt", "Photo à suivre.".encode())])

    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel="web", category=category, citizen=citizen, subject="Banc", description="Cassé.", attachments=uploads
        )
    )

    attachment = Attachment.objects.get(ticket=ticket)
    assert attachment.original_name == "note.txt"
    assert attachment.content_type == "text/plain"
    assert attachment.uploaded_by == citizen
    assert attachment.message is None
