"""The one way to book, move, cancel and mark appointments.

Capacity is enforced without a running counter: each function locks the slot row it books
into (`select_for_update`), counts the appointments still standing in it, and writes inside
the same transaction, so concurrent bookings queue on the lock and never exceed capacity.
A move locks both slots in id order, so two opposite moves cannot deadlock.
Appointments never change a ticket's status; on a linked ticket each booking, move or
cancellation appends one timeline event.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import SERVICE_ROLES, Role, User
from notifications import outbox
from requests_app import workflow
from requests_app.models import Ticket, TicketEvent

from .calendar import appointment_ics
from .models import Appointment, Counter, Slot

A = Appointment.Status
BOOKING_HORIZON = datetime.timedelta(weeks=4)
# The salt predates the app's move: changing it would break every subscribed calendar link.
FEED_SALT = "notifications.appointments.feed"


class AppointmentError(Exception):
    """The booking or change is not possible; the message is for the person who tried."""


# --- who may do what -------------------------------------------------------------------------


def works_for_service(user, service_id: int) -> bool:
    """Agents and supervisors of the service, and administrators, run its counters."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return user.role in SERVICE_ROLES and user.services.filter(pk=service_id).exists()


def _is_citizen(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.role == Role.CITIZEN


def _check_may_change(appointment: Appointment, by) -> bool:
    """Returns whether `by` acts as staff; refuses anyone who is neither staff nor the owner."""
    if works_for_service(by, appointment.slot.counter.service_id):
        return True
    if _is_citizen(by) and appointment.citizen_id == by.pk:
        return False
    raise AppointmentError(_("You may not change this appointment."))


def citizen_may_still_change(appointment: Appointment, *, now: datetime.datetime | None = None) -> bool:
    limit = datetime.timedelta(hours=settings.APPOINTMENT_CHANGE_LIMIT_HOURS)
    return appointment.status == A.BOOKED and appointment.slot.starts_at - (now or timezone.now()) >= limit


def _limit_error() -> AppointmentError:
    hours = settings.APPOINTMENT_CHANGE_LIMIT_HOURS
    return AppointmentError(
        _("Appointments can be changed online until %(hours)s hours before they start. Please call the service.")
        % {"hours": hours}
    )


# --- reading -----------------------------------------------------------------------------------


def standing(queryset: QuerySet) -> QuerySet:
    """Appointments that hold a place in their slot."""
    return queryset.exclude(status=A.CANCELLED)


def free_slots(counter: Counter, *, now: datetime.datetime | None = None) -> QuerySet:
    """The counter's slots of the coming weeks that still have room."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(counter=counter, starts_at__gt=now, starts_at__lte=now + BOOKING_HORIZON)
        .annotate(taken=Count("appointments", filter=~Q(appointments__status=A.CANCELLED)))
        .filter(taken__lt=F("capacity"))
        .order_by("starts_at")
    )


# --- the feed ----------------------------------------------------------------------------------


def feed_token(citizen) -> str:
    return signing.Signer(salt=FEED_SALT).sign(str(citizen.pk))


def citizen_for_feed_token(token: str):
    """The citizen a feed token was made for, or None for a forged or altered one."""
    try:
        pk = signing.Signer(salt=FEED_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True, role=Role.CITIZEN).first()


def feed_url(citizen) -> str:
    return settings.SITE_URL + reverse("appointments:feed", args=[feed_token(citizen)])


# --- side effects ------------------------------------------------------------------------------


def record_ticket_event(*, ticket: Ticket, kind: str, by, appointment: Appointment, **data) -> TicketEvent:
    """Append an appointment line to the linked ticket's timeline; its status does not change."""
    slot = appointment.slot
    return workflow.record_appointment_event(
        ticket.pk,
        kind=kind,
        by=by,
        appointment=appointment.pk,
        counter=slot.counter.name,
        starts_at=slot.starts_at.isoformat(),
        **data,
    )


def _language(appointment: Appointment) -> str:
    if appointment.citizen_id:
        return appointment.citizen.preferred_language
    if appointment.ticket_id:
        return appointment.ticket.language
    return settings.LANGUAGE_CODE


def _notify(appointment: Appointment, template: str, *, cancelled: bool = False, **context) -> None:
    """Tell the person concerned on every channel they can be reached on.

    A booking, a move or a cancellation is essential: it goes by e-mail, or by SMS to someone
    booked at the counter or on the phone with only a number; an account also sees it in the
    application. Only the e-mail carries the .ics.
    """
    language = _language(appointment)
    slot = appointment.slot
    counter = slot.counter
    citizen = appointment.citizen
    with translation.override(language):
        when = date_format(timezone.localtime(slot.starts_at), "DATETIME_FORMAT")
    outbox.notify(
        template=template,
        ticket=appointment.ticket,
        user=citizen,
        email=appointment.notify_email,
        phone=citizen.phone if citizen is not None else appointment.contact_phone,
        language=language,
        essential=True,
        context={
            "appointment": appointment.pk,
            "recipient_name": appointment.display_name,
            "counter_service": counter.service.name,
            "counter": counter.name,
            "location": counter.location,
            "when": when,
            "purpose": appointment.reason,
            "appointments_url": settings.SITE_URL + reverse("appointments:mine") if citizen is not None else "",
            **context,
        },
        attachments=[
            {
                "filename": "rendez-vous.ics",
                "content": appointment_ics(appointment, cancelled=cancelled),
                "mimetype": "text/calendar",
            }
        ],
    )


def _lock_slots(*slot_ids: int) -> dict[int, Slot]:
    # `of=("self",)`: lock the slot rows only, not the counter and service joined for display.
    slots = (
        Slot.objects.select_for_update(of=("self",))
        .select_related("counter__service")
        .filter(pk__in=sorted(set(slot_ids)))
        .order_by("pk")
    )
    return {slot.pk: slot for slot in slots}


def _lock_appointment(appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot__counter__service", "citizen", "ticket")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise AppointmentError(_("This appointment no longer exists."))
    return appointment


def _check_room(slot: Slot, *, now: datetime.datetime) -> None:
    """Call with the slot locked: the count cannot change until the transaction ends."""
    if slot.starts_at <= now:
        raise AppointmentError(_("This time slot has already started; please choose another one."))
    if not (slot.counter.is_active and slot.counter.service.is_active):
        raise AppointmentError(_("This counter is not taking appointments at the moment."))
    if standing(slot.appointments.all()).count() >= slot.capacity:
        raise AppointmentError(_("Sorry, this time slot has just been fully booked; please choose another one."))


def _set_status(appointment: Appointment, status: str, **fields) -> None:
    """Write the status of a locked, still booked appointment, and refresh the instance."""
    Appointment.objects.filter(pk=appointment.pk, status=A.BOOKED).update(status=status, **fields)
    appointment.refresh_from_db(fields=["status", *fields])


# --- the actions -------------------------------------------------------------------------------


def book_appointment(
    *,
    slot_id: int,
    by,
    reason: str,
    citizen=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    ticket: Ticket | None = None,
) -> Appointment:
    """A citizen books for themselves; an agent of the service books for someone."""
    reason = (reason or "").strip()
    if not reason:
        raise AppointmentError(_("Please say what the appointment is for."))
    with transaction.atomic():
        slot = _lock_slots(slot_id).get(slot_id)
        if slot is None:
            raise AppointmentError(_("This time slot no longer exists; please choose another one."))
        by_staff = works_for_service(by, slot.counter.service_id)
        if not by_staff:
            if not _is_citizen(by):
                raise AppointmentError(_("You may not book at this counter."))
            citizen, contact_name, contact_email, contact_phone = by, "", "", ""
        if ticket is not None:
            may_link = works_for_service(by, ticket.service_id) if by_staff else ticket.citizen_id == by.pk
            if not may_link:
                raise AppointmentError(_("This request cannot be linked to the appointment."))
        if citizen is None and not (contact_name or contact_email or contact_phone):
            raise AppointmentError(_("Please give the name, e-mail or phone of the person to receive."))
        now = timezone.now()
        same_person = standing(slot.appointments.all())
        if citizen is not None:
            same_person = same_person.filter(citizen=citizen)
        elif contact_email:
            same_person = same_person.filter(citizen=None, contact_email__iexact=contact_email)
        else:
            same_person = same_person.none()
        if same_person.exists():
            raise AppointmentError(_("This appointment is already booked."))
        _check_room(slot, now=now)
        appointment = Appointment.objects.create(
            slot=slot,
            citizen=citizen,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
            ticket=ticket,
            reason=reason,
            booked_by=by,
            created_at=now,
        )
        if ticket is not None:
            record_ticket_event(ticket=ticket, kind=TicketEvent.Kind.APPOINTMENT_BOOKED, by=by, appointment=appointment)
        _notify(appointment, "appointment_booked")
    return appointment


def move_appointment(*, appointment_id: int, to_slot_id: int, by) -> Appointment:
    """Move to another slot of the same counter; the citizen only until the change limit."""
    with transaction.atomic():
        current = Appointment.objects.filter(pk=appointment_id).values_list("slot_id", flat=True).first()
        if current is None:
            raise AppointmentError(_("This appointment no longer exists."))
        if current == to_slot_id:
            raise AppointmentError(_("The appointment is already at this time."))
        slots = _lock_slots(current, to_slot_id)
        appointment = _lock_appointment(appointment_id)
        if appointment.slot_id != current:
            raise AppointmentError(_("This appointment has just been changed; please look at it again."))
        by_staff = _check_may_change(appointment, by)
        if appointment.status != A.BOOKED:
            status = appointment.get_status_display()
            raise AppointmentError(_("This appointment is “%(status)s”: it cannot be moved.") % {"status": status})
        now = timezone.now()
        if not by_staff and not citizen_may_still_change(appointment, now=now):
            raise _limit_error()
        target = slots.get(to_slot_id)
        if target is None or target.counter_id != appointment.slot.counter_id:
            raise AppointmentError(_("Please choose another time at the same counter."))
        _check_room(target, now=now)
        before = appointment.slot
        appointment.slot = target
        appointment.sequence += 1
        appointment.save(update_fields=["slot", "sequence"])
        if appointment.ticket_id:
            record_ticket_event(
                ticket=appointment.ticket,
                kind=TicketEvent.Kind.APPOINTMENT_MOVED,
                by=by,
                appointment=appointment,
                previous_starts_at=before.starts_at.isoformat(),
            )
        with translation.override(_language(appointment)):
            previous = date_format(timezone.localtime(before.starts_at), "DATETIME_FORMAT")
        _notify(appointment, "appointment_moved", previous_when=previous)
    return appointment


def cancel_appointment(*, appointment_id: int, by) -> Appointment:
    """The citizen until the change limit, an agent of the service at any time."""
    with transaction.atomic():
        appointment = _lock_appointment(appointment_id)
        by_staff = _check_may_change(appointment, by)
        if appointment.status == A.CANCELLED:
            raise AppointmentError(_("This appointment is already cancelled."))
        if appointment.status != A.BOOKED:
            raise AppointmentError(
                _("This appointment is “%(status)s”: it cannot be cancelled.")
                % {"status": appointment.get_status_display()}
            )
        if not by_staff and not citizen_may_still_change(appointment):
            raise _limit_error()
        _set_status(appointment, A.CANCELLED, cancelled_at=timezone.now(), sequence=appointment.sequence + 1)
        if appointment.ticket_id:
            record_ticket_event(
                ticket=appointment.ticket, kind=TicketEvent.Kind.APPOINTMENT_CANCELLED, by=by, appointment=appointment
            )
        _notify(appointment, "appointment_cancelled", cancelled=True)
    return appointment


def _mark(appointment_id: int, *, by, status: str) -> Appointment:
    with transaction.atomic():
        appointment = _lock_appointment(appointment_id)
        if not works_for_service(by, appointment.slot.counter.service_id):
            raise AppointmentError(_("You may not change this appointment."))
        if appointment.status != A.BOOKED:
            raise AppointmentError(
                _("This appointment is already marked “%(status)s”.") % {"status": appointment.get_status_display()}
            )
        now = timezone.now()
        if appointment.slot.starts_at > now:
            raise AppointmentError(_("An appointment can be marked once its time has come."))
        _set_status(appointment, status, marked_at=now)
        if status == A.NO_SHOW and appointment.ticket_id:
            record_ticket_event(
                ticket=appointment.ticket, kind=TicketEvent.Kind.APPOINTMENT_MISSED, by=by, appointment=appointment
            )
    return appointment


def mark_no_show(*, appointment_id: int, by) -> Appointment:
    return _mark(appointment_id, by=by, status=A.NO_SHOW)


def mark_attended(*, appointment_id: int, by) -> Appointment:
    return _mark(appointment_id, by=by, status=A.ATTENDED)
