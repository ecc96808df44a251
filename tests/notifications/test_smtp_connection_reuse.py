"""A worker keeps one SMTP conversation open across deliveries, and reopens it when it was dropped."""

import time

import pytest

from notifications import emails, outbox
from notifications.models import Notification

from .smtp_server import start_smtp_server


@pytest.fixture
def smtp_server(settings):
    """A loopback SMTP server, the default mailer pointed at it; the held connection ends with it."""
    sink, controller = start_smtp_server(settings)
    yield sink, controller
    emails.close_held_mailer()
    controller.stop()


@pytest.fixture
def impatient_smtp_server(settings):
    """A server that says 421 and hangs up on a client idle for more than a fraction of a second."""
    sink, controller = start_smtp_server(settings, timeout=0.3)
    yield sink, controller
    emails.close_held_mailer()
    controller.stop()


def _queue(ticket, count: int) -> list[Notification]:
    return [
        outbox.queue_email(template="tracking_link", to=f"habitant-{i}@example.fr", ticket=ticket, language="fr")
        for i in range(count)
    ]


def _status(notification: Notification) -> tuple[str, int]:
    notification.refresh_from_db()
    return notification.status, notification.attempts


def test_it_sends_consecutive_notifications_over_one_connection(ticket, smtp_server):
    sink, controller = smtp_server
    notifications = _queue(ticket, 3)

    assert [outbox.deliver(n.pk) for n in notifications] == [True, True, True]

    assert len(controller.servers) == 1
    assert sink.message_ids() == [n.message_id for n in notifications]
    assert sink.quits == 0


def test_it_reconnects_when_the_server_hung_up_between_messages(ticket, smtp_server):
    sink, controller = smtp_server
    first, second = _queue(ticket, 2)
    assert outbox.deliver(first.pk) is True

    controller.hang_up()

    assert outbox.deliver(second.pk) is True
    assert _status(second) == (Notification.Status.SENT, 1)
    assert len(controller.servers) == 2
    assert sink.message_ids() == [first.message_id, second.message_id]


def test_it_reconnects_after_the_server_timed_out_the_idle_connection(ticket, impatient_smtp_server):
    sink, controller = impatient_smtp_server
    first, second = _queue(ticket, 2)
    assert outbox.deliver(first.pk) is True

    time.sleep(0.8)

    assert outbox.deliver(second.pk) is True
    assert _status(second) == (Notification.Status.SENT, 1)
    assert len(controller.servers) == 2
    assert sink.message_ids() == [first.message_id, second.message_id]


def test_it_sends_a_notification_once_even_when_asked_twice(ticket, smtp_server):
    sink, _ = smtp_server
    [notification] = _queue(ticket, 1)

    assert outbox.deliver(notification.pk) is True
    assert outbox.deliver(notification.pk) is False

    assert sink.message_ids() == [notification.message_id]


def test_it_leaves_a_refusal_on_a_fresh_connection_to_the_backoff(ticket, smtp_server):
    sink, controller = smtp_server
    [notification] = _queue(ticket, 1)
    sink.data_replies = ["421 4.3.2 Service shutting down"]

    assert outbox.deliver(notification.pk) is False

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "421" in notification.last_error
    assert sink.accepted == []
    assert len(controller.servers) == 1


def test_it_retries_a_dropped_connection_only_once(ticket, smtp_server):
    sink, controller = smtp_server
    first, second = _queue(ticket, 2)
    assert outbox.deliver(first.pk) is True
    controller.hang_up()
    # The reopened connection refuses too: the message waits for its backoff, it is not lost.
    sink.data_replies = ["421 4.3.2 Service shutting down"]

    assert outbox.deliver(second.pk) is False

    assert _status(second) == (Notification.Status.PENDING, 1)
    assert len(controller.servers) == 2
    assert sink.message_ids() == [first.message_id]


def test_it_starts_a_fresh_connection_after_a_failed_message(ticket, smtp_server):
    sink, controller = smtp_server
    first, second = _queue(ticket, 2)
    sink.data_replies = ["554 5.7.1 Message refused"]

    assert outbox.deliver(first.pk) is False
    assert outbox.deliver(second.pk) is True

    assert len(controller.servers) == 2
    assert sink.message_ids() == [second.message_id]
