"""The confirmation carries an .ics that a mail reader and a calendar can parse."""

import datetime
import email
from email import policy

import icalendar

from appointments import booking
from appointments.calendar import appointment_ics


def _ics_of(mail) -> str:
    parsed = email.message_from_bytes(mail.message().as_bytes(), policy=policy.default)
    [part] = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert part.get_filename() == "rendez-vous.ics"
    return part.get_content()


def _unfold(text: str) -> dict:
    lines = text.replace("\r\n ", "").replace("\n ", "").splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


def test_it_attaches_a_calendar_event_to_the_confirmation(
    citizen, slot, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Dépôt de dossier")

    [mail] = mailoutbox
    fields = _unfold(_ics_of(mail))

    assert fields["METHOD"] == "REQUEST"
    assert fields["UID"] == f"appointment-{appointment.pk}@testserver"
    assert fields["DTSTART"] == slot.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert fields["DTEND"] == slot.ends_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert "Dépôt de dossier" in fields["SUMMARY"]
    assert fields["LOCATION"] == "Guichet 1\\, Hôtel de ville\\, 1 place de la Mairie"
    assert fields["DTSTAMP"].endswith("Z")


def test_it_sends_a_cancel_method_on_cancellation(citizen, booked, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_appointment(appointment_id=booked.pk, by=citizen)

    [mail] = mailoutbox
    fields = _unfold(_ics_of(mail))
    assert fields["METHOD"] == "CANCEL"
    assert fields["STATUS"] == "CANCELLED"
    assert fields["SEQUENCE"] == "1"


def test_it_folds_long_lines_at_75_octets_without_splitting_characters(citizen, slot):
    # The folding is the icalendar library's: the facts checked are RFC 5545's (no line over
    # 75 octets, each line valid UTF-8, the value whole once unfolded).
    reason = "é" * 100
    appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason=reason)

    ics = appointment_ics(appointment).encode()

    lines = ics.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.decode() for line in lines if line)  # no character cut in two
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{slot.counter.service.name} — {reason}"
