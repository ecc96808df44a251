"""The verification pages work on the signed-in person's own number only."""

from django.urls import reverse

from accounts.models import PhoneChallenge
from tests.factories import UserFactory

from .texted_codes import last_code_texted

PHONE = reverse("accounts:phone")
VERIFY = reverse("accounts:phone_verify")
SEND = reverse("accounts:phone_send_code")


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    for response in (client.get(PHONE), client.get(VERIFY), client.post(SEND), client.post(VERIFY, {"code": "1"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_it_refuses_a_get_on_the_sending_action(client, citizen):
    client.force_login(citizen)

    assert client.get(SEND).status_code == 405


def test_someone_elses_code_verifies_nothing(client, db):
    holder = UserFactory(email="titulaire@example.fr", phone="+33612345678")
    intruder = UserFactory(email="intrus@example.fr", phone="+33712345678")
    client.force_login(holder)
    client.post(SEND)
    code = last_code_texted()
    client.logout()
    client.force_login(intruder)

    page = client.get(VERIFY)
    response = client.post(VERIFY, {"code": code})

    assert "+33612345678" not in page.text
    assert response.status_code == 400
    holder.refresh_from_db()
    intruder.refresh_from_db()
    assert holder.phone_verified_at is None
    assert intruder.phone_verified_at is None
    # The intruder's try spent none of the holder's attempts.
    assert PhoneChallenge.objects.get(user=holder).attempts == 0
