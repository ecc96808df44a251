"""What appointments show on the ticket core's pages (registered in `AppointmentsConfig.ready`)."""

import datetime

from requests_app.hooks import Panel

from . import booking
from .models import Appointment

# A booked appointment this close becomes something expected from the citizen.
SOON = datetime.timedelta(days=7)


def citizen_space_panels(user, *, now: datetime.datetime) -> list[Panel]:
    """The citizen's coming appointments, from one query: the week's among what is expected
    from them, and all of them in their own section."""
    upcoming = list(
        Appointment.objects.filter(citizen=user, status=Appointment.Status.BOOKED, slot__ends_at__gt=now)
        .select_related("slot__counter__service", "ticket")
        .order_by("slot__starts_at", "pk")
    )
    for appointment in upcoming:
        appointment.changeable = booking.citizen_may_still_change(appointment, now=now)
    soon = [appointment for appointment in upcoming if appointment.slot.starts_at <= now + SOON]
    section = Panel("appointments/_citizen_space.html", {"upcoming": upcoming, "feed_url": booking.feed_url(user)})
    if not soon:
        return [section]
    return [Panel("appointments/_citizen_expected.html", {"soon_appointments": soon}, place="expected"), section]
