"""Dashboard figures, read from the daily facts: a period and filters in, plain rows out.

Every function reads `DailyFact` / `AgentDailyFact` with one or two aggregate queries, so its
cost grows with the number of days shown, never with the number of tickets. The only other
reads are bounded: the latest survey comments (a LIMIT), and the live workload of agents (one
GROUP BY over the open tickets).

Definitions (the rollups in `rollups.py` follow them):
- a ticket counts under its current service, category, channel and kind;
- the backlog is the one at the end of the period's last day;
- medians and the 90th percentile are the upper bound, in hours, of the histogram bucket that
  holds them (nearest rank). When a quantile falls in the open-ended last bucket, the figure is
  the last bound (2160 h, 90 days) and `beyond_last_bucket` is set: read it as "more than".
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from requests_app.models import OPEN_STATUSES, Channel, Kind, Ticket

from .buckets import (
    AGE_BOUNDS_DAYS,
    AGE_BUCKETS,
    DURATION_BOUNDS_HOURS,
    DURATION_BUCKETS,
    add_histograms,
    quantile_bucket,
)
from .models import AgentDailyFact, DailyFact, Survey
from .podium import PILLAR_LABELS


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


def _sums(queryset, period: Period) -> dict:
    """The period's sums, plus the backlog of its last day, in one query."""
    aggregates = {name: Sum(name) for name in SUM_FIELDS}
    at_end = Q(day=period.end)
    aggregates["backlog"] = Sum("backlog", filter=at_end)
    aggregates["backlog_overdue"] = Sum("backlog_overdue", filter=at_end)
    return {name: value or 0 for name, value in queryset.aggregate(**aggregates).items()}


# Figures ---------------------------------------------------------------------------------------


def kpis(period: Period, filters: Filters) -> Kpis:
    facts = _facts(period, filters)
    sums = _sums(facts, period)
    first_response, resolution = [], []
    for first, resolved in facts.filter(Q(first_responses__gt=0) | Q(resolved__gt=0)).values_list(
        "first_response_histogram", "resolution_histogram"
    ):
        first_response = add_histograms(first_response, first)
        resolution = add_histograms(resolution, resolved)
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


def volume_by_channel(period: Period, filters: Filters) -> list[dict]:
    """Tickets created per granularity bucket and channel; every bucket of the period for each channel seen."""
    rows = (
        _facts(period, filters)
        .filter(created__gt=0)
        .values("day", "channel")
        .annotate(count=Sum("created"))
        .values_list("day", "channel", "count")
    )
    counts: dict[tuple, int] = {}
    for day, channel, count in rows:
        key = (period.bucket_of(day), channel)
        counts[key] = counts.get(key, 0) + count
    channels = [code for code in Channel.values if any(channel == code for _, channel in counts)]
    return [
        {
            "period": bucket,
            "channel": channel,
            "label": channel_label(channel),
            "count": counts.get((bucket, channel), 0),
        }
        for bucket in period.buckets()
        for channel in channels
    ]


def backlog_ageing(period: Period, filters: Filters) -> list[dict]:
    """The open tickets at the end of the period's last day, by age (days since their local creation day)."""
    ages, overdue = [], []
    for age, late in (
        _facts(Period(period.end, period.end), filters)
        .filter(backlog__gt=0)
        .values_list("backlog_age_histogram", "backlog_overdue_age_histogram")
    ):
        ages = add_histograms(ages, age)
        overdue = add_histograms(overdue, late)
    ages = add_histograms([0] * AGE_BUCKETS, ages)
    overdue = add_histograms([0] * AGE_BUCKETS, overdue)
    return [
        {"bucket": index, "label": label, "count": ages[index], "overdue": overdue[index]}
        for index, label in enumerate(age_bucket_labels())
    ]


