"""A real worker takes the notification from the broker after commit and sends it once."""

import time

import pytest
from celery import signals

from notifications.models import Notification
from requests_app import intake
from requests_app.models import Channel, Kind

WAIT_SECONDS = 20


@pytest.fixture
def task_runs():
    """(task name, ran eagerly?) of every task that finished meanwhile."""
    runs = []

    def record(task=None, **kwargs):
        runs.append((task.name, bool(task.request.is_eager)))

    signals.task_postrun.connect(record, weak=False)
    yield runs
    signals.task_postrun.disconnect(record)


def _wait_until_sent(notification: Notification) -> Notification:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.status == Notification.Status.SENT:
            break
        time.sleep(0.1)
    return notification


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_delivers_through_a_real_worker(worker, task_runs, category, mailoutbox):
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel=Channel.WEB,
            kind=Kind.REPORT,
            category=category,
            subject="Feu tricolore en panne",
            description="Le feu du carrefour de la gare reste à l'orange clignotant.",
            contact_name="Camille Martin",
            contact_email="camille@example.fr",
        )
    )
    notification = Notification.objects.get(ticket=ticket)

    notification = _wait_until_sent(notification)

    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]]
    assert ticket.reference in mailoutbox[0].subject
    assert task_runs == [("notifications.tasks.deliver_notification", False)]
