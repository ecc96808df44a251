"""axe on the pages the e-mail links open: one-click confirm and reopen, unsubscribe, agent booking."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import Counter, Slot
from notifications import preferences
from requests_app.models import Ticket
from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def submit(page, selector: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).click()


def test_it_makes_the_one_click_confirm_page_accessible_and_confirms(page, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    page.goto(reverse("requests_app:track_confirm", args=[ticket.token]))
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RESOLVED
    assert_accessible(page, "the one-click confirmation")

    submit(page, "main form[method=post] button[type=submit]")
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.CLOSED

    # The same link, once done, explains instead of offering the button again.
    page.goto(reverse("requests_app:track_confirm", args=[ticket.token]))
    assert page.locator("main form[method=post]").count() == 0
    assert_accessible(page, "the one-click confirmation, already done")


def test_it_makes_the_one_click_reopen_page_accessible_with_the_reason_focused(page, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    page.goto(reverse("requests_app:track_reopen", args=[ticket.token]))
    assert page.evaluate("() => document.activeElement.name") == "reopen-reason"
    assert_accessible(page, "the one-click reopening")

    page.locator("#id_reopen-reason").fill("Le trou s'est reformé après la pluie.")
    submit(page, "main form[method=post] button[type=submit]")
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.IN_PROGRESS


def test_it_makes_the_unsubscribe_page_accessible(page, citizen):
    page.goto(reverse("notifications:unsubscribe", args=[preferences.unsubscribe_token(user=citizen)]))
    assert_accessible(page, "the unsubscribe page")

    submit(page, "main form[method=post] button[type=submit]")
    assert_accessible(page, "the unsubscribe page, done")


def test_it_makes_the_agent_booking_page_accessible(page, log_in, agent, service):
    counter = Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville")
    starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=72)
    Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )
    log_in(page, agent)

    page.goto(reverse("appointments:agent_book") + f"?guichet={counter.pk}")
    assert page.locator("main form[method=post]").count() == 1
    assert_accessible(page, "the agent booking page")
