"""Uploaded files: type checked by content (never by name), size and count limited."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# MIME type detected from the bytes → what a person recognises.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/heic": "HEIC",
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
        checked.append(CheckedUpload(file=upload, name=name, content_type=mime, size=upload.size))
    if errors:
        raise ValidationError(errors)
    return checked


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
