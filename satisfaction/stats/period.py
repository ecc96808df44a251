"""What a figure is asked for: a period of local days and filters, and the rows they select."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from requests_app.models import OPEN_STATUSES, Ticket

from ..models import DailyFact


@dataclass(frozen=True)
class Period:
    """Inclusive range of local (Europe/Paris) days."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        return Period(self.start - datetime.timedelta(days=self.days), self.start - datetime.timedelta(days=1))

    @property
    def granularity(self) -> str:
        if self.days <= 31:
            return "day"
        if self.days <= 120:
            return "week"
        return "month"

    @classmethod
    def last(cls, days: int, *, today: datetime.date | None = None) -> "Period":
        if days < 1:
            raise ValueError("A period has at least one day.")
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=days - 1), today)

    def bucket_of(self, day: datetime.date) -> datetime.date:
        """The start of the granularity bucket holding `day`: itself, its Monday, its month's first day."""
        if self.granularity == "day":
            return day
        if self.granularity == "week":
            return day - datetime.timedelta(days=day.weekday())
        return day.replace(day=1)

    def buckets(self) -> list[datetime.date]:
        """Every bucket start of the period, in order (the first may precede `start`)."""
        seen = []
        day = self.start
        while day <= self.end:
            bucket = self.bucket_of(day)
            if not seen or seen[-1] != bucket:
                seen.append(bucket)
            day += datetime.timedelta(days=1)
        return seen


@dataclass(frozen=True)
class Filters:
    services: tuple[int, ...] | None = None  # None = every service; a supervisor's scope passes their ids
    categories: tuple[int, ...] = ()  # empty = all
    channels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


def facts_in(period: Period, filters: Filters, model=DailyFact):
    queryset = model.objects.filter(day__gte=period.start, day__lte=period.end)
    if filters.services is not None:
        queryset = queryset.filter(service_id__in=filters.services)
    if model is DailyFact:
        if filters.categories:
            queryset = queryset.filter(category_id__in=filters.categories)
        if filters.channels:
            queryset = queryset.filter(channel__in=filters.channels)
        if filters.kinds:
            queryset = queryset.filter(kind__in=filters.kinds)
    return queryset.order_by()


def open_tickets(filters: Filters):
    queryset = Ticket.objects.filter(status__in=OPEN_STATUSES)
    if filters.services is not None:
        queryset = queryset.filter(service_id__in=filters.services)
    if filters.categories:
        queryset = queryset.filter(category_id__in=filters.categories)
    if filters.channels:
        queryset = queryset.filter(channel__in=filters.channels)
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    return queryset.order_by()


def local_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[local midnight starting `start`, local midnight after `end`), as aware datetimes."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.datetime.combine(start, datetime.time(), tzinfo=zone).astimezone(datetime.UTC),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tzinfo=zone).astimezone(
            datetime.UTC
        ),
    )
