"""Home, personal-data and accessibility pages: open to everyone, saying what they must."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, ServiceFactory


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_it_lists_what_one_can_ask_by_service(client, category, other_category):
    closed_service = ServiceFactory(name="Service fermé", slug="ferme", is_active=False)
    CategoryFactory(service=closed_service, name="Demande d'un service fermé")
    CategoryFactory(service=category.service, name="Catégorie retirée", is_active=False)

    response = client.get(reverse("requests_app:home"))

    assert response.status_code == 200
    text = response.text
    assert "Voirie" in text and "État civil" in text
    assert "Nid-de-poule" in text and "Acte de naissance" in text
    assert "Answer within 5 business days" in text
    assert f"?categorie={category.service_code}" in text
    assert "Service fermé" not in text
    assert "Catégorie retirée" not in text
    assert reverse("requests_app:new_ticket") in text
    assert reverse("requests_app:find_ticket") in text


def test_it_explains_the_processing_of_personal_data(client, db):
    response = client.get(reverse("requests_app:privacy"))

    assert response.status_code == 200
    for needed in ("public service", "CNIL", "three years", "Article 6(1)(e)"):
        assert needed in response.text


def test_it_publishes_the_accessibility_statement(client, db):
    response = client.get(reverse("requests_app:accessibility"))

    assert response.status_code == 200
    for needed in ("RGAA", "partially compliant", "Défenseur des droits"):
        assert needed in response.text
