"""The figures behind the dashboards' charts: one list of plain rows each."""

from django.conf import settings
from django.db.models import Q, Sum

from requests_app.models import Category, Channel

from ..models import Survey
from ..podium import PILLAR_LABELS
from .cache import cached
from .facts import PeriodFacts, loaded
from .measures import age_bucket_labels, channel_label, duration_bucket_labels, ratio
from .period import Filters, Period, facts_in, local_bounds


def volume_by_channel(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """Tickets created per granularity bucket and channel; every bucket of the period for each channel seen."""
    counts = loaded(period, filters, facts).by_bucket("created", channel=True)
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
    sums = loaded(period, filters, facts).by_bucket("resolved", "resolved_within_sla")
    totals = {bucket: sums.get(bucket, [0, 0]) for bucket in period.buckets()}
    return [
        {"period": bucket, "resolved": resolved, "within_sla": within, "rate": ratio(within, resolved)}
        for bucket, (resolved, within) in totals.items()
    ]


def delays(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """How many first responses and resolutions of the period took how long."""
    facts = loaded(period, filters, facts)
    first_response = facts.histogram("first_response_histogram")
    resolution = facts.histogram("resolution_histogram")
    return [
        {"bucket": index, "label": label, "first_response": first_response[index], "resolution": resolution[index]}
        for index, label in enumerate(duration_bucket_labels())
    ]


def satisfaction_trend(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    names = ("surveys_answered", "satisfaction_sum", "satisfaction_count", "effort_sum", "effort_count")
    sums = loaded(period, filters, facts).by_bucket(*names)
    totals = {bucket: sums.get(bucket, [0] * len(names)) for bucket in period.buckets()}
    return [
        {
            "period": bucket,
            "answers": answers,
            "csat": ratio(s_sum, s_count),
            "effort": ratio(e_sum, e_count),
        }
        for bucket, (answers, s_sum, s_count, e_sum, e_count) in totals.items()
    ]


def pillars(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> list[dict]:
    """The barometer's three pillars: mean agreement (1-5) and number of criterion answers."""
    facts = loaded(period, filters, facts)
    rows = []
    for code, label in PILLAR_LABELS.items():
        total, count = facts.total(f"pillar_{code}_sum"), facts.total(f"pillar_{code}_count")
        rows.append({"pillar": code, "label": str(label), "score": ratio(total, count), "answers": count})
    return rows


def top_categories(period: Period, filters: Filters, limit: int = 10, *, version: str | None = None) -> list[dict]:
    """The categories with the most new tickets (then resolutions) in the period; uncategorised tickets aside."""
    key = ("categories", period, filters, limit)
    return cached(key, lambda: _top_categories(period, filters, limit), version=version)


def _top_categories(period: Period, filters: Filters, limit: int) -> list[dict]:
    # Grouped by the category's id alone, then named: grouping by the joined names made the
    # planner sort a year of facts instead of hashing them into a few dozen groups.
    sums = list(
        facts_in(period, filters)
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
            "sla_rate": ratio(row["within"], row["resolved_sum"]),
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
