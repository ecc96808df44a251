"""POST requests: an application files a report; the ticket opens at once, on the API channel."""

from urllib.parse import urlencode

import pytest

from interop.models import ApiKey, Scope
from requests_app.models import Channel, Kind, Ticket, TicketEvent

from .conftest import API_KEY, BASE, json_of, xml_of

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded; charset=utf-8"


def post_form(client, path, data):
    """POST as the specification shows it: form-encoded, attribute[code][]=… repeated."""
    return client.post(BASE + path, urlencode(data, doseq=True), content_type=FORM)


def report(**extra):
    return {
        "api_key": API_KEY,
        "service_code": "nid-de-poule",
        "lat": "47.412300",
        "long": "1.062800",
        "address_string": "12 rue Pasteur, 45000 Bourg-sur-Loire",
        "description": "Un trou profond s'est formé devant l'école ; les vélos l'évitent de justesse.",
        "attribute[profondeur]": "12,5",
        "attribute[genes][]": ["pietons", "velos"],
        **extra,
    }


def test_it_opens_a_ticket_and_answers_with_its_reference_in_xml(client, api_key, questions):
    response = post_form(client, "requests.xml", report(first_name="Jeanne", last_name="Dupré", email="j@example.fr"))

    assert response.status_code == 200
    root = xml_of(response)
    assert root.tag == "service_requests"
    requests = root.findall("request")
    assert len(requests) == 1
    ticket = Ticket.objects.get()
    assert requests[0].findtext("service_request_id") == ticket.reference
    assert requests[0].find("token") is None
    assert requests[0].findtext("service_notice")
    assert ticket.channel == Channel.API
    assert ticket.kind == Kind.REPORT
    assert ticket.category.service_code == "nid-de-poule"
    assert ticket.contact_name == "Jeanne Dupré"
    assert ticket.contact_email == "j@example.fr"
    assert ticket.address == "12 rue Pasteur, 45000 Bourg-sur-Loire"
    assert str(ticket.latitude) == "47.412300"
    assert ticket.attributes == {"profondeur": 12.5, "genes": ["pietons", "velos"]}
    assert ticket.description.startswith("Un trou profond")
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.kind, event.channel) == (TicketEvent.Kind.CREATED, Channel.API)


def test_it_answers_in_json_with_a_one_element_array(client, api_key, questions):
    data = json_of(post_form(client, "requests.json", report()))

    assert len(data) == 1
    assert data[0]["service_request_id"] == Ticket.objects.get().reference
    assert "token" not in data[0]


def test_it_accepts_multipart_form_data(client, api_key, questions):
    response = client.post(BASE + "requests.json", report())

    assert response.status_code == 200
    assert Ticket.objects.get().attributes["genes"] == ["pietons", "velos"]


def test_it_accepts_an_address_alone_as_the_location(client, api_key, questions):
    data = report(lat="", long="")

    response = post_form(client, "requests.json", data)

    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert ticket.latitude is None
    assert ticket.address == "12 rue Pasteur, 45000 Bourg-sur-Loire"


def test_it_files_an_anonymous_report_in_the_name_of_the_application(client, api_key, questions):
    post_form(client, "requests.json", report())

    ticket = Ticket.objects.get()
    assert ticket.contact_name == "Application DansMaRue (Open311)"
    assert ticket.contact_email == ""


def test_it_records_when_the_key_was_last_used(client, api_key, questions):
    post_form(client, "requests.json", report())

    assert ApiKey.objects.get(pk=api_key.pk).last_used_at is not None


def test_it_keeps_french_text_and_the_media_link(client, api_key, questions):
    text = "Chaussée déformée « en cuvette » près du lycée — l'eau y stagne après l'averse. Œuvre d'été ?"
    post_form(client, "requests.json", report(description=text, media_url="https://photos.example/nid.jpg"))

    ticket = Ticket.objects.get()
    assert ticket.description == text
    assert ticket.media_url == "https://photos.example/nid.jpg"


def test_it_accepts_the_configured_jurisdiction(client, api_key, questions, settings):
    settings.OPEN311_JURISDICTION_ID = "bourg-sur-loire.example"

    response = post_form(client, "requests.json", report(jurisdiction_id="bourg-sur-loire.example"))

    assert response.status_code == 200


def test_it_lets_a_key_file_in_a_category_given_to_it_alone(client, other_category):
    key = ApiKey(name="Signalements citoyens", scopes=[Scope.OPEN311_FILE])
    key.set_key("rc_other_application_key")
    key.save()
    key.categories.add(other_category)

    response = post_form(
        client,
        "requests.json",
        {"api_key": "rc_other_application_key", "service_code": "acte-naissance", "lat": "47.4", "long": "1.06"},
    )

    assert response.status_code == 200
    assert Ticket.objects.get().category == other_category
