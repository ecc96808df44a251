"""The periodic sweep re-dispatches what is due and takes back claims of dead workers."""

import datetime

from django.utils import timezone

from notifications import outbox
from notifications.models import Notification
from notifications.tasks import sweep_outbox
from tests.factories import TicketFactory


def _acknowledgement_of(category, email):
    ticket = TicketFactory(category=category, contact_email=email)
    return Notification.objects.get(ticket=ticket, template="acknowledgement")


def _set(notification, **fields):
    Notification.objects.filter(pk=notification.pk).update(**fields)


def test_it_dispatches_the_pending_rows_that_are_due(category, mailoutbox):
    due = _acknowledgement_of(category, "due@example.fr")

    assert outbox.sweep() == 1

    assert [mail.to for mail in mailoutbox] == [["due@example.fr"]]
    assert Notification.objects.get(pk=due.pk).status == Notification.Status.SENT


def test_it_leaves_the_rows_that_are_not_due_yet(category, mailoutbox):
    later = _acknowledgement_of(category, "later@example.fr")
    _set(later, attempts=2, next_attempt_at=timezone.now() + datetime.timedelta(minutes=2))

    assert outbox.sweep() == 0

    assert mailoutbox == []
    assert Notification.objects.get(pk=later.pk).status == Notification.Status.PENDING


def test_it_takes_back_a_claim_abandoned_by_a_dead_worker(category, mailoutbox):
    stale = _acknowledgement_of(category, "stale@example.fr")
    _set(stale, status=Notification.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(minutes=20))

    assert outbox.sweep() == 1

    assert [mail.to for mail in mailoutbox] == [["stale@example.fr"]]
    assert Notification.objects.get(pk=stale.pk).status == Notification.Status.SENT


def test_it_leaves_a_fresh_claim_to_its_worker(category, mailoutbox):
    fresh = _acknowledgement_of(category, "fresh@example.fr")
    _set(fresh, status=Notification.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(minutes=1))

    assert outbox.sweep() == 0

    assert mailoutbox == []
    assert Notification.objects.get(pk=fresh.pk).status == Notification.Status.SENDING


def test_it_leaves_sent_and_failed_rows_alone(category, mailoutbox):
    sent = _acknowledgement_of(category, "sent@example.fr")
    outbox.deliver(sent.pk)
    failed = _acknowledgement_of(category, "failed@example.fr")
    _set(failed, status=Notification.Status.FAILED, attempts=8, last_error="SMTPDataError: 554")
    mailoutbox.clear()

    assert sweep_outbox() == 0

    assert mailoutbox == []
    assert Notification.objects.get(pk=failed.pk).status == Notification.Status.FAILED
