"""The three dashboards in a real browser: charts drawn, axe clean, the forms usable with the keyboard."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from satisfaction import rollups
from satisfaction.models import Survey
from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

SHOW = "#period-form-title ~ div button[type=submit]"


@pytest.fixture
def activity(category, other_category, agent):
    for number, channel in enumerate(["web", "phone", "email", "counter"]):
        ticket = TicketFactory(category=category, agent=agent, channel=channel, resolved=True)
        Survey.objects.filter(ticket=ticket).update(
            answered_at=timezone.now(), satisfaction=1 + number, effort=4, comment=f"Commentaire n°{number}"
        )
    TicketFactory(category=other_category, kind="complaint")
    rollups.refresh_recent(2)


def same_day_and_month() -> tuple[datetime.date, datetime.date]:
    """Two past days whose day and month are equal: typed the same whatever order the date input uses."""
    days = []
    day = timezone.localdate()
    while len(days) < 2:
        if day.day == day.month:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return days[1], days[0]


def tab_to(page, selector, presses=4) -> None:
    """Press Tab until `selector` has the focus (a date input may hold it for its calendar button)."""
    target = page.locator(selector)
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return
    pytest.fail(f"{selector} not reached with the Tab key")


def charts_drawn(page, *, drawn="true") -> None:
    """Every chart drawn by Chart.js ("empty": drawn without any series, for a period without requests)."""
    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() == 7
    for index in range(canvases.count()):
        expect(canvases.nth(index)).to_have_attribute("data-drawn", re.compile(drawn))


def test_it_makes_the_town_dashboard_accessible_with_its_charts_drawn(page, log_in, manager, activity):
    log_in(page, manager)
    page.goto(reverse("dashboard:index"))
    assert page.url.endswith(reverse("dashboard:overview"))
    charts_drawn(page)
    assert_accessible(page, "the town dashboard")


def test_it_sets_a_custom_period_with_the_keyboard(page, log_in, manager, activity):
    log_in(page, manager)
    page.goto(reverse("dashboard:overview"))
    expect(page.locator("#id_period")).to_have_value("30")

    page.locator("#id_period").focus()
    page.keyboard.press("End")  # the last choice: custom dates
    expect(page.locator("#id_period")).to_have_value("custom")
    page.keyboard.press("Tab")
    expect(page.locator("#id_start")).to_be_focused()
    start, end = same_day_and_month()
    page.keyboard.type(start.strftime("%d%m%Y"))
    tab_to(page, "#id_end")
    page.keyboard.type(end.strftime("%d%m%Y"))
    tab_to(page, SHOW, presses=8)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    assert "period=custom" in page.url and f"start={start.isoformat()}&end={end.isoformat()}" in page.url
    charts_drawn(page, drawn="true|empty")

    # A period ending before it starts: the error next to the field, and no figure.
    page.locator("#id_start").fill(timezone.localdate().isoformat())
    page.locator("#id_end").fill((start - datetime.timedelta(days=1)).isoformat())
    page.locator("#id_end").focus()
    tab_to(page, SHOW, presses=8)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_end_error")).to_be_visible()
    assert page.locator("canvas").count() == 0
    assert_accessible(page, "the town dashboard with errors")


def test_it_filters_the_comments_with_the_keyboard(page, log_in, supervisor, activity):
    log_in(page, supervisor)
    page.goto(reverse("dashboard:service") + "?period=7")
    charts_drawn(page)
    assert_accessible(page, "a supervisor's dashboard")
    comments = page.locator("#comments-title ~ .table-responsive tbody tr")
    expect(comments).to_have_count(4)

    page.locator("#low-only").focus()
    page.keyboard.press("Space")
    tab_to(page, "#comments-title ~ form button[type=submit]", presses=1)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    assert "low=on" in page.url and "period=7" in page.url
    expect(comments).to_have_count(2)
    expect(page.locator("#low-only")).to_be_checked()


def test_it_makes_an_agents_dashboard_accessible(page, log_in, agent, activity):
    log_in(page, agent)
    page.goto(reverse("dashboard:index"))
    assert page.url.endswith(reverse("dashboard:mine"))
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page, "an agent's dashboard")


def test_it_drills_down_from_a_figure_to_the_requests(page, log_in, manager, activity):
    log_in(page, manager)
    page.goto(reverse("dashboard:overview"))
    link = page.locator("#tiles-title ~ ul a").first
    with page.expect_navigation(wait_until="load"):
        link.click()
    assert page.url.split("?")[0].endswith(reverse("requests_app:workbench"))
    expect(page.locator("main tbody tr")).to_have_count(5)
    expect(page.locator("main details")).to_have_attribute("open", "")
    assert_accessible(page, "the workbench with date filters")
