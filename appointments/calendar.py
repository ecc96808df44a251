"""iCalendar text (RFC 5545) for appointments: one event in an e-mail, or a citizen's feed."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from .models import Appointment

CRLF = "\r\n"
PRODID = "-//Relation Citoyen//Rendez-vous//FR"


def _escape(text: str) -> str:
    # TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines are escaped.
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    parts = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
            limit = 74  # continuation lines start with one space
        else:
            current += char
    parts.append(current)
    return (CRLF + " ").join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@{_domain()}"


def _vevent(appointment: Appointment, *, cancelled: bool) -> list[str]:
    slot = appointment.slot
    counter = slot.counter
    location = ", ".join(part for part in (counter.name, counter.location) if part)
    summary = f"{counter.service.name} — {appointment.reason}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(appointment)}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(slot.starts_at)}",
        f"DTEND:{_utc(slot.ends_at)}",
        f"SEQUENCE:{appointment.sequence}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if appointment.ticket_id:
        lines.append(f"DESCRIPTION:{_escape(appointment.ticket.reference)}")
    lines.append("END:VEVENT")
    return lines


def _calendar(events: list[str], *, method: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    lines += events
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + CRLF for line in lines)


def appointment_ics(appointment: Appointment, *, cancelled: bool = False) -> str:
    """The invitation attached to a confirmation (REQUEST) or a cancellation (CANCEL)."""
    return _calendar(_vevent(appointment, cancelled=cancelled), method="CANCEL" if cancelled else "REQUEST")


def feed_ics(appointments: Iterable[Appointment]) -> str:
    """A subscribed calendar: every booked appointment, published rather than sent."""
    events = []
    for appointment in appointments:
        events += _vevent(appointment, cancelled=False)
    return _calendar(events, method="PUBLISH")
