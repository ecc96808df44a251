"""The public service-quality indicators: the last twelve complete months, per service and for the town.

In the Services Publics+ spirit: a few plain figures, comparable from one service to the next,
published as a page and as open data. They come from the daily facts alone (one read, whatever
the number of requests), with the same definitions as the managers' dashboards:

- requests: requests received in the period (created, under their current service);
- resolved: resolutions in the period (a request resolved, reopened and resolved again counts twice);
- median resolution delay: the upper bound, in days, of the histogram bucket holding the median
  time from receipt to resolution ("half of the requests were resolved within N days");
- within commitment: the share of resolutions on or before the request's due date;
- satisfaction: the mean of the 1-5 answers, and the share of answers of 4 or 5.

Small counts are hidden: a delay or commitment figure needs `PUBLIC_INDICATORS_MIN_ANSWERS`
resolutions, a satisfaction figure as many survey answers. Volumes are counts of requests, not
of people, and are always shown.
"""

import datetime
import hashlib
import math
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from requests_app.models import Service

from .buckets import DURATION_BOUNDS_HOURS, add_histograms, bucket_upper_hours, quantile_bucket
from .models import DailyFact

# The page covers a year of complete months, so that seasons weigh the same every month.
MONTHS = 12
# The town as a whole, in the open data's `service` column.
TOWN = "all"
# A median beyond the last histogram bound is published as "more than this many days".
LAST_BOUND_DAYS = math.ceil(DURATION_BOUNDS_HOURS[-1] / 24)
# The steps a published median can take, in days.
DAY_STEPS = sorted({math.ceil(hours / 24) for hours in DURATION_BOUNDS_HOURS})


@dataclass(frozen=True)
class Period:
    """Calendar months, first day to last day inclusive (Europe/Paris days)."""

    start: datetime.date
    end: datetime.date


def last_complete_months(today: datetime.date | None = None, months: int = MONTHS) -> Period:
    """The `months` complete calendar months before the current one."""
    today = today or timezone.localdate()
    first_of_this_month = today.replace(day=1)
    end = first_of_this_month - datetime.timedelta(days=1)
    start = _add_months(first_of_this_month, -months)
    return Period(start=start, end=end)


def _add_months(first_day: datetime.date, months: int) -> datetime.date:
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_periods(period: Period) -> list[Period]:
    periods = []
    start = period.start
    while start <= period.end:
        following = _add_months(start, 1)
        periods.append(Period(start=start, end=following - datetime.timedelta(days=1)))
        start = following
    return periods


@dataclass
class _Totals:
    """Sums of daily facts, added up row by row."""

    requests: int = 0
    resolved: int = 0
    within_commitment: int = 0
    resolution_histogram: list | None = None
    answers: int = 0
    satisfaction_sum: int = 0
    satisfied: int = 0

    def add(self, row: dict) -> None:
        self.requests += row["created"]
        self.resolved += row["resolved"]
        self.within_commitment += row["resolved_within_sla"]
        self.resolution_histogram = add_histograms(self.resolution_histogram or [], row["resolution_histogram"] or [])
        self.answers += row["satisfaction_count"]
        self.satisfaction_sum += row["satisfaction_sum"]
        self.satisfied += row["satisfied"]


@dataclass(frozen=True)
class Figures:
    """One line of the indicators; a figure from too few resolutions or answers is None and flagged."""

    period: Period
    requests: int
    resolved: int
    median_resolution_days: int | None
    median_resolution_beyond_days: int | None  # set when the median exceeds the last histogram bound
    within_commitment_rate: float | None  # 0..1
    delay_figures_hidden: bool
    answers: int
    satisfaction_mean: float | None  # 1..5
    satisfied_rate: float | None  # 0..1
    satisfaction_figures_hidden: bool

    @property
    def within_commitment_percent(self) -> int | None:
        return None if self.within_commitment_rate is None else round(self.within_commitment_rate * 100)

    @property
    def satisfied_percent(self) -> int | None:
        return None if self.satisfied_rate is None else round(self.satisfied_rate * 100)

    @classmethod
    def from_totals(cls, totals: _Totals, period: Period, min_answers: int) -> "Figures":
        delays_shown = totals.resolved >= min_answers and totals.resolved > 0
        satisfaction_shown = totals.answers >= min_answers and totals.answers > 0
        median_days = beyond_days = None
        if delays_shown:
            median_bucket = quantile_bucket(totals.resolution_histogram or [], 0.5)
            if median_bucket is not None:
                upper_hours = bucket_upper_hours(median_bucket)
                if upper_hours is None:
                    beyond_days = LAST_BOUND_DAYS
                else:
                    median_days = math.ceil(upper_hours / 24)
        return cls(
            period=period,
            requests=totals.requests,
            resolved=totals.resolved,
            median_resolution_days=median_days,
            median_resolution_beyond_days=beyond_days,
            within_commitment_rate=totals.within_commitment / totals.resolved if delays_shown else None,
            delay_figures_hidden=not delays_shown,
            answers=totals.answers,
            satisfaction_mean=totals.satisfaction_sum / totals.answers if satisfaction_shown else None,
            satisfied_rate=totals.satisfied / totals.answers if satisfaction_shown else None,
            satisfaction_figures_hidden=not satisfaction_shown,
        )


@dataclass(frozen=True)
class ServiceFigures:
    slug: str
    name: str
    figures: Figures


@dataclass(frozen=True)
class Indicators:
    period: Period
    updated_on: datetime.date | None  # the latest day the daily facts cover
    min_answers: int
    services: list[ServiceFigures]
    town: Figures
    monthly: list[Figures]


