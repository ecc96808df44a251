"""Files in mails follow the web form's rules: accepted types by content, size and count limits."""

import base64

from django.urls import reverse

from email_intake.models import InboundEmail
from email_intake.processing import process_message
from tests.conftest import close_download
from tests.requests_app.images import metadata_of

from .conftest import corpus_message

PDF = b"%PDF-1.4\n" + b"% page\n" * 50 + b"%%EOF\n"


def with_files(*files) -> bytes:
    parts = ["--sep\nContent-Type: text/plain; charset=utf-8\n\nVoici les documents.\n"]
    for name, content_type, data in files:
        parts.append(
            f"--sep\nContent-Type: {content_type}\nContent-Disposition: attachment; filename*=utf-8''{name}\n"
            f"Content-Transfer-Encoding: base64\n\n{base64.encodebytes(data).decode()}\n"
        )
    return (
        "From: Camille Martin <camille.martin@example.fr>\nTo: contact@bourg-sur-loire.example\n"
        "Subject: Pièces pour mon dossier\nMessage-ID: <files@example.fr>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="sep"\n\n' + "".join(parts) + "--sep--\n"
    ).encode()


def test_it_keeps_accepted_files_with_their_detected_type(triage_service):
    ticket = process_message(
        with_files(("justificatif%20sign%C3%A9.pdf", "application/octet-stream", PDF)), source="imap"
    ).ticket

    attachment = ticket.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        "justificatif signé.pdf",
        "application/pdf",
        len(PDF),
    )
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF


def test_it_refuses_files_over_the_size_limit(triage_service, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024

    inbound = process_message(with_files(("gros.pdf", "application/pdf", PDF * 10)), source="imap")

    assert inbound.outcome == "ticket_created"
    assert not inbound.ticket.attachments.exists()
    assert [r["name"] for r in inbound.refused_attachments] == ["gros.pdf"]


def test_it_keeps_no_more_files_than_the_web_form(triage_service, settings):
    settings.ATTACHMENT_MAX_FILES = 2
    files = [(f"piece{n}.pdf", "application/pdf", PDF) for n in range(3)]

    inbound = process_message(with_files(*files), source=InboundEmail.Source.IMAP)

    assert inbound.ticket.attachments.count() == 2
    assert [r["name"] for r in inbound.refused_attachments] == ["piece2.pdf"]


def test_it_lets_the_agent_download_a_mailed_file(client, triage_service, agent):
    triage_service.agents.add(agent)
    ticket = process_message(with_files(("plan.pdf", "application/pdf", PDF)), source="imap").ticket
    client.force_login(agent)

    response = client.get(
        reverse("requests_app:agent_attachment", args=[ticket.reference, ticket.attachments.get().pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    close_download(response)


def test_it_stores_a_mailed_phone_photo_without_its_gps_position(triage_service):
    raw = corpus_message("04-iphone-photo.eml")
    ticket = process_message(raw, source="imap").ticket

    attachment = ticket.attachments.get()
    with attachment.file.open("rb") as handle:
        kept = metadata_of(handle.read())
    assert (kept["exif"], kept["gps"]) == ({}, {})
    # The photo was taken with the phone turned (EXIF orientation 6): it is stored upright.
    assert kept["size"] == (16, 24)
