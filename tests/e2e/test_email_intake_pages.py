"""axe on the held-mail pages: the queue and a held mail, with and without form errors."""

import pytest
from django.urls import reverse

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from tests.factories import TicketFactory

from .axe import assert_accessible

pytestmark = pytest.mark.e2e


def held_mail(ticket) -> InboundEmail:
    raw = (
        "From: Dominique Petit <dominique.petit@example.fr>\nTo: contact@bourg-sur-loire.example\n"
        f"Subject: Re: Votre demande {ticket.reference}\nMessage-ID: <e2e-held@example.fr>\n"
        "Content-Type: text/plain; charset=utf-8\n\nJe suis le voisin : le trou est toujours là.\n\n"
        "Le lun. 12 janv. 2026 à 09:45, Mairie <mairie@example.fr> a écrit :\n> Bonjour\n"
    ).encode()
    return process_message(raw, source=InboundEmail.Source.IMAP)


def test_it_makes_the_held_mail_pages_accessible(page, log_in, agent, category, triage_service):
    inbound = held_mail(TicketFactory(category=category))
    log_in(page, agent)

    page.goto(reverse("requests_app:workbench"))
    with page.expect_navigation(wait_until="load"):
        page.locator(f'a[href="{reverse("email_intake:held_list")}"]').click()
    assert page.locator("main tbody tr").count() == 1
    assert_accessible(page, "the held e-mails")

    with page.expect_navigation(wait_until="load"):
        page.locator("main tbody a").first.click()
    assert page.locator("details").count() == 1
    assert_accessible(page, "a held e-mail")

    page.locator("#id_reference").fill("2099-000000")
    with page.expect_navigation(wait_until="load"):
        page.locator(f'form[action="{reverse("email_intake:held_attach", args=[inbound.pk])}"] button').click()
    assert page.locator(".invalid-feedback, .text-danger, #error-summary").count() >= 1
    assert_accessible(page, "a held e-mail with an error")


def test_it_makes_the_empty_queue_accessible(page, log_in, agent):
    log_in(page, agent)

    page.goto(reverse("email_intake:held_list"))
    assert page.locator("main [role=status]").count() == 1
    assert_accessible(page, "the empty queue of held e-mails")
