"""The accessibility checker itself: axe runs in the page and its findings fail the test."""

import pytest

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def test_it_fails_with_each_violation_its_rule_and_its_element(browser):
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.set_content('<html><body><img src="plan.png"><input type="text" id="nom"></body></html>')
        with pytest.raises(pytest.fail.Exception) as failure:
            assert_accessible(page, "a page without alternatives nor labels")
    finally:
        context.close()
    message = str(failure.value)
    assert "on a page without alternatives nor labels" in message
    for rule in ("image-alt", "label", "html-has-lang"):
        assert f"- {rule} (" in message
    assert "    img — " in message and "    #nom — " in message


def test_it_accepts_the_admin_login_page(page):
    page.goto("/admin/login/")
    assert page.locator("#id_username").is_visible()
    assert_accessible(page, "the admin login page")
