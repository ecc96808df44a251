"""GET requests publishes only the reports of the categories the town made public."""

import pytest

from tests.factories import CategoryFactory, TicketFactory

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def noise(service):
    """Neighbourhood noise: a report, but about people; the town keeps it private."""
    return CategoryFactory(service=service, name="Nuisances sonores", service_code="nuisances-sonores")


def test_it_lists_only_the_reports_of_public_categories(client, category, noise):
    pothole = TicketFactory(category=category)
    TicketFactory(category=noise)

    listed = [row["service_request_id"] for row in json_of(client.get(BASE + "requests.json"))]
    root = xml_of(client.get(BASE + "requests.xml"))

    assert listed == [pothole.reference]
    assert [request.findtext("service_request_id") for request in root.findall("request")] == [pothole.reference]


def test_it_answers_404_for_a_report_of_a_private_category(client, noise):
    ticket = TicketFactory(category=noise)

    response = client.get(BASE + f"requests/{ticket.reference}.xml", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert error_descriptions(response) == [f"service_request_id “{ticket.reference}” was not found."]


def test_it_leaves_a_private_category_out_even_when_asked_by_id_or_code(client, category, noise):
    pothole = TicketFactory(category=category)
    hidden = TicketFactory(category=noise)

    by_id = json_of(
        client.get(BASE + "requests.json", {"service_request_id": f"{pothole.reference},{hidden.reference}"})
    )
    by_code = json_of(client.get(BASE + "requests.json", {"service_code": "nuisances-sonores"}))

    assert [row["service_request_id"] for row in by_id] == [pothole.reference]
    assert by_code == []


def test_it_stops_publishing_when_the_town_makes_a_category_private(client, category):
    ticket = TicketFactory(category=category)
    category.is_public = False
    category.save()

    assert client.get(BASE + f"requests/{ticket.reference}.json").status_code == 404
    assert json_of(client.get(BASE + "requests.json")) == []


def test_it_publishes_no_update_of_a_private_category(client, noise, agent):
    TicketFactory(category=noise, agent=agent, resolved=True)

    assert json_of(client.get(BASE + "servicerequestupdates.json")) == []
