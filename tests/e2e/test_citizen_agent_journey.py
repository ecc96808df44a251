"""A request from start to end in a real browser, with axe on every page it goes through.

A citizen files a report without an account, with a photo; the acknowledgement e-mail brings
the tracking link; an agent of the service takes the request, replies and resolves it; the
citizen reads the answers on the tracking page and confirms the resolution, which closes it.
"""

import re
import struct
import time
import zlib
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import resolve, reverse
from django.utils import translation
from playwright.sync_api import expect

from requests_app.models import Ticket

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

SUBJECT = "Nid-de-poule devant l'école Jules-Ferry"
DESCRIPTION = "Un trou d'une vingtaine de centimètres sur la chaussée, juste devant le passage piéton."
CONTACT_EMAIL = "claude.bernard@example.fr"
REPLY = "Merci pour votre signalement : une équipe passe jeudi matin."
RESOLUTION = "Le trou a été rebouché jeudi matin."
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


def write_png(path):
    """A real 1x1 PNG (one red pixel): attachments are checked by their content."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1 pixel, 8 bits, RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte, then R G B
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))
    return path


def submit(page, selector: str) -> None:
    """Click a submit button and wait for the page the server answers with."""
    with page.expect_navigation(wait_until="load"):
        page.locator(selector).click()


def wait_for_mail(to: str, timeout: float = 5.0):
    """The last e-mail sent to `to`: it leaves from the live server's thread, after its commit."""
    deadline = time.monotonic() + timeout
    while True:
        messages = [message for message in mail.outbox if to in message.to]
        if messages:
            return messages[-1]
        if time.monotonic() > deadline:
            pytest.fail(f"No e-mail to {to}; sent: {[(m.to, m.subject) for m in mail.outbox]}")
        time.sleep(0.05)


def tracking_path_in(message) -> str:
    """The path of the tracking link in an e-mail (its origin is SITE_URL, not the live server)."""
    for link in re.findall(re.escape(settings.SITE_URL) + r"/\S+", message.body):
        path = urlsplit(link).path
        if resolve(path).url_name == "track":
            return path
    pytest.fail(f"No tracking link in the e-mail:\n{message.body}")


def status_label(status) -> str:
    # The server renders in French: the same catalogue gives the label the page shows.
    with translation.override("fr"):
        return str(Ticket.Status(status).label)


def test_it_takes_a_request_from_the_citizen_to_the_agent_and_back(new_page, live_server, category, agent, tmp_path):
    photo = write_png(tmp_path / "nid-de-poule.png")

    # The citizen arrives on the home page, in French by default.
    citizen = new_page()
    citizen.goto("/")
    assert citizen.locator("html").get_attribute("lang") == "fr"
    assert_accessible(citizen, "the home page")

    new_ticket_url = reverse("requests_app:new_ticket")
    with citizen.expect_navigation():
        citizen.locator(f'main a[href="{new_ticket_url}"]').first.click()
    assert urlsplit(citizen.url).path == new_ticket_url
    assert_accessible(citizen, "the request form")

    # Keyboard: the first Tab stop is the skip link, and following it moves focus to <main>.
    citizen.keyboard.press("Tab")
    skip_link = citizen.locator('a[href="#main"]').first
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    citizen.keyboard.press("Enter")
    expect(citizen.locator("main#main")).to_be_focused()

    # Sent empty, the form comes back with an error summary that links to the fields.
    form = 'main form[enctype="multipart/form-data"]'
    submit(citizen, f"{form} button[type=submit]")
    summary = citizen.locator("#error-summary")
    assert summary.is_visible()
    assert summary.locator('a[href="#id_subject"]').count() == 1
    assert_accessible(citizen, "the request form with errors")

    citizen.locator("input[name=kind][value=report]").check()
    citizen.locator("#id_category").select_option(str(category.pk))
    citizen.locator("#id_subject").fill(SUBJECT)
    citizen.locator("#id_description").fill(DESCRIPTION)
    citizen.locator("#id_attachments").set_input_files(photo)
    citizen.locator("#id_contact_name").fill("Claude Bernard")
    citizen.locator("#id_contact_email").fill(CONTACT_EMAIL)
    citizen.locator("input[name=consent]").check()
    submit(citizen, f"{form} button[type=submit]")

    ticket = Ticket.objects.get(subject=SUBJECT)
    assert ticket.attachments.get().original_name == "nid-de-poule.png"
    assert urlsplit(citizen.url).path == reverse("requests_app:ticket_created")
    assert ticket.reference in citizen.locator("main [role=status]").inner_text()
    assert_accessible(citizen, "the confirmation page")

    # The acknowledgement carries the reference and the private tracking link.
    acknowledgement = wait_for_mail(CONTACT_EMAIL)
    assert ticket.reference in acknowledgement.subject + acknowledgement.body
    tracking_path = tracking_path_in(acknowledgement)
    citizen.goto(live_server.url + tracking_path)
    heading = citizen.locator("h1").inner_text()
    assert ticket.reference in heading and SUBJECT in heading
    photo_link = citizen.locator("main a", has_text="nid-de-poule.png")
    download = citizen.request.get(photo_link.get_attribute("href"))
    assert (download.status, download.body()) == (200, photo.read_bytes())
    assert_accessible(citizen, "the tracking page")

    # An agent of the service logs in through the login page and lands on the workbench.
    staff = new_page()
    staff.goto(reverse("accounts:login"))
    assert_accessible(staff, "the login page")
    staff.locator("#id_username").fill(agent.email)
    staff.locator("#id_password").fill(PASSWORD)
    submit(staff, f'main form[action="{reverse("accounts:login")}"] button[type=submit]')
    assert urlsplit(staff.url).path == reverse("requests_app:workbench")
    assert_accessible(staff, "the workbench")

    ticket_url = reverse("requests_app:agent_ticket", args=[ticket.reference])
    with staff.expect_navigation():
        staff.locator(f'main table a[href="{ticket_url}"]').click()
    assert staff.locator("main a", has_text="nid-de-poule.png").count() == 1
    assert_accessible(staff, "the agent's ticket page")

    submit(staff, 'form[action$="/take/"] button[type=submit]')
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.status) == (agent, Ticket.Status.IN_PROGRESS)
    assert_accessible(staff, "the agent's ticket page after taking it")

    staff.locator("#id_reply-body").fill(REPLY)
    submit(staff, 'form[action$="/reply/"] button[type=submit]')
    assert staff.locator(".timeline", has_text=REPLY).count() == 1
    assert_accessible(staff, "the agent's ticket page after replying")

    staff.locator("#id_resolve-body").fill(RESOLUTION)
    submit(staff, 'form[action$="/resolve/"] button[type=submit]')
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    assert_accessible(staff, "the agent's ticket page after resolving it")

    # Back on the tracking page, the citizen reads the reply and the resolution, and confirms.
    citizen.reload()
    timeline = citizen.locator("main .timeline")
    assert timeline.locator(".message-body", has_text=REPLY).count() == 1
    assert timeline.locator(".message-body", has_text=RESOLUTION).count() == 1
    assert_accessible(citizen, "the tracking page of the resolved request")

    submit(citizen, 'form[action$="/confirmer/"] button[type=submit]')
    assert urlsplit(citizen.url).path == tracking_path
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert status_label(Ticket.Status.CLOSED) in citizen.locator("main .badge").first.inner_text()
    assert citizen.locator('form[action$="/confirmer/"]').count() == 0
    assert_accessible(citizen, "the tracking page of the closed request")
