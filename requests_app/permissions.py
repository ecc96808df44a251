"""One helper per way of reaching a ticket; each returns 404 for what the person may not see."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role

from .models import Ticket, hash_tracking_token


def tickets_visible_to_staff(user) -> QuerySet:
    """Agents and supervisors see their services' tickets; managers and administrators see all."""
    if not user.is_authenticated or not user.is_active:
        return Ticket.objects.none()
    if user.role in (Role.MANAGER, Role.ADMINISTRATOR):
        return Ticket.objects.all()
    if user.role in (Role.AGENT, Role.SUPERVISOR):
        return Ticket.objects.filter(service__in=user.services.all())
    return Ticket.objects.none()


def get_ticket_for_agent(user, reference: str) -> Ticket:
    ticket = (
        tickets_visible_to_staff(user)
        .select_related("service", "category", "citizen", "assignee", "duplicate_of")
        .filter(reference=reference)
        .first()
    )
    if ticket is None:
        raise Http404("No such request in your services")
    return ticket


def tickets_of_citizen(user) -> QuerySet:
    """A signed-in citizen's own tickets, including those filed before the account existed."""
    if not user.is_authenticated or not user.is_active or user.role != Role.CITIZEN:
        return Ticket.objects.none()
    return Ticket.objects.filter(Q(citizen=user))


def get_ticket_for_citizen(user, reference: str) -> Ticket:
    ticket = (
        tickets_of_citizen(user)
        .select_related("service", "category", "duplicate_of")
        .filter(reference=reference)
        .first()
    )
    if ticket is None:
        raise Http404("No such request in your account")
    return ticket


def get_ticket_by_token(token: str) -> Ticket:
    """The tracking link opens its own ticket and nothing else."""
    if not token or len(token) > 128:
        raise Http404("Unknown tracking link")
    ticket = (
        Ticket.objects.select_related("service", "category", "duplicate_of")
        .filter(tracking_token_hash=hash_tracking_token(token))
        .first()
    )
    if ticket is None:
        raise Http404("Unknown tracking link")
    return ticket
