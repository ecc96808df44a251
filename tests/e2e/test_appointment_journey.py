"""An appointment from the citizen's personal space, in a real browser, with axe on each page.

A verified citizen logs in and lands on their space, books an appointment at a counter about
one of their requests, and finds it in the space: in the upcoming appointments and, as it is
within the week, among what is expected from them. Then the pages around it: moving it, the
notification centre and preferences, and the agent's agenda.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment, Counter, Slot
from tests.factories import TicketFactory, UserFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password
REASON = "Dépôt des pièces du dossier"
LOCATION = "Hôtel de ville, 1 place de la Mairie"


def submit(page, selector: str) -> None:
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).click()


def make_slot(counter, *, hours_from_now: int) -> Slot:
    starts_at = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )


def test_it_books_an_appointment_from_the_personal_space(new_page, log_in, category, agent):
    citizen = UserFactory(email="sacha.leroy@example.fr")
    assert citizen.email_verified_at is not None
    ticket = TicketFactory(category=category, citizen=citizen, contact_email="", contact_name="")
    counter = Counter.objects.create(service=category.service, name="Guichet urbanisme", location=LOCATION)
    slot = make_slot(counter, hours_from_now=72)
    other_slot = make_slot(counter, hours_from_now=96)
    space = reverse("requests_app:my_space")

    # The citizen logs in through the login page and lands on the personal space.
    page = new_page()
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(citizen.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, f'main form[action="{reverse("accounts:login")}"] button[type=submit]')
    assert page.url.endswith(space)
    assert page.locator(f'#requests a[href="{reverse("requests_app:my_ticket", args=[ticket.reference])}"]').count()
    assert_accessible(page, "the personal space")

    # Booking: the counter, then the time, with the errors of an empty form on the way.
    page.locator(f'main a[href="{reverse("appointments:book")}"]').first.click()
    page.wait_for_load_state("load")
    assert_accessible(page, "the choice of a counter")
    page.locator(f'main a[href^="?guichet={counter.pk}"]').click()
    page.wait_for_load_state("load")
    assert page.locator(f"#slot-{slot.pk}").count() == 1
    assert_accessible(page, "the choice of a time")
    submit(page, "main form[method=post] button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "the booking form with errors")

    page.locator(f"#slot-{slot.pk}").check()
    page.locator("#id_reason").fill(REASON)
    page.locator("#id_ticket").select_option(ticket.reference)
    submit(page, "main form[method=post] button[type=submit]")
    assert page.url.endswith(reverse("appointments:mine"))
    appointment = Appointment.objects.get(citizen=citizen)
    assert appointment.slot == slot and appointment.ticket == ticket
    assert_accessible(page, "my appointments")

    # Back in the space: in the upcoming appointments, and expected from the citizen this week.
    page.goto(space)
    upcoming = page.locator("#appointments")
    assert REASON in upcoming.inner_text()
    assert upcoming.locator(f'a[href="{reverse("appointments:move", args=[appointment.pk])}"]').count() == 1
    assert LOCATION in page.locator("#expected").inner_text()
    assert_accessible(page, "the personal space with an appointment")

    page.goto(reverse("appointments:move", args=[appointment.pk]))
    assert page.locator(f"#slot-{other_slot.pk}").count() == 1
    assert_accessible(page, "moving an appointment")

    page.goto(reverse("notifications:centre"))
    assert page.locator("main li.list-group-item").count() >= 1
    assert_accessible(page, "the notification centre")

    page.goto(reverse("notifications:preferences"))
    assert_accessible(page, "the notification preferences")

    # The agent of the counter's service sees it in the agenda.
    staff = new_page()
    log_in(staff, agent)
    day = timezone.localtime(slot.starts_at).date().isoformat()
    staff.goto(reverse("appointments:agenda") + f"?day={day}")
    assert REASON in staff.locator("main").inner_text()
    assert_accessible(staff, "the agent's agenda")
