"""An account already uses the identity's address: it is linked only once its holder confirms."""

import re

from django.test import Client
from django.urls import reverse

from accounts.models import ExternalIdentity, Role
from tests.accounts.helpers import PASSWORD, unverified_citizen
from tests.factories import UserFactory

from .helpers import page_text, sign_in

LINK = reverse("accounts:oidc_link", args=["franceconnect"])


def mailed_link(message) -> str:
    match = re.search(r"http://testserver(/compte/franceconnect/lier/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_it_asks_for_confirmation_before_linking(client, franceconnect, citizen):
    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == LINK
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()
    page = client.get(LINK)
    assert page.status_code == 200
    assert "camille@example.fr" in page_text(page)
    assert 'autocomplete="current-password"' in page_text(page)


def test_it_links_and_signs_in_with_the_accounts_password(client, franceconnect, citizen):
    sign_in(client)

    response = client.post(LINK, {"action": "password", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)
    assert ExternalIdentity.objects.get(provider="franceconnect", subject="fc-sub-0001").user == citizen
    # Next time, no question asked.
    client.logout()
    assert sign_in(client)["Location"] == "/compte/redirection/"
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_it_refuses_a_wrong_password_and_links_nothing(client, franceconnect, citizen):
    sign_in(client)

    response = client.post(LINK, {"action": "password", "password": "pas le bon"})

    assert response.status_code == 400
    assert "Ce mot de passe n'est pas celui de ce compte." in page_text(response)
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()


def test_it_links_through_a_link_mailed_to_the_address(client, franceconnect, citizen, mailoutbox):
    sign_in(client)

    response = client.post(LINK, {"action": "email"})

    assert response.status_code == 200
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["camille@example.fr"]
    assert mailoutbox[0].subject.startswith("Lier votre compte à FranceConnect")
    assert "Camille Martin" in mailoutbox[0].body
    link = mailed_link(mailoutbox[0])
    shown = client.get(link)
    assert shown.status_code == 200
    assert not ExternalIdentity.objects.exists()  # a GET only shows: mail gateways open links
    response = client.post(link)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)
    assert ExternalIdentity.objects.get(subject="fc-sub-0001").user == citizen


def test_it_ignores_the_mailed_link_in_a_browser_that_did_not_start_the_sign_in(
    client, franceconnect, citizen, mailoutbox
):
    sign_in(client)
    client.post(LINK, {"action": "email"})
    link = mailed_link(mailoutbox[0])

    other_browser = Client()
    response = other_browser.post(link)

    assert response.status_code == 400
    assert "a expiré" in page_text(response)
    assert not ExternalIdentity.objects.exists()


def test_it_refuses_a_tampered_link(client, franceconnect, citizen, mailoutbox):
    sign_in(client)
    client.post(LINK, {"action": "email"})
    link = mailed_link(mailoutbox[0])

    response = client.post(link.replace("/lier/", "/lier/x"))

    assert response.status_code == 400
    assert not ExternalIdentity.objects.exists()


def test_it_refuses_an_expired_confirmation(client, franceconnect, citizen, settings, mailoutbox):
    sign_in(client)
    session = client.session
    session["oidc_pending_link"]["at"] = "2020-01-01T00:00:00+00:00"
    session.save()

    response = client.post(LINK, {"action": "password", "password": PASSWORD})

    assert response.status_code == 400
    assert not ExternalIdentity.objects.exists()


def test_it_accepts_only_the_mailed_link_for_an_account_never_confirmed(client, franceconnect, mailoutbox):
    waiting = unverified_citizen(email="camille@example.fr")

    sign_in(client)
    page = client.get(LINK)
    refused = client.post(LINK, {"action": "password", "password": PASSWORD})

    assert 'autocomplete="current-password"' not in page_text(page)
    assert refused.status_code == 400
    assert not ExternalIdentity.objects.exists()
    client.post(LINK, {"action": "email"})
    client.post(mailed_link(mailoutbox[0]))
    waiting.refresh_from_db()
    assert waiting.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(waiting.pk)


def test_it_never_links_a_staff_account_to_franceconnect(client, franceconnect):
    UserFactory(email="camille@example.fr", role=Role.AGENT)

    response = sign_in(client)

    assert response.status_code == 403
    assert not ExternalIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_it_keeps_one_franceconnect_identity_per_account(client, franceconnect, citizen):
    ExternalIdentity.objects.create(provider="franceconnect", subject="fc-someone-else", user=citizen)
    sign_in(client)

    response = client.post(LINK, {"action": "password", "password": PASSWORD})

    assert response.status_code == 400
    assert "déjà lié à une autre identité FranceConnect" in page_text(response)
    assert "_auth_user_id" not in client.session
    assert list(citizen.external_identities.values_list("subject", flat=True)) == ["fc-someone-else"]


def test_it_limits_the_links_mailed_to_one_address(client, franceconnect, citizen, mailoutbox, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "oidc_link_email": {"address": "", "identity": "2/hour"}}
    sign_in(client)
    client.post(LINK, {"action": "email"})
    client.post(LINK, {"action": "email"})

    response = client.post(LINK, {"action": "email"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Trop de tentatives" in page_text(response)
    assert len(mailoutbox) == 2
