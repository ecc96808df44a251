"""Every SMS fits in one 160-character message, whatever the reference, service or counter name."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from notifications import outbox
from notifications.models import Notification
from tests.factories import TicketFactory

SMS_TEMPLATES = sorted(path.stem for path in (Path(django_settings.BASE_DIR) / "templates" / "sms").glob("*.txt"))


def test_there_is_an_sms_for_each_request_and_appointment_notification_and_the_phone_code():
    assert SMS_TEMPLATES == [
        "acknowledgement",
        "appointment_booked",
        "appointment_cancelled",
        "appointment_moved",
        "appointment_reminder",
        "info_reminder",
        "info_requested",
        "merged",
        "phone_code",
        "public_reply",
        "rejected",
        "resolved",
        "survey_invitation",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", SMS_TEMPLATES)
def test_it_fits_in_one_message(settings, template, language):
    settings.SITE_URL = "https://www.bourg-sur-loire.fr"
    long_reference = "2026-99999999999"  # the longest reference the column holds
    context = {
        "reference": long_reference,
        "survivor_reference": long_reference,
        "survivor_status": "En cours de traitement",
        "service": "Direction de l'aménagement urbain, de la voirie et des espaces verts communautaires",
        "tracking_url": settings.SITE_URL + "/suivi/" + "a" * 64 + "/",
        # A signed survey link: the largest primary key, then a 43-character signature.
        "survey_url": settings.SITE_URL + "/enquete/2147483647:" + "a" * 43 + "/",
        "body": "Merci de nous transmettre une photo du lampadaire et l'adresse exacte. " * 5,
        "reason": "Hors des compétences de la commune. " * 5,
        "reopen_days": 15,
        "counter_service": "Direction de l'aménagement urbain, de la voirie et des espaces verts communautaires",
        "counter": "Accueil principal de la mairie annexe du quartier Saint-Jean-des-Prés-et-des-Vignes",
        "when": "30 septembre 2026 14:30",
        "code": "123456",
        "minutes": 10,
    }

    text = outbox.render_sms(template, context, language=language)

    shown = {"phone_code": "code"}.get(template, "when" if template.startswith("appointment_") else "reference")
    assert context[shown] in text
    assert len(text) <= 160, text


def test_it_acknowledges_a_phone_only_request_by_sms_with_its_tracking_link(
    settings, tmp_path, category, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"

    with django_capture_on_commit_callbacks(execute=True):
        ticket = TicketFactory(category=category, channel="phone", contact_email="", contact_phone="07 11 22 33 44")

    notification = Notification.objects.get(ticket=ticket)
    assert (notification.channel, notification.status) == ("sms", "sent")  # eager Celery delivered it
    [line] = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    _, to, text = line.split("\t")
    assert to == "+33711223344"
    assert ticket.reference in text
    assert ticket.tracking_url() in text
