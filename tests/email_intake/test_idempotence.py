"""The same mail twice (a re-poll, a provider's retry) makes one request and one row."""

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from notifications.models import Notification
from requests_app.models import Ticket

from .conftest import corpus_message, mail


def test_it_opens_one_request_for_the_same_mail_twice(triage_service, mailoutbox):
    first = process_message(mail(), source=InboundEmail.Source.IMAP)
    second = process_message(mail(), source=InboundEmail.Source.WEBHOOK)

    assert second.pk == first.pk
    assert Ticket.objects.count() == 1
    assert InboundEmail.objects.count() == 1
    assert Notification.objects.filter(template="acknowledgement", channel="email").count() == 1


def test_it_recognises_a_mail_without_message_id_by_its_bytes(triage_service):
    raw = corpus_message("19-no-message-id.eml")

    first = process_message(raw, source=InboundEmail.Source.COMMAND)
    second = process_message(raw, source=InboundEmail.Source.COMMAND)

    assert first.message_id.startswith("<sha256-")
    assert second.pk == first.pk
    assert Ticket.objects.count() == 1


def test_it_adds_a_reply_once(email_ticket):
    raw = corpus_message("06-gmail-reply-to-acknowledgement.eml", email_ticket)

    process_message(raw, source=InboundEmail.Source.IMAP)
    process_message(raw, source=InboundEmail.Source.IMAP)

    assert email_ticket.messages.count() == 1
