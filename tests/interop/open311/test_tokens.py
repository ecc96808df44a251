"""GET tokens/{token}: requests are created at once, so no token exists to look up."""

import pytest

from .conftest import BASE, error_descriptions, json_of

pytestmark = pytest.mark.django_db


def test_it_answers_404_in_the_error_format(client):
    response = client.get(BASE + "tokens/12345.xml", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert error_descriptions(response) == ["token “12345” was not found."]


def test_it_answers_404_in_json_too(client):
    response = client.get(BASE + "tokens/abc.json")

    assert response.status_code == 404
    assert json_of(response)[0]["code"] == 404
