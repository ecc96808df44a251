"""Fixtures of the Open311 tests: an application's key and a category with questions."""

import json
import xml.etree.ElementTree as ET

import pytest

from interop.models import ApiKey, Scope
from requests_app.models import CategoryField

API_KEY = "rc_test_open311_dansmarue_key"
BASE = "/open311/v2/"


@pytest.fixture
def api_key(service):
    """The key of a reporting application allowed to file in the Voirie service's categories."""
    key = ApiKey(name="Application DansMaRue", scopes=[Scope.OPEN311_FILE])
    key.set_key(API_KEY)
    key.save()
    key.services.add(service)
    return key


@pytest.fixture
def questions(category):
    """The pothole category asks for a depth (required number) and who is hindered (several choices)."""
    depth = CategoryField.objects.create(
        category=category,
        code="profondeur",
        label="Profondeur approximative (cm)",
        help_text="Une estimation suffit.",
        datatype=CategoryField.Datatype.NUMBER,
        required=True,
        order=1,
    )
    hindered = CategoryField.objects.create(
        category=category,
        code="genes",
        label="Qui est gêné ?",
        datatype=CategoryField.Datatype.MULTIPLE_CHOICE,
        values=[
            {"key": "pietons", "name": "Piétons"},
            {"key": "velos", "name": "Cyclistes"},
            {"key": "voitures", "name": "Automobilistes"},
        ],
        order=2,
    )
    return depth, hindered


def xml_of(response) -> ET.Element:
    """The parsed XML body, after checking what any XML client relies on."""
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314 — the server under test wrote it


def json_of(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def error_descriptions(response) -> list[str]:
    """The descriptions of an XML error document, checking its shape and codes."""
    root = xml_of(response)
    assert root.tag == "errors"
    errors = root.findall("error")
    assert errors
    for error in errors:
        assert [child.tag for child in error] == ["code", "description"]
        assert error.findtext("code") == str(response.status_code)
    return [error.findtext("description") for error in errors]


@pytest.fixture
def category(category):
    """Potholes are a problem on the public domain: the town publishes their reports."""
    category.is_public = True
    category.save(update_fields=["is_public"])
    return category
