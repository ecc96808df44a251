"""axe on the phone pages and on quick entry's account proposal, with and without errors; no script needed."""

import pytest
from django.urls import reverse

from tests.accounts.texted_codes import code_in_sms_file
from tests.factories import UserFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def submit(page, form_action: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.locator(f'main form[action="{form_action}"] button[type=submit]').click()


def test_it_makes_the_phone_pages_accessible(page, log_in):
    citizen = UserFactory(email="sasha@example.fr", phone="+33612345678")
    log_in(page, citizen)

    page.goto(reverse("requests_app:my_space"))
    assert page.get_by_text("Non vérifié").is_visible()
    assert_accessible(page, "the personal space with an unverified number")

    page.goto(reverse("accounts:phone"))
    assert_accessible(page, "the phone page")
    page.locator("#id_phone").fill("appelez-moi")
    submit(page, reverse("accounts:phone"))
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the phone page with errors")

    page.goto(reverse("accounts:phone_verify"))
    submit(page, reverse("accounts:phone_send_code"))
    assert page.get_by_text("Nous avons envoyé un code par SMS").is_visible()
    assert_accessible(page, "the code page")
    page.locator("#id_code").fill("12")
    submit(page, reverse("accounts:phone_verify"))
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the code page with errors")

    submit(page, reverse("accounts:phone_send_code"))  # too soon: refused beside the button
    assert page.locator("#send-error").is_visible()
    assert_accessible(page, "the code page with a refused resend")


def test_it_verifies_a_number_without_javascript(browser, live_server, log_in, settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    context = browser.new_context(locale="fr-FR", base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    citizen = UserFactory(email="sasha@example.fr")
    log_in(page, citizen)
    try:
        page.goto(reverse("accounts:phone"))
        page.locator("#id_phone").fill("06 12 34 56 78")
        submit(page, reverse("accounts:phone"))
        code = code_in_sms_file(settings.SMS_FILE_PATH)
        page.locator("#id_code").fill(code)
        submit(page, reverse("accounts:phone_verify"))

        assert page.get_by_text("Merci, votre numéro de téléphone est vérifié.").is_visible()
        citizen.refresh_from_db()
        assert citizen.phone_verified_at is not None
    finally:
        context.close()


def test_it_makes_the_quick_entry_proposal_accessible(page, log_in, agent, category):
    UserFactory(email="sasha@example.fr", phone="+33612345678")
    log_in(page, agent)
    page.goto(reverse("requests_app:quick_entry"))
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_subject").fill("Horaires")
    page.locator("#id_description").fill("Horaires de la déchetterie.")
    page.locator("#id_contact_phone").fill("06 12 34 56 78")

    submit(page, reverse("requests_app:quick_entry"))

    assert page.get_by_text("Un compte non vérifié utilise ce numéro").first.is_visible()
    assert_accessible(page, "the quick entry with an account to confirm")
