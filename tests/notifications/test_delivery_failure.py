"""A refused e-mail is tried again later, with a growing delay, then marked failed."""

import datetime

import pytest
from django.utils import timezone

from notifications import outbox
from notifications.models import Notification

from .backends import REFUSING_MAILERS


def _acknowledgement(ticket):
    return Notification.objects.get(ticket=ticket, template="acknowledgement")


def _deliver_and_time(notification_id):
    before = timezone.now()
    sent = outbox.deliver(notification_id)
    after = timezone.now()
    return sent, before, after


def _make_due(notification_id):
    Notification.objects.filter(pk=notification_id).update(next_attempt_at=timezone.now())


def test_it_records_a_failed_attempt_and_tries_again_later(ticket, refusing_mailer, mailoutbox):
    notification = _acknowledgement(ticket)

    sent, before, after = _deliver_and_time(notification.pk)

    assert sent is False
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert notification.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert before + datetime.timedelta(minutes=1) <= notification.next_attempt_at
    assert notification.next_attempt_at <= after + datetime.timedelta(minutes=1)
    assert notification.sent_at is None
    assert mailoutbox == []


def test_it_doubles_the_delay_after_each_failure(ticket, refusing_mailer):
    notification = _acknowledgement(ticket)

    for minutes in (1, 2, 4, 8):
        _make_due(notification.pk)
        _, before, after = _deliver_and_time(notification.pk)
        delay = datetime.timedelta(minutes=minutes)
        next_attempt_at = Notification.objects.get(pk=notification.pk).next_attempt_at
        assert before + delay <= next_attempt_at <= after + delay


def test_it_caps_the_delay_at_six_hours():
    assert outbox.backoff(30) == datetime.timedelta(hours=6)


def test_it_gives_up_after_the_maximum_attempts(ticket, refusing_mailer, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    notification = _acknowledgement(ticket)

    for _ in range(3):
        _make_due(notification.pk)
        outbox.deliver(notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 3
    assert "SMTPServerDisconnected" in notification.last_error
    _make_due(notification.pk)
    assert outbox.deliver(notification.pk) is False
    assert Notification.objects.get(pk=notification.pk).attempts == 3


@pytest.fixture
def failed_notification(ticket, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    notification = _acknowledgement(ticket)
    working_mailers = settings.MAILERS
    settings.MAILERS = REFUSING_MAILERS
    outbox.deliver(notification.pk)
    settings.MAILERS = working_mailers
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    return notification


def test_it_brings_a_failed_notification_back_on_retry(
    failed_notification, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.retry(failed_notification.pk) is True

    failed_notification.refresh_from_db()
    assert failed_notification.status == Notification.Status.SENT
    assert failed_notification.last_error == ""
    assert failed_notification.attempts == 2
    assert len(mailoutbox) == 1


def test_it_puts_a_retried_notification_back_in_the_queue(failed_notification, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.retry(failed_notification.pk)

    failed_notification.refresh_from_db()
    assert failed_notification.status == Notification.Status.PENDING
    assert failed_notification.next_attempt_at <= timezone.now()
    assert len(callbacks) == 1


def test_it_does_not_retry_a_notification_that_has_not_failed(ticket, django_capture_on_commit_callbacks, mailoutbox):
    notification = _acknowledgement(ticket)
    outbox.deliver(notification.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert outbox.retry(notification.pk) is False

    assert callbacks == []
    assert len(mailoutbox) == 1
    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT
