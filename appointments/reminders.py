"""Appointment reminders, run by Celery beat every 15 minutes: the day before and a few hours before.

The record of what was already sent is the outbox itself: a `Notification` row whose context
names the appointment, the kind of reminder and the start time. Running the function twice,
or a task retried after a crash, sends nothing new.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from notifications import outbox
from notifications.models import Notification

from .booking import _language as appointment_language
from .models import Appointment

APPOINTMENT_REMINDER = "appointment_reminder"
DAY_BEFORE = "day_before"
SOON = "soon"


def _starts_at_key(starts_at: datetime.datetime) -> str:
    # One spelling of the instant whatever time zone the database hands it back in.
    return starts_at.astimezone(datetime.UTC).isoformat()


def _reminder_kind(starts_at: datetime.datetime, *, now: datetime.datetime) -> str:
    # Inside the last hours only the "soon" reminder goes: an appointment booked or moved
    # that late would otherwise get two messages in the same run.
    if starts_at <= now + datetime.timedelta(hours=settings.APPOINTMENT_REMINDER_HOURS):
        return SOON
    return DAY_BEFORE


def remind_appointments(*, now: datetime.datetime) -> int:
    """Remind people of their booked appointments the day before and a few hours before.

    One reminder of each kind per appointment and start time: a moved appointment is
    reminded again of its new time. Beat runs this every 15 minutes; the record of what was
    sent is the outbox row, whose context names the appointment, the kind and the start time.
    The window (the next 24 hours) bounds the candidates, so there is no batch to drain.
    Returns how many appointments were reminded.
    """
    appointments = (
        Appointment.objects.filter(
            status=Appointment.Status.BOOKED,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + datetime.timedelta(hours=24),
        )
        # Someone we can write to: an account, an e-mail or a mobile phone.
        .filter(Q(citizen__isnull=False) | ~Q(contact_email="") | ~Q(contact_phone=""))
        .select_related("slot__counter__service", "citizen", "ticket")
        .order_by("slot__starts_at", "pk")
    )
    candidates = [(appointment, _reminder_kind(appointment.slot.starts_at, now=now)) for appointment in appointments]
    already = set(
        Notification.objects.filter(
            template=APPOINTMENT_REMINDER, context__appointment__in=[appointment.pk for appointment, _ in candidates]
        ).values_list("context__appointment", "context__kind", "context__starts_at")
    )
    sent = 0
    with outbox.batched_dispatch():
        for appointment, kind in candidates:
            if (appointment.pk, kind, _starts_at_key(appointment.slot.starts_at)) not in already:
                sent += _remind_appointment(appointment, kind)
    return sent


@transaction.atomic
def _remind_appointment(appointment: Appointment, kind: str) -> int:
    # A move or cancellation in between changed the row: the next run sees the new state.
    locked = Appointment.objects.select_for_update(of=("self",)).filter(
        pk=appointment.pk, status=Appointment.Status.BOOKED, slot_id=appointment.slot_id
    )
    if not list(locked.values_list("pk", flat=True)):
        return 0
    slot = appointment.slot
    starts_at = _starts_at_key(slot.starts_at)
    already = Notification.objects.filter(
        template=APPOINTMENT_REMINDER, context__appointment=appointment.pk, context__kind=kind
    )
    if already.filter(context__starts_at=starts_at).exists():
        return 0
    language = appointment_language(appointment)
    with translation.override(language):
        when = date_format(timezone.localtime(slot.starts_at), "DATETIME_FORMAT")
    citizen = appointment.citizen
    email = appointment.notify_email
    written = outbox.notify(
        template=APPOINTMENT_REMINDER,
        ticket=appointment.ticket,
        user=citizen,
        email=email,
        phone=citizen.phone if citizen is not None else appointment.contact_phone,
        language=language,
        essential=False,
        # Someone booked without an account and with a phone number only (at the counter, on
        # the phone) has no preferences to set: giving that number for this booking is their
        # choice of SMS for its reminders. Account holders keep the general rule: no text for
        # a non-essential message unless they asked for it.
        phone_is_choice=citizen is None and not email,
        context={
            "appointment": appointment.pk,
            "kind": kind,
            "starts_at": starts_at,
            "recipient_name": appointment.display_name,
            "counter_service": slot.counter.service.name,
            "counter": slot.counter.name,
            "location": slot.counter.location,
            "when": when,
            "purpose": appointment.reason,
            "appointments_url": settings.SITE_URL + reverse("appointments:mine") if citizen is not None else "",
        },
    )
    return 1 if written else 0
