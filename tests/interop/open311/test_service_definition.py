"""GET services/{service_code}: the questions a category asks, as Open311 attributes."""

import pytest

from .conftest import BASE, error_descriptions, json_of, xml_of

pytestmark = pytest.mark.django_db

ATTRIBUTE_ELEMENTS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
]


def test_it_gives_the_attributes_in_xml(client, category, questions):
    root = xml_of(client.get(BASE + "services/nid-de-poule.xml"))

    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "nid-de-poule"
    attributes = root.findall("attributes/attribute")
    assert [attribute.findtext("code") for attribute in attributes] == ["profondeur", "genes"]
    depth, hindered = attributes
    assert [child.tag for child in depth] == ATTRIBUTE_ELEMENTS
    assert depth.findtext("variable") == "true"
    assert depth.findtext("datatype") == "number"
    assert depth.findtext("required") == "true"
    assert depth.findtext("order") == "1"
    assert depth.findtext("description") == "Profondeur approximative (cm)"
    assert depth.findtext("datatype_description") == "Une estimation suffit."
    assert hindered.findtext("datatype") == "multivaluelist"
    assert hindered.findtext("required") == "false"
    values = [(value.findtext("key"), value.findtext("name")) for value in hindered.findall("values/value")]
    assert values == [("pietons", "Piétons"), ("velos", "Cyclistes"), ("voitures", "Automobilistes")]


def test_it_gives_the_attributes_in_json(client, category, questions):
    data = json_of(client.get(BASE + "services/nid-de-poule.json"))

    assert data["service_code"] == "nid-de-poule"
    assert [attribute["code"] for attribute in data["attributes"]] == ["profondeur", "genes"]
    assert data["attributes"][0]["required"] is True
    assert data["attributes"][0]["values"] == []
    assert data["attributes"][1]["values"][0] == {"key": "pietons", "name": "Piétons"}


def test_it_answers_404_for_an_unknown_service_code(client, category):
    response = client.get(BASE + "services/inconnu.xml", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert error_descriptions(response) == ["service_code “inconnu” was not found."]


def test_it_answers_404_for_a_category_that_is_not_a_report(client, other_category):
    other_category.kind = "information"
    other_category.save()

    response = client.get(BASE + "services/acte-naissance.json")

    assert response.status_code == 404
    assert json_of(response)[0]["code"] == 404
