"""Dashboard figures, read from the daily facts: a period and filters in, plain rows out.

The period's facts are added up by the database in one query (`PeriodFacts`), per granularity
bucket and channel, histograms included, so the cost grows with the number of days shown, never
with the number of tickets; the result is cached until the rollups rewrite facts. The only
other reads are bounded: the top categories (one GROUP BY, cached too), the latest survey
comments (a LIMIT), and the live workload of agents (one GROUP BY over the open tickets).

Definitions (the rollups in `rollups.py` follow them):
- a ticket counts under its current service, category, channel and kind;
- the backlog is the one at the end of the period's last day;
- medians and the 90th percentile are the upper bound, in hours, of the histogram bucket that
  holds them (nearest rank). When a quantile falls in the open-ended last bucket, the figure is
  the last bound (2160 h, 90 days) and `beyond_last_bucket` is set: read it as "more than".
"""

import contextlib
import datetime
import hashlib
import logging
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, DateField, F, Max, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.models import Role
from requests_app.models import OPEN_STATUSES, Category, Channel, Kind, Ticket

from .buckets import (
    AGE_BOUNDS_DAYS,
    AGE_BUCKETS,
    DURATION_BOUNDS_HOURS,
    DURATION_BUCKETS,
    add_histograms,
    quantile_bucket,
)
from .models import AgentDailyFact, DailyFact, Survey, duration_bucket_column, json_integer, pillar_column
from .podium import PILLAR_LABELS

logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class Kpis:
    created: int
    resolved: int
    resolved_within_sla: int
    rejected: int
    reopened: int
    backlog: int  # at the end of the period
    backlog_overdue: int
    first_responses: int
    first_response_median_hours: int | None  # bucket upper bounds; None when no data
    resolution_median_hours: int | None
    resolution_p90_hours: int | None
    beyond_last_bucket: bool  # a quantile fell in the open-ended bucket
    sla_rate: float | None  # resolved_within_sla / resolved, 0..1
    surveys_sent: int
    surveys_answered: int
    response_rate: float | None  # answered / sent
    csat: float | None  # mean satisfaction 1..5
    satisfied_rate: float | None  # share of 4 and 5
    effort: float | None
    trust: float | None
    reopen_rate: float | None  # reopened / resolved
    satisfaction_count: int


# Labels ----------------------------------------------------------------------------------------


def duration_bucket_labels() -> list[str]:
    """'≤ 1 h' … '≤ 90 days', '> 90 days', in the active language."""
    labels = []
    for hours in DURATION_BOUNDS_HOURS:
        if hours < 24:
            labels.append(gettext("≤ %(hours)d h") % {"hours": hours})
        else:
            days = hours // 24
            labels.append(ngettext("≤ %(days)d day", "≤ %(days)d days", days) % {"days": days})
    last = DURATION_BOUNDS_HOURS[-1] // 24
    labels.append(ngettext("> %(days)d day", "> %(days)d days", last) % {"days": last})
    return labels


def age_bucket_labels() -> list[str]:
    """'0 to 2 days', '3 to 7 days' … '> 60 days', in the active language."""
    labels = []
    low = 0
    for high in AGE_BOUNDS_DAYS:
        labels.append(gettext("%(low)d to %(high)d days") % {"low": low, "high": high})
        low = high + 1
    labels.append(gettext("> %(days)d days") % {"days": AGE_BOUNDS_DAYS[-1]})
    return labels


def channel_label(code: str) -> str:
    return str(Channel(code).label) if code in Channel.values else code


def kind_label(code: str) -> str:
    return str(Kind(code).label) if code in Kind.values else code


# Helpers ---------------------------------------------------------------------------------------


def _ratio(part, whole) -> float | None:
    return part / whole if whole else None


def _quantile_hours(histogram: list[int], q: float) -> tuple[int | None, bool]:
    """(upper bound in hours or None when empty, whether it fell in the open-ended bucket)."""
    index = quantile_bucket(histogram, q)
    if index is None:
        return None, False
    if index >= len(DURATION_BOUNDS_HOURS):
        return DURATION_BOUNDS_HOURS[-1], True
    return DURATION_BOUNDS_HOURS[index], False


def _facts(period: Period, filters: Filters, model=DailyFact):
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


def _open_tickets(filters: Filters):
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


SUM_FIELDS = (
    "created",
    "first_responses",
    "resolved",
    "resolved_within_sla",
    "reopened",
    "rejected",
    "surveys_sent",
    "surveys_answered",
    "satisfaction_sum",
    "satisfaction_count",
    "satisfied",
    "effort_sum",
    "effort_count",
    "trust_sum",
    "trust_count",
)


