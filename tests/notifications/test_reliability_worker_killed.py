"""A worker dies in the middle of a delivery: the notification still goes out, and only once.

What guarantees it:
- the task is acknowledged late (`acks_late`): a worker that dies leaves its message unacked,
  and the broker hands it out again once the visibility timeout has passed;
- the compare-and-swap claim (pending → sending): a redelivered task, or a second worker, finds
  the row already claimed and sends nothing;
- the sweep: a claim older than NOTIFICATION_STALE_CLAIM_SECONDS belongs to a dead worker, so the
  row goes back to pending and is dispatched again.

The window the claim closes: two tasks for the same row (a redelivery, a sweep racing the first
dispatch) never both talk to the SMTP server. The window that remains: a worker that died after
the server accepted the message but before the row was marked sent. Its claim goes stale and the
message is sent a second time. E-mail is at-least-once at the SMTP boundary; the stable
Message-ID lets mail clients fold such a duplicate. The tests below kill the worker before the
server accepted the message, where the design promises exactly one delivery.
"""

import datetime
import email
import email.policy

import pytest
from django.utils import timezone
from kombu import Connection

from notifications import outbox
from notifications.models import Notification
from notifications.tasks import deliver_notification
from requests_app import intake
from requests_app.models import Channel, Kind

from .reliability import RedisServer, WorkerProcess, celery_broker, free_port, smtp_sink, status_of, wait_for


def _acknowledgement(ticket) -> Notification:
    return Notification.objects.get(ticket=ticket, template="acknowledgement", channel=Notification.Channel.EMAIL)


def _claimed_by_a_worker_that_died(notification: Notification) -> None:
    # The first worker got as far as the claim, then vanished without a trace.
    assert [claimed.pk for claimed in outbox.claim_many([notification.pk])] == [notification.pk]


def test_it_does_not_send_again_when_the_task_is_redelivered_while_the_claim_is_fresh(ticket, mailoutbox):
    notification = _acknowledgement(ticket)
    _claimed_by_a_worker_that_died(notification)

    # What the broker runs when it redelivers the unacknowledged message.
    assert deliver_notification.apply(args=[notification.pk]).get() is False
    assert outbox.sweep() == 0

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENDING
    assert notification.attempts == 0


def test_it_delivers_exactly_once_when_the_claim_goes_stale(ticket, mailoutbox, settings):
    settings.NOTIFICATION_STALE_CLAIM_SECONDS = 60
    notification = _acknowledgement(ticket)
    _claimed_by_a_worker_that_died(notification)
    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - datetime.timedelta(seconds=61))

    assert outbox.sweep() == 1
    assert deliver_notification.apply(args=[notification.pk]).get() is False  # the late redelivery

    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1


def test_it_leaves_a_claim_alone_until_it_is_older_than_the_setting(ticket, mailoutbox, settings):
    notification = _acknowledgement(ticket)
    _claimed_by_a_worker_that_died(notification)
    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - datetime.timedelta(minutes=10))

    settings.NOTIFICATION_STALE_CLAIM_SECONDS = 900
    assert outbox.sweep() == 0
    assert status_of(notification) == Notification.Status.SENDING

    settings.NOTIFICATION_STALE_CLAIM_SECONDS = 300
    assert outbox.sweep() == 1
    assert status_of(notification) == Notification.Status.SENT
    assert len(mailoutbox) == 1


# --- a real worker process, killed with SIGKILL inside the SMTP conversation ---------------


@pytest.fixture
def private_redis():
    server = RedisServer(free_port())
    server.start()
    try:
        with celery_broker(server.url):
            yield server
    finally:
        server.stop()


@pytest.fixture
def workers():
    """Worker processes started by the test; all of them are stopped at the end."""
    started = []

    def start(**kwargs):
        worker = WorkerProcess(**kwargs)
        started.append(worker)
        worker.start()
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


def _redeliver_unacknowledged(broker_url: str) -> None:
    """What the broker does once the visibility timeout has passed, without waiting an hour."""
    with Connection(broker_url, transport_options={"visibility_timeout": 0}) as connection:
        connection.default_channel.qos.restore_visible(interval=1)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_delivers_once_after_a_worker_is_killed_inside_the_smtp_conversation(
    category, private_redis, workers, settings
):
    with smtp_sink() as (sink, smtp_port):
        sink.hold_data = True
        first = workers(broker_url=private_redis.url, smtp_port=smtp_port, name="first")

        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=Channel.WEB,
                kind=Kind.REPORT,
                category=category,
                subject="Plaque d'égout descellée",
                description="La plaque devant l'école Jules-Ferry bouge au passage des voitures.",
                contact_name="Camille Martin",
                contact_email="camille@example.fr",
            )
        )
        notification = _acknowledgement(ticket)
        wait_for(sink.in_data.is_set, message="the first worker to reach the DATA phase")

        first.kill()

        # The dead worker's claim holds, nothing was accepted, and its message waits unacked.
        assert status_of(notification) == Notification.Status.SENDING
        assert sink.accepted == []
        with private_redis.client() as broker:
            assert broker.hlen("unacked") == 1
            assert broker.llen("celery") == 0
        sink.release.set()

        # The broker hands the message out again: the claim is still fresh, so nothing is sent.
        _redeliver_unacknowledged(private_redis.url)
        workers(broker_url=private_redis.url, smtp_port=smtp_port, name="second")
        with private_redis.client() as broker:
            wait_for(
                lambda: broker.llen("celery") == 0 and broker.hlen("unacked") == 0,
                message="the second worker to consume the redelivered task",
            )
        assert status_of(notification) == Notification.Status.SENDING
        assert sink.accepted == []

        # Later the claim is stale: the sweep puts the row back, the second worker sends it.
        settings.NOTIFICATION_STALE_CLAIM_SECONDS = 1
        Notification.objects.filter(pk=notification.pk).update(
            claimed_at=timezone.now() - datetime.timedelta(seconds=2)
        )
        assert outbox.sweep() == 1
        wait_for(lambda: status_of(notification) == Notification.Status.SENT, message="the notification to be sent")

        # A last sweep finds nothing to do: one message, one delivery.
        assert outbox.sweep() == 0
        [envelope] = sink.accepted
        assert envelope.rcpt_tos == ["camille@example.fr"]
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        notification.refresh_from_db()
        assert message["Message-ID"] == notification.message_id
        assert ticket.reference in message["Subject"]
        assert notification.attempts == 1
