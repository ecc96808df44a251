"""Who sees which held mail.

A held mail that seems to answer a request belongs to that request's service; one that answers
nothing belongs to the triage service, which sorts what has no home yet. Administrators see
every held mail; managers and citizens see none (they do not work requests).
"""

from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from accounts.models import Role
from requests_app.models import Service

from .models import InboundEmail


def may_handle_held_mail(user) -> bool:
    return user.is_authenticated and user.is_active and (user.works_tickets or user.role == Role.ADMINISTRATOR)


def held_visible_to(user) -> QuerySet:
    held = InboundEmail.objects.filter(outcome=InboundEmail.Outcome.HELD)
    if not may_handle_held_mail(user):
        return held.none()
    if user.role == Role.ADMINISTRATOR:
        return held
    my_services = Service.objects.filter(agents=user)
    in_triage = Exists(Service.objects.filter(is_triage=True, agents=user))
    return held.filter(Q(ticket__service__in=my_services) | (Q(ticket__isnull=True) & in_triage))


def get_held_for_agent(user, pk: int) -> InboundEmail:
    inbound = held_visible_to(user).select_related("ticket", "ticket__service").filter(pk=pk).first()
    if inbound is None:
        raise Http404("No such held e-mail in your services")
    return inbound
