"""The one way to change a ticket.

`transitions.TRANSITIONS` declares, for every action, which status it moves from and to, and
who may do it. Every function below opens a transaction, locks the ticket row, checks the move
against the table and the actor's role, reads the status after the move from the table, updates
the ticket, appends the timeline event and writes the outbox rows. Views, the API, the admin,
intake channels and tasks all call these functions (the pages and the API through
`actions.perform`); nothing else assigns `Ticket.status`, and only this module and `intake`
append timeline events.

Every function takes `now=`, the moment the action happens (the wall clock when omitted): the
demo replays months of a town's life through these same functions, each step at its own moment.
What the core must trigger in feature apps (webhooks, surveys) goes through `hooks`.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from notifications import outbox

from . import hooks
from .models import Attachment, Category, Message, Service, Ticket, TicketEvent
from .sla import add_business_days, business_days_between

# The table and its questions are part of the workflow's interface: callers name them from here.
from .transitions import (  # noqa: F401 (re-exported)
    STAFF,
    TRANSITIONS,
    Action,
    Actor,
    InvalidTransition,
    Transition,
    actor_for,
    available_actions,
    is_allowed,
)

S = Ticket.Status


def _refusal(action: Action, ticket: Ticket) -> InvalidTransition:
    return InvalidTransition(
        _("“%(action)s” is not possible: request %(reference)s is now “%(status)s”.")
        % {"action": TRANSITIONS[action].label, "reference": ticket.reference, "status": ticket.get_status_display()}
    )


def _lock(ticket_id: int) -> Ticket:
    # `of=("self",)`: lock the ticket row only; PostgreSQL refuses FOR UPDATE on the nullable
    # side of the outer join that the optional citizen brings.
    return Ticket.objects.select_for_update(of=("self",)).select_related("service", "citizen").get(pk=ticket_id)


def _check(action: Action, ticket: Ticket, user, *, via_token: bool = False, now=None) -> Actor:
    actor = actor_for(user, ticket, via_token=via_token)
    if not is_allowed(action, ticket, actor, now=now):
        raise _refusal(action, ticket)
    return actor


def _event(ticket, *, kind, user, from_status, now, is_public=True, message=None, channel="", **data):
    event = TicketEvent.objects.create(
        ticket=ticket,
        created_at=now,
        actor=user,
        kind=kind,
        from_status=from_status,
        to_status=ticket.status,
        channel=channel or (message.channel if message else ""),
        is_public=is_public,
        message=message,
        data=data,
    )
    hooks.event_recorded(event)
    return event


def _save(ticket: Ticket, *fields: str, now: datetime.datetime) -> None:
    ticket.updated_at = now
    ticket.save(update_fields=[*fields, "updated_at"])


def _attach(ticket: Ticket, message: Message | None, uploads: Iterable, user, *, now, is_public: bool = True) -> None:
    for upload in uploads:
        Attachment.objects.create(
            created_at=now,
            ticket=ticket,
            message=message,
            file=upload.file,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=user if user is not None and user.is_authenticated else None,
            is_public=is_public,
        )


def _notify_citizen(ticket: Ticket, template: str, *, now: datetime.datetime, **context) -> None:
    citizen = ticket.citizen if ticket.citizen_id else None
    language = citizen.preferred_language if citizen else ticket.language
    outbox.notify(
        template=template,
        ticket=ticket,
        user=citizen,
        email=ticket.notify_email,
        phone=(citizen.phone if citizen else "") or ticket.contact_phone,
        language=language,
        context=context,
        now=now,
        # Being asked for information suspends the request: that message may not be turned off.
        essential=template == "info_requested",
    )


def _message(ticket: Ticket, author, kind: str, body: str, *, now: datetime.datetime, channel: str = "") -> Message:
    fields = {"channel": channel} if channel else {}
    return Message.objects.create(ticket=ticket, author=author, kind=kind, body=body, created_at=now, **fields)


def _require_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidTransition(_("%(what)s cannot be empty.") % {"what": what})
    return text


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None


# --- agents --------------------------------------------------------------------------------


def take_ticket(ticket_id: int, *, by, now: datetime.datetime | None = None) -> Ticket:
    """The agent takes the ticket for themselves."""
    return _assign(ticket_id, Action.TAKE, by=by, assignee=by, now=now)


def assign_ticket(ticket_id: int, *, by, assignee, now: datetime.datetime | None = None) -> Ticket:
    return _assign(ticket_id, Action.ASSIGN, by=by, assignee=assignee, now=now)


@transaction.atomic
def _assign(ticket_id: int, action: Action, *, by, assignee, now) -> Ticket:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(action, ticket, by)
    if action == Action.ASSIGN:
        eligible = assignee is not None and assignee.is_active and assignee.role in (Role.AGENT, Role.SUPERVISOR)
        # A person of the service in charge: an integration's technical account may take a request
        # itself, but nobody hands one to it.
        if (
            not eligible
            or not User.objects.filter(pk=assignee.pk, services=ticket.service_id, api_key__isnull=True).exists()
        ):
            raise InvalidTransition(_("This person does not work in the service in charge of the request."))
    if ticket.assignee_id == assignee.pk:
        if assignee == by:
            message = _("Request %(reference)s is already assigned to you.") % {"reference": ticket.reference}
        else:
            message = _("Request %(reference)s is already assigned to %(name)s.") % {
                "reference": ticket.reference,
                "name": assignee,
            }
        raise InvalidTransition(message)
    before = ticket.status
    ticket.status = TRANSITIONS[action].moves[before]
    ticket.assignee = assignee
    _save(ticket, "status", "assignee", now=now)
    _event(
        ticket,
        kind=TicketEvent.Kind.ASSIGNED,
        user=by,
        from_status=before,
        now=now,
        is_public=before != ticket.status,
        assignee=assignee.pk,
        assignee_name=str(assignee),
    )
    if action == Action.ASSIGN and assignee != by:
        # Someone else put it in their queue: tell them, in their language, in the bell and
        # by e-mail as their preferences say.
        outbox.notify(
            template="assigned",
            ticket=ticket,
            user=assignee,
            email=assignee.email,
            language=assignee.preferred_language,
            context={"agent_name": str(assignee), "assigned_by": str(by)},
            essential=False,
            now=now,
        )
    return ticket


@transaction.atomic
def reroute_ticket(
    ticket_id: int,
    *,
    by,
    category: Category | None = None,
    service: Service | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """Send the ticket to another service (through a category, or to a service directly)."""
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.REROUTE, ticket, by)
    if category is not None:
        if not category.is_active:
            raise InvalidTransition(_("This category is no longer in use."))
        service = category.service
    if service is None or not service.is_active:
        raise InvalidTransition(_("Choose an active service or category."))
    if service.pk == ticket.service_id and (category is None or category.pk == ticket.category_id):
        raise InvalidTransition(_("The request is already handled there."))
    before = ticket.status
    old_service, old_category = ticket.service, ticket.category
    moved = service.pk != old_service.pk
    if moved:
        # A new service starts afresh: nobody there has the ticket yet.
        ticket.status = TRANSITIONS[Action.REROUTE].moves[before]
        ticket.assignee = None
    # Within the same service it is only a reclassification: whoever works on it goes on,
    # and the status the citizen sees does not move behind an internal event.
    ticket.service = service
    if category is not None:
        ticket.category = category
    _save(ticket, "status", "service", "category", "assignee", now=now)
    _event(
        ticket,
        kind=TicketEvent.Kind.REROUTED,
        user=by,
        from_status=before,
        now=now,
        is_public=moved,
        from_service=old_service.name,
        to_service=service.name,
        from_category=old_category.name if old_category else "",
        to_category=ticket.category.name if ticket.category else "",
        note=note.strip(),
    )
    return ticket


@transaction.atomic
def reply_to_ticket(ticket_id: int, *, by, body: str, attachments=(), now: datetime.datetime | None = None) -> Message:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.REPLY, ticket, by)
    body = _require_text(body, _("The reply"))
    before = ticket.status
    ticket.status = TRANSITIONS[Action.REPLY].moves[before]
    ticket.first_response_at = ticket.first_response_at or now
    _save(ticket, "status", "first_response_at", now=now)
    message = _message(ticket, by, Message.Kind.PUBLIC_REPLY, body, now=now)
    _attach(ticket, message, attachments, by, now=now)
    _event(ticket, kind=TicketEvent.Kind.PUBLIC_REPLY, user=by, from_status=before, message=message, now=now)
    _notify_citizen(ticket, "public_reply", body=body, author_service=ticket.service.name, now=now)
    return message


@transaction.atomic
def add_internal_note(
    ticket_id: int, *, by, body: str, attachments=(), now: datetime.datetime | None = None
) -> Message:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.NOTE, ticket, by)
    body = _require_text(body, _("The note"))
    message = _message(ticket, by, Message.Kind.INTERNAL_NOTE, body, now=now)
    _attach(ticket, message, attachments, by, is_public=False, now=now)
    _save(ticket, now=now)
    _event(
        ticket,
        kind=TicketEvent.Kind.INTERNAL_NOTE,
        user=by,
        from_status=ticket.status,
        now=now,
        is_public=False,
        message=message,
    )
    return message


@transaction.atomic
def request_information(ticket_id: int, *, by, body: str, now: datetime.datetime | None = None) -> Message:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.REQUEST_INFO, ticket, by)
    body = _require_text(body, _("The question"))
    before = ticket.status
    ticket.status = TRANSITIONS[Action.REQUEST_INFO].moves[before]
    ticket.awaiting_since = now
    ticket.first_response_at = ticket.first_response_at or now
    _save(ticket, "status", "awaiting_since", "first_response_at", now=now)
    message = _message(ticket, by, Message.Kind.PUBLIC_REPLY, body, now=now)
    _event(ticket, kind=TicketEvent.Kind.INFO_REQUESTED, user=by, from_status=before, message=message, now=now)
    _notify_citizen(ticket, "info_requested", body=body, now=now)
    return message


@transaction.atomic
def resolve_ticket(ticket_id: int, *, by, body: str, attachments=(), now: datetime.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.RESOLVE, ticket, by)
    body = _require_text(body, _("The resolution message"))
    before = ticket.status
    ticket.status = TRANSITIONS[Action.RESOLVE].moves[before]
    ticket.resolved_at = now
    ticket.awaiting_since = None
    ticket.first_response_at = ticket.first_response_at or now
    _save(ticket, "status", "resolved_at", "awaiting_since", "first_response_at", now=now)
    message = _message(ticket, by, Message.Kind.PUBLIC_REPLY, body, now=now)
    _attach(ticket, message, attachments, by, now=now)
    _event(ticket, kind=TicketEvent.Kind.RESOLVED, user=by, from_status=before, message=message, now=now)
    _notify_citizen(ticket, "resolved", body=body, reopen_days=settings.REOPEN_DELAY_DAYS, now=now)
    # The satisfaction survey's invitation, among others, in this same transaction.
    hooks.ticket_resolved(ticket, now=now)
    return ticket


@transaction.atomic
def reject_ticket(ticket_id: int, *, by, reason: str, now: datetime.datetime | None = None) -> Ticket:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.REJECT, ticket, by)
    reason = _require_text(reason, _("The reason"))
    before = ticket.status
    ticket.status = TRANSITIONS[Action.REJECT].moves[before]
    ticket.rejection_reason = reason
    ticket.awaiting_since = None
    ticket.first_response_at = ticket.first_response_at or now
    _save(ticket, "status", "rejection_reason", "awaiting_since", "first_response_at", now=now)
    _event(ticket, kind=TicketEvent.Kind.REJECTED, user=by, from_status=before, reason=reason, now=now)
    _notify_citizen(ticket, "rejected", reason=reason, now=now)
    return ticket


@transaction.atomic
def merge_tickets(ticket_id: int, *, into_id: int, by, now: datetime.datetime | None = None) -> Ticket:
    """Close `ticket_id` as a duplicate of `into_id`; its citizen follows the surviving ticket."""
    now = now or timezone.now()
    if ticket_id == into_id:
        raise InvalidTransition(_("A request cannot be merged into itself."))
    # Lock both rows in a fixed order so two crossed merges cannot deadlock.
    locked = {
        t.pk: t
        for t in Ticket.objects.select_for_update(of=("self",))
        .select_related("service", "citizen")
        .filter(pk__in=[ticket_id, into_id])
        .order_by("pk")
    }
    if ticket_id not in locked:
        raise Ticket.DoesNotExist(f"No ticket {ticket_id}")  # as _lock does for the other actions
    if into_id not in locked:
        raise InvalidTransition(_("The request to merge into does not exist."))
    ticket, survivor = locked[ticket_id], locked[into_id]
    _check(Action.MERGE, ticket, by)
    if actor_for(by, survivor) not in STAFF:
        raise InvalidTransition(_("You can only merge into a request of your services."))
    if not survivor.is_open:
        raise InvalidTransition(
            _("Request %(reference)s is no longer open: it cannot receive a duplicate.")
            % {"reference": survivor.reference}
        )
    before = ticket.status
    ticket.status = TRANSITIONS[Action.MERGE].moves[before]
    ticket.duplicate_of = survivor
    ticket.awaiting_since = None
    _save(ticket, "status", "duplicate_of", "awaiting_since", now=now)
    _event(ticket, kind=TicketEvent.Kind.MERGED, user=by, from_status=before, into=survivor.reference, now=now)
    _save(survivor, now=now)
    _event(
        survivor,
        kind=TicketEvent.Kind.DUPLICATE_ATTACHED,
        user=by,
        from_status=survivor.status,
        now=now,
        is_public=False,
        duplicate=ticket.reference,
    )
    _notify_citizen(
        ticket,
        "merged",
        survivor_reference=survivor.reference,
        survivor_status=survivor.get_status_display(),
        now=now,
    )
    return ticket


def close_ticket(ticket_id: int, *, by=None, now: datetime.datetime | None = None) -> Ticket:
    """An agent, or the system once the reopening delay has passed, closes a resolved ticket."""
    return _close(ticket_id, Action.CLOSE, TicketEvent.Kind.CLOSED, by=by, now=now)


@transaction.atomic
def _close(ticket_id: int, action: Action, kind: str, *, by, now, via_token: bool = False) -> Ticket:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(action, ticket, by, via_token=via_token)
    before = ticket.status
    ticket.status = TRANSITIONS[action].moves[before]
    ticket.closed_at = now
    _save(ticket, "status", "closed_at", now=now)
    _event(ticket, kind=kind, user=_user_or_none(by), from_status=before, now=now)
    return ticket


# --- citizens ------------------------------------------------------------------------------


@transaction.atomic
def citizen_reply(
    ticket_id: int,
    *,
    by,
    body: str,
    attachments=(),
    via_token: bool = False,
    channel: str = "web",
    now: datetime.datetime | None = None,
) -> Message:
    """A message from the citizen; answering a request for information resumes the work."""
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    _check(Action.CITIZEN_REPLY, ticket, by, via_token=via_token)
    body = _require_text(body, _("Your message"))
    before = ticket.status
    author = _user_or_none(by)
    if before == S.AWAITING_CITIZEN:
        # Time spent waiting for the citizen does not count against the commitment.
        paused = business_days_between(timezone.localtime(ticket.awaiting_since).date(), timezone.localtime(now).date())
        ticket.due_date = add_business_days(ticket.due_date, paused) if paused else ticket.due_date
        ticket.awaiting_since = None
    ticket.status = TRANSITIONS[Action.CITIZEN_REPLY].moves[before]
    _save(ticket, "status", "awaiting_since", "due_date", now=now)
    message = _message(ticket, author, Message.Kind.CITIZEN_MESSAGE, body, now=now, channel=channel)
    _attach(ticket, message, attachments, author, now=now)
    _event(ticket, kind=TicketEvent.Kind.CITIZEN_MESSAGE, user=author, from_status=before, message=message, now=now)
    return message


def confirm_resolution(ticket_id: int, *, by, via_token: bool = False, now: datetime.datetime | None = None) -> Ticket:
    return _close(ticket_id, Action.CONFIRM, TicketEvent.Kind.CONFIRMED, by=by, via_token=via_token, now=now)


@transaction.atomic
def reopen_ticket(
    ticket_id: int, *, by, reason: str, via_token: bool = False, now: datetime.datetime | None = None
) -> Ticket:
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    actor = _check(Action.REOPEN, ticket, by, via_token=via_token, now=now)
    reason = _require_text(reason, _("The reason"))
    before = ticket.status
    author = _user_or_none(by)
    ticket.status = TRANSITIONS[Action.REOPEN].moves[before]
    ticket.resolved_at = None
    ticket.closed_at = None
    _save(ticket, "status", "resolved_at", "closed_at", now=now)
    kind = Message.Kind.CITIZEN_MESSAGE if actor == Actor.CITIZEN else Message.Kind.INTERNAL_NOTE
    message = _message(ticket, author, kind, reason, now=now)
    _event(
        ticket,
        kind=TicketEvent.Kind.REOPENED,
        user=author,
        from_status=before,
        now=now,
        message=message,
        # The status the citizen sees moves, so the event is public; an agent's reason stays internal.
        is_public=True,
    )
    return ticket


# --- system --------------------------------------------------------------------------------


def close_stale_resolved() -> int:
    """Close resolved tickets whose reopening delay has passed (run by Celery beat)."""
    limit = timezone.now() - datetime.timedelta(days=settings.REOPEN_DELAY_DAYS)
    closed = 0
    for pk in Ticket.objects.filter(status=S.RESOLVED, resolved_at__lt=limit).values_list("pk", flat=True)[:500]:
        try:
            close_ticket(pk, by=None)
            closed += 1
        except InvalidTransition:
            continue  # reopened or confirmed meanwhile
    return closed


# --- what feature apps record on a request's timeline ----------------------------------------

APPOINTMENT_EVENTS = frozenset(
    {
        TicketEvent.Kind.APPOINTMENT_BOOKED,
        TicketEvent.Kind.APPOINTMENT_MOVED,
        TicketEvent.Kind.APPOINTMENT_CANCELLED,
        TicketEvent.Kind.APPOINTMENT_MISSED,
    }
)


@transaction.atomic
def record_appointment_event(
    ticket_id: int, *, kind: str, by, now: datetime.datetime | None = None, **data
) -> TicketEvent:
    """Append an appointment line to a request's timeline; its status does not change.

    The appointments module has already checked the person may act on the appointment; this
    checks they have a say on the request too. An agent of the counter's service still does when
    the request has since been sent to another service: the appointment stays their business.
    """
    if kind not in APPOINTMENT_EVENTS:
        raise ValueError(f"Not an appointment event: {kind}")
    now = now or timezone.now()
    ticket = _lock(ticket_id)
    if actor_for(by, ticket) is None and not (by.is_authenticated and by.is_active and by.works_tickets):
        raise InvalidTransition(_("You may not do this on this request."))
    return _event(
        ticket,
        kind=kind,
        user=_user_or_none(by),
        from_status=ticket.status,
        now=now,
        # A missed appointment is for the service's eyes only.
        is_public=kind != TicketEvent.Kind.APPOINTMENT_MISSED,
        **data,
    )
