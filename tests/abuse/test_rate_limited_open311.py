"""Open311 filing is limited per client address and per API key, with the specification's errors."""

import json

import pytest

from interop.models import ApiKey
from requests_app.models import Ticket
from tests.interop.open311.conftest import API_KEY, BASE, xml_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_key(service):
    key = ApiKey(name="Application DansMaRue", scopes=["open311:file"])
    key.set_key(API_KEY)
    key.save()
    key.services.add(service)
    return key


def report(**extra):
    return {
        "api_key": API_KEY,
        "service_code": "nid-de-poule",
        "address_string": "12 rue Pasteur, 45000 Bourg-sur-Loire",
        "description": "Un trou profond s'est formé devant l'école.",
        **extra,
    }


def post(client, fmt, address, **extra):
    return client.post(BASE + f"requests.{fmt}", report(**extra), REMOTE_ADDR=address)


def test_it_answers_an_xml_error_429_with_retry_after_past_the_address_limit(client, api_key, category, limit):
    limit("open311_post", address="1/day")
    assert post(client, "xml", "203.0.113.10").status_code == 200

    response = post(client, "xml", "203.0.113.10")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 86400
    root = xml_of(response)
    assert root.tag == "errors"
    (error,) = root.findall("error")
    assert error.findtext("code") == "429"
    assert error.findtext("description").startswith("Trop de requêtes : réessayez dans ")
    assert Ticket.objects.count() == 1
    assert post(client, "xml", "203.0.113.20").status_code == 200


def test_it_answers_a_json_error_429_past_the_key_limit_from_any_address(client, api_key, category, limit):
    limit("open311_post", identity="2/day")
    for address in ("203.0.113.10", "203.0.113.20"):
        assert post(client, "json", address).status_code == 200

    response = post(client, "json", "198.51.100.7")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 1 <= int(response["Retry-After"]) <= 86400
    (error,) = json.loads(response.content)
    assert error["code"] == 429
    assert "réessayez dans" in error["description"]
    assert Ticket.objects.count() == 2


def test_it_counts_wrong_keys_against_the_address(client, api_key, category, limit):
    limit("open311_post", address="2/day")
    for _attempt in range(2):
        assert post(client, "json", "203.0.113.10", api_key="rc_guessed_key").status_code == 403

    response = post(client, "json", "203.0.113.10")

    assert response.status_code == 429
    assert Ticket.objects.count() == 0


def test_it_leaves_reading_unlimited(client, api_key, category, limit):
    limit("open311_post", address="1/day", identity="1/day")
    for _attempt in range(3):
        assert client.get(BASE + "requests.json", REMOTE_ADDR="203.0.113.10").status_code == 200
