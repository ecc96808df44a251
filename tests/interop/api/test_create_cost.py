"""What opening a request through the API costs: a fixed, small number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interop.models import ApiKey
from requests_app.models import CategoryField, Ticket

NEW = {"subject": "Trou dans la chaussée", "description": "Devant le 3 rue des Lilas.", "contact_email": "a@b.fr"}

# Key and account, category with the key's right, its questions, the citizen behind the e-mail,
# the reference, the ticket, its event, the webhooks, the acknowledgement (preferences and row),
# the caller's actions for the answer, and the transaction's two statements.
API_CREATE_QUERIES = 13


def test_it_opens_a_request_in_a_fixed_number_of_queries(api, category, django_assert_max_num_queries):
    api.post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")  # the key's use is recorded

    with django_assert_max_num_queries(API_CREATE_QUERIES):
        response = api.post("/api/v1/tickets/", {**NEW, "category": category.pk, "kind": "report"}, format="json")

    assert response.status_code == 201, response.content


def test_it_does_not_grow_with_the_category_questions(api, category):
    def cost(attributes) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = api.post(
                "/api/v1/tickets/", {**NEW, "category": category.pk, "attributes": attributes}, format="json"
            )
        assert response.status_code == 201, response.content
        return len(queries)

    api.post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")
    without_questions = cost({})
    for code in ("depth", "width", "length"):
        CategoryField.objects.create(category=category, code=code, label=code, datatype=CategoryField.Datatype.NUMBER)

    assert cost({"depth": "3", "width": "4", "length": "5"}) == without_questions


def test_it_answers_the_creation_with_what_reading_the_request_gives(api, category):
    created = api.post(
        "/api/v1/tickets/",
        {
            **NEW,
            "category": category.pk,
            "kind": "report",
            "priority": "high",
            "address": "  3 rue des Lilas ",
            "latitude": "47.9",
            "longitude": "1.905",
            "contact_name": " Jeanne Dupré ",
            "contact_email": "Jeanne@Example.FR",
        },
        format="json",
    )

    assert created.status_code == 201, created.content
    body = created.json()
    read = api.get(f"/api/v1/tickets/{body['reference']}/")
    assert read.status_code == 200
    assert body == read.json()
    assert body["contact_email"] == "jeanne@example.fr"
    assert body["latitude"] == "47.900000"
    assert body["actions"]


def test_it_answers_a_request_sent_to_triage_as_reading_it_gives(api, triage_service, voirie_key):
    voirie_key.services.add(triage_service)
    voirie_key.user.services.add(triage_service)

    created = api.post("/api/v1/tickets/", NEW, format="json")

    assert created.status_code == 201, created.content
    assert created.json() == api.get(f"/api/v1/tickets/{created.json()['reference']}/").json()
    assert Ticket.objects.get().service == triage_service


def test_it_refuses_a_category_outside_the_key_services_without_writing(api, other_category):
    response = api.post("/api/v1/tickets/", {**NEW, "category": other_category.pk}, format="json")

    assert response.status_code == 400
    assert "category" in response.json()
    assert not Ticket.objects.exists()


def test_it_records_the_key_use_at_most_once_a_minute(api, category, voirie_key):
    def key_updates() -> list:
        with CaptureQueriesContext(connection) as queries:
            api.post("/api/v1/tickets/", {**NEW, "category": category.pk}, format="json")
        # Read now: the next request empties the query log.
        return [q for q in queries if q["sql"].startswith("UPDATE") and ApiKey._meta.db_table in q["sql"]]

    assert len(key_updates()) == 1
    assert key_updates() == []
    assert timezone.now() - ApiKey.objects.get(pk=voirie_key.pk).last_used_at < datetime.timedelta(minutes=1)
