"""Fixtures for e-mail intake: a request by e-mail and the corpus of real-world-shaped mails."""

from pathlib import Path

import pytest

from notifications.models import Notification
from requests_app.models import Channel
from tests.factories import TicketFactory

CORPUS = Path(__file__).parent / "corpus"
CITIZEN_ADDRESS = "camille.martin@example.fr"


def corpus_message(name: str, ticket=None) -> bytes:
    """A corpus mail, its placeholders filled in with the given request's reference and Message-ID."""
    raw = (CORPUS / name).read_bytes()
    if ticket is not None:
        raw = raw.replace(b"@@REFERENCE@@", ticket.reference.encode())
        raw = raw.replace(b"@@ACK_MESSAGE_ID@@", acknowledgement_id(ticket).encode())
    return raw


def acknowledgement_id(ticket) -> str:
    return Notification.objects.get(ticket=ticket, template="acknowledgement", channel="email").message_id


def mail(
    *,
    subject="Poubelles non ramassées",
    body="Bonjour,\n\nLes poubelles de la rue Victor-Hugo n'ont pas été ramassées.\n",
    sender=f"Camille Martin <{CITIZEN_ADDRESS}>",
    to="contact@bourg-sur-loire.example",
    message_id="<a1b2c3@example.fr>",
    headers=(),
) -> bytes:
    """A small plain-text mail; `headers` adds (name, value) pairs."""
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", "Date: Mon, 12 Jan 2026 09:41:07 +0100"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    lines += [f"{name}: {value}" for name, value in headers]
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    return ("\n".join(lines) + "\n\n" + body).encode()


@pytest.fixture
def email_ticket(triage_service, category):
    """A request filed without an account by the corpus's usual sender."""
    return TicketFactory(
        category=category, channel=Channel.EMAIL, contact_email=CITIZEN_ADDRESS, contact_name="Camille Martin"
    )
