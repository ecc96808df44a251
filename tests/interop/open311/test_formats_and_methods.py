"""What every Open311 client relies on: formats, methods, encodings, unknown paths."""

import xml.etree.ElementTree as ET

import pytest

from requests_app.models import Channel
from tests.factories import TicketFactory

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["services.html", "requests.csv", "discovery.yaml", "services/nid-de-poule.txt"])
def test_it_answers_404_for_an_unknown_format(client, category, path):
    response = client.get(BASE + path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert error_descriptions(response)[0].startswith("Unknown format")


@pytest.mark.parametrize("path", ["services", "inconnu.xml", "requests/a/b.json"])
def test_it_answers_404_for_an_unknown_path(client, path):
    response = client.get(BASE + path)

    assert response.status_code == 404
    assert error_descriptions(response)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("post", "services.xml", "GET, HEAD"),
        ("delete", "requests.json", "GET, POST, HEAD"),
        ("put", "requests/2026-000001.xml", "GET, HEAD"),
        ("post", "servicerequestupdates.json", "GET, HEAD"),
    ],
)
def test_it_answers_405_with_the_allowed_methods(client, method, path, allow):
    response = getattr(client, method)(BASE + path)

    assert response.status_code == 405
    assert response["Allow"] == allow
    if path.endswith(".xml"):
        assert error_descriptions(response)
    else:
        assert json_of(response)[0]["code"] == 405


def test_it_accepts_posts_without_a_csrf_token(category):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(BASE + "requests.xml", {"service_code": "nid-de-poule"})

    assert response.status_code == 400  # refused for the missing key, not for CSRF


def test_it_writes_french_text_as_utf8_and_drops_what_xml_cannot_carry(client, category):
    description = "Éclairage « hors service » rue de l'Église — ça clignote\x0b depuis l'été"
    ticket = TicketFactory(category=category, channel=Channel.API, description=description)

    response = client.get(BASE + f"requests/{ticket.reference}.xml")

    assert "Église".encode() in response.content
    text = xml_of(response).findtext("request/description")
    assert text == "Éclairage « hors service » rue de l'Église — ça clignote depuis l'été"
    assert json_of(client.get(BASE + f"requests/{ticket.reference}.json"))[0]["description"] == description


def test_it_escapes_markup_in_text(client, category):
    ticket = TicketFactory(category=category, channel=Channel.API, description="</description><injected/> & co")

    root = ET.fromstring(client.get(BASE + f"requests/{ticket.reference}.xml").content)  # noqa: S314

    assert root.findtext("request/description") == "</description><injected/> & co"
    assert root.find(".//injected") is None


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("requests.json", {"service_request_id": "2026-000001\x00"}),
        ("requests.json", {"service_code": "nid\x00"}),
        ("services/nid%00.json", {}),
        ("requests/2026%00.json", {}),
    ],
)
def test_it_answers_400_for_null_characters_anywhere(client, category, path, query):
    response = client.get(BASE + path, query)

    assert response.status_code == 400
    assert json_of(response)[0]["code"] == 400
