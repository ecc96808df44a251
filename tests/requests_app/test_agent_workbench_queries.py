from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Kind
from tests.factories import TicketFactory

URL = reverse("requests_app:workbench")


def fill(category, count, agent, citizen):
    # A mix of assigned and unassigned requests, complaints and others, with and without account.
    for number in range(count):
        TicketFactory(
            category=category,
            kind=Kind.COMPLAINT if number % 2 else Kind.REPORT,
            citizen=citizen if number % 3 == 0 else None,
            agent=agent,
            in_progress=number % 2 == 0,
        )


def test_it_runs_as_many_queries_for_40_requests_as_for_3(client, supervisor, agent, citizen, category, settings):
    settings.WORKBENCH_PAGE_SIZE = 50
    client.force_login(supervisor)
    fill(category, 3, agent, citizen)
    with CaptureQueriesContext(connection) as few:
        response = client.get(URL, {"q": "rue"})
    assert len(response.context["page_obj"]) == 3

    fill(category, 37, agent, citizen)

    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"q": "rue"})
    assert len(response.context["page_obj"]) == 40
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_it_stays_within_a_fixed_query_budget(
    client, supervisor, agent, citizen, category, django_assert_max_num_queries
):
    fill(category, 40, agent, citizen)
    client.force_login(supervisor)

    # Session, user, the filter choices, the count and the page: nothing per row.
    with django_assert_max_num_queries(10):
        client.get(URL, {"kind": Kind.COMPLAINT, "sort": "-created"})
