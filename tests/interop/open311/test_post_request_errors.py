"""POST requests refused: the specification's error document, the right status, and no ticket."""

from urllib.parse import urlencode

import pytest

from interop.models import ApiKey
from requests_app.models import Ticket
from tests.factories import CategoryFactory

from .conftest import API_KEY, BASE, error_descriptions, json_of

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded; charset=utf-8"


def post(client, data, fmt="xml"):
    return client.post(
        BASE + f"requests.{fmt}", urlencode(data, doseq=True), content_type=FORM, HTTP_ACCEPT_LANGUAGE="en"
    )


def report(**extra):
    data = {
        "api_key": API_KEY,
        "service_code": "nid-de-poule",
        "lat": "47.4123",
        "long": "1.0628",
        "attribute[profondeur]": "8",
    }
    data.update(extra)
    return {name: value for name, value in data.items() if value is not None}


def refused(client, data, status, fmt="xml") -> list[str]:
    response = post(client, data, fmt)
    assert response.status_code == status
    assert not Ticket.objects.exists()
    return error_descriptions(response) if fmt == "xml" else [error["description"] for error in json_of(response)]


def test_it_answers_400_without_an_api_key(client, api_key, questions):
    assert refused(client, report(api_key=None), 400) == ["api_key was not provided."]


def test_it_answers_403_for_a_wrong_api_key(client, api_key, questions):
    assert refused(client, report(api_key="rc_not_a_key"), 403) == ["api_key is not valid."]


def test_it_answers_403_for_a_disabled_api_key(client, api_key, questions):
    ApiKey.objects.filter(pk=api_key.pk).update(is_active=False)

    assert refused(client, report(), 403) == ["api_key is not valid."]


def test_it_answers_403_when_the_key_may_not_file_in_the_category(client, api_key, other_category):
    descriptions = refused(client, report(service_code="acte-naissance"), 403)

    assert descriptions == ["This api_key may not file requests in service_code “acte-naissance”."]


def test_it_answers_404_for_another_jurisdiction(client, api_key, questions, settings):
    settings.OPEN311_JURISDICTION_ID = "bourg-sur-loire.example"

    descriptions = refused(client, report(jurisdiction_id="sfgov.org"), 404)

    assert "sfgov.org" in descriptions[0]


def test_it_answers_400_without_a_service_code(client, api_key):
    assert refused(client, report(service_code=None), 400) == ["service_code was not provided."]


def test_it_answers_404_for_an_unknown_or_inactive_service_code(client, api_key, service):
    CategoryFactory(service=service, service_code="ferme", is_active=False)

    assert refused(client, report(service_code="ferme"), 404) == ["service_code “ferme” was not found."]


def test_it_answers_400_without_a_location(client, api_key, questions):
    descriptions = refused(client, report(lat=None, long=None), 400)

    assert descriptions == ["A location is required: lat and long, address_string or address_id."]


def test_it_answers_400_for_a_latitude_without_longitude(client, api_key, questions):
    assert refused(client, report(long=None), 400) == ["lat and long must be sent together."]


def test_it_answers_400_for_coordinates_out_of_range(client, api_key, questions):
    descriptions = refused(client, report(lat="123", long="abc"), 400)

    assert descriptions == [
        "lat must be a number between -90 and 90 (WGS84).",
        "long must be a number between -180 and 180 (WGS84).",
    ]


def test_it_answers_400_for_a_description_over_4000_characters(client, api_key, questions):
    descriptions = refused(client, report(description="é" * 4001), 400)

    assert descriptions == ["description may not be longer than 4000 characters (it has 4001)."]


def test_it_accepts_a_description_of_exactly_4000_characters(client, api_key, questions):
    response = post(client, report(description="é" * 4000))

    assert response.status_code == 200


def test_it_lists_every_problem_with_the_attributes(client, api_key, questions):
    descriptions = refused(
        client, report(**{"attribute[profondeur]": None, "attribute[genes][]": ["velos", "trottinettes"]}), 400, "json"
    )

    assert descriptions == [
        "attribute[profondeur]: Answer this question: Profondeur approximative (cm)",
        "attribute[genes]: “trottinettes” is not one of the possible answers.",
    ]


def test_it_answers_400_for_a_number_attribute_that_is_not_a_number(client, api_key, questions):
    descriptions = refused(client, report(**{"attribute[profondeur]": "profond"}), 400)

    assert descriptions == ["attribute[profondeur]: Enter a number, for example 3 or 2.5."]


def test_it_answers_400_for_a_bad_email_and_a_bad_media_url(client, api_key, questions):
    descriptions = refused(client, report(email="pas-une-adresse", media_url="javascript:alert(1)"), 400)

    assert descriptions == [
        "email is not a valid e-mail address.",
        "media_url must be an http or https address of at most 500 characters.",
    ]


def test_it_answers_400_for_a_null_character(client, api_key, questions):
    assert refused(client, report(description="trou\x00"), 400) == ["Null characters are not allowed."]
