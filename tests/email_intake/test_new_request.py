"""A new mail from anyone becomes an e-mail request for the triage service."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from requests_app.models import Channel, TicketEvent
from tests.factories import UserFactory

from .conftest import mail


def test_it_files_a_mail_from_a_stranger_under_their_address(
    triage_service, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inbound = process_message(mail(), source=InboundEmail.Source.IMAP)

    ticket = inbound.ticket
    assert inbound.outcome == "ticket_created"
    assert (ticket.channel, ticket.service, ticket.citizen) == (Channel.EMAIL, triage_service, None)
    assert (ticket.contact_email, ticket.contact_name) == ("camille.martin@example.fr", "Camille Martin")
    assert ticket.subject == "Poubelles non ramassées"
    assert "n'ont pas été ramassées" in ticket.description
    assert ticket.events.get().kind == TicketEvent.Kind.CREATED
    # The acknowledgement goes to the sender, with the reference.
    assert [m.to for m in mailoutbox] == [["camille.martin@example.fr"]]
    assert ticket.reference in mailoutbox[0].subject


def test_it_files_a_mail_from_a_verified_citizen_under_their_account(triage_service):
    citizen = UserFactory(email="camille.martin@example.fr")

    ticket = process_message(mail(sender="CAMILLE.MARTIN@example.fr"), source=InboundEmail.Source.IMAP).ticket

    assert ticket.citizen == citizen
    assert ticket.contact_email == ""


def test_it_does_not_file_under_an_unverified_account(triage_service):
    UserFactory(email="camille.martin@example.fr", email_verified_at=None)

    ticket = process_message(mail(), source=InboundEmail.Source.IMAP).ticket

    assert ticket.citizen is None
    assert ticket.contact_email == "camille.martin@example.fr"


def test_it_gives_a_subjectless_mail_a_subject(triage_service):
    ticket = process_message(mail(subject=""), source=InboundEmail.Source.IMAP).ticket

    with translation.override(settings.LANGUAGE_CODE):
        assert ticket.subject == gettext("E-mail without a subject")


def test_it_ignores_a_mail_with_nothing_in_it(triage_service):
    inbound = process_message(mail(subject="", body=""), source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.reason) == ("ignored", "empty")


def test_it_ignores_a_mail_without_sender_address(triage_service):
    inbound = process_message(mail(sender="Quelqu'un"), source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.reason) == ("ignored", "no_sender")
