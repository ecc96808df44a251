"""iCalendar (RFC 5545) for appointments: one event in an e-mail, or a citizen's feed.

The `icalendar` library writes the text: escaping, line folding at 75 octets, CRLF endings.
"""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Appointment

PRODID = "-//Relation Citoyen//Rendez-vous//FR"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    # UTC instants are written with a trailing Z, so no VTIMEZONE block is needed.
    return moment.astimezone(datetime.UTC)


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@{_domain()}"


def _event(appointment: Appointment, *, cancelled: bool, stamp: datetime.datetime) -> icalendar.Event:
    slot = appointment.slot
    counter = slot.counter
    event = icalendar.Event()
    event.add("uid", event_uid(appointment))
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(slot.starts_at))
    event.add("dtend", _utc(slot.ends_at))
    event.add("sequence", appointment.sequence)
    event.add("summary", f"{counter.service.name} — {appointment.reason}")
    event.add("location", ", ".join(part for part in (counter.name, counter.location) if part))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if appointment.ticket_id:
        event.add("description", appointment.ticket.reference)
    return event


def _calendar(events: Iterable[icalendar.Event], *, method: str) -> str:
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()


def appointment_ics(appointment: Appointment, *, cancelled: bool = False) -> str:
    """The invitation attached to a confirmation (REQUEST) or a cancellation (CANCEL)."""
    event = _event(appointment, cancelled=cancelled, stamp=timezone.now())
    return _calendar([event], method="CANCEL" if cancelled else "REQUEST")


def feed_ics(appointments: Iterable[Appointment]) -> str:
    """A subscribed calendar: every booked appointment, published rather than sent."""
    now = timezone.now()
    return _calendar(
        (_event(appointment, cancelled=False, stamp=now) for appointment in appointments), method="PUBLISH"
    )
