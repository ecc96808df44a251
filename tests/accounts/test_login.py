from django.urls import reverse

from .helpers import PASSWORD, unverified_citizen

URL = reverse("accounts:login")


def test_it_shows_an_email_field_with_autocomplete(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'for="id_username"' in response.text
    assert 'type="email"' in response.text
    assert 'autocomplete="email"' in response.text
    assert 'autocomplete="current-password"' in response.text


def test_it_logs_in_whatever_the_case_of_the_address(client, citizen):
    response = client.post(URL, {"username": "CAMILLE@Example.FR", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:after_login")
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_it_refuses_a_wrong_password_and_keeps_the_address(client, citizen):
    response = client.post(URL, {"username": "camille@example.fr", "password": "pas le bon"})

    assert response.status_code == 400
    assert 'value="camille@example.fr"' in response.text
    assert "pas le bon" not in response.text
    assert 'id="error-summary"' in response.text
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_invalid_address(client, db):
    response = client.post(URL, {"username": "camille", "password": PASSWORD})

    assert response.status_code == 400
    assert "username" in response.context["form"].errors


def test_it_refuses_an_unverified_citizen_and_offers_a_new_link(client, db):
    unverified_citizen()

    response = client.post(URL, {"username": "sasha@example.fr", "password": PASSWORD})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert response.context["form"].has_error("__all__", code="unverified")
    assert reverse("accounts:resend_verification") in response.text
    assert 'name="email" value="sasha@example.fr"' in response.text


def test_it_lets_in_staff_whose_address_an_administrator_vouched_for(client, agent):
    agent.email_verified_at = None
    agent.save()

    response = client.post(URL, {"username": "agent@mairie.example", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(agent.pk)


def test_it_refuses_a_deactivated_account(client, citizen):
    citizen.is_active = False
    citizen.save()

    response = client.post(URL, {"username": "camille@example.fr", "password": PASSWORD})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_it_follows_a_safe_next_first(client, citizen):
    response = client.post(
        URL + "?next=/demandes/2026-000001/", {"username": "camille@example.fr", "password": PASSWORD}
    )

    assert response["Location"] == "/demandes/2026-000001/"


def test_it_ignores_a_next_to_another_site(client, citizen):
    data = {"username": "camille@example.fr", "password": PASSWORD, "next": "https://evil.example/"}

    response = client.post(URL, data)

    assert response["Location"] == reverse("accounts:after_login")
