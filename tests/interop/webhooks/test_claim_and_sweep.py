"""A delivery is sent once however many tasks run it; the sweep sends what was left behind."""

import datetime

import pytest
from django.utils import timezone

from interop import webhooks
from interop.models import WebhookDelivery
from interop.tasks import deliver_webhook, sweep_webhooks
from tests.factories import TicketFactory

from .webhook_receiver import endpoint_for, running_receiver


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


@pytest.fixture
def delivery(receiver, category):
    endpoint = endpoint_for(receiver)
    TicketFactory(category=category)
    return WebhookDelivery.objects.get(endpoint=endpoint)


def test_it_sends_once_when_delivered_twice(receiver, delivery):
    assert deliver_webhook.delay(delivery.pk).get() is True
    assert deliver_webhook.delay(delivery.pk).get() is False

    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 1


def test_it_lets_only_one_caller_claim_a_row(delivery):
    assert webhooks.claim(delivery.pk) is True
    assert webhooks.claim(delivery.pk) is False

    claimed = WebhookDelivery.objects.get(pk=delivery.pk)
    assert claimed.status == WebhookDelivery.Status.SENDING
    assert claimed.claimed_at is not None


def test_it_sweeps_up_what_the_broker_never_got(receiver, category, monkeypatch, django_capture_on_commit_callbacks):
    endpoint_for(receiver)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(deliver_webhook, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            ticket = TicketFactory(category=category)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert receiver.received == []

    assert sweep_webhooks.delay().get() == 1

    assert [r.json["ticket"]["reference"] for r in receiver.received] == [ticket.reference]
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SENT


def test_it_takes_back_claims_abandoned_by_a_dead_worker(receiver, delivery, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_STALE_CLAIM_SECONDS + 1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="sending", claimed_at=long_ago)

    assert webhooks.sweep() == 1

    assert WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.SENT
    assert len(receiver.received) == 1


def test_it_leaves_a_recent_claim_to_its_worker(receiver, delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="sending", claimed_at=timezone.now())

    assert webhooks.sweep() == 0

    assert WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.SENDING
    assert receiver.received == []


def test_it_retries_a_failed_delivery_on_request(receiver, delivery, django_capture_on_commit_callbacks):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="failed", attempts=8)

    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks.retry(delivery.pk) is True
        assert webhooks.retry(delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert delivery.attempts == 9
    assert len(receiver.received) == 1
