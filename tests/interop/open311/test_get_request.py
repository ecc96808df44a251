"""GET requests/{service_request_id}: one published report, or the specification's 404."""

import pytest

from requests_app.models import Kind
from tests.factories import TicketFactory

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db


def test_it_gives_one_request_in_a_one_element_list(client, category):
    ticket = TicketFactory(category=category, resolved=True)

    root = xml_of(client.get(BASE + f"requests/{ticket.reference}.xml"))

    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert request.findtext("service_request_id") == ticket.reference
    assert request.findtext("status") == "closed"
    assert request.find("expected_datetime").text is None


def test_it_gives_the_expected_date_of_an_open_request(client, category):
    ticket = TicketFactory(category=category)

    (row,) = json_of(client.get(BASE + f"requests/{ticket.reference}.json"))

    assert row["expected_datetime"].startswith(ticket.due_date.isoformat() + "T23:59:59+")


def test_it_answers_404_for_an_unknown_reference(client, category):
    response = client.get(BASE + "requests/2026-999999.xml", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert error_descriptions(response) == ["service_request_id “2026-999999” was not found."]


def test_it_answers_404_for_a_request_that_is_not_a_report(client, category):
    question = TicketFactory(category=category, kind=Kind.INFORMATION)

    response = client.get(BASE + f"requests/{question.reference}.json")

    assert response.status_code == 404
    assert json_of(response) == [{"code": 404, "description": json_of(response)[0]["description"]}]
