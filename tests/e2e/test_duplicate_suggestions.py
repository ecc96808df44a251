"""In the browser: an agent sees a likely duplicate on a request's page and merges into it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from requests_app.models import Ticket, TicketEvent
from tests.factories import CategoryFactory, TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def test_it_suggests_a_duplicate_accessibly_and_merges_into_it(page, log_in, agent, service):
    lighting = CategoryFactory(service=service, name="Éclairage public", service_code="eclairage")
    earlier = TicketFactory(
        category=lighting,
        subject="Lampadaire éteint",
        description="Le lampadaire devant la boulangerie ne s'allume plus le soir.",
        latitude=Decimal("47.902964"),
        longitude=Decimal("1.904250"),
    )
    ticket = TicketFactory(
        category=lighting,
        subject="Plus d'éclairage le soir",
        description="Il fait tout noir devant l'école depuis lundi.",
        latitude=Decimal("47.903464"),
        longitude=Decimal("1.904250"),
    )
    log_in(page, agent)

    page.goto(reverse("requests_app:agent_ticket", args=[ticket.reference]))
    suggestions = page.locator("#duplicate-suggestions")
    assert suggestions.locator("h2").is_visible()
    assert earlier.reference in suggestions.inner_text()
    assert_accessible(page, "a request's page with a likely duplicate")

    with page.expect_navigation(wait_until="load"):
        suggestions.locator(f"#suggestion-{earlier.reference} button[type=submit]").click()

    assert page.locator("#duplicate-suggestions").count() == 0
    assert_accessible(page, "a request's page after merging it")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.MERGED
    assert ticket.duplicate_of == earlier
    assert TicketEvent.objects.filter(ticket=earlier, kind=TicketEvent.Kind.DUPLICATE_ATTACHED).count() == 1
