"""What filing a report through Open311 costs: a fixed number of queries, the key's use throttled."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interop.models import ApiKey
from requests_app.models import Ticket

from .conftest import API_KEY, BASE

pytestmark = pytest.mark.django_db

# The key, the category with the key's right, its questions, the reference, the ticket, its
# event, the webhooks, and the transaction's two statements (no contact: no acknowledgement).
OPEN311_POST_QUERIES = 9


def report(**extra):
    return {
        "api_key": API_KEY,
        "service_code": "nid-de-poule",
        "lat": "47.412300",
        "long": "1.062800",
        "description": "Un trou profond devant l'école.",
        **extra,
    }


def key_updates(client) -> list:
    """The UPDATEs of API keys made by filing one report."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(BASE + "requests.json", report())
    assert response.status_code == 200, response.content
    # Read now: the next request empties the query log.
    return [q for q in queries if q["sql"].startswith("UPDATE") and ApiKey._meta.db_table in q["sql"]]


def test_it_files_a_report_in_a_fixed_number_of_queries(client, api_key, category, django_assert_max_num_queries):
    client.post(BASE + "requests.json", report())  # the key's use is recorded

    with django_assert_max_num_queries(OPEN311_POST_QUERIES):
        response = client.post(BASE + "requests.json", report())

    assert response.status_code == 200, response.content
    assert Ticket.objects.count() == 2


def test_it_records_the_key_use_at_most_once_a_minute(client, api_key, category):
    first = key_updates(client)
    second = key_updates(client)
    used_at = ApiKey.objects.get(pk=api_key.pk).last_used_at
    later = timezone.now() + datetime.timedelta(minutes=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        third = key_updates(client)

    assert len(first) == 1
    assert second == []
    assert len(third) == 1
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at == later > used_at


def test_it_refuses_a_category_outside_the_key_rights_without_writing(client, api_key, other_category):
    other_category.kind = "report"
    other_category.save()

    response = client.post(BASE + "requests.json", report(service_code=other_category.service_code))

    assert response.status_code == 403
    assert not Ticket.objects.exists()


def test_it_lets_a_key_file_in_a_category_given_by_name(client, api_key, other_category):
    api_key.categories.add(other_category)

    response = client.post(BASE + "requests.json", report(service_code=other_category.service_code))

    assert response.status_code == 200, response.content
    assert Ticket.objects.get().category == other_category
