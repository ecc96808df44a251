"""Administrators configure endpoints and read the delivery log; a failed delivery can be retried."""

import pytest
from django.urls import reverse

from accounts.models import Role
from interop.models import WebhookDelivery, WebhookEndpoint
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory, UserFactory

from .webhook_receiver import endpoint_for, running_receiver

ENDPOINTS = reverse("admin:interop_webhookendpoint_changelist")
ADD_ENDPOINT = reverse("admin:interop_webhookendpoint_add")
DELIVERIES = reverse("admin:interop_webhookdelivery_changelist")


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


def test_it_creates_an_endpoint_with_a_generated_secret_shown_at_once(client, administrator, service):
    log_in_with_second_factor(client, administrator)
    assert client.get(ADD_ENDPOINT).status_code == 200

    response = client.post(
        ADD_ENDPOINT,
        {
            "name": "Services techniques",
            "url": "https://st.bourg-sur-loire.example/hooks",
            "is_active": "on",
            "event_kinds": ["created", "resolved"],
            "services": [service.pk],
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    endpoint = WebhookEndpoint.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:interop_webhookendpoint_change", args=[endpoint.pk])
    assert len(endpoint.secret) == 64
    assert endpoint.secret in response.content.decode()
    assert "The signing secret is generated" in response.content.decode()
    assert endpoint.event_kinds == ["created", "resolved"]
    assert list(endpoint.services.all()) == [service]
    assert endpoint.include_internal is False


def test_it_generates_a_different_secret_for_each_endpoint(db):
    first = WebhookEndpoint.objects.create(name="Un", url="https://un.example/hook")
    second = WebhookEndpoint.objects.create(name="Deux", url="https://deux.example/hook")

    assert first.secret != second.secret


def test_it_refuses_addresses_that_are_not_http(client, administrator):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        ADD_ENDPOINT,
        {"name": "Partage", "url": "ftp://files.example/hook", "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not WebhookEndpoint.objects.exists()


def test_it_refuses_unknown_event_kinds(client, administrator):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        ADD_ENDPOINT,
        {"name": "Partage", "url": "https://files.example/hook", "event_kinds": ["deleted"]},
    )

    assert "event_kinds" in response.context["adminform"].form.errors
    assert not WebhookEndpoint.objects.exists()


def test_it_changes_an_endpoint_but_not_its_secret(client, administrator):
    endpoint = WebhookEndpoint.objects.create(name="Ancien", url="https://old.example/hook")
    secret = endpoint.secret
    log_in_with_second_factor(client, administrator)
    change = reverse("admin:interop_webhookendpoint_change", args=[endpoint.pk])

    assert client.get(change).status_code == 200
    client.post(
        change,
        {"name": "Nouveau", "url": "https://new.example/hook", "include_internal": "on", "secret": "forged"},
    )

    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.url, endpoint.include_internal) == ("Nouveau", "https://new.example/hook", True)
    assert endpoint.is_active is False  # the box was not ticked
    assert endpoint.secret == secret


def test_it_lists_deliveries_read_only(client, administrator, receiver, category):
    endpoint = endpoint_for(receiver)
    ticket = TicketFactory(category=category)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status="failed", attempts=8, last_status_code=502, last_error="HTTPError: HTTP Error 502: Bad Gateway"
    )
    log_in_with_second_factor(client, administrator)

    response = client.get(DELIVERIES)
    assert client.get(ENDPOINTS).status_code == 200

    content = response.content.decode()
    for expected in (endpoint.name, ticket.reference, "502", "Bad Gateway"):
        assert expected in content
    change = reverse("admin:interop_webhookdelivery_change", args=[delivery.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"status": "sent"}).status_code == 403
    assert client.get(reverse("admin:interop_webhookdelivery_add")).status_code == 403
    delete = reverse("admin:interop_webhookdelivery_delete", args=[delivery.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert WebhookDelivery.objects.get(pk=delivery.pk).status == WebhookDelivery.Status.FAILED


def test_it_retries_the_failed_deliveries_selected(
    client, administrator, receiver, category, django_capture_on_commit_callbacks
):
    endpoint_for(receiver)
    TicketFactory(category=category)
    TicketFactory(category=category)
    failed, pending = WebhookDelivery.objects.order_by("pk")
    WebhookDelivery.objects.filter(pk=failed.pk).update(status="failed", attempts=8)
    log_in_with_second_factor(client, administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DELIVERIES,
            {"action": "retry_delivery", "_selected_action": [failed.pk, pending.pk]},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )

    messages = [str(message) for message in response.context["messages"]]
    assert "1 webhook delivery will be tried again." in messages
    assert "1 webhook delivery was not in failure and was left as it is." in messages
    assert WebhookDelivery.objects.get(pk=failed.pk).status == WebhookDelivery.Status.SENT
    assert WebhookDelivery.objects.get(pk=pending.pk).status == WebhookDelivery.Status.PENDING
    assert len(receiver.received) == 1


@pytest.mark.parametrize("persona", ["agent", "supervisor", "manager", "citizen"])
def test_it_keeps_everyone_else_out(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    for url in (ENDPOINTS, ADD_ENDPOINT, DELIVERIES):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_it_refuses_staff_without_the_webhook_permissions(client, db):
    support = UserFactory(email="support@mairie.example", role=Role.ADMINISTRATOR, is_staff=True)
    log_in_with_second_factor(client, support)

    for url in (ENDPOINTS, ADD_ENDPOINT, DELIVERIES):
        assert client.get(url).status_code == 403
