"""Redis stopped while a citizen files a request: the request is saved, the e-mail goes later.

The outbox row is written with the ticket; publishing the task fails fast and is swallowed, and
once the broker is back the sweep hands the row to a worker. Nothing is lost, only delayed.
"""

import email
import email.policy
import logging
import time

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from citizen_crm.celery import app as celery_app
from notifications import outbox
from notifications.models import Notification
from requests_app.models import Kind, Ticket

from .reliability import RedisServer, celery_broker, free_port, smtp_mailers, smtp_sink, status_of, wait_for

# The broker connection timeout is 2 s and publishing does not retry: the page must not wait.
PAGE_TIME_LIMIT = 5


def _leave_logging_alone(**kwargs):
    """Answering Celery's setup_logging signal keeps the embedded worker off the root logger."""


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
def sink(settings):
    with smtp_sink() as (sink, port):
        settings.MAILERS = smtp_mailers(port)
        yield sink


@pytest.fixture
def start_embedded_worker(monkeypatch):
    """Starts a worker thread on the app's (private) broker when the test asks for it."""
    monkeypatch.delenv("CELERY_LOG_LEVEL", raising=False)
    monkeypatch.delenv("CELERY_LOG_FILE", raising=False)
    signals.setup_logging.connect(_leave_logging_alone)
    with_worker = []

    def start():
        running = start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10)
        running.__enter__()
        with_worker.append(running)

    try:
        yield start
    finally:
        for running in with_worker:
            running.__exit__(None, None, None)
        signals.setup_logging.disconnect(_leave_logging_alone)
        logging.captureWarnings(False)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_saves_the_request_and_sends_the_acknowledgement_once_redis_is_back(
    client, category, private_redis, sink, start_embedded_worker
):
    private_redis.stop()

    started = time.monotonic()
    response = client.post(
        reverse("requests_app:new_ticket"),
        {
            "kind": Kind.REPORT,
            "category": category.pk,
            "subject": "Banc cassé au square Jean-Moulin",
            "description": "Une latte du banc près du bac à sable est cassée et dépasse.",
            "contact_name": "Camille Martin",
            "contact_email": "camille@example.fr",
            "consent": "on",
        },
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:ticket_created")
    assert elapsed < PAGE_TIME_LIMIT
    ticket = Ticket.objects.get(subject="Banc cassé au square Jean-Moulin")
    notification = Notification.objects.get(ticket=ticket, channel=Notification.Channel.EMAIL)
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 0
    assert sink.accepted == []

    private_redis.start()
    start_embedded_worker()
    assert outbox.sweep() == 1

    wait_for(lambda: status_of(notification) == Notification.Status.SENT, message="the acknowledgement to be sent")
    [envelope] = sink.accepted
    assert envelope.rcpt_tos == ["camille@example.fr"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert ticket.reference in message["Subject"]
    notification.refresh_from_db()
    assert notification.attempts == 1
    assert message["Message-ID"] == notification.message_id
