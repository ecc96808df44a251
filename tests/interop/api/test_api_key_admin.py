"""The administrator creates a key, reads its secret once, and revokes it; only the hash is stored."""

import re

from django.urls import reverse

from interop.models import ApiKey, hash_api_key
from tests.accounts.helpers import log_in_with_second_factor

from .conftest import client_with


def add_key(client, service, name="Application Voirie", scopes=("api:read",)):
    return client.post(
        reverse("admin:interop_apikey_add"),
        {"name": name, "scopes": list(scopes), "services": [service.pk], "is_active": "on"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def shown_secret(response) -> str | None:
    match = re.search(r'<code class="api-key-secret">([^<]+)</code>', response.content.decode())
    return match.group(1) if match else None


def test_it_shows_the_secret_once_and_stores_its_hash(client, administrator, service):
    log_in_with_second_factor(client, administrator)

    response = add_key(client, service)

    secret = shown_secret(response)
    assert secret and secret.startswith("rc_")
    key = ApiKey.objects.get()
    assert key.key_hash == hash_api_key(secret)
    assert key.prefix == secret[:10]
    assert secret not in str(ApiKey.objects.values().get())
    assert key.created_by == administrator
    # The list shows the prefix and the services, never the secret again.
    listing = client.get(reverse("admin:interop_apikey_changelist"))
    assert key.prefix in listing.content.decode()
    assert "Voirie" in listing.content.decode()
    assert secret not in listing.content.decode()
    assert shown_secret(client.get(reverse("admin:interop_apikey_change", args=[key.pk]))) is None


def test_it_gives_the_key_an_account_of_its_services(client, administrator, service, category):
    log_in_with_second_factor(client, administrator)
    secret = shown_secret(add_key(client, service))
    key = ApiKey.objects.get()

    assert list(key.user.services.all()) == [service]
    assert client_with(secret).get("/api/v1/tickets/").status_code == 200


def test_it_revokes_keys(client, administrator, service):
    log_in_with_second_factor(client, administrator)
    secret = shown_secret(add_key(client, service))
    key = ApiKey.objects.get()

    response = client.post(
        reverse("admin:interop_apikey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
        follow=True,
    )

    assert response.status_code == 200
    key.refresh_from_db()
    assert key.is_active is False
    assert key.user.is_active is False
    assert client_with(secret).get("/api/v1/tickets/").status_code == 401


def test_it_keeps_agents_out_of_the_key_admin(client, agent):
    client.force_login(agent)

    response = client.get(reverse("admin:interop_apikey_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
