"""A real worker takes the webhook delivery from the broker after commit and posts it once."""

import logging

import pytest
from celery import signals
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from citizen_crm.celery import app as celery_app
from notifications.models import WebhookDelivery
from requests_app import intake
from requests_app.models import Channel, Kind
from tests.conftest import skip_or_fail

from .reliability import wait_for
from .webhook_receiver import endpoint_for, running_receiver, signature_is_valid


def _leave_logging_alone(**kwargs):
    """Answering Celery's setup_logging signal keeps the embedded worker off the root logger."""


@pytest.fixture
def worker(monkeypatch):
    assert settings.REDIS_URL
    assert connection.vendor == "postgresql"
    assert celery_app.conf.task_always_eager is False
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1)
    except Exception as error:
        skip_or_fail(f"the broker at REDIS_URL does not answer: {error}")
    monkeypatch.delenv("CELERY_LOG_LEVEL", raising=False)
    monkeypatch.delenv("CELERY_LOG_FILE", raising=False)
    signals.setup_logging.connect(_leave_logging_alone)
    celery_app.control.purge()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
            yield running
    finally:
        signals.setup_logging.disconnect(_leave_logging_alone)
        logging.captureWarnings(False)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_posts_through_a_real_worker(worker, category):
    with running_receiver() as receiver:
        endpoint = endpoint_for(receiver, event_kinds=["created"])
        ticket, _ = intake.open_ticket(
            channel=Channel.WEB,
            kind=Kind.REPORT,
            category=category,
            subject="Feu tricolore en panne",
            description="Le feu du carrefour de la gare reste à l'orange clignotant.",
            contact_name="Camille Martin",
            contact_email="camille@example.fr",
        )

        wait_for(lambda: WebhookDelivery.objects.filter(status="sent").exists(), message="the webhook to be sent")

    [received] = receiver.received
    assert received.json["ticket"]["reference"] == ticket.reference
    assert signature_is_valid(endpoint.secret, received)
    assert WebhookDelivery.objects.get().attempts == 1
