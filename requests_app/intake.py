"""Intake: every channel opens a ticket through `open_ticket`.

The web form, the agents' quick entry for phone, counter, postal mail and social networks,
and later e-mail, Open311 and the API all end here, so routing, references, due dates, the
first timeline event and the acknowledgement (CRPA art. L112-3) are the same for all.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils import timezone

from accounts.phone_numbers import e164_or_blank
from notifications import outbox

from . import hooks
from .models import Attachment, Category, Channel, Kind, ReferenceCounter, Service, Ticket, TicketEvent
from .sla import add_business_days

DEFAULT_SLA_DAYS = 10


class IntakeError(Exception):
    """The request cannot be opened as given (no service to route it to)."""


def _next_number_sql() -> str:
    quote = connection.ops.quote_name
    table, year, last = quote(ReferenceCounter._meta.db_table), quote("year"), quote("last")
    # One statement creates the year's row or bumps it, and returns the number drawn. The row
    # lock it takes is held until the caller's transaction ends: concurrent filings wait for
    # each other, and a rolled-back filing gives its number back.
    return (
        # Bandit B608 (SQL built from strings) is silenced: quoted names from the model, the year a parameter.
        f"INSERT INTO {table} ({year}, {last}) VALUES (%s, 1) "  # noqa: S608  # nosec B608
        f"ON CONFLICT ({year}) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}"
    )


def next_reference(year: int) -> str:
    """`YYYY-NNNNNN`, sequential per year, in one query (PostgreSQL, SQLite 3.35 or later)."""
    with connection.cursor() as cursor:
        cursor.execute(_next_number_sql(), [year])
        (number,) = cursor.fetchone()
    return f"{year}-{number:06d}"


def triage_service() -> Service:
    service = Service.objects.filter(is_active=True, is_triage=True).order_by("pk").first()
    if service is None:
        raise IntakeError("No active triage service is configured for requests without a category.")
    return service


@dataclass(frozen=True)
class Filing:
    """A request as it is received, whatever the channel: what `open_ticket` opens."""

    channel: str
    subject: str
    description: str
    kind: str = Kind.INFORMATION
    category: Category | None = None
    citizen: Any = None  # the citizen's account, when known
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    attachments: Sequence = ()  # checked uploads
    attributes: dict | None = None  # answers to the category's questions
    media_url: str = ""
    entered_by: Any = None  # the agent or technical account who typed it in for someone
    # The agent linked `citizen` although the contact details given match it only through
    # unverified details: the link is theirs, and the timeline says so.
    citizen_confirmed_by: Any = None
    priority: str = Ticket._meta.get_field("priority").default
    language: str = "fr"


def _new_ticket(f: Filing, *, sla_days: int, now: datetime.datetime) -> Ticket:
    """The ticket of a filing, routed to its category's service or to triage, not yet saved."""
    service = f.category.service if f.category is not None else triage_service()
    return Ticket(
        reference=next_reference(timezone.localtime(now).year),
        kind=f.kind,
        channel=f.channel,
        category=f.category,
        service=service,
        citizen=f.citizen,
        contact_name=f.contact_name.strip(),
        contact_email=f.contact_email.strip().lower(),
        contact_phone=f.contact_phone.strip(),
        language=f.citizen.preferred_language if f.citizen is not None else f.language,
        subject=f.subject.strip(),
        description=f.description.strip(),
        address=f.address.strip(),
        latitude=f.latitude,
        longitude=f.longitude,
        attributes=f.attributes or {},
        media_url=f.media_url.strip(),
        priority=f.priority,
        created_at=now,
        updated_at=now,
        due_date=add_business_days(timezone.localtime(now).date(), sla_days),
    )


