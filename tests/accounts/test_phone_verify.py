"""Typing the texted code verifies the account's number; changing the number drops the proof."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.lookup import find_citizen
from accounts.models import PhoneChallenge, User
from accounts.tokens import email_verification_token, encode_uid
from tests.factories import UserFactory

from .texted_codes import last_code_texted

PHONE = reverse("accounts:phone")
VERIFY = reverse("accounts:phone_verify")
SEND = reverse("accounts:phone_send_code")


def test_it_verifies_the_number_with_the_texted_code(client, db):
    holder = UserFactory(phone="+33612345678")
    client.force_login(holder)
    client.post(SEND)

    response = client.post(VERIFY, {"code": last_code_texted()})

    assert response.status_code == 302
    assert response["Location"] == PHONE
    holder.refresh_from_db()
    assert holder.phone_verified_at is not None
    assert not PhoneChallenge.objects.exists()
    assert any("vérifié" in str(m) for m in get_messages(response.wsgi_request))


def test_it_leads_a_new_number_to_its_verification(client, citizen):
    client.force_login(citizen)

    response = client.post(PHONE, {"phone": "06 12 34 56 78"})

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    citizen.refresh_from_db()
    assert (citizen.phone, citizen.phone_verified_at) == ("+33612345678", None)
    assert last_code_texted()  # a code went at once
    page = client.get(VERIFY)
    assert "+33612345678" in page.text
    assert 'autocomplete="one-time-code"' in page.text


def test_changing_the_number_drops_its_verification(client, db):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    client.force_login(holder)

    client.post(PHONE, {"phone": "07 11 22 33 44"})

    holder.refresh_from_db()
    assert (holder.phone, holder.phone_verified_at) == ("+33711223344", None)


def test_the_same_number_written_otherwise_stays_verified(client, db):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    client.force_login(holder)

    response = client.post(PHONE, {"phone": "06.12.34.56.78"})

    assert response["Location"] == PHONE
    holder.refresh_from_db()
    assert holder.phone_verified_at is not None


def test_it_removes_the_number(client, db):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    client.force_login(holder)

    client.post(PHONE, {"phone": ""})

    holder.refresh_from_db()
    assert (holder.phone, holder.phone_verified_at) == ("", None)


def test_it_refuses_junk_beside_the_field(client, citizen):
    client.force_login(citizen)

    response = client.post(PHONE, {"phone": "appelez-moi"})

    assert response.status_code == 400
    assert "Saisissez un numéro de téléphone valide" in response.text
    assert 'aria-invalid="true"' in response.text
    citizen.refresh_from_db()
    assert citizen.phone == ""


def test_verifying_a_number_unverifies_it_on_any_other_account(client, db):
    former = UserFactory(email="ancien@example.fr", phone="+33612345678", phone_verified_at=timezone.now())
    holder = UserFactory(phone="+33612345678")
    client.force_login(holder)
    client.post(SEND)

    client.post(VERIFY, {"code": last_code_texted()})

    former.refresh_from_db()
    holder.refresh_from_db()
    assert former.phone_verified_at is None
    assert holder.phone_verified_at is not None


def test_the_sign_up_number_is_to_be_verified_after_the_e_mail(client, db):
    user = User.objects.create_user(email="sasha@example.fr", password="x", phone="+33612345678")
    url = reverse("accounts:verify_email", args=[encode_uid(user), email_verification_token.make_token(user)])

    response = client.post(url)

    assert response["Location"] == VERIFY


def test_a_number_saved_before_e164_is_verified_and_kept_as_lookups_compare_it(client, db):
    holder = UserFactory(phone="06 12 34 56 78")
    client.force_login(holder)
    client.post(SEND)

    client.post(VERIFY, {"code": last_code_texted()})

    holder.refresh_from_db()
    assert (holder.phone, holder.phone_verified_at is not None) == ("+33612345678", True)
    assert find_citizen(phone="06 12 34 56 78") == holder
