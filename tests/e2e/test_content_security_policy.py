"""The main pages work under their Content-Security-Policy: the browser refuses nothing.

Each page is opened in Chromium with a listener for `securitypolicyviolation` installed before
any script of the page runs; the page must send the policy, and nothing may be refused (the
`new_page` fixture also fails on any policy message on the console). A script the page did not
ship, added inline, is refused: the listener hears what it must.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from satisfaction import surveys
from satisfaction.models import Survey
from tests.factories import TicketFactory

from .conftest import serve_collected_static

pytestmark = pytest.mark.e2e

LISTEN = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.policyViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${where})`);
});
"""


def open_under_policy(page, path: str) -> list[str]:
    """Open `path`, let its scripts run, and return what the policy refused."""
    response = page.goto(path, wait_until="load")
    assert response.status == 200, path
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "geolocation=()" in response.headers["permissions-policy"]
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.policyViolations")


@pytest.fixture
def listening_page(page):
    page.context.add_init_script(LISTEN)
    return page


def test_it_refuses_nothing_on_the_public_pages(listening_page, category):
    ticket = TicketFactory(category=category)
    paths = [
        reverse("requests_app:home"),
        reverse("requests_app:new_ticket"),
        reverse("requests_app:find_ticket"),
        ticket.tracking_path(),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("indicators:page"),
        reverse("api:docs"),
    ]
    for path in paths:
        assert open_under_policy(listening_page, path) == [], path


def test_it_refuses_nothing_on_the_citizen_space(listening_page, log_in, citizen, category):
    TicketFactory(citizen=citizen, category=category, contact_email="")
    log_in(listening_page, citizen)
    for path in [reverse("requests_app:my_space"), reverse("requests_app:my_tickets"), reverse("appointments:mine")]:
        assert open_under_policy(listening_page, path) == [], path


def test_it_refuses_nothing_on_the_agent_pages(listening_page, log_in, supervisor, category):
    ticket = TicketFactory(category=category)
    log_in(listening_page, supervisor)
    paths = [
        reverse("requests_app:workbench"),
        reverse("requests_app:quick_entry"),
        reverse("requests_app:agent_ticket", args=[ticket.reference]),
        reverse("appointments:agenda"),
        reverse("dashboard:service"),
    ]
    for path in paths:
        assert open_under_policy(listening_page, path) == [], path


def test_it_refuses_nothing_on_the_dashboards_and_the_admin(listening_page, log_in, administrator, category):
    TicketFactory(category=category)
    log_in(listening_page, administrator)
    paths = [
        reverse("dashboard:overview"),
        reverse("admin:index"),
        reverse("admin:requests_app_ticket_changelist"),
        reverse("admin:requests_app_category_add"),
    ]
    for path in paths:
        assert open_under_policy(listening_page, path) == [], path


def test_it_records_the_rating_of_the_one_click_link_under_the_policy(listening_page, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    survey = Survey.objects.get(ticket=ticket)

    violations = open_under_policy(listening_page, reverse("survey:rate", args=[surveys.survey_token(survey), 4]))

    assert violations == []
    listening_page.locator("#rating-status.alert-success").wait_for()
    survey.refresh_from_db()
    assert survey.satisfaction == 4


def test_it_refuses_an_inline_script_the_page_did_not_ship(browser, live_server):
    # A context of its own: the refusal below is expected, and the `new_page` fixture would fail
    # on its console message.
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    context.route(f"{live_server.url}{settings.STATIC_URL}**", serve_collected_static)
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        assert open_under_policy(page, reverse("requests_app:home")) == []

        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true;";
                document.body.append(script);
            }"""
        )

        page.wait_for_function("() => window.policyViolations.length > 0")
        assert page.evaluate("() => window.injected") is None
        assert page.evaluate("() => window.policyViolations")[0].startswith("script-src-elem refused inline")
    finally:
        context.close()
