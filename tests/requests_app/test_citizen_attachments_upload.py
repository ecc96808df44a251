"""Files sent with a request or a reply: accepted by their content, limited in size and number."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import Attachment, Kind, Message, Ticket
from tests.factories import TicketFactory

URL = reverse("requests_app:new_ticket")
# A real 1x1 PNG and a minimal PDF: what matters is the bytes, not the name.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def anonymous_form(category, files):
    return {
        "kind": Kind.REPORT,
        "category": category.pk,
        "subject": "Dépôt sauvage",
        "description": "Des sacs abandonnés au coin de la rue.",
        "contact_name": "Claude Bernard",
        "contact_email": "claude@example.fr",
        "consent": "on",
        "attachments": files,
    }


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_it_accepts_images_and_pdfs_by_their_content(client, category):
    files = [upload("photo.png", PNG), upload("plan.pdf", PDF)]

    response = client.post(URL, anonymous_form(category, files))

    assert response.status_code == 302
    ticket = Ticket.objects.get()
    attachments = {a.original_name: a for a in Attachment.objects.filter(ticket=ticket)}
    assert set(attachments) == {"photo.png", "plan.pdf"}
    assert attachments["photo.png"].content_type == "image/png"
    assert attachments["plan.pdf"].content_type == "application/pdf"
    assert attachments["photo.png"].size == len(PNG)
    assert attachments["photo.png"].is_public
    with attachments["plan.pdf"].file.open("rb") as stored:
        assert stored.read() == PDF
    # Stored under a random name: the original one is never used as a path.
    assert "plan" not in attachments["plan.pdf"].file.name


def test_it_refuses_a_program_renamed_as_a_pdf(client, category):
    response = client.post(URL, anonymous_form(category, [upload("facture.pdf", ELF, "application/pdf")]))

    assert response.status_code == 400
    errors = response.context["form"].errors["attachments"]
    assert any("facture.pdf" in error and "not an accepted kind of file" in error for error in errors)
    assert any("select them again" in error for error in errors)
    assert 'value="Dépôt sauvage"' in response.text
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, category, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024

    response = client.post(URL, anonymous_form(category, [upload("gros.pdf", PDF + b"0" * 2048)]))

    assert response.status_code == 400
    assert any("too large" in error for error in response.context["form"].errors["attachments"])
    assert not Ticket.objects.exists()


def test_it_shows_the_limits_beside_the_file_input(client, category, settings):
    settings.ATTACHMENT_MAX_FILES = 3
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024

    response = client.get(URL)

    assert "Up to 3 files of 2.0\xa0MB each" in response.text
    assert 'aria-describedby="id_attachments_helptext"' in response.text


def test_it_refuses_too_many_files(client, category, settings):
    settings.ATTACHMENT_MAX_FILES = 2
    files = [upload(f"photo{n}.png", PNG) for n in range(3)]

    response = client.post(URL, anonymous_form(category, files))

    assert response.status_code == 400
    assert any("at most 2 files" in error for error in response.context["form"].errors["attachments"])
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()


def test_it_asks_to_select_the_files_again_when_another_field_fails(client, category):
    data = anonymous_form(category, [upload("photo.png", PNG)])
    data["subject"] = ""

    response = client.post(URL, data)

    assert response.status_code == 400
    assert any("select them again" in error for error in response.context["form"].errors["attachments"])
    assert not Attachment.objects.exists()


def test_it_attaches_files_to_a_reply_by_tracking_link(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    response = client.post(
        reverse("requests_app:track_reply", args=[ticket.token]),
        {"reply-body": "Voici la photo demandée.", "reply-attachments": [upload("photo.png", PNG)]},
    )

    assert response.status_code == 302
    [attachment] = Attachment.objects.filter(ticket=ticket)
    assert attachment.message.kind == Message.Kind.CITIZEN_MESSAGE
    assert attachment.is_public
    assert attachment.uploaded_by is None


def test_it_refuses_a_bad_file_in_a_reply_and_changes_nothing(client, category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)

    response = client.post(
        reverse("requests_app:track_reply", args=[ticket.token]),
        {"reply-body": "Voici le document.", "reply-attachments": [upload("doc.pdf", ELF)]},
    )

    assert response.status_code == 400
    assert "Voici le document." in response.text
    assert not Attachment.objects.exists()
    assert not Message.objects.filter(kind=Message.Kind.CITIZEN_MESSAGE).exists()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_CITIZEN
