"""Replies find their request: by our Message-ID, by the reference in the subject, by the reply address."""

from django.core import mail as django_mail

from email_intake import threads
from email_intake.models import InboundEmail
from email_intake.processing import process_message
from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Channel, Message, Ticket, TicketEvent
from tests.factories import TicketFactory, UserFactory

from .conftest import CITIZEN_ADDRESS, acknowledgement_id, mail


def test_it_threads_by_our_message_id_in_in_reply_to(email_ticket):
    raw = mail(subject="Re: sans référence", headers=[("In-Reply-To", acknowledgement_id(email_ticket))])

    inbound = process_message(raw, source=InboundEmail.Source.IMAP)

    assert (inbound.outcome, inbound.ticket) == ("appended", email_ticket)
    event = email_ticket.events.filter(kind=TicketEvent.Kind.CITIZEN_MESSAGE).get()
    assert event.channel == Channel.EMAIL and event.message == inbound.ticket_message
    assert Ticket.objects.count() == 1


def test_it_threads_by_a_message_id_deep_in_references(email_ticket):
    references = f"<older@example.fr> {acknowledgement_id(email_ticket)} <newer@example.fr>"

    inbound = process_message(mail(subject="Re: suivi", headers=[("References", references)]), source="imap")

    assert inbound.ticket == email_ticket


def test_it_threads_by_the_reference_in_the_subject(email_ticket):
    inbound = process_message(mail(subject=f"Re: [{email_ticket.reference}] suite"), source="imap")

    assert (inbound.outcome, inbound.ticket) == ("appended", email_ticket)


def test_it_opens_a_new_request_for_an_unknown_reference(email_ticket):
    inbound = process_message(mail(subject="Re: [2026-999999] suite"), source="imap")

    assert inbound.outcome == "ticket_created" and inbound.ticket != email_ticket


def test_it_threads_a_citizens_second_mail_to_their_first(triage_service):
    first = process_message(mail(message_id="<first@example.fr>"), source="imap")
    second = process_message(
        mail(
            subject="Re: Poubelles", message_id="<second@example.fr>", headers=[("In-Reply-To", "<first@example.fr>")]
        ),
        source="imap",
    )

    assert (second.outcome, second.ticket) == ("appended", first.ticket)


def test_it_threads_by_the_per_ticket_reply_address(email_ticket, settings):
    settings.INBOUND_REPLY_ADDRESS = "demandes@bourg-sur-loire.example"
    address = threads.reply_address(email_ticket)

    inbound = process_message(mail(subject="Nouveau sujet sans référence", to=address), source="imap")

    assert address.startswith(f"demandes+{email_ticket.reference}.")
    assert (inbound.outcome, inbound.ticket) == ("appended", email_ticket)


def test_it_does_not_trust_a_forged_reply_address(email_ticket, settings):
    settings.INBOUND_REPLY_ADDRESS = "demandes@bourg-sur-loire.example"
    forged = f"demandes+{email_ticket.reference}.{'0' * threads.TOKEN_LENGTH}@bourg-sur-loire.example"

    inbound = process_message(mail(subject="Nouveau sujet", to=forged), source="imap")

    assert inbound.outcome == "ticket_created" and inbound.ticket != email_ticket


def test_it_gives_each_request_its_own_unguessable_reply_address(email_ticket, category, settings):
    settings.INBOUND_REPLY_ADDRESS = "demandes@bourg-sur-loire.example"
    other = TicketFactory(category=category)

    before = threads.reply_address(email_ticket)
    assert before != threads.reply_address(other)
    # The token is an HMAC with the secret key: knowing the reference is not enough.
    settings.SECRET_KEY = "another-secret-key"
    assert threads.reply_address(email_ticket) != before


def test_it_sends_citizen_mails_with_the_reply_address(email_ticket, agent, colleague, settings, mailoutbox):
    settings.INBOUND_REPLY_ADDRESS = "demandes@bourg-sur-loire.example"
    workflow.assign_ticket(email_ticket.pk, by=agent, assignee=colleague)

    for notification in Notification.objects.filter(channel="email"):
        outbox.deliver(notification.pk)

    by_recipient = {m.to[0]: m.message() for m in mailoutbox}
    assert by_recipient[CITIZEN_ADDRESS]["Reply-To"] == threads.reply_address(email_ticket)
    # Agents answer in the application: their notices keep the default Reply-To.
    assert by_recipient[colleague.email]["Reply-To"] is None


def test_it_sends_no_reply_address_when_none_is_configured(email_ticket, settings, mailoutbox):
    settings.INBOUND_REPLY_ADDRESS = ""

    outbox.deliver(Notification.objects.get(ticket=email_ticket, channel="email").pk)

    assert django_mail.outbox[0].message()["Reply-To"] is None


def test_it_posts_as_the_citizens_account_when_the_request_has_one(triage_service, category):
    citizen = UserFactory(email=CITIZEN_ADDRESS)
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="")

    inbound = process_message(mail(subject=f"Re: {ticket.reference}"), source="imap")

    assert inbound.ticket_message.author == citizen


def test_it_resumes_a_request_waiting_for_the_citizen(triage_service, category):
    ticket = TicketFactory(category=category, contact_email=CITIZEN_ADDRESS, awaiting=True)

    process_message(mail(subject=f"RE: {ticket.reference}", body="C'est au 3 bis."), source="imap")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE, body="C'est au 3 bis.").exists()


def test_it_holds_a_reply_from_someone_else(email_ticket, mailoutbox):
    inbound = process_message(mail(subject=f"Re: {email_ticket.reference}", sender="voisin@example.fr"), source="imap")

    assert (inbound.outcome, inbound.reason, inbound.ticket) == ("held", "unknown_sender", email_ticket)
    assert not email_ticket.messages.exists()


def test_it_holds_a_reply_to_a_rejected_request(triage_service, category):
    ticket = TicketFactory(category=category, contact_email=CITIZEN_ADDRESS, rejected=True)

    inbound = process_message(mail(subject=f"Re: {ticket.reference}"), source="imap")

    assert (inbound.outcome, inbound.reason, inbound.ticket) == ("held", "ticket_not_open", ticket)
    assert not ticket.messages.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()
