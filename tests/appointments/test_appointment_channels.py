"""Booking, moving and cancelling an appointment reach the person on every channel they have.

They are essential: an account holder gets the e-mail (with its .ics) and a line in the bell
whatever their preferences; someone booked at the counter with only a phone number gets a text.
"""

import datetime
import email
from email import policy

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from appointments import booking
from appointments.models import Counter, Slot
from notifications.models import Notification, NotificationPreference


def make_slot(counter, *, hours_from_now: float) -> Slot:
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_from_now)
    return Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )


@pytest.fixture
def counter(service):
    return Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville")


@pytest.fixture
def slot(counter):
    return make_slot(counter, hours_from_now=72)


@pytest.fixture
def later_slot(counter):
    return make_slot(counter, hours_from_now=96)


@pytest.fixture
def sms_log(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    return settings.SMS_FILE_PATH


def texts(sms_log) -> list[tuple[str, str]]:
    if not sms_log.exists():
        return []
    return [tuple(line.split("\t")[1:]) for line in sms_log.read_text(encoding="utf-8").splitlines()]


def rows(template: str):
    return sorted(
        Notification.objects.filter(template=template).values_list(
            "channel", "recipient_email", "recipient_phone", "essential"
        )
    )


def ics_attachments(message) -> list[str]:
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return [part.get_filename() for part in parsed.walk() if part.get_content_type() == "text/calendar"]


def book_move_cancel(*, by, django_capture_on_commit_callbacks, slot, later_slot, **person):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = booking.book_appointment(slot_id=slot.pk, by=by, reason="Passeport", **person)
    with django_capture_on_commit_callbacks(execute=True):
        booking.move_appointment(appointment_id=appointment.pk, to_slot_id=later_slot.pk, by=by)
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_appointment(appointment_id=appointment.pk, by=by)
    return appointment


TEMPLATES = ["appointment_booked", "appointment_moved", "appointment_cancelled"]


def test_it_writes_an_e_mail_and_an_in_app_row_for_an_account_holder(
    citizen, slot, later_slot, sms_log, django_capture_on_commit_callbacks
):
    citizen.phone = "06 12 34 56 78"  # a number, but no wish for texts: e-mail and bell only
    citizen.save()

    book_move_cancel(
        by=citizen,
        slot=slot,
        later_slot=later_slot,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    for template in TEMPLATES:
        assert rows(template) == [("email", citizen.email, "", True), ("in_app", "", "", True)]
        in_app = Notification.objects.get(template=template, channel="in_app")
        assert (in_app.recipient, in_app.status, in_app.read_at) == (citizen, "sent", None)
        assert "email_attachments" not in in_app.context  # the .ics belongs to the e-mail only
    assert texts(sms_log) == []
    assert [ics_attachments(message) for message in mail.outbox] == [["rendez-vous.ics"]] * 3


def test_the_bell_shows_the_booking_with_a_link_to_my_appointments(client, citizen, slot):
    booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport")
    client.force_login(citizen)

    page = client.get(reverse("notifications:centre"), headers={"accept-language": "en"})

    assert page.status_code == 200
    assert "is confirmed" in page.content.decode()
    assert f'href="{settings.SITE_URL}{reverse("appointments:mine")}"' in page.content.decode()


def test_it_texts_a_contact_booked_with_only_a_phone_number(
    agent, slot, later_slot, sms_log, django_capture_on_commit_callbacks
):
    book_move_cancel(
        by=agent,
        slot=slot,
        later_slot=later_slot,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        contact_name="Jean Dupont",
        contact_phone="07 11 22 33 44",
    )

    for template in TEMPLATES:
        assert rows(template) == [("sms", "", "+33711223344", True)]
    sent = texts(sms_log)
    assert [to for to, _ in sent] == ["+33711223344"] * 3
    assert all("Guichet 1" in text and len(text) <= 160 for _, text in sent)
    assert mail.outbox == []


def test_it_texts_an_account_holder_without_e_mail(citizen, agent, slot, sms_log, django_capture_on_commit_callbacks):
    citizen.email = ""
    citizen.phone = "06 12 34 56 78"
    citizen.save()

    with django_capture_on_commit_callbacks(execute=True):
        booking.book_appointment(slot_id=slot.pk, by=agent, reason="Passeport", citizen=citizen)

    assert rows("appointment_booked") == [("in_app", "", "", True), ("sms", "", "+33612345678", True)]
    assert [to for to, _ in texts(sms_log)] == ["+33612345678"]


def test_it_e_mails_a_contact_with_an_address_and_does_not_text_them(
    agent, slot, sms_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking.book_appointment(
            slot_id=slot.pk, by=agent, reason="Passeport", contact_email="j@ex.org", contact_phone="0711223344"
        )

    assert rows("appointment_booked") == [("email", "j@ex.org", "", True)]
    [message] = mail.outbox
    assert ics_attachments(message) == ["rendez-vous.ics"]
    assert texts(sms_log) == []


def test_it_texts_an_account_holder_who_asked_for_sms_reminders_as_well(
    citizen, slot, sms_log, django_capture_on_commit_callbacks
):
    citizen.phone = "06 12 34 56 78"
    citizen.save()
    NotificationPreference.objects.create(user=citizen, reminders_sms=True)

    with django_capture_on_commit_callbacks(execute=True):
        booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport")

    assert [channel for channel, *_ in rows("appointment_booked")] == ["email", "in_app", "sms"]
    [(to, text)] = texts(sms_log)
    assert "Guichet 1" in text
    assert to == "+33612345678"


def test_an_opt_out_does_not_stop_the_confirmation(citizen, slot, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=citizen, opted_out=True, reminders_email=False)

    with django_capture_on_commit_callbacks(execute=True):
        booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport")

    assert rows("appointment_booked") == [("email", citizen.email, "", True), ("in_app", "", "", True)]
    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers  # essential: nothing to unsubscribe from
    assert ics_attachments(message) == ["rendez-vous.ics"]


def test_an_opt_out_of_a_contact_without_account_does_not_stop_the_confirmation(
    agent, slot, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(email="jeanne@example.org", opted_out=True, reminders_email=False)

    with django_capture_on_commit_callbacks(execute=True):
        booking.book_appointment(slot_id=slot.pk, by=agent, reason="Passeport", contact_email="jeanne@example.org")

    assert rows("appointment_booked") == [("email", "jeanne@example.org", "", True)]
    assert len(mail.outbox) == 1


def test_a_failed_booking_notifies_nobody(citizen, other_citizen, counter):
    full = Slot.objects.create(
        counter=counter,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, minutes=20),
        capacity=1,
    )
    booking.book_appointment(slot_id=full.pk, by=other_citizen, reason="Passeport")

    with pytest.raises(booking.AppointmentError):
        booking.book_appointment(slot_id=full.pk, by=citizen, reason="Passeport")

    assert not Notification.objects.filter(recipient=citizen).exists()
