"""Small helpers shared by the domain test modules: frozen clocks, tickets in a given status."""

import datetime
import zoneinfo
from contextlib import contextmanager
from unittest import mock

from django.contrib.auth.models import AnonymousUser

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from tests.factories import TicketFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
S = Ticket.Status


def paris(year, month, day, hour=10, minute=0) -> datetime.datetime:
    """An aware datetime on the town hall's wall clock."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


@contextmanager
def frozen(moment: datetime.datetime):
    """Every `timezone.now()` (and so `localdate()`) answers `moment` inside the block."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def person(request, name: str):
    """A persona fixture by name; `anonymous` is a visitor who is not signed in."""
    if name == "anonymous":
        return AnonymousUser()
    if name == "system":
        return None
    return request.getfixturevalue(name)


def ticket_in(status: str, *, category, citizen=None, worker) -> Ticket:
    """A ticket that reached `status` through the workflow, worked by `worker`."""
    traits = {
        S.RECEIVED: {},
        S.IN_PROGRESS: {"in_progress": True},
        S.AWAITING_CITIZEN: {"awaiting": True},
        S.RESOLVED: {"resolved": True},
        S.CLOSED: {"closed": True},
        S.REJECTED: {"rejected": True},
    }
    if status in traits:
        return TicketFactory(category=category, citizen=citizen, agent=worker, **traits[status])
    ticket = TicketFactory(category=category, citizen=citizen, agent=worker)
    if status == S.QUALIFIED:
        workflow.assign_ticket(ticket.pk, by=worker, assignee=worker)
    elif status == S.MERGED:
        survivor = TicketFactory(category=category, agent=worker)
        workflow.merge_tickets(ticket.pk, into_id=survivor.pk, by=worker)
    else:
        raise ValueError(f"no recipe for a ticket in status {status!r}")
    refreshed = Ticket.objects.get(pk=ticket.pk)
    refreshed.token = ticket.token
    assert refreshed.status == status
    return refreshed


def snapshot(ticket: Ticket) -> dict:
    """Everything a refused action must leave untouched."""
    row = Ticket.objects.filter(pk=ticket.pk).values().get()
    return {
        "row": row,
        "events": TicketEvent.objects.filter(ticket=ticket).count(),
        "messages": ticket.messages.count(),
        "notifications": ticket.notifications.count(),
    }


def events_of(ticket: Ticket, kind: str | None = None):
    events = TicketEvent.objects.filter(ticket=ticket)
    return events.filter(kind=kind) if kind else events


def assert_names_current_state(refusal: Exception, ticket: Ticket) -> None:
    """A stale page's action is refused with the ticket's reference and its real status."""
    current = Ticket.objects.get(pk=ticket.pk)
    assert current.reference in str(refusal)
    assert str(current.get_status_display()) in str(refusal)
