"""A refused, slow or unreachable endpoint is tried again later with backoff, then given up on."""

import datetime

import pytest
from django.utils import timezone

from interop import webhooks
from interop.models import WebhookDelivery
from tests.factories import TicketFactory
from tests.notifications.reliability import free_port

from .webhook_receiver import Reply, endpoint_for, running_receiver


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


def _delivery_for(receiver, category, **endpoint_fields) -> WebhookDelivery:
    endpoint = endpoint_for(receiver, **endpoint_fields)
    TicketFactory(category=category)
    return WebhookDelivery.objects.get(endpoint=endpoint)


def _make_due(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def _assert_retried_in_a_minute(delivery, *, error: str, status_code=None):
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == status_code
    assert error in delivery.last_error
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(minutes=1)


def test_it_retries_after_a_server_error_then_delivers(receiver, category):
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(status=500, body=b"Internal Server Error"))

    assert webhooks.deliver(delivery.pk) is False
    _assert_retried_in_a_minute(delivery, error="HTTP Error 500", status_code=500)
    assert delivery.response_excerpt == "Internal Server Error"
    assert webhooks.deliver(delivery.pk) is False  # not due yet: nothing is sent
    assert len(receiver.received) == 1

    _make_due(delivery)
    assert webhooks.sweep() == 1

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""
    assert len(receiver.received) == 2
    first, second = receiver.received
    assert first.body == second.body  # the same frozen payload
    assert first.headers["X-RC-Delivery"] == second.headers["X-RC-Delivery"]


def test_it_retries_a_client_error_other_than_gone(receiver, category):
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(status=429, body=b"slow down"))

    webhooks.deliver(delivery.pk)

    _assert_retried_in_a_minute(delivery, error="HTTP Error 429", status_code=429)


def test_it_retries_after_a_timeout(receiver, category, settings):
    settings.WEBHOOK_TIMEOUT = 1
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(hang=True))

    assert webhooks.deliver(delivery.pk) is False

    _assert_retried_in_a_minute(delivery, error="timed out")


def test_it_retries_when_the_connection_is_refused(category):
    with running_receiver() as receiver:
        pass  # only its address: nothing listens there any more
    receiver.url = f"http://127.0.0.1:{free_port()}/hook"
    delivery = _delivery_for(receiver, category)

    assert webhooks.deliver(delivery.pk) is False

    _assert_retried_in_a_minute(delivery, error="Connection refused")


def test_it_backs_off_then_fails_for_good_after_the_last_attempt(receiver, category, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    delivery = _delivery_for(receiver, category)
    receiver.default = Reply(status=503, body=b"maintenance")
    waits = []

    for _ in range(3):
        _make_due(delivery)
        before = timezone.now()
        webhooks.deliver(delivery.pk)
        delivery.refresh_from_db()
        waits.append(round((delivery.next_attempt_at - before).total_seconds() / 60))

    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 3
    assert delivery.last_status_code == 503
    assert waits[:2] == [1, 2]
    _make_due(delivery)
    assert webhooks.sweep() == 0
    assert len(receiver.received) == 3


def test_it_gives_up_at_once_and_deactivates_the_endpoint_on_410_gone(receiver, category):
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(status=410, body=b"no such hook"))

    webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 410
    assert delivery.last_error.startswith("Gone:")
    delivery.endpoint.refresh_from_db()
    assert delivery.endpoint.is_active is False
    TicketFactory(category=category)
    assert WebhookDelivery.objects.count() == 1


def test_it_fails_a_delivery_whose_endpoint_was_deactivated_meanwhile(receiver, category):
    delivery = _delivery_for(receiver, category)
    type(delivery.endpoint).objects.filter(pk=delivery.endpoint_id).update(is_active=False)

    webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "deactivated" in delivery.last_error
    assert receiver.received == []


def test_it_does_not_follow_redirects(receiver, category):
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(status=307, headers=(("Location", "http://127.0.0.1:9/elsewhere"),)))

    webhooks.deliver(delivery.pk)

    _assert_retried_in_a_minute(delivery, error="HTTP Error 307", status_code=307)
    assert len(receiver.received) == 1


def test_it_keeps_only_the_beginning_of_a_long_answer(receiver, category):
    delivery = _delivery_for(receiver, category)
    receiver.answer(Reply(status=200, body=b"x" * 100_000))

    assert webhooks.deliver(delivery.pk) is True

    delivery.refresh_from_db()
    assert delivery.response_excerpt == "x" * 500
