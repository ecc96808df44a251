"""One way to narrow a list of requests: the workbench, the REST API and the dashboards' links.

Each door parses its own input (the workbench's filter form, the API's query serializer; the
dashboards link to the workbench with its query parameters) into `TicketFilters`, then calls
`select_tickets` on the tickets the person may see (`permissions.tickets_visible_to_staff`).
Every filter adds conditions to the one query; none reads rows, so a page costs the same
number of queries whatever is chosen.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import OPEN_STATUSES, TicketEvent
from .search import search_tickets

SLA_MET = "met"
SLA_MISSED = "missed"


def local_day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of `day` in the site's time zone (days are Europe/Paris days)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Period(NamedTuple):
    """From `start` (included) to `end` (excluded); either may be open."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None

    @classmethod
    def of_days(cls, first: datetime.date | None, last: datetime.date | None) -> "Period":
        """Local days from `first` to `last`, both included."""
        return cls(
            local_day_start(first) if first else None,
            local_day_start(last + datetime.timedelta(days=1)) if last else None,
        )

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def lookups(self, field_name: str) -> dict:
        conditions = {}
        if self.start is not None:
            conditions[f"{field_name}__gte"] = self.start
        if self.end is not None:
            conditions[f"{field_name}__lt"] = self.end
        return conditions


@dataclass(frozen=True)
class TicketFilters:
    """What a list of requests is narrowed to; a field left at its default narrows nothing."""

    statuses: Collection[str] = ()
    service: Any = None  # a Service or its id
    category: Any = None  # a Category or its id
    kind: str = ""
    channel: str = ""
    priority: str = ""
    reference: str = ""
    assignee: Any = None  # a User or its id
    unassigned: bool = False
    # Overdue on that day: the due date has passed, and the request was open then.
    overdue_on: datetime.date | None = None
    created: Period = field(default_factory=Period)
    updated: Period = field(default_factory=Period)
    responded: Period = field(default_factory=Period)
    resolved: Period = field(default_factory=Period)
    # With `resolved`: only the resolutions within (SLA_MET) or after (SLA_MISSED) the due date.
    sla: str = ""
    reopened: Period = field(default_factory=Period)
    answered: Period = field(default_factory=Period)
    # Requests still open at that instant (the status the last event before it set).
    open_at: datetime.datetime | None = None
    text: str = ""
    ordering: tuple[str, ...] = ()


def select_tickets(tickets: QuerySet, filters: TicketFilters) -> QuerySet:
    """`tickets` narrowed to what `filters` asks, in its order."""
    f = filters
    if f.statuses:
        tickets = tickets.filter(status__in=f.statuses)
    for name in ("service", "category", "kind", "channel", "priority", "reference", "assignee"):
        if value := getattr(f, name):
            tickets = tickets.filter(**{name: value})
    if f.unassigned:
        tickets = tickets.filter(assignee__isnull=True)
    tickets = tickets.filter(
        **f.created.lookups("created_at"),
        **f.updated.lookups("updated_at"),
        **f.responded.lookups("first_response_at"),
        **f.answered.lookups("survey__answered_at"),
    )
    tickets = _filter_events(tickets, f)
    if f.open_at is not None:
        tickets = _open_at(tickets, f.open_at)
    if f.overdue_on is not None:
        # Open at `open_at` is already checked; otherwise the request must be open now.
        still_open = {} if f.open_at is not None else {"status__in": OPEN_STATUSES}
        tickets = tickets.filter(due_date__lt=f.overdue_on, **still_open)
    tickets = search_tickets(tickets, f.text)
    return tickets.order_by(*f.ordering) if f.ordering else tickets


def _events_in(kind: str, period: Period):
    """Events of `kind` of the outer ticket within `period`."""
    return TicketEvent.objects.filter(ticket=OuterRef("pk"), kind=kind, **period.lookups("created_at"))


def _filter_events(tickets: QuerySet, f: TicketFilters) -> QuerySet:
    if f.resolved:
        # A request counts once however many times it was resolved in the period.
        events = _events_in(TicketEvent.Kind.RESOLVED, f.resolved)
        # Within the commitment: resolved on or before the due date, in local days.
        resolved_day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
        if f.sla == SLA_MET:
            events = events.annotate(day=resolved_day).filter(day__lte=OuterRef("due_date"))
        elif f.sla == SLA_MISSED:
            events = events.annotate(day=resolved_day).filter(day__gt=OuterRef("due_date"))
        tickets = tickets.filter(Exists(events))
    if f.reopened:
        tickets = tickets.filter(Exists(_events_in(TicketEvent.Kind.REOPENED, f.reopened)))
    return tickets


def _open_at(tickets: QuerySet, moment: datetime.datetime) -> QuerySet:
    # The status then: the last status an event set before that moment.
    status_then = (
        TicketEvent.objects.filter(ticket=OuterRef("pk"), created_at__lt=moment)
        .exclude(to_status="")
        .order_by("-created_at", "-pk")
        .values("to_status")[:1]
    )
    tickets = tickets.filter(created_at__lt=moment).annotate(status_then=Subquery(status_then))
    return tickets.filter(status_then__in=OPEN_STATUSES)
