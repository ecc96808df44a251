"""The SMTP relay refuses or is down: retries with backoff, then a visible failure an agent can retry.

Nothing is dropped silently: a refused message stays pending with its next try scheduled, and
after NOTIFICATION_MAX_ATTEMPTS it is failed, shown on the request's page and in the admin, and
an agent can send it again.
"""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import outbox
from notifications.models import Notification
from tests.accounts.helpers import log_in_with_second_factor

from .reliability import free_port, smtp_mailers, smtp_sink

MAX_ATTEMPTS = 3


@pytest.fixture
def sink(settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = MAX_ATTEMPTS
    with smtp_sink() as (sink, port):
        settings.MAILERS = smtp_mailers(port)
        yield sink


@pytest.fixture
def notification(ticket):
    return Notification.objects.get(ticket=ticket, template="acknowledgement", channel=Notification.Channel.EMAIL)


def _time_passes(notification):
    """The next try is due now, as it will be once the backoff delay has gone by."""
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())


def _fail_every_attempt(notification) -> list[datetime.timedelta]:
    """Try until the outbox gives up; returns the delay scheduled after each failed attempt."""
    delays = []
    for _attempt in range(MAX_ATTEMPTS):
        before = timezone.now()
        assert outbox.deliver(notification.pk) is False
        notification.refresh_from_db()
        delays.append(notification.next_attempt_at - before)
        if notification.status == Notification.Status.PENDING:
            _time_passes(notification)
    return delays


def _retry_as(client, agent, notification):
    client.force_login(agent)
    url = reverse("requests_app:agent_retry_notification", args=[notification.ticket.reference, notification.pk])
    return client.post(url)


def test_it_tries_again_later_after_a_temporary_refusal(ticket, notification, sink):
    sink.data_replies = ["451 4.3.0 Mail server temporarily unavailable"]

    before = timezone.now()
    assert outbox.deliver(notification.pk) is False
    after = timezone.now()

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "451" in notification.last_error
    assert before + outbox.backoff(1) <= notification.next_attempt_at <= after + outbox.backoff(1)
    # Not due yet: neither a redelivered task nor the sweep sends it before its time.
    assert outbox.deliver(notification.pk) is False
    assert outbox.sweep() == 0
    assert sink.accepted == []

    with mock.patch("django.utils.timezone.now", return_value=after + outbox.backoff(1)):
        assert outbox.sweep() == 1

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert notification.last_error == ""
    [envelope] = sink.accepted
    assert envelope.rcpt_tos == ["camille@example.fr"]


def test_it_backs_off_exponentially_then_fails_a_permanent_refusal(notification, sink):
    sink.rcpt_reply = "550 5.1.1 Mailbox unavailable"

    delays = _fail_every_attempt(notification)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == MAX_ATTEMPTS
    assert "5.1.1 Mailbox unavailable" in notification.last_error
    assert delays[0] >= datetime.timedelta(minutes=1)
    assert delays[1] >= 2 * delays[0] - datetime.timedelta(seconds=1)
    # Failed is final until someone retries: the sweep leaves it alone.
    assert outbox.sweep() == 0
    assert sink.accepted == []


def test_an_agent_sees_the_failure_and_sends_it_again_once_the_server_accepts(
    client, agent, ticket, notification, sink, django_capture_on_commit_callbacks
):
    sink.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    _fail_every_attempt(notification)
    client.force_login(agent)

    page = client.get(ticket.get_absolute_url()).content.decode()
    assert "5.1.1 Mailbox unavailable" in page
    assert reverse("requests_app:agent_retry_notification", args=[ticket.reference, notification.pk]) in page

    sink.rcpt_reply = None
    with django_capture_on_commit_callbacks(execute=True):
        response = _retry_as(client, agent, notification)

    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == MAX_ATTEMPTS + 1
    [envelope] = sink.accepted
    assert envelope.rcpt_tos == ["camille@example.fr"]
    assert "5.1.1 Mailbox unavailable" not in client.get(ticket.get_absolute_url()).content.decode()


def test_an_agent_sends_it_again_after_the_server_was_down(
    client, agent, ticket, notification, sink, settings, django_capture_on_commit_callbacks
):
    working = settings.MAILERS
    settings.MAILERS = smtp_mailers(free_port())  # nothing listens there

    _fail_every_attempt(notification)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "ConnectionRefusedError" in notification.last_error
    client.force_login(agent)
    assert "ConnectionRefusedError" in client.get(ticket.get_absolute_url()).content.decode()

    settings.MAILERS = working
    with django_capture_on_commit_callbacks(execute=True):
        _retry_as(client, agent, notification)

    assert Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT
    assert len(sink.accepted) == 1


def test_the_admin_lists_the_failures_to_retry(client, administrator, category, notification, sink):
    sink.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    _fail_every_attempt(notification)
    log_in_with_second_factor(client, administrator)
    changelist = reverse("admin:notifications_notification_changelist")

    failed = client.get(changelist, {"status__exact": "failed"})
    tried = client.get(changelist, {"status__exact": "pending", "attempted": "yes"})
    never_tried = client.get(changelist, {"attempted": "no"})

    assert list(failed.context["cl"].result_list) == [notification]
    assert "5.1.1 Mailbox unavailable" in failed.content.decode()
    assert list(tried.context["cl"].result_list) == []
    assert list(never_tried.context["cl"].result_list) == []
    assert "retry_delivery" in failed.content.decode()
