"""The journey's last leg in a real browser, with axe on every page it goes through.

A request is filed and resolved; the invitation e-mail brings the survey link; the citizen opens
it and answers with the keyboard; a manager signs in, the rollups are refreshed, and the
manager's dashboard shows the answer in its satisfaction tile and its latest comments.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import resolve, reverse
from playwright.sync_api import expect

from satisfaction import rollups
from satisfaction.models import Survey
from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

CONTACT_EMAIL = "maxime.roux@example.fr"
COMMENT = "Réparé vite, merci à l'équipe de la voirie."
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


def submit(page, selector: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).click()


def survey_path_in(message) -> str:
    """The path of the survey page's link in the invitation (its origin is SITE_URL)."""
    for link in re.findall(re.escape(settings.SITE_URL) + r"/\S+", message.body):
        path = urlsplit(link).path
        match = resolve(path)
        if match.namespace == "survey" and match.url_name == "answer":
            return path
    pytest.fail(f"No survey link in the e-mail:\n{message.body}")


def choose_with_arrows(page, name: str, score: int) -> None:
    """Tab into a 1-5 radio group on its first choice, then arrow right to `score`."""
    page.locator(f"input[name={name}]").first.focus()
    page.keyboard.press("Space")
    for _ in range(score - 1):
        page.keyboard.press("ArrowRight")
    expect(page.locator(f"input[name={name}]:checked")).to_have_value(str(score))


def test_it_takes_the_survey_answer_from_the_citizen_to_the_manager(new_page, live_server, category, agent, manager):
    # A request filed and resolved through the workflow: the resolution invites the citizen.
    ticket = TicketFactory(category=category, contact_email=CONTACT_EMAIL, agent=agent, resolved=True)
    invitations = [message for message in mail.outbox if CONTACT_EMAIL in message.to and "/enquete/" in message.body]
    assert len(invitations) == 1, [(message.to, message.subject) for message in mail.outbox]
    survey_path = survey_path_in(invitations[0])

    # The citizen opens the link from the e-mail.
    citizen = new_page()
    citizen.goto(live_server.url + survey_path)
    assert ticket.reference in citizen.locator("h1").inner_text()
    assert_accessible(citizen, "the survey page")

    # Sent without the one required answer, the page says what is missing.
    citizen.locator("#survey-form button[type=submit]").focus()
    with citizen.expect_navigation(wait_until="load"):
        citizen.keyboard.press("Enter")
    assert citizen.locator("#error-summary").is_visible()
    assert_accessible(citizen, "the survey page with errors")

    # Answered with the keyboard alone.
    choose_with_arrows(citizen, "satisfaction", 4)
    choose_with_arrows(citizen, "effort", 5)
    citizen.locator("input[name=resolved][value=yes]").focus()
    citizen.keyboard.press("Space")
    choose_with_arrows(citizen, "trust", 4)
    citizen.locator("textarea[name=comment]").focus()
    citizen.keyboard.type(COMMENT)
    citizen.locator("#survey-form button[type=submit]").focus()
    with citizen.expect_navigation(wait_until="load"):
        citizen.keyboard.press("Enter")
    assert urlsplit(citizen.url).path.endswith("/merci/")
    assert ticket.reference in citizen.locator("main").inner_text()
    assert_accessible(citizen, "the survey's thank-you page")
    survey = Survey.objects.get(ticket=ticket)
    assert (survey.satisfaction, survey.effort, survey.resolved, survey.trust) == (4, 5, True, 4)
    assert survey.comment == COMMENT

    # A manager signs in; the rollups of the last days are refreshed, as Celery beat does.
    staff = new_page()
    staff.goto(reverse("accounts:login"))
    assert_accessible(staff, "the login page")
    staff.locator("#id_username").fill(manager.email)
    staff.locator("#id_password").fill(PASSWORD)
    submit(staff, f'main form[action="{reverse("accounts:login")}"] button[type=submit]')
    rollups.refresh_recent()

    staff.goto(reverse("dashboard:index"))
    assert urlsplit(staff.url).path == reverse("dashboard:overview")
    tile = staff.locator("#tiles-title + ul li", has=staff.locator("h3", has_text=re.compile("^Satisfaction$")))
    assert tile.locator("p.fs-3").inner_text().startswith("4,0")
    comments = staff.locator("section[aria-labelledby=comments-title] table")
    row = comments.locator("tbody tr", has_text=COMMENT)
    assert row.count() == 1
    assert ticket.reference in row.inner_text()
    assert_accessible(staff, "the manager's dashboard with the answer")
