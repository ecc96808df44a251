"""A real worker takes the notification from the broker after commit and sends it once."""

import logging
import time

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from citizen_crm.celery import app as celery_app
from notifications.models import Notification
from requests_app import intake
from requests_app.models import Channel, Kind
from tests.conftest import skip_or_fail

WAIT_SECONDS = 20


def _leave_logging_alone(**kwargs):
    """Answering Celery's setup_logging signal keeps the embedded worker off the root logger."""


@pytest.fixture
def worker(monkeypatch):
    # Markers make the suite's fixtures skip (or fail under CI) without PostgreSQL and Redis:
    # a worker thread must see committed rows, which SQLite in memory cannot share.
    assert settings.REDIS_URL
    assert connection.vendor == "postgresql"
    assert celery_app.conf.task_always_eager is False
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1)
    except Exception as error:
        skip_or_fail(f"the broker at REDIS_URL does not answer: {error}")
    # The embedded worker records its log settings in the environment: restore them after.
    monkeypatch.delenv("CELERY_LOG_LEVEL", raising=False)
    monkeypatch.delenv("CELERY_LOG_FILE", raising=False)
    signals.setup_logging.connect(_leave_logging_alone)
    # Tasks published by earlier tests that had no worker would be consumed first.
    celery_app.control.purge()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
            yield running
    finally:
        signals.setup_logging.disconnect(_leave_logging_alone)
        logging.captureWarnings(False)


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
        channel=Channel.WEB,
        kind=Kind.REPORT,
        category=category,
        subject="Feu tricolore en panne",
        description="Le feu du carrefour de la gare reste à l'orange clignotant.",
        contact_name="Camille Martin",
        contact_email="camille@example.fr",
    )
    notification = Notification.objects.get(ticket=ticket)

    notification = _wait_until_sent(notification)

    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]]
    assert ticket.reference in mailoutbox[0].subject
    assert task_runs == [("notifications.tasks.deliver_notification", False)]
