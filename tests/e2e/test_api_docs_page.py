"""axe on the REST API documentation page, anonymous and for a signed-in agent."""

import pytest
from django.urls import reverse

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def test_it_makes_the_api_documentation_accessible(page, db):
    page.goto(reverse("api:docs"))

    assert page.locator("main h1").count() == 1
    assert page.locator("main article").count() > 10
    assert_accessible(page, "the API documentation")


def test_it_makes_the_api_documentation_accessible_to_a_signed_in_agent(page, log_in, agent):
    log_in(page, agent)
    page.goto(reverse("api:docs"))

    assert page.locator('main a[href$="/api/v1/schema/"]').count() == 1
    assert_accessible(page, "the API documentation for an agent")
