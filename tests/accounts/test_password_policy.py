"""Passwords follow the CNIL's 2022 recommendation: 12 characters at least, 14 for staff."""

from django.urls import reverse

from accounts.models import Role
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import UserFactory

from .helpers import PASSWORD, signup_data

SHORT_FOR_EVERYONE = "vélo rouge!"  # 11 characters
ENOUGH_FOR_CITIZENS = "vélo rouge!!"  # 12 characters
SHORT_FOR_STAFF = "vélo rouge !!"  # 13 characters
ENOUGH_FOR_STAFF = "vélo rouge ! !"  # 14 characters


def test_it_refuses_a_sign_up_password_under_twelve_characters(client, db):
    response = client.post(
        reverse("accounts:signup"), signup_data(password1=SHORT_FOR_EVERYONE, password2=SHORT_FOR_EVERYONE)
    )

    assert response.status_code == 400
    assert "Ce mot de passe est trop court : il faut au moins 12 caractères (il en a 11)" in response.text


def test_it_accepts_a_twelve_character_sign_up_password(client, db):
    response = client.post(
        reverse("accounts:signup"), signup_data(password1=ENOUGH_FOR_CITIZENS, password2=ENOUGH_FOR_CITIZENS)
    )

    assert response.status_code == 302


def test_it_asks_fourteen_characters_of_staff_changing_their_password(client, agent):
    client.force_login(agent)
    url = reverse("accounts:password_change")

    refused = client.post(
        url, {"old_password": PASSWORD, "new_password1": SHORT_FOR_STAFF, "new_password2": SHORT_FOR_STAFF}
    )
    accepted = client.post(
        url, {"old_password": PASSWORD, "new_password1": ENOUGH_FOR_STAFF, "new_password2": ENOUGH_FOR_STAFF}
    )

    assert refused.status_code == 400
    assert "un compte du personnel de la mairie doit en avoir au moins 14 (il en a 13)" in refused.text
    assert accepted.status_code == 302


def test_it_lets_a_citizen_change_to_twelve_characters(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": ENOUGH_FOR_CITIZENS, "new_password2": ENOUGH_FOR_CITIZENS},
    )

    assert response.status_code == 302


def test_it_asks_fourteen_characters_when_the_administrator_creates_a_staff_account(client, administrator):
    log_in_with_second_factor(client, administrator)
    url = reverse("admin:accounts_user_add")
    data = {"email": "nouvel.agent@mairie.example", "role": Role.AGENT, "usable_password": "true"}

    refused = client.post(url, {**data, "password1": SHORT_FOR_STAFF, "password2": SHORT_FOR_STAFF})
    accepted = client.post(url, {**data, "password1": ENOUGH_FOR_STAFF, "password2": ENOUGH_FOR_STAFF})

    assert refused.status_code == 200
    assert "au moins 14" in refused.text
    assert accepted.status_code == 302


def test_it_asks_fourteen_characters_in_a_staff_password_reset(db):
    from django.contrib.auth.forms import SetPasswordForm

    manager = UserFactory(email="dgs@mairie.example", role=Role.MANAGER)

    form = SetPasswordForm(manager, {"new_password1": SHORT_FOR_STAFF, "new_password2": SHORT_FOR_STAFF})

    assert not form.is_valid()
    assert "au moins 14" in str(form.errors)
