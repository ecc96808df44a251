"""Booked appointments are reminded the day before and a few hours before, once each."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from appointments import booking, reminders, tasks
from appointments.models import Slot
from citizen_crm.celery import app
from notifications.models import Notification, NotificationPreference

# A fixed moment in the future, so that booking (which refuses past slots) works as usual.
STARTS_AT = timezone.make_aware(datetime.datetime(2030, 3, 14, 10, 0))
DAY_BEFORE = STARTS_AT - datetime.timedelta(hours=20)
SOON = STARTS_AT - datetime.timedelta(hours=2)


def make_slot(counter, starts_at=STARTS_AT) -> Slot:
    return Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=3
    )


@pytest.fixture
def appointment(counter, citizen):
    return booking.book_appointment(slot_id=make_slot(counter).pk, by=citizen, reason="Dépôt de dossier")


def reminders_of(appointment, **filters):
    return Notification.objects.filter(template="appointment_reminder", context__appointment=appointment.pk, **filters)


def kinds(appointment, channel="email"):
    return sorted(reminders_of(appointment, channel=channel).values_list("context__kind", flat=True))


def test_it_reminds_the_day_before_by_e_mail_and_in_app(appointment, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.remind_appointments(now=DAY_BEFORE) == 1

    assert sorted(reminders_of(appointment).values_list("channel", "context__kind")) == [
        ("email", "day_before"),
        ("in_app", "day_before"),
    ]
    email = reminders_of(appointment, channel="email").get()
    assert (email.recipient_email, email.recipient, email.essential) == (citizen.email, citizen, False)
    [message] = [m for m in mail.outbox if "Reminder" in m.subject or "Rappel" in m.subject]
    assert "Guichet 1" in message.body
    assert "Dépôt de dossier" in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_it_reminds_again_a_few_hours_before(appointment, settings):
    settings.APPOINTMENT_REMINDER_HOURS = 3
    reminders.remind_appointments(now=DAY_BEFORE)

    assert reminders.remind_appointments(now=STARTS_AT - datetime.timedelta(hours=4)) == 0
    assert reminders.remind_appointments(now=SOON) == 1

    assert kinds(appointment) == ["day_before", "soon"]


def test_it_sends_only_the_soon_reminder_to_an_appointment_booked_at_the_last_minute(appointment):
    assert reminders.remind_appointments(now=SOON) == 1

    assert kinds(appointment) == ["soon"]


def test_it_does_not_remind_an_appointment_more_than_a_day_ahead(appointment):
    assert reminders.remind_appointments(now=STARTS_AT - datetime.timedelta(hours=25)) == 0

    assert not reminders_of(appointment).exists()


def test_it_sends_nothing_new_when_run_twice(appointment):
    assert reminders.remind_appointments(now=DAY_BEFORE) == 1
    assert reminders.remind_appointments(now=DAY_BEFORE + datetime.timedelta(minutes=15)) == 0
    assert reminders.remind_appointments(now=SOON) == 1
    assert reminders.remind_appointments(now=SOON + datetime.timedelta(minutes=15)) == 0

    assert kinds(appointment) == ["day_before", "soon"]


def test_a_moved_appointment_is_reminded_of_its_new_time(appointment, counter, agent):
    reminders.remind_appointments(now=DAY_BEFORE)
    new_time = STARTS_AT + datetime.timedelta(hours=2)
    booking.move_appointment(appointment_id=appointment.pk, to_slot_id=make_slot(counter, new_time).pk, by=agent)

    assert reminders.remind_appointments(now=DAY_BEFORE + datetime.timedelta(minutes=15)) == 1

    starts = sorted(reminders_of(appointment, channel="email").values_list("context__starts_at", flat=True))
    assert starts == [STARTS_AT.astimezone(datetime.UTC).isoformat(), new_time.astimezone(datetime.UTC).isoformat()]


def test_a_cancelled_appointment_gets_no_reminder(appointment, agent):
    booking.cancel_appointment(appointment_id=appointment.pk, by=agent)

    assert reminders.remind_appointments(now=DAY_BEFORE) == 0
    assert reminders.remind_appointments(now=SOON) == 0

    assert not reminders_of(appointment).exists()


@pytest.mark.parametrize("mark", [booking.mark_no_show, booking.mark_attended])
def test_a_marked_or_past_appointment_gets_no_reminder(counter, citizen, agent, mark):
    # Marking needs the time to have come: a slot in the past, written as it was when booked.
    past = make_slot(counter, timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1))
    appointment = booking.Appointment.objects.create(
        slot=past, citizen=citizen, reason="Passeport", created_at=past.starts_at - datetime.timedelta(days=2)
    )
    before = past.starts_at - datetime.timedelta(hours=2)
    after = past.starts_at + datetime.timedelta(minutes=5)

    assert reminders.remind_appointments(now=after) == 0  # past, still booked
    mark(appointment_id=appointment.pk, by=agent)
    assert reminders.remind_appointments(now=before) == 0  # marked

    assert not reminders_of(appointment).exists()


def test_an_opt_out_stops_the_reminder_e_mail(appointment, citizen):
    NotificationPreference.objects.create(user=citizen, opted_out=True)

    reminders.remind_appointments(now=DAY_BEFORE)

    assert sorted(reminders_of(appointment).values_list("channel", flat=True)) == ["in_app"]


def test_an_opt_out_of_a_contact_without_account_stops_everything(counter, agent):
    NotificationPreference.objects.create(email="jeanne@example.org", reminders_email=False)
    appointment = booking.book_appointment(
        slot_id=make_slot(counter).pk, by=agent, reason="Passeport", contact_email="Jeanne@example.org"
    )

    assert reminders.remind_appointments(now=DAY_BEFORE) == 0

    assert not reminders_of(appointment).exists()


def test_a_contact_without_account_is_reminded_at_their_e_mail(counter, agent):
    appointment = booking.book_appointment(
        slot_id=make_slot(counter).pk, by=agent, reason="Passeport", contact_name="Jeanne", contact_email="j@ex.org"
    )

    reminders.remind_appointments(now=DAY_BEFORE)

    email = reminders_of(appointment).get()
    assert (email.channel, email.recipient_email, email.recipient) == ("email", "j@ex.org", None)


def test_a_citizen_who_asked_for_sms_reminders_gets_a_text(
    appointment, citizen, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    citizen.phone = "06 12 34 56 78"
    citizen.save()
    NotificationPreference.objects.create(user=citizen, reminders_email=False, reminders_sms=True)

    with django_capture_on_commit_callbacks(execute=True):
        reminders.remind_appointments(now=DAY_BEFORE)

    assert sorted(reminders_of(appointment).values_list("channel", flat=True)) == ["in_app", "sms"]
    [line] = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    _, to, text = line.split("\t")
    assert to == "+33612345678"
    assert "Guichet 1" in text
    assert len(text) <= 160


def test_a_phone_only_contact_is_texted_since_the_number_was_their_choice(
    counter, agent, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    appointment = booking.book_appointment(
        slot_id=make_slot(counter).pk, by=agent, reason="Passeport", contact_phone="07 11 22 33 44"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.remind_appointments(now=DAY_BEFORE) == 1

    reminder = reminders_of(appointment).get()
    assert (reminder.channel, reminder.recipient_phone, reminder.essential) == ("sms", "+33711223344", False)
    [line] = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    assert "Guichet 1" in line.split("\t")[2]


def test_a_citizen_with_a_phone_who_did_not_ask_for_texts_is_not_texted(appointment, citizen):
    citizen.phone = "06 12 34 56 78"
    citizen.save()

    reminders.remind_appointments(now=DAY_BEFORE)

    assert sorted(reminders_of(appointment).values_list("channel", flat=True)) == ["email", "in_app"]


def test_a_contact_with_an_e_mail_and_a_phone_is_not_texted_unless_asked(counter, agent):
    appointment = booking.book_appointment(
        slot_id=make_slot(counter).pk,
        by=agent,
        reason="Passeport",
        contact_email="j@ex.org",
        contact_phone="0711223344",
    )

    reminders.remind_appointments(now=DAY_BEFORE)

    assert list(reminders_of(appointment).values_list("channel", flat=True)) == ["email"]


def test_the_beat_runs_a_registered_task_every_quarter_hour(db):
    app.loader.import_default_modules()
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "appointments.remind_appointments"]

    assert entry["task"] in app.tasks
    assert entry["schedule"].minute == {0, 15, 30, 45}


def test_the_task_runs_the_function_for_now(monkeypatch):
    calls = []
    monkeypatch.setattr(reminders, "remind_appointments", lambda *, now: calls.append(now) or 4)

    assert tasks.remind_appointments.apply().result == 4
    [now] = calls
    assert abs(now - timezone.now()) < datetime.timedelta(minutes=1)
