"""Endpoints may not point inside the server's network: refused when saved and again when delivering."""

import ipaddress

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interop import network, webhooks
from interop.models import WebhookDelivery, WebhookEndpoint
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory

from .webhook_receiver import endpoint_for, running_receiver

ADD_ENDPOINT = reverse("admin:interop_webhookendpoint_add")

FORBIDDEN = [
    "http://127.0.0.1:8000/hook",
    "http://localhost/hook",  # a name: what it resolves to is judged
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://10.1.2.3/hook",
    "http://172.16.0.1/hook",
    "http://192.168.1.10/hook",
    "http://100.64.0.1/hook",  # shared address space (carrier-grade NAT)
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://240.0.0.1/hook",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd12:3456::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",  # IPv4 loopback written as IPv6
    "http://[ff02::1]/hook",
]


@pytest.fixture
def no_network_allowed(settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = []


@pytest.fixture
def receiver():
    with running_receiver() as server:
        yield server


def _post_endpoint(client, url):
    return client.post(ADD_ENDPOINT, {"name": "Logiciel", "url": url, "is_active": "on"}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("url", FORBIDDEN)
def test_it_refuses_an_inner_address_beside_the_url_field(client, administrator, no_network_allowed, url):
    log_in_with_second_factor(client, administrator)

    response = _post_endpoint(client, url)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["url"]
    assert "only sent to public addresses" in errors[0]
    assert not WebhookEndpoint.objects.exists()


def test_it_says_it_in_french(client, administrator, no_network_allowed):
    log_in_with_second_factor(client, administrator)

    response = client.post(
        ADD_ENDPOINT,
        {"name": "Logiciel", "url": "http://169.254.169.254/", "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "adresses publiques" in response.context["adminform"].form.errors["url"][0]


def test_it_refuses_a_name_when_any_of_its_addresses_is_inner(db, no_network_allowed, monkeypatch):
    monkeypatch.setattr(
        network, "resolve", lambda host, port: [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.0.0.7")]
    )
    endpoint = WebhookEndpoint(name="Mixte", url="https://mixte.example/hook")

    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()

    assert "10.0.0.7" in refused.value.message_dict["url"][0]


def test_it_accepts_a_public_address(db, no_network_allowed, monkeypatch):
    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("93.184.215.14")])

    WebhookEndpoint(name="Public", url="https://st.bourg-sur-loire.example/hook").full_clean()


def test_it_accepts_an_inner_address_in_an_allowed_network(client, administrator, settings):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["10.20.0.0/16", "fd00::/8"]
    log_in_with_second_factor(client, administrator)

    _post_endpoint(client, "http://10.20.3.4/hook")
    _post_endpoint(client, "http://[fd00::4]/hook")
    refused = _post_endpoint(client, "http://10.21.0.1/hook")

    assert sorted(WebhookEndpoint.objects.values_list("url", flat=True)) == [
        "http://10.20.3.4/hook",
        "http://[fd00::4]/hook",
    ]
    assert "url" in refused.context["adminform"].form.errors


def test_it_accepts_a_name_that_does_not_resolve_yet(client, administrator, no_network_allowed):
    # Delivery checks it again: a name that later resolves inside is refused then.
    log_in_with_second_factor(client, administrator)

    _post_endpoint(client, "https://not-yet-online.invalid/hook")

    assert WebhookEndpoint.objects.filter(url="https://not-yet-online.invalid/hook").exists()


def test_it_refuses_at_delivery_a_name_that_now_resolves_to_the_metadata_service(
    receiver, category, no_network_allowed, monkeypatch
):
    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("93.184.215.14")])
    endpoint = WebhookEndpoint(name="Rebond", url="http://rebond.example/hook")
    endpoint.full_clean()  # public when saved
    endpoint.save()
    TicketFactory(category=category)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("169.254.169.254")])

    assert webhooks.deliver(delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED  # at once: waiting will not make it allowed
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert "169.254.169.254" in delivery.last_error
    assert "only sent to public addresses" in delivery.last_error
    assert webhooks.sweep() == 0


def test_it_refuses_at_delivery_an_address_no_longer_allowed(receiver, category, settings):
    endpoint = endpoint_for(receiver)  # 127.0.0.1, allowed for the test receivers
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    TicketFactory(category=category)

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert webhooks.deliver(delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "127.0.0.1" in delivery.last_error
    assert receiver.received == []


def test_it_connects_to_the_address_it_checked_and_resolves_only_once(receiver, category, monkeypatch):
    # A rebinding DNS server would answer the second question differently: there is none.
    port = receiver.url.split(":")[2].split("/")[0]
    questions = []

    def resolve_once(host, port):
        questions.append(host)
        answer = "127.0.0.1" if len(questions) == 1 else "169.254.169.254"
        return [ipaddress.ip_address(answer)]

    endpoint = WebhookEndpoint.objects.create(name="Nommé", url=f"http://hooks.bourg.example:{port}/path?x=1")
    monkeypatch.setattr(network, "resolve", resolve_once)

    TicketFactory(category=category)

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert webhooks.deliver(delivery.pk) is True

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT
    assert questions == ["hooks.bourg.example"]
    (received,) = receiver.received
    assert received.path == "/path?x=1"
    assert received.headers["Host"] == f"hooks.bourg.example:{port}"


def test_it_retries_a_name_that_does_not_resolve_now(category, no_network_allowed):
    endpoint = WebhookEndpoint.objects.create(name="Plus là", url="https://not-yet-online.invalid/hook")

    TicketFactory(category=category)

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert webhooks.deliver(delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert "could not be resolved" in delivery.last_error
