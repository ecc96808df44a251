"""An external application over real HTTP: POST form-encoded, then read the XML back."""

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from interop.models import ApiKey, Scope
from requests_app.models import CategoryField, Ticket
from tests.factories import CategoryFactory, ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "rc_live_open311_application_key"


@pytest.fixture
def server(live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    service = ServiceFactory(name="Voirie", slug="voirie")
    category = CategoryFactory(
        service=service, name="Éclairage public en panne", service_code="eclairage-public", is_public=True
    )
    CategoryField.objects.create(
        category=category,
        code="etat",
        label="Le candélabre est",
        datatype=CategoryField.Datatype.SINGLE_CHOICE,
        required=True,
        values=[{"key": "eteint", "name": "Éteint"}, {"key": "clignote", "name": "Clignotant"}],
    )
    key = ApiKey(name="Application mobile", scopes=[Scope.OPEN311_FILE])
    key.set_key(KEY)
    key.save()
    key.services.add(service)
    return live_server.url + "/open311/v2/"


def call(url, data=None):
    body = urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)  # noqa: S310 — the local test server
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — the local test server
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_it_serves_an_application_over_http(server):
    status, content_type, body = call(server + "services.json")
    assert (status, content_type) == (200, "application/json; charset=utf-8")
    assert json.loads(body)[0]["service_code"] == "eclairage-public"

    status, _, body = call(
        server + "requests.xml",
        {
            "api_key": KEY,
            "service_code": "eclairage-public",
            "address_string": "Place de l'Église, Bourg-sur-Loire",
            "description": "Le lampadaire près de l'église clignote toute la nuit.",
            "attribute[etat]": "clignote",
        },
    )
    assert status == 200
    reference = ET.fromstring(body).findtext("request/service_request_id")  # noqa: S314
    assert Ticket.objects.get(reference=reference).attributes == {"etat": "clignote"}

    status, content_type, body = call(server + f"requests/{reference}.xml")
    assert (status, content_type) == (200, "text/xml; charset=utf-8")
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    request = ET.fromstring(body).find("request")  # noqa: S314
    assert request.findtext("description") == "Le lampadaire près de l'église clignote toute la nuit."
    assert request.findtext("address") == "Place de l'Église, Bourg-sur-Loire"


def test_it_refuses_a_wrong_key_over_http(server):
    status, content_type, body = call(
        server + "requests.json", {"api_key": "rc_nope", "service_code": "eclairage-public"}
    )

    assert (status, content_type) == (403, "application/json; charset=utf-8")
    assert json.loads(body)[0]["code"] == 403
    assert not Ticket.objects.exists()
