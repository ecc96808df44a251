"""The administrator sees each key's scopes in the list and sets them with checkboxes; at least one."""

import re

from django.urls import reverse

from interop.models import ApiKey, Scope
from tests.accounts.helpers import log_in_with_second_factor

from .conftest import make_key
from .test_api_key_admin import add_key


def checkboxes(html: str) -> dict[str, bool]:
    """The scope checkboxes of a form: value → checked."""
    boxes = re.findall(r'<input type="checkbox" name="scopes" value="([^"]+)"([^>]*)>', html)
    return {value: "checked" in attributes for value, attributes in boxes}


def test_it_lists_the_scopes_of_each_key(client, administrator, service):
    make_key(name="Application de signalement", services=[service], scopes=[Scope.OPEN311_FILE])
    make_key(name="Logiciel de la voirie", services=[service], scopes=[Scope.API_READ, Scope.API_WRITE])
    log_in_with_second_factor(client, administrator)

    listing = client.get(reverse("admin:interop_apikey_changelist"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<th scope="col" class="column-scopes_list">' in listing
    assert "open311:file" in listing
    assert "api:read, api:write" in listing


def test_it_offers_one_checkbox_per_scope(client, administrator):
    log_in_with_second_factor(client, administrator)

    form = client.get(reverse("admin:interop_apikey_add"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert checkboxes(form) == {"open311:file": False, "api:read": False, "api:write": False}


def test_it_creates_a_key_with_the_scopes_ticked(client, administrator, service):
    log_in_with_second_factor(client, administrator)

    add_key(client, service, scopes=["api:write", "open311:file"])

    assert ApiKey.objects.get().scopes == ["open311:file", "api:write"]


def test_it_refuses_a_key_without_a_scope(client, administrator, service):
    log_in_with_second_factor(client, administrator)

    response = add_key(client, service, scopes=[])

    assert response.status_code == 200
    assert "Choose at least one scope." in response.content.decode()
    assert not ApiKey.objects.exists()


def test_it_refuses_an_unknown_scope(client, administrator, service):
    log_in_with_second_factor(client, administrator)

    response = add_key(client, service, scopes=["api:admin"])

    assert response.status_code == 200
    assert "api:admin is not one of the available choices" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_it_changes_the_scopes_of_a_key(client, administrator, service):
    key, _secret = make_key(name="Logiciel de la voirie", services=[service], scopes=[Scope.API_READ])
    log_in_with_second_factor(client, administrator)
    url = reverse("admin:interop_apikey_change", args=[key.pk])
    assert checkboxes(client.get(url).content.decode()) == {
        "open311:file": False,
        "api:read": True,
        "api:write": False,
    }

    response = client.post(
        url,
        {"name": key.name, "scopes": ["open311:file"], "services": [service.pk], "is_active": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    key.refresh_from_db()
    assert key.scopes == ["open311:file"]
