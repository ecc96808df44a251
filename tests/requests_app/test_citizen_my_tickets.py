"""The citizen's personal space: their requests, and only theirs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Kind
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory

URL = reverse("requests_app:my_tickets")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_it_lists_the_citizens_requests_only(client, citizen, other_citizen, category):
    mine = TicketFactory(category=category, citizen=citizen, contact_email="")
    theirs = TicketFactory(category=category, citizen=other_citizen, contact_email="")
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 200
    assert mine.reference in response.text
    assert theirs.reference not in response.text
    assert reverse("requests_app:my_ticket", args=[mine.reference]) in response.text
    assert '<th scope="col">' in response.text


def test_it_marks_complaints(client, citizen, category):
    complaint = TicketFactory(category=category, citizen=citizen, contact_email="", kind=Kind.COMPLAINT)
    client.force_login(citizen)

    response = client.get(URL)

    row = response.text.split(complaint.reference, 1)[1].split("</tr>", 1)[0]
    assert "badge-complaint" in row


def test_it_paginates(client, citizen, category):
    tickets = [TicketFactory(category=category, citizen=citizen, contact_email="") for _ in range(21)]
    client.force_login(citizen)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == 20
    assert [t.pk for t in second.context["page"].object_list] == [tickets[0].pk]


def test_it_does_not_run_more_queries_for_more_tickets(client, citizen, category, django_assert_max_num_queries):
    for _ in range(3):
        TicketFactory(category=category, citizen=citizen, contact_email="")
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(27):
        TicketFactory(category=category, citizen=citizen, contact_email="")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)

    assert response.status_code == 200


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["agent", "supervisor", "manager", "administrator"])
def test_it_refuses_staff(client, persona, request):
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    response = client.get(URL)

    assert response.status_code == 403
