"""axe on the pages the journey does not go through, each with zero WCAG 2.1 A/AA violation."""

import pytest
from django.urls import reverse

from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

SUBMIT = "main form[method=post] button[type=submit]"


def submit_empty(page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.locator(SUBMIT).click()
    assert page.locator("#error-summary").is_visible()


@pytest.mark.parametrize(
    "url_name",
    ["requests_app:find_ticket", "accounts:signup", "accounts:password_reset"],
)
def test_it_makes_the_public_forms_accessible_with_and_without_errors(page, url_name):
    page.goto(reverse(url_name))
    assert_accessible(page, url_name)
    submit_empty(page)
    assert_accessible(page, f"{url_name} with errors")


@pytest.mark.parametrize("url_name", ["requests_app:privacy", "requests_app:accessibility"])
def test_it_makes_the_information_pages_accessible(page, url_name):
    page.goto(reverse(url_name))
    assert_accessible(page, url_name)


def test_it_makes_the_personal_space_of_a_citizen_accessible(page, log_in, citizen, category):
    awaiting = TicketFactory(citizen=citizen, category=category, contact_email="", awaiting=True)
    TicketFactory(citizen=citizen, category=category, contact_email="", resolved=True)
    TicketFactory(citizen=citizen, category=category, contact_email="", kind="complaint")
    log_in(page, citizen)

    page.goto(reverse("requests_app:my_tickets"))
    assert page.locator("main tbody tr").count() == 3
    assert_accessible(page, "my requests")

    # A request waiting for the citizen's answer shows the reply form.
    page.goto(reverse("requests_app:my_ticket", args=[awaiting.reference]))
    assert page.locator('form[action$="/repondre/"]').count() == 1
    assert_accessible(page, "a request in the personal space")


def test_it_makes_the_quick_entry_accessible_with_and_without_errors(page, log_in, agent):
    log_in(page, agent)
    page.goto(reverse("requests_app:quick_entry"))
    assert_accessible(page, "the quick entry")
    submit_empty(page)
    assert_accessible(page, "the quick entry with errors")


def test_it_makes_the_filtered_workbench_accessible(page, log_in, supervisor, category, other_category, settings):
    settings.WORKBENCH_PAGE_SIZE = 5  # enough requests below for a second page
    for number in range(6):
        TicketFactory(category=category, subject=f"Lampadaire éteint n°{number}")
    TicketFactory(category=other_category, kind="complaint")
    log_in(page, supervisor)

    page.goto(reverse("requests_app:workbench"))
    page.locator("#id_q").fill("Lampadaire")
    page.locator("#id_status").select_option("any")
    page.locator("#id_service").select_option(str(category.service_id))
    page.locator("#id_kind").select_option("report")
    page.locator("#id_unassigned").check()
    page.locator("#id_sort").select_option("-created")
    with page.expect_navigation(wait_until="load"):
        page.locator("main form[method=get] button[type=submit]").click()
    assert "q=Lampadaire" in page.url and "unassigned=on" in page.url
    assert page.locator("main tbody tr").count() == 5
    assert page.locator("main .pagination").is_visible()
    assert_accessible(page, "the workbench with filters applied")

    # Filters that cannot be combined come back as an error summary.
    page.locator("#id_mine").check()
    with page.expect_navigation(wait_until="load"):
        page.locator("main form[method=get] button[type=submit]").click()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the workbench with an invalid filter")