@transaction.atomic
def open_ticket(filing: Filing, *, now: datetime.datetime | None = None) -> tuple[Ticket, str]:
    """Open a ticket and acknowledge it; returns the ticket and its tracking token.

    The token is returned once, here: the database keeps only its hash. `now` is the moment it
    is received (the wall clock when omitted).
    """
    f = filing
    now = now or timezone.now()
    sla_days = f.category.sla_days if f.category is not None else DEFAULT_SLA_DAYS
    ticket = _new_ticket(f, sla_days=sla_days, now=now)
    token = ticket.set_tracking_token()
    ticket.save()
    for upload in f.attachments:
        Attachment.objects.create(
            ticket=ticket,
            file=upload.file,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=f.citizen,
            created_at=now,
        )
    event = TicketEvent.objects.create(
        ticket=ticket,
        created_at=now,
        actor=f.entered_by or f.citizen,
        kind=TicketEvent.Kind.CREATED,
        to_status=ticket.status,
        channel=f.channel,
        data={"entered_by_agent": f.entered_by is not None},
    )
    hooks.event_recorded(event)
    if f.citizen is not None and f.citizen_confirmed_by is not None:
        hooks.event_recorded(
            TicketEvent.objects.create(
                ticket=ticket,
                created_at=now,
                actor=f.citizen_confirmed_by,
                kind=TicketEvent.Kind.LINKED_TO_ACCOUNT,
                from_status=ticket.status,
                to_status=ticket.status,
                channel=f.channel,
                data={"confirmed_by_agent": True},
            )
        )
    # The acknowledgement is essential: it goes out whatever the preferences, by SMS when
    # a phone number is all we have.
    outbox.notify(
        template="acknowledgement",
        ticket=ticket,
        user=f.citizen,
        email=ticket.notify_email,
        phone=(f.citizen.phone if f.citizen else "") or ticket.contact_phone,
        language=ticket.language,
        context={"sla_days": sla_days},
        essential=True,
        now=now,
    )
    return ticket, token


AGENT_ENTRY_CHANNELS = (Channel.PHONE, Channel.COUNTER, Channel.POSTAL_MAIL, Channel.SOCIAL, Channel.EMAIL)


@transaction.atomic
def attach_tickets_to_account(user) -> int:
    """Tickets filed without an account under a now-verified e-mail join that account."""
    if user.email_verified_at is None:
        return 0
    tickets = list(Ticket.objects.select_for_update().filter(citizen__isnull=True, contact_email__iexact=user.email))
    return _link_to_account(tickets, user)


def _link_to_account(tickets: list[Ticket], user, **data) -> int:
    """Give these (locked) tickets to `user`, each with its timeline event."""
    for ticket in tickets:
        Ticket.objects.filter(pk=ticket.pk).update(citizen=user, updated_at=timezone.now())
        hooks.event_recorded(
            TicketEvent.objects.create(
                ticket=ticket,
                actor=user,
                kind=TicketEvent.Kind.LINKED_TO_ACCOUNT,
                from_status=ticket.status,
                to_status=ticket.status,
                data=data,
            )
        )
    return len(tickets)


def _digits(field: str):
    """The field without the spaces, dots and dashes people write phone numbers with."""
    expression = F(field)
    for separator in (" ", ".", "-"):
        expression = Replace(expression, Value(separator), Value(""))
    return expression


@transaction.atomic
def attach_phone_tickets_to_account(user) -> int:
    """Tickets filed without an account under a now-verified phone number join that account.

    Only those filed since the account was opened: a number changes hands over the years, and
    what an earlier holder of it asked is none of the new one's business.
    """
    number = e164_or_blank(user.phone)
    if not number or user.phone_verified_at is None:
        return 0
    candidates = (
        Ticket.objects.select_for_update()
        .filter(citizen__isnull=True, created_at__gte=user.date_joined)
        .exclude(contact_phone="")
        .alias(phone_digits=_digits("contact_phone"))
        # The last four digits narrow the rows in the database; the number itself is compared below.
        .filter(phone_digits__endswith=number[-4:])
    )
    tickets = [ticket for ticket in candidates if e164_or_blank(ticket.contact_phone) == number]
    return _link_to_account(tickets, user, verified_phone=True)