def sla_trend(period: Period, filters: Filters) -> list[dict]:
    rows = (
        _facts(period, filters)
        .filter(resolved__gt=0)
        .values("day")
        .annotate(resolved_sum=Sum("resolved"), within=Sum("resolved_within_sla"))
        .values_list("day", "resolved_sum", "within")
    )
    totals = {bucket: [0, 0] for bucket in period.buckets()}
    for day, resolved, within in rows:
        total = totals[period.bucket_of(day)]
        total[0] += resolved
        total[1] += within
    return [
        {"period": bucket, "resolved": resolved, "within_sla": within, "rate": _ratio(within, resolved)}
        for bucket, (resolved, within) in totals.items()
    ]


def delays(period: Period, filters: Filters) -> list[dict]:
    """How many first responses and resolutions of the period took how long."""
    first_response, resolution = [0] * DURATION_BUCKETS, [0] * DURATION_BUCKETS
    for first, resolved in (
        _facts(period, filters)
        .filter(Q(first_responses__gt=0) | Q(resolved__gt=0))
        .values_list("first_response_histogram", "resolution_histogram")
    ):
        first_response = add_histograms(first_response, first)
        resolution = add_histograms(resolution, resolved)
    return [
        {"bucket": index, "label": label, "first_response": first_response[index], "resolution": resolution[index]}
        for index, label in enumerate(duration_bucket_labels())
    ]


def satisfaction_trend(period: Period, filters: Filters) -> list[dict]:
    rows = (
        _facts(period, filters)
        .filter(surveys_answered__gt=0)
        .values("day")
        .annotate(
            answers=Sum("surveys_answered"),
            s_sum=Sum("satisfaction_sum"),
            s_count=Sum("satisfaction_count"),
            e_sum=Sum("effort_sum"),
            e_count=Sum("effort_count"),
        )
        .values_list("day", "answers", "s_sum", "s_count", "e_sum", "e_count")
    )
    totals = {bucket: [0, 0, 0, 0, 0] for bucket in period.buckets()}
    for day, *values in rows:
        total = totals[period.bucket_of(day)]
        for index, value in enumerate(values):
            total[index] += value
    return [
        {
            "period": bucket,
            "answers": answers,
            "csat": _ratio(s_sum, s_count),
            "effort": _ratio(e_sum, e_count),
        }
        for bucket, (answers, s_sum, s_count, e_sum, e_count) in totals.items()
    ]


def pillars(period: Period, filters: Filters) -> list[dict]:
    """The barometer's three pillars: mean agreement (1-5) and number of criterion answers."""
    totals = {code: [0, 0] for code in PILLAR_LABELS}
    for sums in _facts(period, filters).filter(surveys_answered__gt=0).values_list("pillar_sums", flat=True):
        for code, (total, count) in (sums or {}).items():
            if code in totals:
                totals[code][0] += total
                totals[code][1] += count
    return [
        {"pillar": code, "label": str(PILLAR_LABELS[code]), "score": _ratio(total, count), "answers": count}
        for code, (total, count) in totals.items()
    ]


def top_categories(period: Period, filters: Filters, limit: int = 10) -> list[dict]:
    """The categories with the most new tickets (then resolutions) in the period; uncategorised tickets aside."""
    rows = (
        _facts(period, filters)
        .filter(category__isnull=False)
        .values("category_id", "category__name", "category__service__name")
        .annotate(created_sum=Sum("created"), resolved_sum=Sum("resolved"), within=Sum("resolved_within_sla"))
        .filter(Q(created_sum__gt=0) | Q(resolved_sum__gt=0))
        .order_by("-created_sum", "-resolved_sum", "category__name", "category_id")[:limit]
    )
    return [
        {
            "category_id": row["category_id"],
            "category": row["category__name"],
            "service": row["category__service__name"],
            "created": row["created_sum"],
            "resolved": row["resolved_sum"],
            "sla_rate": _ratio(row["within"], row["resolved_sum"]),
        }
        for row in rows
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
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
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
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
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
