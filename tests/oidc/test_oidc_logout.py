"""A session opened through a provider ends there too (RP-initiated logout)."""

from urllib.parse import parse_qs, urlsplit

import requests
from django.urls import reverse

from tests.accounts.helpers import PASSWORD

from .conftest import free_port
from .helpers import page_text, sign_in

LOGOUT = reverse("accounts:logout")


def test_it_ends_the_session_at_the_provider_and_comes_back_home(client, franceconnect):
    sign_in(client)
    id_token = client.session["oidc_id_token"]

    response = client.post(LOGOUT)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == f"{franceconnect.issuer}/session/end"
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/compte/franceconnect/deconnexion/"]
    back = requests.get(response["Location"], allow_redirects=False, timeout=10)
    location = urlsplit(back.headers["Location"])
    done = client.get(f"{location.path}?{location.query}", follow=True)
    assert done.redirect_chain[0] == ("/", 302)
    assert "Vous êtes déconnecté, ici et sur FranceConnect." in page_text(done)


def test_it_refuses_a_return_with_another_state(client, franceconnect):
    sign_in(client)
    client.post(LOGOUT)

    response = client.get("/compte/franceconnect/deconnexion/?state=forged")

    assert response.status_code == 400


def test_it_signs_out_here_when_the_provider_is_down(client, franceconnect, settings):
    sign_in(client)
    settings.FRANCECONNECT_DISCOVERY_URL = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:home")
    assert "_auth_user_id" not in client.session


def test_it_leaves_a_password_session_logout_unchanged(client, franceconnect, citizen):
    client.post(reverse("accounts:login"), {"username": "camille@example.fr", "password": PASSWORD})

    response = client.post(LOGOUT)

    assert response["Location"] == reverse("requests_app:home")
    assert not [entry for entry in franceconnect.log() if entry["endpoint"] == "end_session"]
