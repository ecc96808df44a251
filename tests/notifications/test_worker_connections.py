"""A worker keeps its connections to the database and the mail server from one delivery to the
next, and hangs up on both when it stops."""

import logging

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.db import connection

from citizen_crm.celery import app as celery_app
from notifications import outbox
from notifications.models import Notification

from .reliability import wait_for
from .smtp_server import start_smtp_server


def _leave_logging_alone(**kwargs):
    """Answering Celery's setup_logging signal keeps the embedded worker off the root logger."""


@pytest.fixture
def embedded_worker(monkeypatch):
    """A worker thread on the app's broker, started and stopped by the test itself."""
    monkeypatch.delenv("CELERY_LOG_LEVEL", raising=False)
    monkeypatch.delenv("CELERY_LOG_FILE", raising=False)
    signals.setup_logging.connect(_leave_logging_alone)
    # Tasks published by earlier tests that had no worker would be consumed first.
    celery_app.control.purge()
    try:
        yield lambda: start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10)
    finally:
        signals.setup_logging.disconnect(_leave_logging_alone)
        logging.captureWarnings(False)


@pytest.fixture
def backend_pids():
    """The PostgreSQL backend that served each task that finished meanwhile."""
    pids = []

    def record(sender=None, **kwargs):
        pids.append(connection.connection.info.backend_pid if connection.connection else None)

    signals.task_success.connect(record, weak=False)
    yield pids
    signals.task_success.disconnect(record)


@pytest.fixture
def smtp_server(settings):
    sink, controller = start_smtp_server(settings)
    yield sink, controller
    controller.stop()


def _queue(ticket, count: int) -> list[Notification]:
    return [
        outbox.queue_email(template="tracking_link", to=f"habitant-{i}@example.fr", ticket=ticket, language="fr")
        for i in range(count)
    ]


def _all_sent(notifications) -> bool:
    pks = [n.pk for n in notifications]
    return Notification.objects.filter(pk__in=pks, status=Notification.Status.SENT).count() == len(pks)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_reuses_the_database_connection_across_deliveries(embedded_worker, ticket, backend_pids, smtp_server):
    with embedded_worker():
        notifications = _queue(ticket, 3)
        wait_for(lambda: _all_sent(notifications), message="three deliveries")

    # The ticket's own acknowledgement may go out too.
    assert len(backend_pids) >= 3
    assert None not in backend_pids
    assert len(set(backend_pids)) == 1


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_sends_over_one_smtp_connection_and_says_goodbye_when_it_stops(embedded_worker, ticket, smtp_server):
    sink, controller = smtp_server

    with embedded_worker():
        notifications = _queue(ticket, 3)
        wait_for(lambda: _all_sent(notifications), message="three deliveries")
        assert sink.quits == 0

    accepted = sink.message_ids()
    assert [accepted.count(n.message_id) for n in notifications] == [1, 1, 1]
    assert len(controller.servers) == 1
    assert sink.quits == 1
