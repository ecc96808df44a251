"""Delivery claims a row by compare-and-swap, so a notification is sent once."""

import datetime

from django.utils import timezone

from notifications import outbox
from notifications.models import Notification
from notifications.tasks import deliver_notification


def _acknowledgement(ticket):
    return Notification.objects.get(ticket=ticket, template="acknowledgement")


def test_it_sends_a_notification_once_even_if_delivered_twice(ticket, mailoutbox):
    notification = _acknowledgement(ticket)

    assert outbox.deliver(notification.pk) is True
    assert outbox.deliver(notification.pk) is False

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None


def test_it_sends_once_when_the_task_runs_twice(ticket, mailoutbox):
    notification = _acknowledgement(ticket)

    deliver_notification.delay(notification.pk)
    deliver_notification.delay(notification.pk)

    assert len(mailoutbox) == 1


def test_it_leaves_a_row_claimed_by_another_worker_alone(ticket, mailoutbox):
    notification = _acknowledgement(ticket)
    claimed_at = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(status=Notification.Status.SENDING, claimed_at=claimed_at)

    assert outbox.deliver(notification.pk) is False

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENDING
    assert notification.claimed_at == claimed_at
    assert notification.attempts == 0


def test_it_waits_for_the_next_attempt_time(ticket, mailoutbox):
    notification = _acknowledgement(ticket)
    later = timezone.now() + datetime.timedelta(minutes=4)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=later)

    assert outbox.deliver(notification.pk) is False

    assert mailoutbox == []
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.PENDING


def test_it_ignores_a_notification_that_no_longer_exists(mailoutbox, db):
    assert outbox.deliver(987654) is False
    assert mailoutbox == []
