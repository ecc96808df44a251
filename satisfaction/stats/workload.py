"""The agents' figures: everyone's workload for supervisors, one's own for an agent."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils import timezone

from requests_app.models import OPEN_STATUSES, Ticket

from ..buckets import add_histograms
from ..models import AgentDailyFact
from .measures import quantile_hours, ratio
from .period import Filters, Period, facts_in, open_tickets


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
        for row in open_tickets(filters)
        .filter(assignee__isnull=False)
        .values("assignee")
        .annotate(open=Count("*"), overdue=Count("due_date", filter=Q(due_date__lt=today)))
    }
    facts = {
        row["agent_id"]: row
        for row in facts_in(period, filters, AgentDailyFact)
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
                "csat": ratio(fact.get("s_sum") or 0, fact.get("s_count") or 0),
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
    first_median, beyond_first = quantile_hours(first_response, 0.5)
    resolution_median, beyond_resolution = quantile_hours(resolution, 0.5)
    today = timezone.localdate()
    live = Ticket.objects.filter(assignee=agent, status__in=OPEN_STATUSES).aggregate(
        open=Count("*"), overdue=Count("due_date", filter=Q(due_date__lt=today))
    )
    return {
        "resolved": sums["resolved"],
        "resolved_within_sla": sums["within"],
        "sla_rate": ratio(sums["within"], sums["resolved"]),
        "first_responses": sums["first_responses"],
        "replies": sums["replies"],
        "first_response_median_hours": first_median,
        "resolution_median_hours": resolution_median,
        "beyond_last_bucket": beyond_first or beyond_resolution,
        "surveys_answered": sums["answers"],
        "satisfaction_count": sums["s_count"],
        "csat": ratio(sums["s_sum"], sums["s_count"]),
        "open": live["open"],
        "overdue": live["overdue"],
    }
