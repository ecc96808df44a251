"""Uploads are judged by their bytes, never by their name or the browser's word."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app.attachments import check_uploads


def png() -> bytes:
    """A real 1x1 PNG, checksums included."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """A real 1x1 grey baseline JPEG: one quantisation table, two one-code Huffman tables."""
    one_code = bytes([1] + [0] * 15) + b"\x00"
    return b"".join(
        [
            b"\xff\xd8",
            b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
            b"\xff\xdb\x00\x43\x00" + b"\x01" * 64,
            b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00",
            b"\xff\xc4\x00\x14\x00" + one_code,
            b"\xff\xc4\x00\x14\x10" + one_code,
            b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00",
            b"\x3f",
            b"\xff\xd9",
        ]
    )


PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 44
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


def a_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("facture.exe", EXE)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "detected"),
    [
        ("photo.png", png(), "image/png"),
        ("photo.jpg", jpeg(), "image/jpeg"),
        ("courrier.pdf", PDF, "application/pdf"),
        ("message.txt", "Bonjour, le lampadaire est éteint depuis lundi.\r\n".encode(), "text/plain"),
        ("ancien.txt", "Réclamation : trottoir dégradé.\n".encode("cp1252"), "text/plain"),
    ],
)
def test_it_accepts_real_documents(name, content, detected):
    [checked] = check_uploads([upload(name, content)])

    assert checked.content_type == detected
    assert checked.name == name
    assert checked.size == len(content)


def test_it_trusts_the_bytes_not_the_browser():
    [checked] = check_uploads([upload("scan.pdf", png(), content_type="application/pdf")])

    assert checked.content_type == "image/png"


@pytest.mark.parametrize(
    "content",
    [pytest.param(ELF, id="elf"), pytest.param(EXE, id="exe"), pytest.param(a_zip(), id="zip")],
)
def test_it_refuses_a_program_or_an_archive_renamed_pdf(content):
    with pytest.raises(ValidationError) as error:
        check_uploads([upload("facture.pdf", content, content_type="application/pdf")])

    assert [e.code for e in error.value.error_list] == ["bad_type"]
    assert "facture.pdf" in error.value.messages[0]


def test_it_refuses_binary_junk_and_empty_files():
    with pytest.raises(ValidationError) as error:
        check_uploads([upload("data.txt", b"\x00\x01\x02\x03binary"), upload("vide.txt", b"")])

    assert [e.code for e in error.value.error_list] == ["bad_type", "bad_type"]


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048

    with pytest.raises(ValidationError) as error:
        check_uploads([upload("lettre.txt", b"a" * 2049)])

    assert [e.code for e in error.value.error_list] == ["too_large"]
    assert check_uploads([upload("lettre.txt", b"a" * 2048)])


def test_it_refuses_too_many_files(settings):
    settings.ATTACHMENT_MAX_FILES = 2
    files = [upload(f"photo{n}.png", png()) for n in range(3)]

    with pytest.raises(ValidationError) as error:
        check_uploads(files)

    assert error.value.code == "too_many"
    assert len(check_uploads(files[:2])) == 2


def test_it_reports_every_faulty_file_at_once(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048

    with pytest.raises(ValidationError) as error:
        check_uploads([upload("ok.png", png()), upload("gros.txt", b"a" * 4096), upload("x.pdf", ELF)])

    assert [e.code for e in error.value.error_list] == ["too_large", "bad_type"]


def test_it_keeps_only_the_base_name():
    [checked] = check_uploads([upload("../../etc/photo.png", png())])

    assert "/" not in checked.name


def test_it_ignores_empty_slots_of_the_form():
    assert check_uploads([None, upload("photo.png", png())])[0].content_type == "image/png"


def test_it_leaves_the_file_ready_to_be_read_from_the_start():
    file = upload("photo.png", png())

    [checked] = check_uploads([file])

    assert checked.file.read(8) == b"\x89PNG\r\n\x1a\n"
