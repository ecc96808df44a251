"""The request form's per-person limit: a signed-in citizen counts as their account; files are
named as not kept when a limited form comes back."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import Ticket
from tests.requests_app.test_citizen_file_request import anonymous_form

URL = reverse("requests_app:new_ticket")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def citizen_form(category):
    return {
        "kind": "report",
        "category": category.pk,
        "subject": "Banc cassé au square",
        "description": "Une planche du banc est cassée.",
        "address": "",
    }


def test_it_limits_a_signed_in_citizen_by_account(client, citizen, category, limit):
    limit("filing", identity="1/day")
    client.force_login(citizen)
    assert client.post(URL, citizen_form(category), REMOTE_ADDR="203.0.113.10").status_code == 302

    response = client.post(URL, citizen_form(category), REMOTE_ADDR="203.0.113.20")

    assert response.status_code == 429
    assert 'value="Banc cassé au square"' in response.text
    assert Ticket.objects.filter(citizen=citizen).count() == 1


def test_it_limits_a_person_without_an_account_by_phone_number(client, category, limit):
    limit("filing", identity="1/day")
    by_phone = anonymous_form(category, contact_email="", contact_phone="06 12 34 56 78")
    assert client.post(URL, by_phone, REMOTE_ADDR="203.0.113.10").status_code == 302

    response = client.post(URL, {**by_phone, "contact_phone": "06.12.34.56.78"}, REMOTE_ADDR="203.0.113.20")

    assert response.status_code == 429
    assert Ticket.objects.count() == 1


def test_it_says_the_files_must_be_chosen_again(client, category, limit):
    limit("filing", address="1/day")
    assert client.post(URL, anonymous_form(category), REMOTE_ADDR="203.0.113.10").status_code == 302
    photo = SimpleUploadedFile("trou.png", PNG, content_type="image/png")

    response = client.post(URL, {**anonymous_form(category), "attachments": photo}, REMOTE_ADDR="203.0.113.10")

    assert response.status_code == 429
    assert "Les fichiers ne peuvent pas être conservés" in response.text
