"""Every answer from the provider that cannot be trusted gives a clear page, and nothing else."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from accounts.models import ExternalIdentity, User

from .conftest import free_port
from .helpers import go_to_provider, page_text, provider_answer, sign_in

NOT_VERIFIED = "n'a pas pu être vérifiée"


def assert_nothing_happened(client, response, status=400):
    assert response.status_code == status
    assert "La connexion n'a pas abouti" in page_text(response)
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "misbehaviour",
    ["wrong_nonce", "expired", "wrong_audience", "wrong_issuer", "bad_signature", "userinfo_other_sub"],
)
def test_it_refuses_an_id_token_that_does_not_pass_the_checks(client, franceconnect, misbehaviour):
    franceconnect.misbehaves(misbehaviour)

    response = sign_in(client)

    assert_nothing_happened(client, response)
    assert NOT_VERIFIED in page_text(response)


def test_it_refuses_an_answer_with_another_state(client, franceconnect):
    franceconnect.misbehaves("forge_state")

    response = sign_in(client)

    assert_nothing_happened(client, response)
    assert "n'a pas pu être vérifiée : elle a peut-être été commencée dans un autre onglet" in page_text(response)


def test_it_refuses_an_answer_meant_for_another_browser(client, franceconnect):
    callback = provider_answer(go_to_provider(client, "franceconnect"))

    # Login CSRF: someone else's browser is sent the victim's... or the attacker's own answer.
    other_browser = Client()
    response = other_browser.get(callback)

    assert_nothing_happened(other_browser, response)


def test_it_refuses_to_use_the_same_answer_twice(client, franceconnect):
    callback = provider_answer(go_to_provider(client, "franceconnect"))
    assert client.get(callback).status_code == 302
    client.logout()

    response = client.get(callback)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_it_shows_the_providers_refusal(client, franceconnect):
    authorize = go_to_provider(client, "franceconnect")
    state = parse_qs(urlsplit(authorize).query)["state"][0]

    response = client.get("/compte/franceconnect/retour/?" + urlencode({"error": "access_denied", "state": state}))

    assert_nothing_happened(client, response)
    assert "annulée ou refusée par FranceConnect" in page_text(response)


def test_it_says_so_when_the_token_endpoint_fails(client, franceconnect):
    franceconnect.misbehaves("token_error")

    response = sign_in(client)

    assert_nothing_happened(client, response)


def test_it_says_so_when_the_provider_is_down_at_the_start(client, franceconnect, settings):
    settings.FRANCECONNECT_DISCOVERY_URL = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"

    response = client.post("/compte/franceconnect/connexion/")

    assert_nothing_happened(client, response)
    assert "FranceConnect n'est pas joignable pour le moment" in page_text(response)


def test_it_says_so_when_the_provider_goes_down_before_the_callback(client, franceconnect, settings):
    callback = provider_answer(go_to_provider(client, "franceconnect"))
    settings.FRANCECONNECT_DISCOVERY_URL = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"

    response = client.get(callback)

    assert_nothing_happened(client, response)
    assert "n'est pas joignable" in page_text(response)
