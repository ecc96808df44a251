"""An acknowledgement goes through a real SMTP conversation and arrives whole."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings

from notifications import outbox
from notifications.models import Notification
from requests_app import intake
from requests_app.models import Channel, Kind


class Sink:
    """An SMTP server's handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A loopback SMTP server, and the default mailer pointed at it."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 5},
        }
    }
    yield sink
    controller.stop()


def test_it_delivers_the_acknowledgement_over_smtp(category, smtp_sink, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=Channel.WEB,
                kind=Kind.REPORT,
                category=category,
                subject="Dépôt sauvage derrière le gymnase",
                description="Des sacs et un matelas ont été déposés derrière le gymnase municipal.",
                contact_name="Camille Martin",
                contact_email="camille@example.fr",
            )
        )

    notification = Notification.objects.get(ticket=ticket)
    assert notification.status == Notification.Status.SENT
    [envelope] = smtp_sink.envelopes
    assert envelope.rcpt_tos == ["camille@example.fr"]
    assert envelope.mail_from == "ne-pas-repondre@bourg-sur-loire.example"

    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert message["To"] == "camille@example.fr"
    assert ticket.reference in message["Subject"]
    assert message["Message-ID"] == notification.message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert text.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert ticket.tracking_url() in text.get_content()
    assert f'href="{ticket.tracking_url()}"' in html.get_content()
    assert "Dépôt sauvage derrière le gymnase" in text.get_content()


def test_it_keeps_the_row_pending_when_the_server_refuses(ticket, smtp_sink, settings):
    notification = Notification.objects.get(ticket=ticket)
    options = settings.MAILERS["default"]["OPTIONS"]
    nobody_listens = {**options, "port": _free_port()}
    settings.MAILERS = {"default": {**settings.MAILERS["default"], "OPTIONS": nobody_listens}}

    assert outbox.deliver(notification.pk) is False

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.last_error
    assert smtp_sink.envelopes == []
