"""The daily rollups: what happened each local day, recomputed whole, so a rebuild is idempotent.

`rebuild(start, end)` recomputes every day of a range; each day is replaced in its own
transaction (delete that day's `DailyFact` and `AgentDailyFact` rows, insert the new ones), so
a dashboard never sees half a day. Days run from Europe/Paris midnight to midnight (the
project's TIME_ZONE): a daylight-saving day lasts 23 or 25 hours.

Each day costs a fixed handful of queries over indexed time ranges, whatever the number of
tickets: tickets created in the day, tickets first answered in the day, the day's timeline
events, the surveys sent and answered in the day, and who resolved the answered tickets. The
durations of the day's rows go into the histograms in Python (a day holds a few thousand rows
at most). Every ticket counts under its current service, category, channel and kind.

Backlog at the end of day D: the tickets whose status at the end of D — the `to_status` of their
last timeline event carrying one, dated before the next local midnight (ties broken by id) — is
open. Scanning the whole timeline for every day would make a long rebuild quadratic, so the
open set is carried forward instead: it is computed once for the moment the range starts, then
each day applies its own events in timeline order (the same rows the day's counts read anyway).

The starting open set looks only at the tickets that can be open at that moment: those open
now, plus those with a status event since. Any other ticket is closed now and has not moved
since the moment, so it was closed then too; this rests on the workflow writing the ticket's
status and its event in one transaction, so `Ticket.status` is always the `to_status` of its
last event. For the 15-minute refresh of the last days the candidates are the open tickets and
the few touched since; for a full rebuild from the first ticket, the starting set is empty.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from requests_app.models import OPEN_STATUSES, Ticket, TicketEvent

from . import stats
from .buckets import AGE_BUCKETS, DURATION_BUCKETS, age_bucket, duration_bucket
from .models import AgentDailyFact, DailyFact, Survey
from .podium import BY_CODE

# The events that answer the citizen, one of which sets `first_response_at`.
RESPONDING_KINDS = (
    TicketEvent.Kind.PUBLIC_REPLY,
    TicketEvent.Kind.INFO_REQUESTED,
    TicketEvent.Kind.RESOLVED,
    TicketEvent.Kind.REJECTED,
)
DIMENSIONS = ("service_id", "category_id", "channel", "kind")
# Namespace of the PostgreSQL advisory lock that keeps two rebuilds of the same day apart.
LOCK_NAMESPACE = 0x524F4C4C  # "ROLL"

Progress = Callable[[int, int, datetime.date], None]


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: datetime.date) -> datetime.datetime:
    """Local midnight at the start of `day`, in UTC (so that subtracting two of them gives real hours)."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone()).astimezone(datetime.UTC)


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(zone()).date()


def _ticket_dimensions(prefix: str = "") -> list[str]:
    return [f"{prefix}{name}" for name in DIMENSIONS]


# The open set ----------------------------------------------------------------------------------


class OpenTicket:
    __slots__ = ("created_day", "due_date", "key")

    def __init__(self, key, created_at, due_date):
        self.key = key
        self.created_day = local_date(created_at)
        self.due_date = due_date


def open_tickets_at(moment: datetime.datetime) -> dict[int, OpenTicket]:
    """The tickets open at `moment` (their last status event before it has an open status)."""
    status_then = Subquery(
        TicketEvent.objects.filter(ticket=OuterRef("pk"), created_at__lt=moment)
        .exclude(to_status="")
        .order_by("-created_at", "-pk")
        .values("to_status")[:1]
    )
    candidates = Q(status__in=OPEN_STATUSES) | Q(
        pk__in=TicketEvent.objects.filter(created_at__gte=moment).exclude(to_status="").values("ticket_id")
    )
    rows = (
        Ticket.objects.filter(candidates)
        .annotate(status_then=status_then)
        .filter(status_then__in=OPEN_STATUSES)
        .order_by()
        .values_list("pk", *DIMENSIONS, "created_at", "due_date")
    )
    return {pk: OpenTicket(tuple(key), created_at, due) for pk, *key, created_at, due in rows}


# One day ---------------------------------------------------------------------------------------


