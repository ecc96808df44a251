"""The period's daily facts, added up by the database in one query and cached."""

from django.db.models import DateField, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from ..buckets import AGE_BUCKETS, DURATION_BUCKETS
from ..models import duration_bucket_column, json_integer, pillar_column
from ..podium import PILLAR_LABELS
from .cache import cached
from .period import Filters, Period, facts_in

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
            facts_in(period, filters)
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


def loaded(period: Period, filters: Filters, facts: PeriodFacts | None) -> PeriodFacts:
    """The facts a figure reads: those the caller loaded already (for the same query), or the cached ones."""
    if facts is None:
        return PeriodFacts.load(period, filters)
    if facts.period != period or facts.filters != filters:
        raise ValueError("The facts given were loaded for another period or other filters.")
    return facts
