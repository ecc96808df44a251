"""`notify` writes one outbox row per channel, in the caller's transaction."""

import pytest
from django.db import transaction

from notifications import outbox
from notifications.models import Notification
from tests.factories import TicketFactory


def rows(**filters):
    return sorted(Notification.objects.filter(**filters).values_list("channel", "recipient_email", "recipient_phone"))


def test_it_writes_e_mail_and_in_app_rows_for_an_account(db, citizen):
    outbox.notify(template="resolved", user=citizen, email=citizen.email, language="fr", context={}, essential=False)

    assert rows(template="resolved") == [("email", citizen.email, ""), ("in_app", "", "")]
    in_app = Notification.objects.get(channel="in_app")
    assert (in_app.status, in_app.read_at) == ("sent", None)


def test_it_texts_an_essential_message_when_there_is_no_e_mail(db):
    outbox.notify(template="info_requested", phone="0612345678", language="fr", context={}, essential=True)

    assert rows() == [("sms", "", "+33612345678")]


def test_it_does_not_text_a_non_essential_message_unless_asked(db):
    outbox.notify(template="resolved", phone="0612345678", language="fr", context={}, essential=False)

    assert rows() == []


def test_it_ignores_a_phone_number_that_cannot_receive_texts(db):
    outbox.notify(template="acknowledgement", phone="02 38 12 34 56", language="fr", context={}, essential=True)
    outbox.notify(template="acknowledgement", phone="pas de téléphone", language="fr", context={}, essential=True)

    assert rows() == []


def test_it_does_not_text_a_message_that_has_no_sms_version(db):
    outbox.notify(template="assigned", phone="0612345678", language="fr", context={}, essential=True)

    assert rows() == []


def test_it_writes_nothing_when_the_transaction_is_rolled_back(db, citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.notify(template="resolved", user=citizen, email=citizen.email, language="fr", essential=False)
        raise RuntimeError("the cause failed")

    assert not Notification.objects.exists()


def test_it_dispatches_e_mail_and_sms_after_commit_only(db, citizen, django_capture_on_commit_callbacks):
    citizen.phone = "06 12 34 56 78"
    citizen.save()

    with django_capture_on_commit_callbacks() as callbacks:
        outbox.notify(
            template="info_requested",
            user=citizen,
            email=citizen.email,
            phone=citizen.phone,
            language="fr",
            context={},
            essential=True,
        )

    # SMS is opt-in even for essential messages that also go by e-mail.
    assert rows() == [("email", citizen.email, ""), ("in_app", "", "")]
    assert len(callbacks) == 1


def test_the_workflow_notifies_in_the_citizens_language(citizen, category, agent):
    citizen.preferred_language = "en"
    citizen.save()
    ticket = TicketFactory(category=category, citizen=citizen)

    from requests_app import workflow

    workflow.resolve_ticket(ticket.pk, by=agent, body="Réparé.")

    languages = set(Notification.objects.filter(ticket=ticket, template="resolved").values_list("language", flat=True))
    assert languages == {"en"}
    assert not Notification.objects.get(ticket=ticket, template="resolved", channel="email").essential