def _empty_fact() -> dict:
    return {
        "created": 0,
        "first_responses": 0,
        "first_response_seconds": 0,
        "first_response_histogram": [0] * DURATION_BUCKETS,
        "resolved": 0,
        "resolved_within_sla": 0,
        "resolution_seconds": 0,
        "resolution_histogram": [0] * DURATION_BUCKETS,
        "reopened": 0,
        "rejected": 0,
        "backlog": 0,
        "backlog_overdue": 0,
        "backlog_age_histogram": [0] * AGE_BUCKETS,
        "backlog_overdue_age_histogram": [0] * AGE_BUCKETS,
        "surveys_sent": 0,
        "surveys_answered": 0,
        "satisfaction_sum": 0,
        "satisfaction_count": 0,
        "satisfied": 0,
        "effort_sum": 0,
        "effort_count": 0,
        "trust_sum": 0,
        "trust_count": 0,
        "said_resolved": 0,
        "said_not_resolved": 0,
        "pillar_sums": {},
    }


def _empty_agent_fact() -> dict:
    return {
        "first_responses": 0,
        "first_response_histogram": [0] * DURATION_BUCKETS,
        "replies": 0,
        "resolved": 0,
        "resolved_within_sla": 0,
        "resolution_histogram": [0] * DURATION_BUCKETS,
        "surveys_answered": 0,
        "satisfaction_sum": 0,
        "satisfaction_count": 0,
    }


class Day:
    """One local day being counted: its bounds, and its facts by ticket dimensions and by (agent, service)."""

    def __init__(self, day: datetime.date):
        self.day = day
        self.start, self.end = day_start(day), day_start(day + datetime.timedelta(days=1))
        self.facts: dict[tuple, dict] = defaultdict(_empty_fact)
        self.agents: dict[tuple, dict] = defaultdict(_empty_agent_fact)

    def agent(self, actor_id: int, key: tuple) -> dict:
        """The facts of an agent in the service of the ticket of dimensions `key`."""
        return self.agents[(actor_id, key[0])]


def _compute_day(day: datetime.date, open_set: dict[int, OpenTicket]) -> tuple[dict, dict]:
    """The day's facts by ticket dimensions and by (agent, service); moves `open_set` to the end of the day.

    One pass per source of facts, each a query or two over the day's indexed time range (agents'
    facts are counted with the ticket facts of the same rows). The passes run in this order so
    that the rows come out in the same order on every rebuild.
    """
    counted = Day(day)
    _count_created(counted)
    _count_first_responses(counted)
    _count_timeline(counted, open_set)
    _count_backlog(counted, open_set)
    _count_surveys_sent(counted)
    _count_survey_answers(counted)
    return counted.facts, counted.agents


def _count_created(counted: Day) -> None:
    """Volumes: the tickets created in the day."""
    created = Ticket.objects.filter(created_at__gte=counted.start, created_at__lt=counted.end).order_by()
    for key in created.values_list(*DIMENSIONS):
        counted.facts[tuple(key)]["created"] += 1


def _first_responders(start: datetime.datetime, end: datetime.datetime) -> dict[int, int | None]:
    """Ticket → the actor of its first answering event, for the tickets first answered in [start, end)."""
    responders = {}
    for ticket_id, actor_id in (
        TicketEvent.objects.filter(
            ticket__first_response_at__gte=start,
            ticket__first_response_at__lt=end,
            kind__in=RESPONDING_KINDS,
            created_at__gte=F("ticket__first_response_at"),
        )
        .order_by("-created_at", "-pk")
        .values_list("ticket_id", "actor_id")
    ):
        responders[ticket_id] = actor_id  # newest first: the earliest one stays
    return responders


def _count_first_responses(counted: Day) -> None:
    """First-response delays and their histograms, for the tickets and for the agents who answered."""
    answered = Ticket.objects.filter(first_response_at__gte=counted.start, first_response_at__lt=counted.end)
    first = {
        pk: (tuple(key), at - created_at)
        for pk, *key, created_at, at in answered.order_by().values_list(
            "pk", *DIMENSIONS, "created_at", "first_response_at"
        )
    }
    responders = _first_responders(counted.start, counted.end)
    for ticket_id, (key, duration) in first.items():
        fact = counted.facts[key]
        fact["first_responses"] += 1
        fact["first_response_seconds"] += int(duration.total_seconds())
        fact["first_response_histogram"][duration_bucket(duration)] += 1
        if responders.get(ticket_id):
            agent = counted.agent(responders[ticket_id], key)
            agent["first_responses"] += 1
            agent["first_response_histogram"][duration_bucket(duration)] += 1


