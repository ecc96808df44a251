"""A citizen signs in with FranceConnect in a real browser, against the local test provider."""

import pytest
from django.urls import reverse

from accounts.models import ExternalIdentity, User
from tests.accounts.helpers import PASSWORD
from tests.oidc.conftest import _provider_process, franceconnect, oidc_provider  # noqa: F401 (fixtures)

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def test_it_signs_a_citizen_in_from_the_login_page_button(page, live_server, settings, franceconnect):  # noqa: F811
    settings.SITE_URL = live_server.url
    franceconnect.logs_in(sub="fc-journey", email="lou.bernard@example.fr", given_name="Lou", family_name="Bernard")

    page.goto(reverse("accounts:login"))
    assert_accessible(page, "the login page with the FranceConnect button")
    with page.expect_navigation(url=f"{live_server.url}/**", wait_until="load"):
        page.get_by_role("button", name="S'identifier avec FranceConnect").click()

    assert page.url.startswith(f"{live_server.url}{reverse('requests_app:my_space')}")
    user = User.objects.get(email="lou.bernard@example.fr")
    assert ExternalIdentity.objects.get(provider="franceconnect", subject="fc-journey").user == user
    assert page.get_by_role("button", name="Se déconnecter").is_visible()


def test_it_shows_an_accessible_page_when_the_answer_cannot_be_verified(page, live_server, settings, franceconnect):  # noqa: F811
    settings.SITE_URL = live_server.url
    franceconnect.misbehaves("bad_signature")

    page.goto(reverse("accounts:login"))
    with page.expect_navigation(url=f"{live_server.url}/**", wait_until="load"):
        page.get_by_role("button", name="S'identifier avec FranceConnect").click()

    assert page.get_by_role("heading", name="La connexion n'a pas abouti").is_visible()
    assert_accessible(page, "the failed sign-in page")
    assert not User.objects.exists()


def test_it_links_an_existing_account_on_an_accessible_page(page, live_server, settings, franceconnect, citizen):  # noqa: F811
    settings.SITE_URL = live_server.url

    page.goto(reverse("accounts:login"))
    with page.expect_navigation(url=f"{live_server.url}/**", wait_until="load"):
        page.get_by_role("button", name="S'identifier avec FranceConnect").click()
    assert page.get_by_role("heading", name="Lier votre compte").is_visible()
    assert_accessible(page, "the account linking page")

    page.get_by_label("Mot de passe de ce compte").fill("pas le bon")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Confirmer et lier").click()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the account linking page with errors")

    page.get_by_label("Mot de passe de ce compte").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Confirmer et lier").click()
    assert ExternalIdentity.objects.get(provider="franceconnect").user == citizen
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
