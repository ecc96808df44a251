"""Logs mask phone numbers, e-mail addresses and private links, whatever logs them."""

import io
import logging

import pytest
from django.conf import settings as django_settings

from citizen_crm.log_masking import MaskPersonalData, mask
from notifications import sms
from tests.factories import TicketFactory

logger = logging.getLogger("tests.hardening")


def test_it_masks_what_is_logged_through_the_configured_handlers(caplog):
    with caplog.at_level(logging.INFO):
        logger.info("Citizen %s (%s) wrote from %s", "jeanne.martin@example.fr", "06 12 34 56 78", "+33612345678")

    assert caplog.messages == ["Citizen ***@example.fr (** ** ** ** 78) wrote from +*********78"]
    assert "jeanne.martin" not in caplog.text and "12 34 56" not in caplog.text


@pytest.mark.django_db
def test_it_masks_the_token_of_a_tracking_link(caplog, category):
    ticket = TicketFactory(category=category)
    token = ticket.tracking_token()

    with caplog.at_level(logging.INFO):
        logger.warning("Link sent: %s", ticket.tracking_url())

    assert token not in caplog.text
    assert caplog.messages == [f"Link sent: {django_settings.SITE_URL}/suivi/***/"]


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ('"GET /enquete/AbC1:1tXyZ:q9Z/note/4/ HTTP/1.1" 200', '"GET /enquete/***/note/4/ HTTP/1.1" 200'),
        ("/notifications/desabonnement/eyJ1IjoxfQ:1tX:abc/", "/notifications/desabonnement/***/"),
        ("/rendez-vous/calendrier/3f9c0a7e1b2d4c5e/", "/rendez-vous/calendrier/***/"),
        ("/compte/verifier/MQ/cz4k1b-0f3e9a8b7c6d5e4f/", "/compte/verifier/MQ/***/"),
        ("/compte/mot-de-passe/MQ/cz4k1b-0f3e9a8b7c6d5e4f/", "/compte/mot-de-passe/MQ/***/"),
        ("/open311/v2/requests.json?api_key=rc_demo_open311_key&x=1", "/open311/v2/requests.json?api_key=***&x=1"),
        ("Reply-To: demandes+2026-000123.AbC12@mairie.example", "Reply-To: ***@mairie.example"),
        ("0033 6 12 34 56 78 or 06.12.34.56.78", "**** * ** ** ** 78 or **.**.**.**.78"),
    ],
)
def test_it_masks_private_links_keys_addresses_and_numbers(line, masked):
    assert mask(line) == masked


@pytest.mark.parametrize(
    "line",
    [
        "Request 2026-000123 resolved at 2026-11-23T10:42:07+01:00",
        "Webhook delivery 4182 failed (attempt 3): HTTP 502 from 192.168.10.12:8080",
        "GET /compte/verifier/envoye/ and /enquete/suivis/ and /suivi/ 200",
        "Task 1f2e3d4c-aaaa-bbbb-cccc-123456789012 succeeded in 0.2s",
    ],
)
def test_it_leaves_references_dates_addresses_and_plain_paths_readable(line):
    assert mask(line) == line


def test_it_masks_tracebacks(caplog):
    with caplog.at_level(logging.INFO):
        try:
            raise ValueError("refused recipient jeanne.martin@example.fr")
        except ValueError:
            logger.exception("Could not send to %s", "jeanne.martin@example.fr")

    assert "jeanne.martin" not in caplog.text
    assert "refused recipient ***@example.fr" in caplog.text


def test_it_masks_the_console_sms_backend(caplog, settings):
    settings.SMS_BACKEND = "console"

    with caplog.at_level(logging.INFO, logger="notifications.sms"):
        sms.send_sms(
            "06 12 34 56 78", "Suivez votre demande : https://mairie.example/suivi/0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
        )

    assert caplog.messages == ["SMS to +*********78: Suivez votre demande : https://mairie.example/suivi/***/"]


def test_it_masks_on_every_handler_of_the_configuration():
    config = django_settings.LOGGING
    assert config["filters"]["mask_personal_data"]["()"] == "citizen_crm.log_masking.MaskPersonalData"
    for name, handler in config["handlers"].items():
        assert "mask_personal_data" in handler.get("filters", []), name
    # Django's own loggers write through these handlers, not through unmasked ones of their own.
    assert config["loggers"]["django"]["handlers"] == []
    assert config["loggers"]["django.server"]["handlers"] == ["django.server"]


def test_it_masks_the_development_servers_request_lines():
    (handler,) = [
        handler
        for handler in logging.getLogger("django.server").handlers
        if any(isinstance(masking, MaskPersonalData) for masking in handler.filters)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /suivi/0a1b2c3d4e5f60718293a4b5c6d7e8f9/ HTTP/1.1", "200", "1234"
        )
    finally:
        handler.setStream(previous)

    assert '"GET /suivi/***/ HTTP/1.1" 200 1234' in written.getvalue()


def test_it_keeps_every_record_and_tolerates_a_bad_format():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s and %s", ("only one",), None)

    assert MaskPersonalData().filter(record) is True
    assert record.args == ("only one",)