BUCKET_OF = {
    "day": F("day"),
    "week": TruncWeek("day", output_field=DateField()),
    "month": TruncMonth("day", output_field=DateField()),
}


# Histogram → (size, the facts that have anything in it).
HISTOGRAMS = {
    "first_response_histogram": (DURATION_BUCKETS, Q(first_responses__gt=0)),
    "resolution_histogram": (DURATION_BUCKETS, Q(resolved__gt=0)),
}
END_OF_DAY_HISTOGRAMS = {
    "backlog_age_histogram": AGE_BUCKETS,
    "backlog_overdue_age_histogram": AGE_BUCKETS,
}


class PeriodFacts:
    """The period's daily facts added up per granularity bucket and channel, in one query.

    The database adds the histograms bucket by bucket and the pillar sums from the integer
    columns it keeps beside the JSON, so no fact row reaches Python: the cost is one scan of the
    period's facts. The backlog and its ages are those of the period's last day (read from the
    JSON: only that day's facts are concerned).

    `load` keeps the result in the cache under the facts' version, so a dashboard is computed
    once per rollup refresh, however many people open it.
    """

    def __init__(self, period: Period, filters: Filters):
        self.period = period
        self.filters = filters
        at_end = Q(day=period.end)
        # Aliased: an annotation named like a field would shadow it in the FILTER clauses.
        aggregates = {f"sum_{name}": Sum(name) for name in SUM_FIELDS}
        aggregates["sum_backlog"] = Sum("backlog", filter=at_end)
        aggregates["sum_backlog_overdue"] = Sum("backlog_overdue", filter=at_end)
        for field, (size, has_any) in HISTOGRAMS.items():
            for index in range(size):
                aggregates[f"{field}_{index}"] = Sum(duration_bucket_column(field, index), filter=has_any)
        for field, size in END_OF_DAY_HISTOGRAMS.items():
            for index in range(size):
                aggregates[f"{field}_{index}"] = Sum(json_integer(field, index), filter=at_end)
        for code in PILLAR_LABELS:
            aggregates[f"pillar_{code}_sum"] = Sum(pillar_column(code, "sum"))
            aggregates[f"pillar_{code}_count"] = Sum(pillar_column(code, "count"))
        rows = (
            _facts(period, filters)
            .annotate(bucket=BUCKET_OF[period.granularity])
            .values("bucket", "channel")
            .annotate(**aggregates)
            .order_by()
        )
        self.rows = [
            {
                name.removeprefix("sum_"): value if name in ("bucket", "channel") else value or 0
                for name, value in row.items()
            }
            for row in rows
        ]

    @classmethod
    def load(cls, period: Period, filters: Filters, *, version: str | None = None) -> "PeriodFacts":
        return cached(("facts", period, filters), lambda: cls(period, filters), version=version)

    def total(self, name: str) -> int:
        return sum(row[name] for row in self.rows)

    def totals(self) -> dict:
        return {name: self.total(name) for name in (*SUM_FIELDS, "backlog", "backlog_overdue")}

    def histogram(self, field: str) -> list[int]:
        size = HISTOGRAMS[field][0] if field in HISTOGRAMS else END_OF_DAY_HISTOGRAMS[field]
        return [self.total(f"{field}_{index}") for index in range(size)]

    def by_bucket(self, *names: str, channel: bool = False) -> dict:
        """Sums of `names` per granularity bucket (or bucket and channel), where any is non-zero."""
        totals: dict = {}
        for row in self.rows:
            values = [row[name] for name in names]
            if not any(values):
                continue
            key = (row["bucket"], row["channel"]) if channel else row["bucket"]
            total = totals.setdefault(key, [0] * len(names))
            for index, value in enumerate(values):
                total[index] += value
        return totals


# The facts' version: a token the rollups renew whenever they rewrite a day (shared by every
# process through the cache) and the newest fact's id (a rebuild in a process with its own local
# cache still inserts new rows). Cached figures are keyed by it, so they never outlive the facts.
# Without a reachable cache the figures are computed every time, as with the cache turned off.
FACTS_VERSION_KEY = "satisfaction:facts-version"


