"""A request's messages (internal notes included), timeline, and files: upload rules and downloads."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app import workflow
from requests_app.attachments import check_uploads
from requests_app.models import Attachment, Message
from tests.conftest import close_download
from tests.factories import TicketFactory

# A real 1x1 PNG: images are decoded and re-encoded when received.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_it_lists_public_messages_and_internal_notes(api, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Nous passons jeudi.")
    workflow.add_internal_note(ticket.pk, by=agent, body="Prévoir la nacelle.")

    response = api.get(f"/api/v1/tickets/{ticket.reference}/messages/")

    assert response.status_code == 200
    assert [(m["kind"], m["is_public"]) for m in response.json()] == [
        ("public_reply", True),
        ("internal_note", False),
    ]


def test_it_adds_a_reply_with_a_file(api, category, voirie_key):
    ticket = TicketFactory(category=category)
    photo = SimpleUploadedFile("photo.png", PNG, content_type="image/png")

    response = api.post(
        f"/api/v1/tickets/{ticket.reference}/messages/",
        {"kind": "public_reply", "body": "Voici la photo.", "files": [photo]},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    message = Message.objects.get(pk=response.json()["id"])
    assert message.author == voirie_key.user
    attachment = message.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.is_public) == ("photo.png", "image/png", True)


def test_it_adds_an_internal_note_as_json(api, category):
    ticket = TicketFactory(category=category)

    response = api.post(
        f"/api/v1/tickets/{ticket.reference}/messages/", {"kind": "internal_note", "body": "À voir."}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["is_public"] is False


def test_it_refuses_a_file_of_a_forbidden_kind(api, category):
    ticket = TicketFactory(category=category)
    program = SimpleUploadedFile("run.exe", b"MZ\x90\x00\x03" + b"\x00" * 64, content_type="image/png")

    response = api.post(
        f"/api/v1/tickets/{ticket.reference}/messages/",
        {"kind": "public_reply", "body": "Pièce jointe.", "files": [program]},
        format="multipart",
    )

    assert response.status_code == 400
    assert "files" in response.json()
    assert not Message.objects.exists()
    assert not Attachment.objects.exists()


def test_it_refuses_too_many_files(api, category, settings):
    settings.ATTACHMENT_MAX_FILES = 1
    ticket = TicketFactory(category=category)
    files = [SimpleUploadedFile(f"p{i}.png", PNG, content_type="image/png") for i in range(2)]

    response = api.post(
        f"/api/v1/tickets/{ticket.reference}/messages/",
        {"kind": "internal_note", "body": "Deux photos.", "files": files},
        format="multipart",
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_it_lists_and_downloads_the_files_of_a_request(api, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    upload = SimpleUploadedFile("mesure.txt", b"30 cm", content_type="text/plain")
    workflow.add_internal_note(ticket.pk, by=agent, body="Mesure.", attachments=check_uploads([upload]))
    attachment = Attachment.objects.get()

    listing = api.get(f"/api/v1/tickets/{ticket.reference}/attachments/")
    download = api.get(f"/api/v1/tickets/{ticket.reference}/attachments/{attachment.pk}/download/")

    assert [a["original_name"] for a in listing.json()] == ["mesure.txt"]
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"30 cm"
    assert "mesure.txt" in download["Content-Disposition"]
    close_download(download)


def test_it_does_not_serve_a_file_through_another_request(api, category, agent):
    ticket, other = TicketFactory(category=category, agent=agent, in_progress=True), TicketFactory(category=category)
    upload = SimpleUploadedFile("mesure.txt", b"30 cm", content_type="text/plain")
    workflow.add_internal_note(ticket.pk, by=agent, body="Mesure.", attachments=check_uploads([upload]))
    attachment = Attachment.objects.get()

    response = api.get(f"/api/v1/tickets/{other.reference}/attachments/{attachment.pk}/download/")

    assert response.status_code == 404


def test_it_hides_the_files_and_messages_of_other_services(api, other_category):
    ticket = TicketFactory(category=other_category)

    for part in ("messages", "events", "attachments"):
        assert api.get(f"/api/v1/tickets/{ticket.reference}/{part}/").status_code == 404


def test_it_shows_the_whole_timeline_to_staff(api, category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    workflow.add_internal_note(ticket.pk, by=agent, body="Interne.")

    events = api.get(f"/api/v1/tickets/{ticket.reference}/events/").json()

    assert [e["kind"] for e in events] == ["created", "assigned", "internal_note"]
    assert events[-1]["is_public"] is False
    assert events[-1]["actor_name"] == str(agent)
