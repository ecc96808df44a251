"""The confirmation page after filing: reference, service, expected date, tracking link, once."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import override

from requests_app.models import Kind, Ticket
from requests_app.views_citizen import CREATED_TICKET_COOKIE, CREATED_TICKET_COOKIE_SALT

NEW = reverse("requests_app:new_ticket")
CREATED = reverse("requests_app:ticket_created")


def created_token(client) -> str:
    """The tracking token the form handed to the confirmation page (in its signed cookie)."""
    request = RequestFactory().get(CREATED)
    request.COOKIES[CREATED_TICKET_COOKIE] = client.cookies[CREATED_TICKET_COOKIE].value
    return request.get_signed_cookie(CREATED_TICKET_COOKIE, salt=CREATED_TICKET_COOKIE_SALT)


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def filed(client, category):
    client.post(
        NEW,
        {
            "kind": Kind.REPORT,
            "category": category.pk,
            "subject": "Banc cassé square Victor-Hugo",
            "description": "Une planche du banc est fendue.",
            "contact_name": "Claude Bernard",
            "contact_email": "claude@example.fr",
            "consent": "on",
        },
    )
    return Ticket.objects.get()


def test_it_shows_the_reference_service_date_and_tracking_link(client, filed):
    token = created_token(client)

    response = client.get(CREATED)

    assert response.status_code == 200
    assert filed.reference in response.text
    assert "Voirie" in response.text
    with override("en"):
        assert date_format(filed.due_date, "DATE_FORMAT") in response.text
    tracking_url = settings.SITE_URL + reverse("requests_app:track", args=[token])
    assert f'href="{tracking_url}"' in response.text
    assert "no-cache" in response["Cache-Control"]


def test_it_shows_the_token_only_once(client, filed):
    client.get(CREATED)

    response = client.get(CREATED)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:home")
    assert "requests_app:created_ticket" not in client.session
    assert not client.cookies[CREATED_TICKET_COOKIE].value


def test_it_sends_people_who_filed_nothing_home(client, db):
    response = client.get(CREATED)

    assert response.status_code == 302
    assert response.url == reverse("requests_app:home")


def test_it_opens_the_ticket_with_the_link_shown(client, filed):
    token = created_token(client)

    response = client.get(reverse("requests_app:track", args=[token]))

    assert response.status_code == 200
    assert response.context["ticket"] == filed