def _count_timeline(counted: Day, open_set: dict[int, OpenTicket]) -> None:
    """The day's timeline: resolutions (SLA, delays), reopenings, rejections, replies, and the backlog's moves."""
    events = (
        TicketEvent.objects.filter(created_at__gte=counted.start, created_at__lt=counted.end)
        .order_by("created_at", "pk")
        .values_list(
            "ticket_id",
            "kind",
            "actor_id",
            "created_at",
            "to_status",
            *_ticket_dimensions("ticket__"),
            "ticket__created_at",
            "ticket__due_date",
        )
    )
    for ticket_id, kind, actor_id, at, to_status, *key, created_at, due_date in events:
        key = tuple(key)
        fact = counted.facts[key]
        if kind == TicketEvent.Kind.RESOLVED:
            _count_resolution(counted, key, actor_id, at - created_at, within=local_date(at) <= due_date)
        elif kind == TicketEvent.Kind.REOPENED:
            fact["reopened"] += 1
        elif kind == TicketEvent.Kind.REJECTED:
            fact["rejected"] += 1
        elif kind == TicketEvent.Kind.PUBLIC_REPLY and actor_id:
            counted.agent(actor_id, key)["replies"] += 1
        if to_status in OPEN_STATUSES:
            open_set[ticket_id] = OpenTicket(key, created_at, due_date)
        elif to_status:
            open_set.pop(ticket_id, None)


def _count_resolution(counted: Day, key: tuple, actor_id, duration: datetime.timedelta, *, within: bool) -> None:
    fact = counted.facts[key]
    fact["resolved"] += 1
    fact["resolved_within_sla"] += within
    fact["resolution_seconds"] += int(duration.total_seconds())
    fact["resolution_histogram"][duration_bucket(duration)] += 1
    if actor_id:
        agent = counted.agent(actor_id, key)
        agent["resolved"] += 1
        agent["resolved_within_sla"] += within
        agent["resolution_histogram"][duration_bucket(duration)] += 1


def _count_backlog(counted: Day, open_set: dict[int, OpenTicket]) -> None:
    """The backlog at the end of the day (the open set, already moved there), by age and overdue."""
    for ticket in open_set.values():
        fact = counted.facts[ticket.key]
        age = age_bucket((counted.day - ticket.created_day).days)
        fact["backlog"] += 1
        fact["backlog_age_histogram"][age] += 1
        if ticket.due_date < counted.day:
            fact["backlog_overdue"] += 1
            fact["backlog_overdue_age_histogram"][age] += 1


def _count_surveys_sent(counted: Day) -> None:
    sent = Survey.objects.filter(invited_at__gte=counted.start, invited_at__lt=counted.end).order_by()
    for key in sent.values_list(*_ticket_dimensions("ticket__")):
        counted.facts[tuple(key)]["surveys_sent"] += 1


def _survey_resolvers(start: datetime.datetime, end: datetime.datetime) -> dict[int, int | None]:
    """Ticket → the agent who last resolved it before the citizen answered, for the answers of [start, end)."""
    resolvers = {}
    for ticket_id, actor_id in (
        TicketEvent.objects.filter(
            ticket__survey__answered_at__gte=start,
            ticket__survey__answered_at__lt=end,
            kind=TicketEvent.Kind.RESOLVED,
            created_at__lte=F("ticket__survey__answered_at"),
        )
        .order_by("created_at", "pk")
        .values_list("ticket_id", "actor_id")
    ):
        resolvers[ticket_id] = actor_id  # oldest first: the last one stays
    return resolvers


