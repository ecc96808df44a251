"""Data for the public indicators' tests: requests filed, resolved and rated at chosen local times.

`at(moment)` moves the clock for everything that reads `timezone.now` (the workflow, intake, the
surveys, and the model fields defaulting to it), so timeline events and surveys carry the dates
a real year of activity would give them.
"""

import contextlib
import datetime
import math
import statistics
from unittest import mock
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from satisfaction import surveys
from satisfaction.buckets import bucket_upper_hours, duration_bucket
from satisfaction.models import Survey
from tests.factories import TicketFactory

REAL_NOW = timezone.now


def local(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


@contextlib.contextmanager
def at(moment: datetime.datetime):
    """Run the block as if it were `moment`."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(timezone, "now", lambda: moment))
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.default is REAL_NOW:
                    stack.enter_context(mock.patch.object(field, "_get_default", lambda: moment))
        yield


def file_request(category, when: datetime.datetime, **fields) -> Ticket:
    with at(when):
        return TicketFactory(category=category, **fields)


def resolve(ticket: Ticket, when: datetime.datetime, agent) -> Ticket:
    with at(when):
        if Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RECEIVED:
            workflow.take_ticket(ticket.pk, by=agent)
        return workflow.resolve_ticket(ticket.pk, by=agent, body="C'est réparé.")


def rate(ticket: Ticket, score: int, when: datetime.datetime) -> Survey:
    survey = Survey.objects.get(ticket=ticket)
    with at(when):
        return surveys.record_rating(survey.pk, score)


# Direct computations over tickets, timeline and surveys, to compare the published figures with.


def local_bounds(start: datetime.date, end: datetime.date):
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.datetime.combine(start, datetime.time(), tzinfo=zone),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=zone),
    )


def direct_figures(start: datetime.date, end: datetime.date, *, service=None) -> dict:
    """The figures of one service (or the whole town), counted from the rows themselves."""
    since, until = local_bounds(start, end)
    tickets = Ticket.objects.all() if service is None else Ticket.objects.filter(service=service)
    resolutions = TicketEvent.objects.filter(
        kind=TicketEvent.Kind.RESOLVED, created_at__gte=since, created_at__lt=until, ticket__in=tickets
    ).select_related("ticket")
    durations = sorted(event.created_at - event.ticket.created_at for event in resolutions)
    within = [event for event in resolutions if timezone.localtime(event.created_at).date() <= event.ticket.due_date]
    scores = list(
        Survey.objects.filter(answered_at__gte=since, answered_at__lt=until, ticket__in=tickets).values_list(
            "satisfaction", flat=True
        )
    )
    median_days = None
    if durations:
        median = durations[math.ceil(0.5 * len(durations)) - 1]  # nearest rank
        median_days = math.ceil(bucket_upper_hours(duration_bucket(median)) / 24)
    return {
        "requests": tickets.filter(created_at__gte=since, created_at__lt=until).count(),
        "resolved": len(durations),
        "median_resolution_days": median_days,
        "within_commitment_rate": len(within) / len(durations) if durations else None,
        "answers": len(scores),
        "satisfaction_mean": statistics.mean(scores) if scores else None,
        "satisfied_rate": sum(1 for score in scores if score >= 4) / len(scores) if scores else None,
    }
