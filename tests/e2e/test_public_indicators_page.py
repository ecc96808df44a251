"""axe on the public indicators page, in French and in English, with published and hidden figures."""

import pytest
from django.urls import reverse

from satisfaction import public
from satisfaction.models import DailyFact

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def facts(settings, service, other_service):
    settings.PUBLIC_INDICATORS_MIN_ANSWERS = 3
    period = public.last_complete_months()
    DailyFact.objects.create(
        day=period.start,
        service=service,
        channel="web",
        kind="report",
        created=20,
        resolved=12,
        resolved_within_sla=10,
        resolution_histogram=[0, 0, 0, 0, 4, 6, 2] + [0] * 9,
        satisfaction_count=8,
        satisfaction_sum=33,
        satisfied=6,
    )
    DailyFact.objects.create(day=period.end, service=other_service, channel="counter", kind="information", created=2)
    return period


def test_it_makes_the_indicators_page_accessible_in_french_and_in_english(page, facts):
    page.goto(reverse("indicators:page"))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main table").count() == 2
    assert page.locator("main table caption").count() == 2
    assert_accessible(page, "the indicators (fr)")

    page.locator("#language-select").select_option("en")
    with page.expect_navigation(wait_until="load"):
        page.locator("#language-select").press("Tab")
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Service-quality indicators"
    assert page.locator("main tbody tr", has_text="Voirie").locator("td").nth(1).inner_text() == "≤ 2 days"
    assert page.locator("main tbody tr", has_text="État civil").get_by_text("not enough data").count() == 4
    assert_accessible(page, "the indicators (en)")


def test_it_is_reached_from_the_footer_with_the_keyboard(page, facts):
    page.goto(reverse("requests_app:home"))
    link = page.locator("footer a[href='/indicateurs/']")
    link.focus()
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.url.endswith("/indicateurs/")
