from accounts.models import ExternalIdentity, Role, User

from .helpers import page_text, sign_in


def test_it_creates_a_citizen_account_named_after_the_identity(client, franceconnect):
    franceconnect.logs_in(sub="fc-new", email="Alix.Durand@Example.fr", given_name="Alix", family_name="Durand")

    response = sign_in(client)

    assert response.status_code == 302
    user = User.objects.get(email="alix.durand@example.fr")
    assert (user.first_name, user.last_name, user.role) == ("Alix", "Durand", Role.CITIZEN)
    assert user.email_verified_at is not None
    assert not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    identity = ExternalIdentity.objects.get(provider="franceconnect", subject="fc-new")
    assert identity.user == user
    assert identity.last_login_at is not None


def test_it_asks_for_the_configured_scopes_and_acr_values_with_a_long_state_and_nonce(client, franceconnect):
    sign_in(client)

    authorize = [entry for entry in franceconnect.log() if entry["endpoint"] == "authorize"][-1]["args"]
    assert authorize["scope"] == "openid email given_name family_name"
    assert authorize["acr_values"] == "eidas1"
    assert authorize["client_id"] == "rc-franceconnect"
    assert authorize["redirect_uri"] == "http://testserver/compte/franceconnect/retour/"
    assert len(authorize["state"]) >= 32
    assert len(authorize["nonce"]) >= 32


def test_it_refuses_an_identity_without_an_email_address(client, franceconnect):
    franceconnect.logs_in(sub="fc-no-mail", email="")

    response = sign_in(client)

    assert response.status_code == 400
    assert "n'a pas fourni d'adresse électronique" in page_text(response)
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_it_follows_a_safe_next_and_ignores_another_site(client, franceconnect):
    response = sign_in(client, next="/demandes/2026-000001/")

    assert response["Location"] == "/demandes/2026-000001/"

    client.logout()
    response = sign_in(client, next="https://evil.example/")

    assert response["Location"] == "/compte/redirection/"