def facts_changed() -> None:
    """The rollups rewrote facts: every cached figure is now stale."""
    try:
        cache.set(FACTS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.warning("Could not renew the dashboards' facts version in the cache", exc_info=True)


def facts_version() -> str:
    try:
        token = cache.get(FACTS_VERSION_KEY)
        if token is None:
            cache.add(FACTS_VERSION_KEY, uuid.uuid4().hex, timeout=None)
            token = cache.get(FACTS_VERSION_KEY)
    except Exception:
        logger.warning("The cache is unreachable: dashboard figures are computed without it", exc_info=True)
        token = None
    latest = DailyFact.objects.aggregate(latest=Max("pk"))["latest"]
    # No token, no caching: a figure cached without one could outlive facts rewritten meanwhile.
    return f"{token}:{latest}" if token else ""


def _normalised(key: tuple) -> tuple:
    """The same filters in any order make the same key."""
    return tuple(
        Filters(*(tuple(sorted(values)) if values is not None else None for values in vars(part).values()))
        if isinstance(part, Filters)
        else part
        for part in key
    )


def warm(days=(7, 30, 90, 365)) -> int:
    """Compute the usual dashboards into the cache: the town's and each supervisor's services,
    over the periods offered by default, with their previous periods. Returns how many."""
    scopes = {None}
    supervisors = get_user_model().objects.filter(role=Role.SUPERVISOR, is_active=True).prefetch_related("services")
    for supervisor in supervisors:
        scopes.add(tuple(sorted(service.pk for service in supervisor.services.all())))
    version = facts_version()
    for services in scopes:
        filters = Filters(services=services)
        for length in days:
            period = Period.last(length)
            PeriodFacts.load(period, filters, version=version)
            PeriodFacts.load(period.previous(), filters, version=version)
            top_categories(period, filters, version=version)
    return len(scopes) * len(days)


def cached(key: tuple, compute, *, version: str | None = None):
    """`compute()` under `key` for this version of the facts (settings.DASHBOARD_CACHE_SECONDS; 0 = off)."""
    timeout = settings.DASHBOARD_CACHE_SECONDS
    if not timeout:
        return compute()
    version = facts_version() if version is None else version
    if not version:
        return compute()
    digest = hashlib.sha256(repr((version, _normalised(key))).encode()).hexdigest()
    cache_key = f"satisfaction:figures:{digest}"
    try:
        value = cache.get(cache_key)
    except Exception:
        logger.warning("The cache is unreachable: dashboard figures are computed without it", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(Exception):
            cache.set(cache_key, value, timeout=timeout)
    return value


def _loaded(period: Period, filters: Filters, facts: PeriodFacts | None) -> PeriodFacts:
    if facts is None:
        return PeriodFacts.load(period, filters)
    if facts.period != period or facts.filters != filters:
        raise ValueError("The facts given were loaded for another period or other filters.")
    return facts


# Figures ---------------------------------------------------------------------------------------


def kpis(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> Kpis:
    facts = _loaded(period, filters, facts)
    sums = facts.totals()
    first_response = facts.histogram("first_response_histogram")
    resolution = facts.histogram("resolution_histogram")
    first_median, beyond_first = _quantile_hours(first_response, 0.5)
    resolution_median, beyond_median = _quantile_hours(resolution, 0.5)
    resolution_p90, beyond_p90 = _quantile_hours(resolution, 0.9)
    return Kpis(
        created=sums["created"],
        resolved=sums["resolved"],
        resolved_within_sla=sums["resolved_within_sla"],
        rejected=sums["rejected"],
        reopened=sums["reopened"],
        backlog=sums["backlog"],
        backlog_overdue=sums["backlog_overdue"],
        first_responses=sums["first_responses"],
        first_response_median_hours=first_median,
        resolution_median_hours=resolution_median,
        resolution_p90_hours=resolution_p90,
        beyond_last_bucket=beyond_first or beyond_median or beyond_p90,
        sla_rate=_ratio(sums["resolved_within_sla"], sums["resolved"]),
        surveys_sent=sums["surveys_sent"],
        surveys_answered=sums["surveys_answered"],
        response_rate=_ratio(sums["surveys_answered"], sums["surveys_sent"]),
        csat=_ratio(sums["satisfaction_sum"], sums["satisfaction_count"]),
        satisfied_rate=_ratio(sums["satisfied"], sums["satisfaction_count"]),
        effort=_ratio(sums["effort_sum"], sums["effort_count"]),
        trust=_ratio(sums["trust_sum"], sums["trust_count"]),
        reopen_rate=_ratio(sums["reopened"], sums["resolved"]),
        satisfaction_count=sums["satisfaction_count"],
    )


def volume_by_channel(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """Tickets created per granularity bucket and channel; every bucket of the period for each channel seen."""
    counts = _loaded(period, filters, facts).by_bucket("created", channel=True)
    channels = [code for code in Channel.values if any(channel == code for _, channel in counts)]
    return [
        {
            "period": bucket,
            "channel": channel,
            "label": channel_label(channel),
            "count": counts.get((bucket, channel), [0])[0],
        }
        for bucket in period.buckets()
        for channel in channels
    ]


def backlog_ageing(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """The open tickets at the end of the period's last day, by age (days since their local creation day)."""
    if facts is None:
        facts = PeriodFacts.load(Period(period.end, period.end), filters)
    elif facts.period.end != period.end or facts.filters != filters:
        raise ValueError("The facts given were loaded for another period or other filters.")
    ages = facts.histogram("backlog_age_histogram")
    overdue = facts.histogram("backlog_overdue_age_histogram")
    return [
        {"bucket": index, "label": label, "count": ages[index], "overdue": overdue[index]}
        for index, label in enumerate(age_bucket_labels())
    ]


def sla_trend(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    sums = _loaded(period, filters, facts).by_bucket("resolved", "resolved_within_sla")
    totals = {bucket: sums.get(bucket, [0, 0]) for bucket in period.buckets()}
    return [
        {"period": bucket, "resolved": resolved, "within_sla": within, "rate": _ratio(within, resolved)}
        for bucket, (resolved, within) in totals.items()
    ]


def delays(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """How many first responses and resolutions of the period took how long."""
    facts = _loaded(period, filters, facts)
    first_response = facts.histogram("first_response_histogram")
    resolution = facts.histogram("resolution_histogram")
    return [
        {"bucket": index, "label": label, "first_response": first_response[index], "resolution": resolution[index]}
        for index, label in enumerate(duration_bucket_labels())
    ]


def satisfaction_trend(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    names = ("surveys_answered", "satisfaction_sum", "satisfaction_count", "effort_sum", "effort_count")
    sums = _loaded(period, filters, facts).by_bucket(*names)
    totals = {bucket: sums.get(bucket, [0] * len(names)) for bucket in period.buckets()}
    return [
        {
            "period": bucket,
            "answers": answers,
            "csat": _ratio(s_sum, s_count),
            "effort": _ratio(e_sum, e_count),
        }
        for bucket, (answers, s_sum, s_count, e_sum, e_count) in totals.items()
    ]


def pillars(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """The barometer's three pillars: mean agreement (1-5) and number of criterion answers."""
    facts = _loaded(period, filters, facts)
    rows = []
    for code, label in PILLAR_LABELS.items():
        total, count = facts.total(f"pillar_{code}_sum"), facts.total(f"pillar_{code}_count")
        rows.append({"pillar": code, "label": str(label), "score": _ratio(total, count), "answers": count})
    return rows


def top_categories(period: Period, filters: Filters, limit: int = 10, *, version: str | None = None) -> list[dict]:
    """The categories with the most new tickets (then resolutions) in the period; uncategorised tickets aside."""
    key = ("categories", period, filters, limit)
    return cached(key, lambda: _top_categories(period, filters, limit), version=version)


def _top_categories(period: Period, filters: Filters, limit: int) -> list[dict]:
    # Grouped by the category's id alone, then named: grouping by the joined names made the
    # planner sort a year of facts instead of hashing them into a few dozen groups.
    sums = list(
        _facts(period, filters)
        .filter(category__isnull=False)
        .values("category_id")
        .annotate(created_sum=Sum("created"), resolved_sum=Sum("resolved"), within=Sum("resolved_within_sla"))
        .filter(Q(created_sum__gt=0) | Q(resolved_sum__gt=0))
        .order_by()
    )
    categories = Category.objects.select_related("service").in_bulk([row["category_id"] for row in sums])
    sums.sort(
        key=lambda row: (
            -row["created_sum"],
            -row["resolved_sum"],
            categories[row["category_id"]].name,
            row["category_id"],
        )
    )
    return [
        {
            "category_id": row["category_id"],
            "category": categories[row["category_id"]].name,
            "service": categories[row["category_id"]].service.name,
            "created": row["created_sum"],
            "resolved": row["resolved_sum"],
            "sla_rate": _ratio(row["within"], row["resolved_sum"]),
        }
        for row in sums[:limit]
    ]


def latest_comments(period: Period, filters: Filters, *, low_only: bool = False, limit: int = 20) -> list[Survey]:
    """Answered surveys with a comment, first answered in the period, newest first."""
    start, end = local_bounds(period.start, period.end)
    queryset = Survey.objects.filter(answered_at__gte=start, answered_at__lt=end).exclude(comment="")
    if filters.services is not None:
        queryset = queryset.filter(ticket__service_id__in=filters.services)
    if filters.categories:
        queryset = queryset.filter(ticket__category_id__in=filters.categories)
    if filters.channels:
        queryset = queryset.filter(ticket__channel__in=filters.channels)
    if filters.kinds:
        queryset = queryset.filter(ticket__kind__in=filters.kinds)
    if low_only:
        queryset = queryset.filter(satisfaction__lte=settings.SURVEY_LOW_SCORE)
    queryset = queryset.select_related("ticket", "ticket__service", "ticket__category")
    return list(queryset.order_by("-answered_at", "-pk")[:limit])


def _agent_sums(queryset) -> dict:
    return {
        name: value or 0
        for name, value in queryset.aggregate(
            resolved=Sum("resolved"),
            within=Sum("resolved_within_sla"),
            first_responses=Sum("first_responses"),
            replies=Sum("replies"),
            answers=Sum("surveys_answered"),
            s_sum=Sum("satisfaction_sum"),
            s_count=Sum("satisfaction_count"),
        ).items()
    }


def workload_by_agent(filters: Filters, period: Period) -> list[dict]:
    """Per agent: live open and overdue tickets assigned to them, and the period's figures in the filter's services.

    The live counts follow every filter; the period's figures (kept per agent and service) follow the services.
    """
    today = timezone.localdate()
    live = {
        row["assignee"]: row
        for row in _open_tickets(filters)
        .filter(assignee__isnull=False)
        .values("assignee")
        .annotate(open=Count("*"), overdue=Count("due_date", filter=Q(due_date__lt=today)))
    }
    facts = {
        row["agent_id"]: row
        for row in _facts(period, filters, AgentDailyFact)
        .values("agent_id")
        .annotate(
            resolved_sum=Sum("resolved"),
            first=Sum("first_responses"),
            s_sum=Sum("satisfaction_sum"),
            s_count=Sum("satisfaction_count"),
        )
    }
    agents = get_user_model().objects.filter(pk__in=set(live) | set(facts))
    rows = []
    for agent in agents:
        open_row = live.get(agent.pk, {})
        fact = facts.get(agent.pk, {})
        rows.append(
            {
                "agent_id": agent.pk,
                "agent": str(agent),
                "open": open_row.get("open", 0),
                "overdue": open_row.get("overdue", 0),
                "resolved": fact.get("resolved_sum") or 0,
                "first_responses": fact.get("first") or 0,
                "csat": _ratio(fact.get("s_sum") or 0, fact.get("s_count") or 0),
            }
        )
    rows.sort(key=lambda row: (-row["open"], row["agent"].casefold(), row["agent_id"]))
    return rows


def agent_figures(agent, period: Period) -> dict:
    """One agent's own figures over the period, with their live open and overdue tickets."""
    facts = AgentDailyFact.objects.filter(agent=agent, day__gte=period.start, day__lte=period.end).order_by()
    sums = _agent_sums(facts)
    first_response, resolution = [], []
    for first, resolved in facts.filter(Q(first_responses__gt=0) | Q(resolved__gt=0)).values_list(
        "first_response_histogram", "resolution_histogram"
    ):
        first_response = add_histograms(first_response, first)
        resolution = add_histograms(resolution, resolved)
    first_median, beyond_first = _quantile_hours(first_response, 0.5)
    resolution_median, beyond_resolution = _quantile_hours(resolution, 0.5)
    today = timezone.localdate()
    live = Ticket.objects.filter(assignee=agent, status__in=OPEN_STATUSES).aggregate(
        open=Count("*"), overdue=Count("due_date", filter=Q(due_date__lt=today))
    )
    return {
        "resolved": sums["resolved"],
        "resolved_within_sla": sums["within"],
        "sla_rate": _ratio(sums["within"], sums["resolved"]),
        "first_responses": sums["first_responses"],
        "replies": sums["replies"],
        "first_response_median_hours": first_median,
        "resolution_median_hours": resolution_median,
        "beyond_last_bucket": beyond_first or beyond_resolution,
        "surveys_answered": sums["answers"],
        "satisfaction_count": sums["s_count"],
        "csat": _ratio(sums["s_sum"], sums["s_count"]),
        "open": live["open"],
        "overdue": live["overdue"],
    }
