"""Downloading a file from the tracking page: that ticket's public files, nothing else."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import workflow
from requests_app.attachments import check_uploads
from tests.conftest import close_download
from tests.factories import TicketFactory

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def png(name="photo.png"):
    return check_uploads([SimpleUploadedFile(name, PNG)])


def download(client, ticket, attachment):
    return client.get(reverse("requests_app:track_attachment", args=[ticket.token, attachment.pk]))


@pytest.fixture
def ticket(category):
    return TicketFactory(category=category, attachments=png("nid de poule.png"))


def test_it_sends_the_file_with_its_original_name(client, ticket):
    attachment = ticket.attachments.get()

    with attachment.file.open("rb") as stored:
        stored_bytes = stored.read()  # the image as re-encoded when it was received

    response = download(client, ticket, attachment)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored_bytes
    close_download(response)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "nid de poule.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_lists_the_files_with_their_download_links(client, ticket):
    attachment = ticket.attachments.get()

    response = client.get(reverse("requests_app:track", args=[ticket.token]))

    assert reverse("requests_app:track_attachment", args=[ticket.token, attachment.pk]) in response.text


def test_it_answers_404_for_a_file_of_another_ticket(client, ticket, category):
    other = TicketFactory(category=category, attachments=png("autre.png"))

    response = download(client, ticket, other.attachments.get())

    assert response.status_code == 404


def test_it_answers_404_for_a_file_attached_to_an_internal_note(client, ticket, agent):
    note = workflow.add_internal_note(ticket.pk, by=agent, body="Photo du chantier", attachments=png("interne.png"))

    response = download(client, ticket, note.attachments.get())

    assert response.status_code == 404
    assert "interne.png" not in client.get(reverse("requests_app:track", args=[ticket.token])).text


def test_it_answers_404_with_a_wrong_token(client, ticket):
    response = client.get(reverse("requests_app:track_attachment", args=["0" * 64, ticket.attachments.get().pk]))

    assert response.status_code == 404
