"""The three appointment e-mails render in the recipient's language, with the linked request."""

import pytest
from django.conf import settings

from appointments import booking


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_renders_booked_moved_and_cancelled(
    language, citizen, ticket, slot, later_slot, mailoutbox, django_capture_on_commit_callbacks
):
    citizen.preferred_language = language
    citizen.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Passeport", ticket=ticket)
    with django_capture_on_commit_callbacks(execute=True):
        booking.move_appointment(appointment_id=appointment.pk, to_slot_id=later_slot.pk, by=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_appointment(appointment_id=appointment.pk, by=citizen)

    mails = [mail for mail in mailoutbox if mail.attachments]
    assert len(mails) == 3
    for mail in mails:
        [(html, _)] = mail.alternatives
        assert mail.to == [citizen.email]
        for body in (mail.body, html):
            assert ticket.reference in body
            assert "Guichet 1" in body
            assert settings.MUNICIPALITY_NAME in body
        assert f'<html lang="{language}">' in html
