"""Incoming e-mails in the admin: listed with what became of them, never edited."""

from django.urls import reverse

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from tests.accounts.helpers import log_in_with_second_factor

from .conftest import mail

CHANGELIST = reverse("admin:email_intake_inboundemail_changelist")


def test_it_lists_incoming_mail_with_its_outcome(client, administrator, triage_service):
    inbound = process_message(mail(), source=InboundEmail.Source.IMAP)
    log_in_with_second_factor(client, administrator)

    response = client.get(CHANGELIST, {"outcome": "ticket_created"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    content = response.content.decode()
    assert "camille.martin@example.fr" in content and inbound.ticket.reference in content


def test_it_shows_a_record_read_only(client, administrator, triage_service):
    inbound = process_message(mail(), source=InboundEmail.Source.IMAP)
    log_in_with_second_factor(client, administrator)
    change = reverse("admin:email_intake_inboundemail_change", args=[inbound.pk])

    assert client.get(change).status_code == 200
    client.post(change, {"subject": "modifié", "outcome": "ignored"})
    inbound.refresh_from_db()
    assert (inbound.subject, inbound.outcome) == ("Poubelles non ramassées", "ticket_created")
    assert client.get(reverse("admin:email_intake_inboundemail_add")).status_code == 403
    assert client.post(reverse("admin:email_intake_inboundemail_delete", args=[inbound.pk])).status_code == 403


def test_it_keeps_the_admin_closed_to_agents(client, agent):
    client.force_login(agent)

    response = client.get(CHANGELIST)

    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
