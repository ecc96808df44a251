"""GET discovery: where the GeoReport v2 endpoint is and which formats it speaks."""

from .conftest import BASE, json_of, xml_of


def test_it_describes_the_endpoint_in_xml(client, settings):
    settings.SITE_URL = "https://demarches.bourg-sur-loire.example"
    response = client.get(BASE + "discovery.xml")

    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.findtext("url") == "https://demarches.bourg-sur-loire.example/open311/v2"
    assert endpoint.findtext("type") == "production"
    assert [item.text for item in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


def test_it_describes_the_endpoint_in_json(client):
    data = json_of(client.get(BASE + "discovery.json"))

    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    assert data["endpoints"][0]["changeset"] == data["changeset"]
