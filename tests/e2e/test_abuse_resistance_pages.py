"""The bot checks and rate limits as a person meets them in the browser: an invisible honeypot
that assistive technologies do not announce either, and a limited form that keeps what was typed."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from requests_app.models import Ticket

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

SUBMIT = "main form[method=post] button[type=submit]"
PUBLIC_FORMS = [
    "requests_app:new_ticket",
    "requests_app:find_ticket",
    "accounts:signup",
    "accounts:password_reset",
    "accounts:resend_verification",
]


@pytest.mark.parametrize("url_name", PUBLIC_FORMS)
def test_it_hides_the_honeypot_from_sight_and_from_assistive_technologies(page, db, url_name):
    page.goto(reverse(url_name))

    honeypot = page.locator("input[name=website]")
    expect(honeypot).to_have_count(1)
    expect(honeypot).to_be_hidden()
    assert honeypot.get_attribute("autocomplete") == "off"
    # Out of the accessibility tree: no role query finds it, by its label or otherwise.
    expect(page.get_by_role("textbox", name="Laissez ce champ vide")).to_have_count(0)
    expect(page.get_by_label("Laissez ce champ vide")).to_be_hidden()
    # Tabbing through the whole page never stops on it.
    for _stop in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement && document.activeElement.name") != "website"


def fill_the_request_form(page, category, subject):
    page.locator("input[name=kind][value=report]").check()
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_subject").fill(subject)
    page.locator("#id_description").fill("Le lampadaire devant le 4 ne s'allume plus depuis lundi.")
    page.locator("#id_contact_name").fill("Claude Bernard")
    page.locator("#id_contact_email").fill("claude@example.fr")
    page.locator("input[name=consent]").check()
    with page.expect_navigation(wait_until="load"):
        page.locator(SUBMIT).click()


def test_it_shows_a_limited_form_again_with_what_was_typed(page, category, settings):
    settings.ANTIBOT_MIN_FILL_SECONDS = 0
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "filing": {"address": "1/day", "identity": ""}}
    page.goto(reverse("requests_app:new_ticket"))
    fill_the_request_form(page, category, "Lampadaire éteint rue Pasteur")
    assert Ticket.objects.count() == 1

    page.goto(reverse("requests_app:new_ticket"))
    fill_the_request_form(page, category, "Banc cassé au square")

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Trop de tentatives en peu de temps.")
    expect(summary).to_contain_text("Merci de réessayer dans")
    expect(page.locator("#id_subject")).to_have_value("Banc cassé au square")
    expect(page.locator("#id_contact_email")).to_have_value("claude@example.fr")
    assert Ticket.objects.count() == 1
    assert_accessible(page, "the limited request form")
