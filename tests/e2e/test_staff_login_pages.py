"""An administrator's first login in a browser: enrolment, recovery codes, code page, lockout; axe on each."""

from base64 import b32decode
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp

from tests.accounts.helpers import PASSWORD

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

LOGIN_BUTTON = f'main form[action="{reverse("accounts:login")}"] button[type=submit]'


def submit(page, selector: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).click()


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    submit(page, LOGIN_BUTTON)


def current_code(secret_text: str) -> str:
    return f"{totp(b32decode(secret_text.replace(' ', ''))):06d}"


def test_it_takes_an_administrator_through_enrolment_and_the_code_page(page, administrator):
    log_in(page, administrator.email)
    assert urlsplit(page.url).path == reverse("accounts:otp_enrol")
    assert page.get_by_role("img", name="Code QR à scanner avec votre application d'authentification").is_visible()
    assert_accessible(page, "the enrolment page")

    right = current_code(page.locator("#otp-secret").inner_text())
    page.locator("#id_code").fill(f"{(int(right) + 1) % 1_000_000:06d}")
    submit(page, "main form[method=post] button.btn-primary")
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the enrolment page with an error")

    page.locator("#id_code").fill(current_code(page.locator("#otp-secret").inner_text()))
    submit(page, "main form[method=post] button.btn-primary")
    assert urlsplit(page.url).path == reverse("accounts:recovery_codes")
    assert page.locator("main .recovery-codes li").count() == 10
    assert_accessible(page, "the recovery codes page")

    submit(page, f'form[action="{reverse("accounts:recovery_codes_kept")}"] button')
    assert urlsplit(page.url).path == reverse("requests_app:workbench")

    page.context.clear_cookies()
    log_in(page, administrator.email)
    assert urlsplit(page.url).path == reverse("accounts:otp_verify")
    assert_accessible(page, "the code page")
    page.locator("#id_code").fill("not a code")
    submit(page, "main form[method=post] button.btn-primary")
    assert_accessible(page, "the code page with an error")


def test_it_makes_the_locked_out_page_accessible(page, citizen, settings):
    settings.AXES_FAILURE_LIMIT = 2
    log_in(page, citizen.email, "not the password")
    log_in(page, citizen.email, "not the password")

    assert page.locator("h1").inner_text() == "Trop de connexions échouées"
    assert_accessible(page, "the locked-out page")
