"""The demo commune publishes category questions and an Open311 key that works out of the box."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from demo.data import CATEGORY_QUESTIONS, DEMO_OPEN311_KEY
from interop.models import ApiKey, Scope
from requests_app.models import CategoryField, Ticket

from .conftest import BASE, json_of


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", tickets=5, stdout=out)
    return out.getvalue()


def test_it_prints_the_demo_key_and_seeds_the_questions_once(seeded):
    assert DEMO_OPEN311_KEY in seeded
    expected = sum(len(questions) for questions in CATEGORY_QUESTIONS.values())
    assert CategoryField.objects.count() == expected

    call_command("seed_demo", tickets=5, stdout=io.StringIO())

    assert CategoryField.objects.count() == expected
    assert ApiKey.objects.filter(prefix=DEMO_OPEN311_KEY[:10]).count() == 1


def test_the_demo_key_files_a_report_with_answers(seeded, client):
    definition = json_of(client.get(BASE + "services/eclairage-public.json"))
    assert [attribute["code"] for attribute in definition["attributes"]] == ["etat", "numero"]

    response = client.post(
        BASE + "requests.json",
        {
            "api_key": DEMO_OPEN311_KEY,
            "service_code": "eclairage-public",
            "address_string": "Place de la Mairie, Bourg-sur-Loire",
            "attribute[etat]": "clignote",
        },
    )

    assert response.status_code == 200
    ticket = Ticket.objects.get(reference=json_of(response)[0]["service_request_id"])
    assert ticket.attributes == {"etat": "clignote"}


def test_the_demo_key_reads_nothing_on_the_rest_api(seeded):
    # Its secret is published: it files reports, and the REST API refuses it everything.
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en", HTTP_AUTHORIZATION=f"Bearer {DEMO_OPEN311_KEY}")
    reference = Ticket.objects.order_by("pk").values_list("reference", flat=True).first()

    listing = api.get("/api/v1/tickets/")
    note = api.post(f"/api/v1/tickets/{reference}/messages/", {"kind": "internal_note", "body": "Vu."}, format="json")

    assert ApiKey.objects.get(prefix=DEMO_OPEN311_KEY[:10]).scopes == [Scope.OPEN311_FILE]
    assert (listing.status_code, listing.json()["missing_scope"]) == (403, "api:read")
    assert (note.status_code, note.json()["missing_scope"]) == (403, "api:write")
