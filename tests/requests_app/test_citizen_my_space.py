"""The citizen's personal space: what is expected from them first, then their own data only."""

import base64
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from appointments import booking as appointments
from appointments.models import Counter, Slot
from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from requests_app.attachments import check_uploads
from tests.accounts.helpers import log_in_with_second_factor
from tests.conftest import close_download
from tests.factories import TicketFactory

URL = reverse("requests_app:my_space")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SECTIONS = ["expected-title", "requests-title", "appointments-title", "documents-title", "notifications-title"]


def png(name):
    return check_uploads([SimpleUploadedFile(name, PNG)])


def make_slot(counter, *, hours_from_now: float):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=5
    )


def section(html: str, title_id: str) -> str:
    """The part of the page from one section's title to the next section's."""
    start = html.index(f'id="{title_id}"')
    following = [html.index(f'id="{other}"') for other in SECTIONS if html.index(f'id="{other}"') > start]
    return html[start : min(following)] if following else html[start:]


def own(category, citizen, **traits):
    return TicketFactory(category=category, citizen=citizen, contact_email="", contact_name="", **traits)


@pytest.fixture
def counter(service):
    return Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville, 1 place de la Mairie")


def test_it_shows_the_sections_in_order(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 200
    positions = [response.text.index(f'id="{title_id}"') for title_id in SECTIONS]
    assert positions == sorted(positions)


def test_it_puts_tickets_awaiting_the_citizen_and_resolved_ones_first(client, citizen, category):
    awaiting = own(category, citizen, awaiting=True)
    resolved = own(category, citizen, resolved=True)
    in_progress = own(category, citizen, in_progress=True)
    closed = own(category, citizen, closed=True)
    client.force_login(citizen)

    expected = section(client.get(URL).text, "expected-title")

    assert reverse("requests_app:my_ticket", args=[awaiting.reference]) + "#reply-title" in expected
    assert reverse("requests_app:my_ticket", args=[resolved.reference]) + "#confirm-title" in expected
    assert in_progress.reference not in expected
    assert closed.reference not in expected


def test_it_asks_to_come_to_appointments_of_the_coming_week(client, citizen, counter):
    soon = appointments.book_appointment(
        slot_id=make_slot(counter, hours_from_now=48).pk, by=citizen, reason="Dépôt de dossier"
    )
    later = appointments.book_appointment(
        slot_id=make_slot(counter, hours_from_now=24 * 10).pk, by=citizen, reason="Retrait de pièce"
    )
    client.force_login(citizen)

    html = client.get(URL).text
    expected = section(html, "expected-title")
    upcoming = section(html, "appointments-title")

    assert "Hôtel de ville, 1 place de la Mairie" in expected
    assert reverse("appointments:move", args=[later.pk]) not in expected
    for appointment in (soon, later):
        assert appointment.reason in upcoming
        assert reverse("appointments:move", args=[appointment.pk]) in upcoming
        assert reverse("appointments:cancel", args=[appointment.pk]) in upcoming
    assert appointments.feed_url(citizen) in upcoming


def test_it_leaves_cancelled_appointments_out(client, citizen, counter):
    booked = appointments.book_appointment(
        slot_id=make_slot(counter, hours_from_now=48).pk, by=citizen, reason="Rendez-vous annulé"
    )
    appointments.cancel_appointment(appointment_id=booked.pk, by=citizen)
    client.force_login(citizen)

    response = client.get(URL)

    assert "Rendez-vous annulé" not in response.text


def test_it_lists_the_latest_requests_with_their_progress(client, citizen, category):
    tickets = [own(category, citizen) for _ in range(11)]
    client.force_login(citizen)

    requests = section(client.get(URL).text, "requests-title")

    assert tickets[0].reference not in requests  # the eleventh most recent
    for ticket in tickets[1:]:
        assert reverse("requests_app:my_ticket", args=[ticket.reference]) in requests
    assert 'aria-current="step"' in requests
    assert reverse("requests_app:my_tickets") in requests


def test_it_lists_the_documents_sent_and_issued_through_the_permission_checked_view(client, citizen, category, agent):
    ticket = own(category, citizen, attachments=png("photo-du-trou.png"))
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Voici l'arrêté.", attachments=png("arrete.png"))
    workflow.add_internal_note(ticket.pk, by=agent, body="Note interne", attachments=png("note-interne.png"))
    client.force_login(citizen)

    documents = section(client.get(URL).text, "documents-title")

    sent = ticket.attachments.get(original_name="photo-du-trou.png")
    issued = ticket.attachments.get(original_name="arrete.png")
    for attachment in (sent, issued):
        url = reverse("requests_app:my_ticket_attachment", args=[ticket.reference, attachment.pk])
        assert url in documents
        response = client.get(url)
        assert response.status_code == 200
        close_download(response)
    assert documents.index("arrete.png") < documents.index("photo-du-trou.png")  # services' files first
    assert "note-interne.png" not in documents


def test_it_lists_the_latest_notifications_of_the_centre(client, citizen, category):
    ticket = own(category, citizen, awaiting=True)
    notification = Notification.objects.filter(recipient=citizen, channel=Notification.Channel.IN_APP).latest("pk")
    client.force_login(citizen)

    notifications = section(client.get(URL).text, "notifications-title")

    assert outbox.summary(notification) in notifications
    assert reverse("requests_app:my_ticket", args=[ticket.reference]) in notifications
    assert reverse("notifications:centre") in notifications


def test_it_never_shows_another_citizens_data(client, citizen, other_citizen, category, counter, agent):
    theirs = own(category, other_citizen, awaiting=True, attachments=png("leur-photo.png"))
    workflow.reply_to_ticket(theirs.pk, by=agent, body="Réponse", attachments=png("leur-courrier.png"))
    appointments.book_appointment(
        slot_id=make_slot(counter, hours_from_now=48).pk, by=other_citizen, reason="Rendez-vous de Dominique"
    )
    client.force_login(citizen)

    response = client.get(URL)

    assert theirs.reference not in response.text
    assert theirs.subject not in response.text
    assert "leur-photo.png" not in response.text
    assert "leur-courrier.png" not in response.text
    assert "Rendez-vous de Dominique" not in response.text
    assert appointments.feed_url(other_citizen) not in response.text


@pytest.mark.parametrize("persona", ["agent", "supervisor", "manager", "administrator"])
def test_it_refuses_staff(client, request, persona):
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    assert client.get(URL).status_code == 403


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_refuses_changes_by_post(client, citizen):
    client.force_login(citizen)

    assert client.post(URL).status_code == 405


def fill_space(citizen, category, counter, agent, count: int) -> None:
    for number in range(count):
        ticket = own(category, citizen, agent=agent, in_progress=True, attachments=png(f"photo-{number}.png"))
        workflow.reply_to_ticket(ticket.pk, by=agent, body="Réponse", attachments=png(f"reponse-{number}.png"))
        if number % 2:
            workflow.request_information(ticket.pk, by=agent, body="Quelle adresse exactement ?")
        else:
            workflow.resolve_ticket(ticket.pk, by=agent, body="C'est réparé.")
        appointments.book_appointment(
            slot_id=make_slot(counter, hours_from_now=48 + number).pk, by=citizen, reason=f"Rendez-vous {number}"
        )


@pytest.mark.parametrize("count", [2, 20])
def test_it_keeps_the_query_count_bounded(
    client, citizen, category, counter, agent, count, django_assert_max_num_queries
):
    fill_space(citizen, category, counter, agent, count)
    client.force_login(citizen)

    with django_assert_max_num_queries(8):
        response = client.get(URL)

    assert response.status_code == 200
    assert response.text.count("reponse-") == count


def test_it_is_where_citizens_land_and_is_in_the_menu(client, citizen):
    client.force_login(citizen)

    response = client.get(reverse("accounts:after_login"), follow=True)

    assert response.redirect_chain[-1][0] == URL
    assert f'href="{URL}"' in response.text
    assert f'href="{reverse("appointments:mine")}"' in response.text
