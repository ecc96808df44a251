"""The published requests and their updates: what GET requests and servicerequestupdates answer.

Published ("requests"): tickets of kind *report* in a category the town made public
(`Category.is_public`: problems on the public domain; never complaints, questions or personal
matters); the others are absent from the list and answer 404 on their own. Each request shows its
category, public status, service, dates, place and, for requests filed through Open311 itself,
the reporter's description and media link. Nothing about the person is ever published: no name,
e-mail, phone, account; the descriptions written on the other channels are left out too, because
the people who wrote them were not told that their words would be public.

Updates (mySociety's `servicerequestupdates` extension): the public timeline events of the
published requests, each described by a fixed sentence, never by a message's text.

The rest of the interface: `catalogue` (discovery and the services), `filing` (POST requests),
`arguments` (what every call shares), `formats` (XML and JSON).
"""

import datetime
import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from requests_app.models import OPEN_STATUSES, Channel, Kind, Ticket, TicketEvent

from .arguments import Open311Error, comma_list, date_window, w3c_datetime
from .catalogue import service_notice

MAX_RESULTS = 1000
# A French postal code inside an address: "12 rue Pasteur, 45000 Bourg-sur-Loire".
POSTCODE = re.compile(r"\b(\d{5})\b")

S = Ticket.Status
E = TicketEvent.Kind

# What each internal status means to the public; `status` itself is only open or closed.
STATUS_NOTES = {
    S.RECEIVED: _("Received, not yet examined."),
    S.QUALIFIED: _("Examined and sent to the service in charge."),
    S.IN_PROGRESS: _("The service in charge is working on it."),
    S.AWAITING_CITIZEN: _("The service is waiting for details from the person who reported it."),
    S.RESOLVED: _("Resolved by the service in charge."),
    S.CLOSED: _("Closed."),
    S.REJECTED: _("Rejected: the town hall cannot act on it."),
    S.MERGED: _("Duplicate: merged into another report of the same problem."),
}
# The public timeline events published as updates, each with its fixed description.
UPDATE_DESCRIPTIONS = {
    E.STATUS_CHANGED: _("Status changed."),
    E.ASSIGNED: _("Taken in charge by the service."),
    E.REROUTED: _("Sent to another service."),
    E.PUBLIC_REPLY: _("The service answered the person who reported it."),
    E.INFO_REQUESTED: _("The service asked the person who reported it for details."),
    E.RESOLVED: _("Resolved by the service in charge."),
    E.REJECTED: _("Rejected: the town hall cannot act on it."),
    E.MERGED: _("Duplicate: merged into another report of the same problem."),
    E.REOPENED: _("Reopened."),
    E.CONFIRMED: _("Resolution confirmed."),
    E.CLOSED: _("Closed."),
}


def published_tickets():
    return Ticket.objects.filter(kind=Kind.REPORT, category__is_public=True)


def public_status(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def _coordinate(value) -> float | None:
    return None if value is None else float(value)


def request_row(ticket: Ticket) -> dict:
    """One published request. Never the person: no name, e-mail, phone or account."""
    filed_here = ticket.channel == Channel.API
    postcode = POSTCODE.search(ticket.address)
    return {
        "service_request_id": ticket.reference,
        "status": public_status(ticket.status),
        "status_notes": str(STATUS_NOTES[ticket.status]),
        "service_name": ticket.category.name,
        "service_code": ticket.category.service_code,
        "description": ticket.description if filed_here else None,
        "agency_responsible": ticket.service.name,
        "service_notice": service_notice(ticket.category),
        "requested_datetime": w3c_datetime(ticket.created_at),
        "updated_datetime": w3c_datetime(ticket.updated_at),
        "expected_datetime": w3c_datetime(ticket.due_date) if ticket.is_open else None,
        "address": ticket.address,
        "address_id": None,
        "zipcode": postcode.group(1) if postcode else None,
        "lat": _coordinate(ticket.latitude),
        "long": _coordinate(ticket.longitude),
        "media_url": ticket.media_url if filed_here and ticket.media_url else None,
    }


def _rows(queryset) -> list[dict]:
    tickets = queryset.select_related("category__service", "service").order_by("-created_at", "-pk")[:MAX_RESULTS]
    return [request_row(ticket) for ticket in tickets]


def search_requests(params, *, now: datetime.datetime) -> list[dict]:
    references = comma_list(params, "service_request_id")
    if references:
        # The specification: service_request_id overrides every other argument.
        return _rows(published_tickets().filter(reference__in=references[:MAX_RESULTS]))
    start, end = date_window(params, now=now)
    tickets = published_tickets().filter(created_at__gte=start, created_at__lte=end)
    codes = comma_list(params, "service_code")
    if codes:
        tickets = tickets.filter(category__service_code__in=codes)
    statuses = {status.lower() for status in comma_list(params, "status")}
    unknown = statuses - {"open", "closed"}
    if unknown:
        raise Open311Error(
            400, gettext("status must be open, closed or both (got “%(status)s”).") % {"status": ", ".join(unknown)}
        )
    if statuses == {"open"}:
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    elif statuses == {"closed"}:
        tickets = tickets.exclude(status__in=OPEN_STATUSES)
    return _rows(tickets)


def get_request(reference: str) -> list[dict]:
    rows = _rows(published_tickets().filter(reference=reference))
    if not rows:
        raise Open311Error(404, gettext("service_request_id “%(id)s” was not found.") % {"id": reference})
    return rows


def search_updates(params, *, now: datetime.datetime) -> list[dict]:
    start, end = date_window(params, now=now)
    events = (
        TicketEvent.objects.filter(
            is_public=True,
            kind__in=list(UPDATE_DESCRIPTIONS),
            created_at__gte=start,
            created_at__lte=end,
            ticket__in=published_tickets(),
        )
        .select_related("ticket")
        .order_by("created_at", "pk")[:MAX_RESULTS]
    )
    return [
        {
            "update_id": str(event.pk),
            "service_request_id": event.ticket.reference,
            "status": public_status(event.to_status or event.ticket.status),
            "updated_datetime": w3c_datetime(event.created_at),
            "description": str(UPDATE_DESCRIPTIONS[event.kind]),
            "media_url": None,
        }
        for event in events
    ]
