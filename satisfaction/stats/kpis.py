"""The key figures of a period (the dashboards' tiles)."""

from dataclasses import dataclass

from .facts import PeriodFacts, loaded
from .measures import quantile_hours, ratio
from .period import Filters, Period


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


def kpis(period: Period, filters: Filters, facts: PeriodFacts | None = None) -> Kpis:
    facts = loaded(period, filters, facts)
    sums = facts.totals()
    first_response = facts.histogram("first_response_histogram")
    resolution = facts.histogram("resolution_histogram")
    first_median, beyond_first = quantile_hours(first_response, 0.5)
    resolution_median, beyond_median = quantile_hours(resolution, 0.5)
    resolution_p90, beyond_p90 = quantile_hours(resolution, 0.9)
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
        sla_rate=ratio(sums["resolved_within_sla"], sums["resolved"]),
        surveys_sent=sums["surveys_sent"],
        surveys_answered=sums["surveys_answered"],
        response_rate=ratio(sums["surveys_answered"], sums["surveys_sent"]),
        csat=ratio(sums["satisfaction_sum"], sums["satisfaction_count"]),
        satisfied_rate=ratio(sums["satisfied"], sums["satisfaction_count"]),
        effort=ratio(sums["effort_sum"], sums["effort_count"]),
        trust=ratio(sums["trust_sum"], sums["trust_count"]),
        reopen_rate=ratio(sums["reopened"], sums["resolved"]),
        satisfaction_count=sums["satisfaction_count"],
    )
