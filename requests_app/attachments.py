"""Uploaded files: type checked by content (never by name), size and count limited, images cleaned.

Every way a file enters the application (the citizen's form and replies, the agents' messages
and quick entry, the REST API, inbound e-mail) goes through `check_uploads`, so every image is
re-encoded here, before anything is stored: a phone's photo carries in its EXIF metadata the
GPS position where it was taken (often the citizen's home), the device and the time; the
re-encoded copy keeps the pixels, turned upright by the EXIF orientation, and no metadata
(EXIF, XMP, comments; the colour profile is kept). Re-encoding also means a file that only
pretends to be an image, or a truncated one, is refused instead of being served to agents.
"""

import io
import warnings
from dataclasses import dataclass
from struct import error as struct_error

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence

# MIME type of the images Pillow re-encodes → its format name. HEIC is not accepted: Pillow
# cannot re-encode it, and its metadata would be stored as it came.
REENCODED_IMAGES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
# What survives of an image's metadata: how to draw it, nothing about where, when or by whom.
KEPT_IMAGE_INFO = ("icc_profile", "transparency")

# MIME type detected from the bytes → what a person recognises.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "text/plain": "TXT",
}
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    name: str
    content_type: str
    size: int


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    # Plain text has no magic number: accept it only if it decodes and holds no control bytes.
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            return None
    if head and not any(ord(ch) < 9 or 13 < ord(ch) < 32 for ch in text):
        return "text/plain"
    return None


def allowed_types_display() -> str:
    return ", ".join(sorted(set(ALLOWED_TYPES.values())))


def check_uploads(uploads) -> list[CheckedUpload]:
    """Validate a list of uploads; raises ValidationError with one message per faulty file."""
    uploads = [u for u in uploads if u]
    if len(uploads) > settings.ATTACHMENT_MAX_FILES:
        raise ValidationError(
            _("You can attach at most %(count)d files.") % {"count": settings.ATTACHMENT_MAX_FILES},
            code="too_many",
        )
    errors = []
    checked = []
    for upload in uploads:
        name = (upload.name or "document").rsplit("/", 1)[-1][:200]
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            errors.append(
                ValidationError(
                    _("“%(name)s” is too large (%(size)s); the limit is %(limit)s per file.")
                    % {
                        "name": name,
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
                    },
                    code="too_large",
                )
            )
            continue
        mime = _sniff(upload)
        if mime not in ALLOWED_TYPES:
            errors.append(
                ValidationError(
                    _("“%(name)s” is not an accepted kind of file. Accepted: %(types)s.")
                    % {"name": name, "types": allowed_types_display()},
                    code="bad_type",
                )
            )
            continue
        if mime in REENCODED_IMAGES:
            try:
                upload = reencoded_image(upload, name=name, mime=mime)
            except ValidationError as error:
                errors.append(error)
                continue
        checked.append(CheckedUpload(file=upload, name=name, content_type=mime, size=upload.size))
    if errors:
        raise ValidationError(errors)
    return checked


class _TooManyPixels(Exception):
    pass


def _clean_frame(frame: Image.Image, *, upright: bool) -> Image.Image:
    """A copy of `frame` with its pixels only (and how to draw them), turned upright if asked."""
    clean = ImageOps.exif_transpose(frame) if upright else frame.copy()
    clean.info = {key: frame.info[key] for key in KEPT_IMAGE_INFO if key in frame.info}
    return clean


def _reencode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    frame_count = getattr(image, "n_frames", 1)
    if frame_count > 1:  # an animated GIF, WebP or PNG: every frame, its timing, no metadata
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_clean_frame(frame, upright=False))
        frames[0].save(
            out,
            format=image_format,
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )
        return out.getvalue()
    clean = _clean_frame(image, upright=True)
    options = {key: clean.info[key] for key in KEPT_IMAGE_INFO if key in clean.info}
    if image_format == "JPEG":
        options.update(quality=90, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=90, lossless=image.info.get("lossless", False))
    clean.save(out, format=image_format, **options)
    return out.getvalue()


def reencoded_image(upload, *, name: str, mime: str) -> SimpleUploadedFile:
    """The image decoded and encoded again in its own format, without its metadata.

    Raises ValidationError for an image that does not decode or exceeds
    `ATTACHMENT_IMAGE_MAX_PIXELS` (a "decompression bomb": a few kilobytes that would
    unfold into gigabytes of memory).
    """
    image_format = REENCODED_IMAGES[mime]
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; ours is stricter and refuses.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=[image_format]) as image:
                if image.width * image.height > settings.ATTACHMENT_IMAGE_MAX_PIXELS:
                    raise _TooManyPixels
                data = _reencode(image, image_format)
    except (_TooManyPixels, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            _("“%(name)s” is too large an image (more than %(limit)s million pixels).")
            % {"name": name, "limit": settings.ATTACHMENT_IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError, struct_error, MemoryError):
        raise ValidationError(
            _("“%(name)s” is a damaged image that cannot be read; please send it again or in another format.")
            % {"name": name},
            code="bad_image",
        ) from None
    finally:
        upload.seek(0)
    return SimpleUploadedFile(name, data, content_type=mime)


def download_response(attachment) -> FileResponse:
    """Send a stored attachment as a download under its original name (404 if it is gone).

    Callers have already checked that the person may see it: files are never served by URL.
    """
    if attachment is None:
        raise Http404("No such attachment on this request")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage") from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
