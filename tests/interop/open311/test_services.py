"""GET services: the categories an application may report problems in."""

import pytest

from requests_app.models import Kind
from tests.factories import CategoryFactory, ServiceFactory

from .conftest import BASE, json_of, xml_of

pytestmark = pytest.mark.django_db

SERVICE_ELEMENTS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]


def test_it_lists_active_report_categories_in_xml(client, category, questions):
    CategoryFactory(service=category.service, name="Candélabre éteint", service_code="eclairage")

    root = xml_of(client.get(BASE + "services.xml"))

    assert root.tag == "services"
    services = root.findall("service")
    assert [service.findtext("service_code") for service in services] == ["eclairage", "nid-de-poule"]
    pothole = services[1]
    assert [child.tag for child in pothole] == SERVICE_ELEMENTS
    assert pothole.findtext("service_name") == "Nid-de-poule"
    assert pothole.findtext("metadata") == "true"
    assert services[0].findtext("metadata") == "false"
    assert pothole.findtext("type") == "realtime"
    assert pothole.findtext("group") == "Voirie"


def test_it_leaves_out_inactive_categories_questions_and_closed_services(client, category):
    CategoryFactory(service=category.service, service_code="ancienne", is_active=False)
    CategoryFactory(service=category.service, service_code="question-voirie", kind=Kind.INFORMATION)
    CategoryFactory(service=ServiceFactory(is_active=False), service_code="service-ferme")

    data = json_of(client.get(BASE + "services.json"))

    assert [service["service_code"] for service in data] == ["nid-de-poule"]
    assert data[0]["metadata"] is False


def test_it_lists_services_with_a_constant_number_of_queries(client, django_assert_max_num_queries, service):
    for number in range(15):
        category = CategoryFactory(service=service, service_code=f"code-{number}")
        category.fields.create(code="taille", label="Taille", datatype="string")
    with django_assert_max_num_queries(3):
        data = json_of(client.get(BASE + "services.json"))
    assert len(data) == 15
