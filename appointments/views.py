"""Appointment pages: citizens book, move and cancel; agents run their services' agenda.

Views stay thin: parse the form, find the appointment through a permission helper (404 for
what the person may not see), make one call into `booking`, say what happened, redirect.
A refused booking or change (full slot, double click, past the limit) answers 409 with the
reason and writes nothing.
"""

import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role

from . import booking
from .booking import AppointmentError
from .calendar import feed_ics
from .forms import AgendaForm, AgentBookingForm, CitizenBookingForm, MoveForm
from .models import Appointment, Counter

A = Appointment.Status


def citizen_required(view):
    """Signed-in citizens only: anonymous people log in first, staff get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.role == Role.CITIZEN):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def counter_staff_required(view):
    """Agents and supervisors run their services' counters."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.works_tickets:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _appointments_of_citizen(user):
    return Appointment.objects.filter(citizen=user).select_related("slot__counter__service", "ticket")


def _appointments_of_agent(user):
    return Appointment.objects.filter(slot__counter__service__in=user.services.all()).select_related(
        "slot__counter__service", "ticket", "citizen"
    )


def get_appointment_for(user, pk: int) -> Appointment:
    """The owner citizen or an agent of the counter's service; 404 for anyone else."""
    if user.role == Role.CITIZEN:
        queryset = _appointments_of_citizen(user)
    elif user.works_tickets:
        queryset = _appointments_of_agent(user)
    else:
        queryset = Appointment.objects.none()
    appointment = queryset.filter(pk=pk).first()
    if appointment is None:
        raise Http404("No such appointment")
    return appointment


def _counters_for_citizens():
    return Counter.objects.filter(is_active=True, service__is_active=True).select_related("service")


def _refused(request, template: str, context: dict, error: AppointmentError):
    messages.error(request, str(error))
    return render(request, template, context, status=409)


def _counter_from_query(request, counters):
    raw = request.GET.get("guichet", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404("No such counter")
    return get_object_or_404(counters, pk=int(raw))


# --- citizens ----------------------------------------------------------------------------------


@require_safe
@citizen_required
def my_appointments(request):
    now = timezone.now()
    mine = _appointments_of_citizen(request.user)
    upcoming = list(mine.filter(status=A.BOOKED, slot__ends_at__gt=now).order_by("slot__starts_at"))
    for appointment in upcoming:
        appointment.changeable = booking.citizen_may_still_change(appointment, now=now)
    past = mine.filter(~Q(status=A.BOOKED) | Q(slot__ends_at__lte=now)).order_by("-slot__starts_at")[:20]
    context = {
        "upcoming": upcoming,
        "past": past,
        "feed_url": booking.feed_url(request.user),
        "limit_hours": settings.APPOINTMENT_CHANGE_LIMIT_HOURS,
    }
    return render(request, "appointments/mine.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@citizen_required
def book(request):
    return _booking_page(
        request,
        template="appointments/book.html",
        counters=_counters_for_citizens(),
        make_form=lambda data, counter: CitizenBookingForm(
            data, counter=counter, user=request.user, initial={"ticket": request.GET.get("demande", "")}
        ),
        done=_("Your appointment is booked. A confirmation has been sent by e-mail."),
        then="appointments:mine",
    )


def _booking_page(request, *, template, counters, make_form, done, then):
    """Choose a counter, then a free slot; the citizen's and the agent's booking pages alike."""
    counter = _counter_from_query(request, counters)
    context = {"counters": counters, "counter": counter}
    if counter is None:
        return render(request, template, context)
    form = make_form(request.POST or None, counter)
    context.update(form=form, free_slots=booking.free_slots(counter))
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    # The agent's form names the person the appointment is for; a citizen books for themselves.
    person = form.person() if hasattr(form, "person") else {}
    try:
        booking.book_appointment(
            slot_id=form.cleaned_data["slot"].pk,
            by=request.user,
            reason=form.cleaned_data["reason"],
            ticket=form.cleaned_data["ticket"],
            **person,
        )
    except AppointmentError as error:
        return _refused(request, template, context, error)
    messages.success(request, done)
    return redirect(then)


def _back(appointment: Appointment, user) -> str:
    return "appointments:mine" if user.role == Role.CITIZEN else "appointments:agenda"


@require_http_methods(["GET", "HEAD", "POST"])
def move(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    appointment = get_appointment_for(request.user, pk)
    counter = appointment.slot.counter
    form = MoveForm(request.POST or None, counter=counter)
    free = booking.free_slots(counter).exclude(pk=appointment.slot_id)
    context = {"appointment": appointment, "form": form, "free_slots": free}
    if request.method != "POST":
        return render(request, "appointments/move.html", context)
    if not form.is_valid():
        return render(request, "appointments/move.html", context, status=400)
    try:
        booking.move_appointment(appointment_id=pk, to_slot_id=form.cleaned_data["slot"].pk, by=request.user)
    except AppointmentError as error:
        return _refused(request, "appointments/move.html", context, error)
    messages.success(request, _("The appointment has been moved."))
    return redirect(_back(appointment, request.user))


@require_POST
def cancel(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    appointment = get_appointment_for(request.user, pk)
    try:
        booking.cancel_appointment(appointment_id=pk, by=request.user)
    except AppointmentError as error:
        messages.error(request, str(error))
        return redirect(_back(appointment, request.user))
    messages.success(request, _("The appointment has been cancelled."))
    return redirect(_back(appointment, request.user))


@require_safe
def feed(request, token: str):
    """A citizen's private calendar: the link is the key, so no session is needed."""
    citizen = booking.citizen_for_feed_token(token) if len(token) <= 200 else None
    if citizen is None:
        raise Http404("Unknown calendar link")
    booked = (
        Appointment.objects.filter(citizen=citizen, status=A.BOOKED)
        .select_related("slot__counter__service", "ticket")
        .order_by("slot__starts_at")
    )
    response = HttpResponse(feed_ics(booked), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


# --- agents ------------------------------------------------------------------------------------


@require_safe
@counter_staff_required
def agenda(request):
    form = AgendaForm(request.GET)
    rows = []
    first = last = None
    if form.is_valid():
        first, last = form.period()
        start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
        rows = (
            _appointments_of_agent(request.user)
            .filter(slot__starts_at__gte=start, slot__starts_at__lt=end)
            .order_by("slot__starts_at", "slot__counter__name", "id")
        )
    context = {"form": form, "appointments": rows, "first": first, "last": last, "now": timezone.now()}
    return render(request, "appointments/agenda.html", context, status=200 if form.is_valid() else 400)


def _mark(request, pk: int, mark, done: str):
    get_appointment_for(request.user, pk)
    try:
        mark(appointment_id=pk, by=request.user)
    except AppointmentError as error:
        messages.error(request, str(error))
        return redirect("appointments:agenda")
    messages.success(request, done)
    return redirect("appointments:agenda")


@require_POST
@counter_staff_required
def mark_no_show(request, pk: int):
    return _mark(request, pk, booking.mark_no_show, _("Marked as not come."))


@require_POST
@counter_staff_required
def mark_attended(request, pk: int):
    return _mark(request, pk, booking.mark_attended, _("Marked as received."))


@require_http_methods(["GET", "HEAD", "POST"])
@counter_staff_required
def agent_book(request):
    return _booking_page(
        request,
        template="appointments/agent_book.html",
        counters=Counter.objects.filter(is_active=True, service__in=request.user.services.all()).select_related(
            "service"
        ),
        make_form=lambda data, counter: AgentBookingForm(data, counter=counter, user=request.user),
        done=_("The appointment is booked."),
        then="appointments:agenda",
    )
