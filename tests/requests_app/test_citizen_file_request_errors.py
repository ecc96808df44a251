"""A faulty request form comes back with its errors, what was typed, and nothing created."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from requests_app.models import Attachment, Kind, Ticket, TicketEvent
from tests.factories import CategoryFactory

URL = reverse("requests_app:new_ticket")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def anonymous_form(chosen, **overrides):
    data = {
        "kind": Kind.REPORT,
        "category": chosen.pk,
        "subject": "Lampadaire éteint rue Pasteur",
        "description": "Le lampadaire devant le 4 ne s'allume plus depuis lundi.",
        "address": "4 rue Pasteur",
        "contact_name": "Claude Bernard",
        "contact_email": "claude@example.fr",
        "contact_phone": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def assert_nothing_created():
    assert not Ticket.objects.exists()
    assert not TicketEvent.objects.exists()
    assert not Attachment.objects.exists()
    assert not Notification.objects.exists()


def test_it_refuses_missing_fields_and_keeps_the_rest(client, category):
    response = client.post(URL, anonymous_form(category, subject="", description=""))

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"subject", "description"}
    assert 'id="error-summary"' in response.text
    assert 'href="#id_subject"' in response.text
    assert 'value="4 rue Pasteur"' in response.text
    assert 'value="Claude Bernard"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert_nothing_created()


def test_it_refuses_an_oversized_subject(client, category):
    response = client.post(URL, anonymous_form(category, subject="x" * 201))

    assert response.status_code == 400
    assert "subject" in response.context["form"].errors
    assert "Le lampadaire devant le 4" in response.text
    assert_nothing_created()


def test_it_requires_the_data_notice_to_be_acknowledged(client, category):
    data = anonymous_form(category)
    del data["consent"]

    response = client.post(URL, data)

    assert response.status_code == 400
    assert "consent" in response.context["form"].errors
    assert_nothing_created()


def test_it_needs_an_e_mail_or_a_phone_number(client, category):
    response = client.post(URL, anonymous_form(category, contact_email="", contact_phone=""))

    assert response.status_code == 400
    assert "contact_email" in response.context["form"].errors
    assert_nothing_created()


def test_it_refuses_a_phone_number_that_is_not_one(client, category):
    response = client.post(URL, anonymous_form(category, contact_email="", contact_phone="call me maybe"))

    assert response.status_code == 400
    assert "contact_phone" in response.context["form"].errors
    assert_nothing_created()


def test_it_refuses_a_forged_category(client, category):
    response = client.post(URL, anonymous_form(category, category="999999"))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors
    assert_nothing_created()


def test_it_refuses_an_inactive_category(client, category):
    retired = CategoryFactory(service=category.service, is_active=False)

    response = client.post(URL, anonymous_form(category, category=retired.pk))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors
    assert_nothing_created()


def test_it_requires_a_category_when_there_is_no_reception_service(client, category):
    response = client.post(URL, anonymous_form(category, category=""))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors
    assert_nothing_created()


def test_it_refuses_an_unknown_kind(client, category):
    response = client.post(URL, anonymous_form(category, kind="lawsuit"))

    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    assert_nothing_created()
