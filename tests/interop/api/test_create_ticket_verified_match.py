"""The API files a request under an account only when that account has verified the details given."""

from django.utils import timezone

from requests_app.models import Ticket
from tests.factories import UserFactory

NEW = {"subject": "Trou dans la chaussée", "description": "Devant le 3 rue des Lilas."}


def test_it_links_the_account_that_verified_the_number(api, category):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())

    response = api.post(
        "/api/v1/tickets/", {**NEW, "category": category.pk, "contact_phone": "06 12 34 56 78"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["citizen"] == holder.pk
    assert Ticket.objects.get().citizen == holder


def test_it_links_no_account_that_only_claims_the_number_or_the_address(api, category):
    UserFactory(phone="+33612345678")
    UserFactory(email="sasha@example.fr", email_verified_at=None)

    by_phone = api.post(
        "/api/v1/tickets/", {**NEW, "category": category.pk, "contact_phone": "06 12 34 56 78"}, format="json"
    )
    by_email = api.post(
        "/api/v1/tickets/", {**NEW, "category": category.pk, "contact_email": "sasha@example.fr"}, format="json"
    )

    assert (by_phone.status_code, by_email.status_code) == (201, 201)
    assert by_phone.json()["citizen"] is None
    assert by_email.json()["citizen"] is None
    assert not Ticket.objects.filter(citizen__isnull=False).exists()


def test_its_schema_says_only_verified_details_link(anonymous_api):
    schema = anonymous_api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    assert schema.status_code == 200
    text = schema.content.decode()
    assert "has verified the e-mail address or the phone number" in text
