"""Uploaded images are re-encoded without their metadata (the GPS position of a photo) before storage."""

import base64
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from requests_app.attachments import check_uploads
from requests_app.models import Attachment, Kind, Ticket
from tests.factories import TicketFactory

from .images import metadata_of, photo

NEW_TICKET = reverse("requests_app:new_ticket")


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def form(category, files):
    return {
        "kind": Kind.REPORT,
        "category": category.pk,
        "subject": "Nid-de-poule",
        "description": "Un trou profond devant le 12 rue des Lilas.",
        "contact_name": "Claude Bernard",
        "contact_email": "claude@example.fr",
        "consent": "on",
        "attachments": files,
    }


def stored(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def checked(name: str, data: bytes):
    (upload,) = check_uploads([SimpleUploadedFile(name, data)])
    return upload


def test_it_stores_a_phone_photo_without_its_gps_position(client, category):
    original = photo("JPEG")
    assert metadata_of(original)["gps"]  # the test photo does carry a position

    response = client.post(NEW_TICKET, form(category, [SimpleUploadedFile("IMG_0423.jpg", original)]))

    assert response.status_code == 302
    attachment = Attachment.objects.get(ticket=Ticket.objects.get())
    kept = metadata_of(stored(attachment))
    assert kept["format"] == "JPEG"
    assert kept["exif"] == {}
    assert kept["gps"] == {}
    assert kept["info_keys"] == set()
    assert b"iPhone" not in stored(attachment)
    assert attachment.size == attachment.file.size
    assert (attachment.original_name, attachment.content_type) == ("IMG_0423.jpg", "image/jpeg")


def test_it_turns_the_photo_upright_before_forgetting_its_orientation(db):
    # Orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    upload = checked("portrait.jpg", photo("JPEG", size=(40, 20), orientation=6))

    kept = metadata_of(upload.file.read())
    assert kept["size"] == (20, 40)
    assert kept["exif"] == {}
    # The dark left half is now on top: the top-left pixel is dark.
    assert max(kept["left_pixel"]) < 100


@pytest.mark.parametrize(
    ("image_format", "mime"),
    [("PNG", "image/png"), ("WEBP", "image/webp"), ("GIF", "image/gif")],
)
def test_it_re_encodes_each_image_format_in_its_own_format_without_metadata(db, image_format, mime):
    options = {}
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "pris au 12 rue des Lilas")
        options["pnginfo"] = text
    if image_format == "GIF":
        options["comment"] = b"pris au 12 rue des Lilas"
    original = photo(image_format, **options)

    upload = checked(f"photo.{image_format.lower()}", original)

    data = upload.file.read()
    kept = metadata_of(data)
    assert (kept["format"], upload.content_type, upload.size) == (image_format, mime, len(data))
    assert kept["exif"] == {}
    assert kept["info_keys"] <= {"transparency", "background", "version", "loop", "duration"}
    assert b"Lilas" not in data


def test_it_keeps_every_frame_of_an_animated_gif(db):
    frames = [Image.new("RGB", (8, 8), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300], loop=0, comment=b"secret"
    )

    upload = checked("anim.gif", out.getvalue())

    data = upload.file.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.n_frames == 3
    assert b"secret" not in data


def test_it_refuses_a_damaged_image_beside_the_field_and_files_nothing(client, category):
    truncated = photo("JPEG")[:200]

    response = client.post(NEW_TICKET, form(category, [SimpleUploadedFile("photo.jpg", truncated)]))

    assert response.status_code == 400
    errors = response.context["form"].errors["attachments"]
    assert "“photo.jpg” is a damaged image that cannot be read" in errors[0]
    assert not Ticket.objects.exists()
    assert not Attachment.objects.exists()


def test_it_refuses_a_file_that_only_starts_like_an_image(db):
    with pytest.raises(Exception, match="damaged image"):
        checked("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


def test_it_refuses_an_image_with_too_many_pixels(client, category, settings):
    # A few hundred bytes of PNG that would take 36 million pixels once decoded.
    settings.ATTACHMENT_IMAGE_MAX_PIXELS = 30_000_000
    bomb = io.BytesIO()
    Image.new("1", (6000, 6000)).save(bomb, "PNG")

    response = client.post(NEW_TICKET, form(category, [SimpleUploadedFile("carte.png", bomb.getvalue())]))

    assert response.status_code == 400
    assert (
        "“carte.png” is too large an image (more than 30 million pixels)."
        in (response.context["form"].errors["attachments"][0])
    )
    assert not Ticket.objects.exists()


def test_it_no_longer_accepts_heic_photos_it_cannot_clean(db):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64

    with pytest.raises(Exception, match="not an accepted kind of file"):
        checked("IMG_0001.HEIC", heic)


def test_it_cleans_the_photos_of_an_agents_reply(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)

    response = client.post(
        reverse("requests_app:agent_reply", args=[ticket.reference]),
        {
            "reply-body": "Voici la photo après travaux.",
            "reply-attachments": [SimpleUploadedFile("apres.jpg", photo())],
        },
    )

    assert response.status_code == 302
    assert metadata_of(stored(ticket.attachments.get()))["gps"] == {}


def test_it_keeps_a_png_that_has_no_metadata_as_a_valid_png(db):
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )

    upload = checked("pixel.png", png)

    assert metadata_of(upload.file.read())["size"] == (1, 1)
