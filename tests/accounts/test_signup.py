import pytest
from django.urls import reverse

from accounts.models import Role, User

from ..factories import UserFactory
from .helpers import link_in, signup_data

URL = reverse("accounts:signup")


def test_it_shows_the_form(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'autocomplete="new-password"' in response.text
    assert 'autocomplete="email"' in response.text


def test_it_creates_an_unverified_citizen_and_mails_a_verification_link(client, db, mailoutbox):
    response = client.post(URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:check_mailbox")
    user = User.objects.get()
    assert user.email == "camille.martin@example.fr"
    assert user.role == Role.CITIZEN
    assert user.is_active
    assert user.email_verified_at is None
    # Kept as lookups compare numbers, and unverified until its owner types the texted code.
    assert user.phone == "+33612345678"
    assert user.phone_verified_at is None
    assert user.check_password("un vélo rouge dans la cour")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille.martin@example.fr"]
    assert message.alternatives[0].mimetype == "text/html"
    # The link opens the confirmation page.
    assert client.get(link_in(message, "/compte/verifier/")).status_code == 200


def test_it_writes_the_mail_in_the_chosen_language(client, db, mailoutbox):
    client.post(URL, signup_data(preferred_language="en"))

    assert mailoutbox[0].subject.startswith("Confirm your e-mail address")


def test_it_shows_the_same_page_for_an_address_that_already_has_an_account(client, db, mailoutbox):
    owner = UserFactory(email="camille.martin@example.fr", first_name="Camille")

    response = client.post(URL, signup_data(first_name="Intrus"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:check_mailbox")
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.first_name == "Camille"
    assert owner.check_password("correct horse battery staple")
    # The owner is told, with the way back into their account.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["camille.martin@example.fr"]
    assert "/compte/mot-de-passe/oubli/" in mailoutbox[0].body


def test_it_offers_to_choose_a_password_when_the_existing_account_is_unverified(client, db, mailoutbox):
    UserFactory(email="camille.martin@example.fr", email_verified_at=None)

    client.post(URL, signup_data())

    # Not a verification link: that would confirm a password someone else may have chosen.
    path = link_in(mailoutbox[0], "/compte/mot-de-passe/")
    assert "/verifier/" not in mailoutbox[0].body
    assert client.get(path).status_code == 302  # Django moves the token into the session


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "un autre mot de passe long"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password2"),
        ({"password1": "camille1", "password2": "camille1"}, "password2"),
        ({"consent": ""}, "consent"),
        ({"email": "camille.martin@"}, "email"),
        ({"first_name": ""}, "first_name"),
        ({"phone": "appelez-moi"}, "phone"),
        ({"preferred_language": "tlh"}, "preferred_language"),
    ],
)
def test_it_refuses_bad_input_and_keeps_what_was_typed(client, db, overrides, field, mailoutbox):
    data = signup_data(**overrides)

    response = client.post(URL, data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'id="error-summary"' in response.text
    assert 'value="Martin"' in response.text
    assert data["password1"] not in response.text
    assert User.objects.count() == 0
    assert mailoutbox == []


def test_it_sends_a_signed_in_person_to_their_space(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:after_login")


def test_it_tells_nothing_to_the_owner_of_a_deactivated_account(client, db, mailoutbox):
    UserFactory(email="camille.martin@example.fr", is_active=False)

    response = client.post(URL, signup_data())

    assert response["Location"] == reverse("accounts:check_mailbox")
    assert User.objects.count() == 1
    assert mailoutbox == []
