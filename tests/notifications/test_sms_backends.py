"""`send_sms` through each backend, and Brevo's API spoken by a local HTTP server."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from notifications import outbox, sms
from notifications.models import Notification
from tests.factories import TicketFactory


class FakeBrevo(BaseHTTPRequestHandler):
    """Answers like POST /v3/transactionalSMS/send and remembers what it was sent."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.server.received.append(
            {"method": "POST", "path": self.path, "headers": self.headers, "body": self.rfile.read(length)}
        )
        status, answer = self.server.answer
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def brevo(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeBrevo)
    server.received = []
    server.answer = (201, {"messageId": 1511882900176220})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "brevo"
    settings.SMS_API_URL = f"http://127.0.0.1:{server.server_port}/v3/transactionalSMS/send"
    settings.SMS_API_KEY = "xkeysib-test"
    settings.SMS_SENDER = "BourgMairie"
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def sms_notification(category):
    """A request filed by phone only: its acknowledgement waits in the outbox as an SMS."""
    ticket = TicketFactory(category=category, channel="phone", contact_email="", contact_phone="06 12 34 56 78")
    return Notification.objects.get(ticket=ticket, channel=Notification.Channel.SMS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0612345678", "+33612345678"),
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_it_normalises_phone_numbers_to_e164(raw, expected):
    assert sms.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "appelez-moi", "061234567", "06123456789", "+33 06 12", "12", "06 12 34 56 7x"])
def test_it_rejects_junk(raw):
    with pytest.raises(ValueError, match="not a phone number"):
        sms.normalise_phone(raw)


def test_it_texts_only_mobiles_in_france():
    assert sms.sms_number("07 12 34 56 78") == "+33712345678"
    assert sms.sms_number("02 38 12 34 56") == ""  # a landline cannot receive texts
    assert sms.sms_number("n'importe quoi") == ""


def test_it_logs_on_the_console_backend(settings, caplog):
    settings.SMS_BACKEND = "console"

    with caplog.at_level(logging.INFO, logger="notifications.sms"):
        sms.send_sms("0612345678", "Bonjour")

    # The number is masked by the logging filter: the log keeps its last two digits only.
    assert "SMS to +*********78: Bonjour" in caplog.text


def test_it_appends_to_a_file_on_the_file_backend(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "var" / "sms.log"

    sms.send_sms("0612345678", "Premier")
    sms.send_sms("+33712345678", "Second")

    lines = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[1:] for line in lines] == [["+33612345678", "Premier"], ["+33712345678", "Second"]]


def test_it_refuses_an_unknown_backend(settings):
    settings.SMS_BACKEND = "pigeon"

    with pytest.raises(ImproperlyConfigured, match="pigeon"):
        sms.send_sms("0612345678", "Bonjour")


def test_it_posts_to_brevo_with_the_api_key_and_json(brevo):
    message_id = sms.send_sms("06 12 34 56 78", "Demande 2026-000001 reçue.")

    assert message_id == "1511882900176220"
    [request] = brevo.received
    assert request["method"] == "POST"
    assert request["path"] == "/v3/transactionalSMS/send"
    assert request["headers"]["api-key"] == "xkeysib-test"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["Accept"] == "application/json"
    assert json.loads(request["body"]) == {
        "sender": "BourgMairie",
        "recipient": "33612345678",
        "content": "Demande 2026-000001 reçue.",
        "type": "transactional",
    }


def test_it_needs_an_api_key_for_brevo(brevo, settings):
    settings.SMS_API_KEY = ""

    with pytest.raises(ImproperlyConfigured, match="SMS_API_KEY"):
        sms.send_sms("0612345678", "Bonjour")
    assert brevo.received == []


def test_it_delivers_an_outbox_sms_through_brevo(brevo, sms_notification):
    assert outbox.deliver(sms_notification.pk)

    sms_notification.refresh_from_db()
    assert sms_notification.status == Notification.Status.SENT
    assert sms_notification.message_id == "1511882900176220"
    body = json.loads(brevo.received[0]["body"])
    assert body["recipient"] == "33612345678"
    assert sms_notification.ticket.reference in body["content"]
    assert sms_notification.ticket.tracking_url() in body["content"]


def test_it_fails_at_once_when_brevo_refuses_the_message(brevo, sms_notification):
    brevo.answer = (400, {"code": "invalid_parameter", "message": "Invalid phone number"})

    assert not outbox.deliver(sms_notification.pk)

    sms_notification.refresh_from_db()
    assert sms_notification.status == Notification.Status.FAILED
    assert sms_notification.attempts == 1
    assert "HTTP 400" in sms_notification.last_error
    assert "Invalid phone number" in sms_notification.last_error


def test_it_retries_later_when_brevo_is_down(brevo, sms_notification):
    brevo.answer = (503, {"message": "Service unavailable"})

    assert not outbox.deliver(sms_notification.pk)

    sms_notification.refresh_from_db()
    assert sms_notification.status == Notification.Status.PENDING
    assert sms_notification.attempts == 1
    assert "HTTP 503" in sms_notification.last_error
    assert sms_notification.next_attempt_at > sms_notification.created_at


def test_it_retries_later_when_brevo_cannot_be_reached(settings, sms_notification):
    settings.SMS_BACKEND = "brevo"
    settings.SMS_API_KEY = "xkeysib-test"
    settings.SMS_API_URL = "http://127.0.0.1:9/v3/transactionalSMS/send"  # discard port: nobody listens

    assert not outbox.deliver(sms_notification.pk)

    sms_notification.refresh_from_db()
    assert sms_notification.status == Notification.Status.PENDING
    assert "unreachable" in sms_notification.last_error
