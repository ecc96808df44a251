"""Reminders and SLA warnings, run daily by Celery beat.

Each function is idempotent: the record of what was already sent is the outbox itself, a
`Notification` row with that template for that ticket since the moment that matters (the
start of the current wait for the information reminder, the current due date for the SLA
warnings). Running a function twice, or a task retried after a crash, sends nothing new.

Candidates are read in one bounded query (already-notified tickets are excluded there, so a
backlog larger than a batch drains over the next runs); each ticket is then handled in its
own transaction that locks the row and checks again, so a ticket resolved or answered in
between, or a second run racing this one, gets nothing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, Exists, OuterRef, Prefetch, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.models import Role, User
from requests_app.models import OPEN_STATUSES, Message, Ticket
from requests_app.sla import add_business_days, is_business_day

from . import outbox
from .models import Notification

# Tickets handled per run and per kind; the rest wait for the next run.
BATCH_SIZE = 500

INFO_REMINDER = "info_reminder"
SLA_DUE_SOON = "sla_due_soon"
SLA_OVERDUE = "sla_overdue"


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _latest_start_for(days: int, *, today: datetime.date) -> datetime.date:
    """The latest day a wait may have started on to have lasted `days` business days by `today`."""
    day, counted = today, 0
    while counted < days:
        if is_business_day(day):
            counted += 1
        day -= datetime.timedelta(days=1)
    return day


def _lock(ticket: Ticket, **still) -> bool:
    """Lock the ticket row; False when it no longer is what the batch query saw."""
    locked = Ticket.objects.select_for_update(of=("self",)).filter(pk=ticket.pk, **still)
    return bool(list(locked.values_list("pk", flat=True)))


# --- the citizen has not answered ------------------------------------------------------------


def _reminded_since_the_wait_began():
    return Notification.objects.filter(
        template=INFO_REMINDER, ticket=OuterRef("pk"), created_at__gte=OuterRef("awaiting_since")
    )


def remind_awaiting_citizens(*, today: datetime.date) -> int:
    """Remind citizens who have left a question unanswered for INFO_REMINDER_DAYS business days.

    One reminder per wait: the citizen's answer ends the wait, a new question starts another.
    Returns how many reminders were queued.
    """
    if not is_business_day(today):
        return 0  # the count of business days has not moved since the last business day
    started_by = _latest_start_for(settings.INFO_REMINDER_DAYS, today=today)
    questions = Message.objects.filter(kind=Message.Kind.PUBLIC_REPLY).order_by("-created_at", "-id")
    tickets = (
        Ticket.objects.filter(
            status=Ticket.Status.AWAITING_CITIZEN,
            awaiting_since__lt=_start_of_day(started_by + datetime.timedelta(days=1)),
        )
        # Someone to write to: an account, an e-mail address, or a phone number for an SMS.
        .filter(Q(citizen__isnull=False) | ~Q(contact_email="") | ~Q(contact_phone=""))
        .filter(~Exists(_reminded_since_the_wait_began()))
        .select_related("service", "citizen")
        .prefetch_related(Prefetch("messages", queryset=questions, to_attr="public_replies"))
        .order_by("awaiting_since", "pk")[:BATCH_SIZE]
    )
    sent = 0
    with outbox.batched_dispatch():
        for ticket in tickets:
            sent += _remind(ticket)
    return sent


@transaction.atomic
def _remind(ticket: Ticket) -> int:
    if not _lock(ticket, status=Ticket.Status.AWAITING_CITIZEN, awaiting_since=ticket.awaiting_since):
        return 0
    if Notification.objects.filter(
        template=INFO_REMINDER, ticket=ticket, created_at__gte=ticket.awaiting_since
    ).exists():
        return 0
    question = ticket.public_replies[0].body if ticket.public_replies else ""
    citizen = ticket.citizen if ticket.citizen_id else None
    written = outbox.notify(
        template=INFO_REMINDER,
        ticket=ticket,
        user=citizen,
        email=ticket.notify_email,
        phone=(citizen.phone if citizen else "") or ticket.contact_phone,
        language=citizen.preferred_language if citizen else ticket.language,
        context={"body": question},
        # The request is suspended until the citizen answers: like the question, its reminder
        # cannot be turned off.
        essential=True,
    )
    return 1 if written else 0


# --- SLA warnings ------------------------------------------------------------------------------


def _warned_for_this_due_date(template: str):
    # The due date the warning was about travels in its context: a postponed due date
    # (the citizen answered a question) deserves a warning of its own.
    return Notification.objects.annotate(
        warned_due_date=Cast(KeyTextTransform("sla_due_date", "context"), DateField())
    ).filter(template=template, ticket=OuterRef("pk"), warned_due_date=OuterRef("due_date"))


def _open_tickets_to_warn(template: str, due: Q):
    staff = User.objects.filter(is_active=True, role__in=[Role.AGENT, Role.SUPERVISOR]).order_by("pk")
    return (
        Ticket.objects.filter(due, status__in=OPEN_STATUSES)
        .filter(~Exists(_warned_for_this_due_date(template)))
        .select_related("service", "assignee")
        .prefetch_related(Prefetch("service__agents", queryset=staff, to_attr="staff"))
        .order_by("due_date", "pk")[:BATCH_SIZE]
    )


def _sla_recipients(ticket: Ticket) -> list[User]:
    """The assignee (or, nobody having it yet, the service's agents) and the service's supervisors."""
    staff = ticket.service.staff
    if ticket.assignee_id and ticket.assignee.is_active:
        workers = [ticket.assignee]
    else:
        workers = [user for user in staff if user.role == Role.AGENT]
    supervisors = [user for user in staff if user.role == Role.SUPERVISOR]
    recipients = {}
    for user in [*workers, *supervisors]:
        if user.email:
            recipients.setdefault(user.pk, user)
    return list(recipients.values())


@transaction.atomic
def _warn(ticket: Ticket, template: str) -> int:
    if not _lock(ticket, status__in=OPEN_STATUSES, due_date=ticket.due_date):
        return 0
    already = Notification.objects.filter(
        template=template, ticket=ticket, context__sla_due_date=ticket.due_date.isoformat()
    )
    if already.exists():
        return 0
    recipients = _sla_recipients(ticket)
    for user in recipients:
        outbox.queue_email(
            template=template,
            to=user.email,
            ticket=ticket,
            recipient=user,
            language=user.preferred_language,
            context={
                "agent_name": str(user),
                "assignee_name": str(ticket.assignee) if ticket.assignee_id else "",
                "sla_due_date": ticket.due_date.isoformat(),
            },
        )
    return len(recipients)


def _warn_all(template: str, due: Q) -> int:
    with outbox.batched_dispatch():
        return sum(_warn(ticket, template) for ticket in _open_tickets_to_warn(template, due))


def warn_due_tomorrow(*, today: datetime.date) -> int:
    """Warn the people in charge of open tickets due on the next business day.

    Returns how many e-mails were queued.
    """
    if not is_business_day(today):
        return 0  # Friday's run already warned about Monday
    return _warn_all(SLA_DUE_SOON, Q(due_date=add_business_days(today, 1)))


def warn_overdue(*, today: datetime.date) -> int:
    """Warn the people in charge of open tickets past their due date, once per due date.

    Returns how many e-mails were queued.
    """
    if not is_business_day(today):
        return 0  # nobody reads them before the next business day anyway
    return _warn_all(SLA_OVERDUE, Q(due_date__lt=today))