@dataclass(frozen=True)
class Version:
    """What the published figures depend on, read in one cheap query: caches revalidate against it."""

    period: Period
    updated_on: datetime.date | None
    etag: str
    services: tuple[Service, ...]  # every service: a town has a few dozen at most


def current_version(today: datetime.date | None = None) -> Version:
    """The period and a fingerprint of everything the figures depend on, in two small queries."""
    period = last_complete_months(today)
    in_period = Q(day__range=(period.start, period.end))
    summary = DailyFact.objects.aggregate(
        latest=Max("day"),
        rows=Count("pk", filter=in_period),
        created=Sum("created", filter=in_period),
        resolved=Sum("resolved", filter=in_period),
        within=Sum("resolved_within_sla", filter=in_period),
        resolution_seconds=Sum("resolution_seconds", filter=in_period),
        answers=Sum("satisfaction_count", filter=in_period),
        score=Sum("satisfaction_sum", filter=in_period),
        satisfied=Sum("satisfied", filter=in_period),
    )
    # A renamed, opened or closed service changes the page as much as new facts do.
    services = tuple(Service.objects.order_by("pk"))
    fingerprint = "|".join(
        [period.start.isoformat(), str(settings.PUBLIC_INDICATORS_MIN_ANSWERS)]
        + [str(summary[key]) for key in sorted(summary)]
        + [f"{service.pk}:{service.slug}:{service.name}:{service.is_active}" for service in services]
    )
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    return Version(period=period, updated_on=summary["latest"], etag=digest, services=services)


def compute_indicators(version: Version) -> Indicators:
    """The figures for `version.period`: one query, whatever the number of requests."""
    period = version.period
    min_answers = settings.PUBLIC_INDICATORS_MIN_ANSWERS
    months = _month_periods(period)
    by_service: dict[int, _Totals] = {}
    by_month = {month.start: _Totals() for month in months}
    town = _Totals()
    rows = (
        DailyFact.objects.filter(day__range=(period.start, period.end))
        .filter(Q(created__gt=0) | Q(resolved__gt=0) | Q(satisfaction_count__gt=0))
        .values(
            "service_id",
            "day",
            "created",
            "resolved",
            "resolved_within_sla",
            "resolution_histogram",
            "satisfaction_count",
            "satisfaction_sum",
            "satisfied",
        )
    )
    for row in rows.iterator(chunk_size=2000):
        by_service.setdefault(row["service_id"], _Totals()).add(row)
        by_month[row["day"].replace(day=1)].add(row)
        town.add(row)

    # Active services, and any service since closed that still has figures in the period.
    services = sorted(
        (service for service in version.services if service.is_active or service.pk in by_service), key=_sort_key
    )
    return Indicators(
        period=period,
        updated_on=version.updated_on,
        min_answers=min_answers,
        services=[
            ServiceFigures(
                slug=service.slug,
                name=service.name,
                figures=Figures.from_totals(by_service.get(service.pk, _Totals()), period, min_answers),
            )
            for service in services
        ],
        town=Figures.from_totals(town, period, min_answers),
        monthly=[Figures.from_totals(by_month[month.start], month, min_answers) for month in months],
    )


def _sort_key(service: Service) -> str:
    """Alphabetical as a reader expects it, whatever the database's collation: "État civil" before "Voirie"."""
    return unicodedata.normalize("NFKD", service.name).encode("ascii", "ignore").decode().casefold()


# Open data: stable machine names, in this order.
FIELDS = (
    "service",
    "service_name",
    "period_start",
    "period_end",
    "requests",
    "resolved",
    "median_resolution_days",
    "median_resolution_beyond_days",
    "within_commitment_rate",
    "delay_figures_hidden",
    "answers",
    "satisfaction_mean",
    "satisfied_rate",
    "satisfaction_figures_hidden",
)


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def open_data_row(figures: Figures, *, service: str, service_name: str) -> dict:
    return {
        "service": service,
        "service_name": service_name,
        "period_start": figures.period.start.isoformat(),
        "period_end": figures.period.end.isoformat(),
        "requests": figures.requests,
        "resolved": figures.resolved,
        "median_resolution_days": figures.median_resolution_days,
        "median_resolution_beyond_days": figures.median_resolution_beyond_days,
        "within_commitment_rate": _rounded(figures.within_commitment_rate, 4),
        "delay_figures_hidden": figures.delay_figures_hidden,
        "answers": figures.answers,
        "satisfaction_mean": _rounded(figures.satisfaction_mean, 2),
        "satisfied_rate": _rounded(figures.satisfied_rate, 4),
        "satisfaction_figures_hidden": figures.satisfaction_figures_hidden,
    }


def open_data_rows(indicators: Indicators) -> list[dict]:
    """One row per service, then the town as a whole, over the whole period."""
    rows = [open_data_row(item.figures, service=item.slug, service_name=item.name) for item in indicators.services]
    rows.append(open_data_row(indicators.town, service=TOWN, service_name=settings.MUNICIPALITY_NAME))
    return rows


def open_data_document(indicators: Indicators) -> dict:
    return {
        "generated_at": indicators.updated_on.isoformat() if indicators.updated_on else None,
        "period": {"start": indicators.period.start.isoformat(), "end": indicators.period.end.isoformat()},
        "min_answers": indicators.min_answers,
        "services": open_data_rows(indicators),
        "monthly": [
            open_data_row(figures, service=TOWN, service_name=settings.MUNICIPALITY_NAME)
            for figures in indicators.monthly
        ],
    }