def _count_survey_answers(counted: Day) -> None:
    """Satisfaction: the surveys answered in the day, for the tickets and for the agent who resolved each."""
    answers = Survey.objects.filter(answered_at__gte=counted.start, answered_at__lt=counted.end).order_by()
    # Survey answers go to the agent who last resolved the ticket before the citizen answered.
    resolvers = _survey_resolvers(counted.start, counted.end)
    for ticket_id, *key, satisfaction, effort, trust, resolved, criteria in answers.values_list(
        "ticket_id", *_ticket_dimensions("ticket__"), "satisfaction", "effort", "trust", "resolved", "criteria"
    ):
        key = tuple(key)
        _add_answer(counted.facts[key], satisfaction, effort, trust, resolved, criteria)
        if resolvers.get(ticket_id):
            agent = counted.agent(resolvers[ticket_id], key)
            agent["surveys_answered"] += 1
            if satisfaction is not None:
                agent["satisfaction_sum"] += satisfaction
                agent["satisfaction_count"] += 1


def _add_answer(fact: dict, satisfaction, effort, trust, resolved, criteria) -> None:
    """One survey answer into a fact: its scores (each optional), its verdict and the barometer's pillars."""
    fact["surveys_answered"] += 1
    if satisfaction is not None:
        fact["satisfaction_sum"] += satisfaction
        fact["satisfaction_count"] += 1
        fact["satisfied"] += satisfaction >= 4
    if effort is not None:
        fact["effort_sum"] += effort
        fact["effort_count"] += 1
    if trust is not None:
        fact["trust_sum"] += trust
        fact["trust_count"] += 1
    if resolved is True:
        fact["said_resolved"] += 1
    elif resolved is False:
        fact["said_not_resolved"] += 1
    for code, value in (criteria or {}).items():
        if code in BY_CODE and isinstance(value, int) and 1 <= value <= 5:
            total = fact["pillar_sums"].setdefault(BY_CODE[code].pillar, [0, 0])
            total[0] += value
            total[1] += 1


def _lock_day(day: datetime.date) -> None:
    # Two rebuilds of the same day (the frequent refresh and the nightly tail) would otherwise
    # both delete, then both insert. SQLite writes one transaction at a time anyway.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, day.toordinal()])


def _write_day(day: datetime.date, facts: dict, agents: dict) -> None:
    with transaction.atomic():
        _lock_day(day)
        DailyFact.objects.filter(day=day).delete()
        AgentDailyFact.objects.filter(day=day).delete()
        DailyFact.objects.bulk_create(
            [DailyFact(day=day, **dict(zip(DIMENSIONS, key, strict=True)), **values) for key, values in facts.items()],
            batch_size=500,
        )
        AgentDailyFact.objects.bulk_create(
            [
                AgentDailyFact(day=day, agent_id=agent_id, service_id=service_id, **values)
                for (agent_id, service_id), values in agents.items()
            ],
            batch_size=500,
        )
        # Figures cached from the old facts must not be served any more: renewed now for this
        # connection's readers, and again once committed, for a reader that came in between.
        stats.facts_changed()
        transaction.on_commit(stats.facts_changed)


# Entry points ----------------------------------------------------------------------------------


def rebuild(start: datetime.date, end: datetime.date, *, progress: Progress | None = None) -> int:
    """Recompute every day from `start` to `end` (inclusive); returns the number of days."""
    if end < start:
        raise ValueError(f"The range ends ({end}) before it starts ({start}).")
    total = (end - start).days + 1
    open_set = open_tickets_at(day_start(start))
    for index in range(total):
        day = start + datetime.timedelta(days=index)
        facts, agents = _compute_day(day, open_set)
        _write_day(day, facts, agents)
        if progress is not None:
            progress(index + 1, total, day)
    return total


def rebuild_day(day: datetime.date) -> None:
    rebuild(day, day)


def refresh_recent(days: int | None = None, *, today: datetime.date | None = None) -> int:
    """Recompute today and the days before it (ROLLUP_REFRESH_DAYS days in all by default)."""
    days = settings.ROLLUP_REFRESH_DAYS if days is None else days
    today = today or timezone.localdate()
    return rebuild(today - datetime.timedelta(days=max(days, 1) - 1), today)


def first_day() -> datetime.date | None:
    """The local day of the first ticket, where a full rebuild starts; None without tickets."""
    first = Ticket.objects.order_by("created_at").values_list("created_at", flat=True).first()
    return local_date(first) if first else None
