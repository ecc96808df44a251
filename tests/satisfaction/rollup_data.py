"""Tickets whose lives cross midnight and the daylight-saving changes of Europe/Paris, and the
dashboard figures computed plainly from tickets, events and surveys, to check the rollups against.

The story is played through `intake` and `workflow` under a replaced clock (`tests.replayed_clock`,
the one the demo seeding used), so every timestamp — ticket fields, timeline events, due dates — is exactly the
one the workflow would have written at that moment.
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import Role
from requests_app import intake, workflow
from requests_app.models import OPEN_STATUSES, Channel, Kind, Ticket, TicketEvent
from satisfaction import buckets, rollups
from satisfaction.models import Survey
from satisfaction.podium import BY_CODE, PILLAR_LABELS
from satisfaction.stats import Filters, Period
from tests.factories import CategoryFactory, ServiceFactory, UserFactory
from tests.replayed_clock import ReplayedClock

PARIS = ZoneInfo("Europe/Paris")
SPRING_FORWARD = datetime.date(2026, 3, 29)  # 23 hours
FALL_BACK = datetime.date(2026, 10, 25)  # 25 hours
# The ranges the story's rollups are rebuilt for; every period below lies inside them.
RANGES = (
    (datetime.date(2026, 3, 1), datetime.date(2026, 5, 15)),
    (datetime.date(2026, 9, 20), FALL_BACK + datetime.timedelta(days=10)),
)


def paris(month, day, hour, minute=0, *, fold=0, year=2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS, fold=fold)


@dataclass
class Story:
    voirie: object = None
    etat_civil: object = None
    potholes: object = None
    lighting: object = None
    birth: object = None
    agent: object = None
    colleague: object = None
    clerk: object = None
    citizen: object = None
    tickets: dict = field(default_factory=dict)


class Player:
    """Plays workflow steps at given local moments."""

    def __init__(self, clock: ReplayedClock, story: Story):
        self.clock = clock
        self.story = story

    def at(self, moment: datetime.datetime):
        self.clock.moment = moment.astimezone(datetime.UTC)
        return self

    def open(self, name, moment, *, category, channel=Channel.WEB, kind=Kind.REPORT, citizen=None):
        self.at(moment)
        contact = {} if citizen else {"contact_email": f"{name}@example.fr", "contact_name": "Camille Martin"}
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=channel,
                kind=kind,
                category=category,
                subject=f"Demande {name}",
                description="Un lampadaire clignote devant l'école depuis trois jours.",
                citizen=citizen,
                **contact,
            )
        )
        self.story.tickets[name] = ticket
        return ticket.pk

    def survey(self, name, invited, answered=None, **answer):
        # Resolving invited the citizen already (at the resolution's moment); set the story's own dates.
        ticket = Ticket.objects.get(pk=self.story.tickets[name].pk)
        survey, _ = Survey.objects.update_or_create(
            ticket=ticket,
            defaults={
                "contact": ticket.contact_email or "camille@example.fr",
                "via": Survey.Via.EMAIL,
                "invited_at": invited,
                "expires_at": invited + datetime.timedelta(days=30),
                "answered_at": answered,
                "updated_at": answered,
                **answer,
            },
        )
        return survey


def play_story() -> Story:
    story = _cast()
    with ReplayedClock() as clock:
        play = Player(clock, story)
        _play_long_open(play)
        _play_spring_forward(play)
        _play_spring_forward_others(play)
        _play_fall_back(play)
    return story


def _cast() -> Story:
    """The services, categories and people of the story."""
    story = Story()
    story.voirie = ServiceFactory(name="Voirie", slug="voirie")
    story.etat_civil = ServiceFactory(name="État civil", slug="etat-civil")
    story.potholes = CategoryFactory(service=story.voirie, name="Nid-de-poule", service_code="nid", sla_days=2)
    story.lighting = CategoryFactory(service=story.voirie, name="Éclairage", service_code="eclairage", sla_days=5)
    story.birth = CategoryFactory(service=story.etat_civil, name="Acte de naissance", service_code="acte", sla_days=3)
    story.agent = UserFactory(email="agent@mairie.example", role=Role.AGENT, services=[story.voirie])
    story.colleague = UserFactory(email="collegue@mairie.example", role=Role.AGENT, services=[story.voirie])
    story.clerk = UserFactory(email="etat-civil@mairie.example", role=Role.AGENT, services=[story.etat_civil])
    story.citizen = UserFactory(email="camille@example.fr")
    return story


def _play_long_open(play: Player) -> None:
    """Long open: in every backlog, old enough for the last age buckets."""
    story = play.story
    colleague = story.colleague
    old = play.open("old", paris(1, 10, 9), category=story.lighting, channel=Channel.POSTAL_MAIL)
    play.at(paris(1, 12, 10))
    workflow.take_ticket(old, by=colleague)


def _play_spring_forward(play: Player) -> None:
    """Spring forward: 2026-03-29 has 23 hours."""
    story = play.story
    agent, colleague = story.agent, story.colleague
    t1 = play.open("t1", paris(3, 28, 23, 30), category=story.potholes)
    play.at(paris(3, 29, 0, 30))
    workflow.take_ticket(t1, by=agent)
    play.at(paris(3, 29, 1, 45))
    workflow.reply_to_ticket(t1, by=agent, body="Nous passons demain.")
    play.at(paris(3, 30, 9))
    workflow.resolve_ticket(t1, by=agent, body="Rebouché.")
    play.survey(
        "t1",
        paris(3, 30, 9, 5),
        paris(3, 30, 23, 50),
        satisfaction=5,
        effort=4,
        trust=5,
        resolved=True,
        comment="Très rapide, merci.",
        criteria={"clarity": 4, "loyalty": 5, "traceability": 3},
    )

    t2 = play.open("t2", paris(3, 29, 0, 30), category=story.lighting, channel=Channel.PHONE)
    play.at(paris(3, 29, 3, 15))  # just after the jump from 02:00 to 03:00
    workflow.resolve_ticket(t2, by=colleague, body="Ampoule changée.")
    play.at(paris(3, 31, 10))
    workflow.reopen_ticket(t2, by=agent, reason="Elle clignote encore.")
    play.at(paris(4, 10, 23, 59))
    workflow.resolve_ticket(t2, by=agent, body="Lampadaire remplacé.")
    play.survey(
        "t2",
        paris(4, 11, 0, 5),
        paris(4, 12, 0, 10),
        satisfaction=2,
        effort=2,
        trust=3,
        resolved=False,
        comment="Trop long.",
        criteria={"clarity": 2, "suitable_answer": 1, "surprise": 1},
    )


def _play_spring_forward_others(play: Player) -> None:
    """Around the spring change: a rejection, a reroute, a wait for the citizen, a closure, a merge."""
    story = play.story
    agent, colleague, clerk = story.agent, story.colleague, story.clerk
    t3 = play.open("t3", paris(3, 29, 3, 0), category=story.birth, channel=Channel.EMAIL, kind=Kind.INFORMATION)
    play.at(paris(3, 29, 23, 59))
    workflow.reject_ticket(t3, by=clerk, reason="Demande à faire auprès de la commune de naissance.")

    # Rerouted from Voirie to État civil: counts under its current service and category.
    t4 = play.open("t4", paris(3, 27, 12), category=story.potholes, channel=Channel.COUNTER)
    play.at(paris(3, 27, 15))
    workflow.take_ticket(t4, by=agent)
    play.at(paris(3, 29, 11))
    workflow.reroute_ticket(t4, by=agent, category=story.birth, note="Ce n'est pas pour nous.")

    t5 = play.open("t5", paris(3, 28, 1), category=story.potholes, citizen=story.citizen)
    play.at(paris(3, 28, 10))
    workflow.request_information(t5, by=colleague, body="À quel numéro ?")
    play.at(paris(3, 30, 0, 0))  # midnight sharp belongs to the new day
    workflow.citizen_reply(t5, by=story.citizen, body="Au 12.")

    t6 = play.open("t6", paris(3, 31, 8), category=story.potholes, channel=Channel.PHONE)
    play.at(paris(3, 31, 9))
    workflow.take_ticket(t6, by=agent)
    play.at(paris(4, 20, 14))
    workflow.resolve_ticket(t6, by=agent, body="Fait.")
    play.at(paris(4, 21, 9))
    workflow.close_ticket(t6, by=agent)
    play.survey("t6", paris(4, 21, 9, 5))  # invited, never answered

    # Merged duplicate: leaves the backlog without a resolution.
    t7 = play.open("t7", paris(3, 29, 22), category=story.potholes)
    play.at(paris(3, 30, 8))
    workflow.merge_tickets(t7, into_id=t5, by=agent)


def _play_fall_back(play: Player) -> None:
    """Fall back: 2026-10-25 has 25 hours, and 02:30 happens twice."""
    story = play.story
    agent, colleague, clerk = story.agent, story.colleague, story.clerk
    a = play.open("a", paris(10, 24, 23, 30), category=story.potholes, channel=Channel.SOCIAL)
    b = play.open("b", paris(10, 25, 2, 30, fold=0), category=story.lighting)
    c = play.open("c", paris(10, 25, 2, 30, fold=1), category=story.birth, kind=Kind.COMPLAINT)
    d = play.open("d", paris(10, 25, 23, 30), category=story.potholes, channel=Channel.PHONE)
    play.at(paris(10, 25, 2, 45, fold=1))
    workflow.take_ticket(a, by=agent)
    workflow.resolve_ticket(a, by=agent, body="Rebouché.")
    play.survey("a", paris(10, 25, 3), paris(10, 25, 23, 59), satisfaction=4, effort=5, trust=4, comment="Bien.")
    play.at(paris(10, 26, 0, 30))
    workflow.reply_to_ticket(b, by=colleague, body="C'est noté.")
    play.at(paris(10, 26, 1))
    workflow.resolve_ticket(b, by=colleague, body="Réparé.")
    play.at(paris(10, 27, 9))
    workflow.reopen_ticket(b, by=colleague, reason="Réclamation du voisin.")
    play.at(paris(10, 25, 23, 45))
    workflow.reply_to_ticket(c, by=clerk, body="Nous regardons.")
    play.at(paris(10, 26, 0, 15))
    workflow.reply_to_ticket(d, by=agent, body="Nous regardons.")
    play.at(paris(10, 30, 12))
    workflow.resolve_ticket(d, by=agent, body="Fait.")
    play.survey(
        "d",
        paris(10, 30, 12, 5),
        paris(10, 31, 8),
        satisfaction=1,
        effort=1,
        comment="Personne ne m'a rappelé.",
        criteria={"proactivity": 1, "responsibility": 2, "unknown": 5},
    )
    play.survey("b", paris(10, 26, 1, 5), paris(10, 26, 20), satisfaction=3, comment="")


@pytest.fixture
def rollup_story(db):
    story = play_story()
    for start, end in RANGES:
        rollups.rebuild(start, end)
    return story


# Direct computation -------------------------------------------------------------------------


def day_of(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def matches(ticket, filters: Filters) -> bool:
    return (
        (filters.services is None or ticket.service_id in filters.services)
        and (not filters.categories or ticket.category_id in filters.categories)
        and (not filters.channels or ticket.channel in filters.channels)
        and (not filters.kinds or ticket.kind in filters.kinds)
    )


def within(moment, period: Period) -> bool:
    return moment is not None and period.start <= day_of(moment) <= period.end


def tickets(filters):
    return [ticket for ticket in Ticket.objects.all() if matches(ticket, filters)]


def events(filters, kind, period):
    chosen = {ticket.pk: ticket for ticket in tickets(filters)}
    return [
        (event, chosen[event.ticket_id])
        for event in TicketEvent.objects.filter(kind=kind)
        if event.ticket_id in chosen and within(event.created_at, period)
    ]


def surveys(filters):
    return [survey for survey in Survey.objects.select_related("ticket") if matches(survey.ticket, filters)]


def nearest_rank_hours(durations, q):
    """(upper bound of the bucket of the ⌈q·n⌉-th smallest duration, in the open-ended bucket?)"""
    if not durations:
        return None, False
    value = sorted(durations)[math.ceil(q * len(durations)) - 1]
    hours = value.total_seconds() / 3600
    for bound in buckets.DURATION_BOUNDS_HOURS:
        if hours <= bound:
            return bound, False
    return buckets.DURATION_BOUNDS_HOURS[-1], True


def status_at_end_of(ticket, day):
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS)
    moves = [e for e in TicketEvent.objects.filter(ticket=ticket) if e.to_status and e.created_at < midnight]
    if not moves:
        return None
    return max(moves, key=lambda e: (e.created_at, e.pk)).to_status


def backlog(filters, day):
    """[(ticket, age in days, overdue)] open at the end of `day`."""
    rows = []
    for ticket in tickets(filters):
        if status_at_end_of(ticket, day) in OPEN_STATUSES:
            rows.append((ticket, (day - day_of(ticket.created_at)).days, ticket.due_date < day))
    return rows


def ratio(part, whole):
    return part / whole if whole else None


def expected_kpis(period, filters) -> dict:
    created = [t for t in tickets(filters) if within(t.created_at, period)]
    first = [t.first_response_at - t.created_at for t in tickets(filters) if within(t.first_response_at, period)]
    resolved = events(filters, TicketEvent.Kind.RESOLVED, period)
    durations = [event.created_at - ticket.created_at for event, ticket in resolved]
    sla = sum(1 for event, ticket in resolved if day_of(event.created_at) <= ticket.due_date)
    reopened = len(events(filters, TicketEvent.Kind.REOPENED, period))
    open_rows = backlog(filters, period.end)
    sent = [s for s in surveys(filters) if within(s.invited_at, period)]
    answered = [s for s in surveys(filters) if within(s.answered_at, period)]
    scores = [s.satisfaction for s in answered if s.satisfaction is not None]
    efforts = [s.effort for s in answered if s.effort is not None]
    trusts = [s.trust for s in answered if s.trust is not None]
    first_median, beyond_1 = nearest_rank_hours(first, 0.5)
    median, beyond_2 = nearest_rank_hours(durations, 0.5)
    p90, beyond_3 = nearest_rank_hours(durations, 0.9)
    return {
        "created": len(created),
        "resolved": len(resolved),
        "resolved_within_sla": sla,
        "rejected": len(events(filters, TicketEvent.Kind.REJECTED, period)),
        "reopened": reopened,
        "backlog": len(open_rows),
        "backlog_overdue": sum(1 for *_, overdue in open_rows if overdue),
        "first_responses": len(first),
        "first_response_median_hours": first_median,
        "resolution_median_hours": median,
        "resolution_p90_hours": p90,
        "beyond_last_bucket": beyond_1 or beyond_2 or beyond_3,
        "sla_rate": ratio(sla, len(resolved)),
        "surveys_sent": len(sent),
        "surveys_answered": len(answered),
        "response_rate": ratio(len(answered), len(sent)),
        "csat": ratio(sum(scores), len(scores)),
        "satisfied_rate": ratio(sum(1 for s in scores if s >= 4), len(scores)),
        "effort": ratio(sum(efforts), len(efforts)),
        "trust": ratio(sum(trusts), len(trusts)),
        "reopen_rate": ratio(reopened, len(resolved)),
        "satisfaction_count": len(scores),
    }


def bucket_start(period, day):
    if period.granularity == "day":
        return day
    if period.granularity == "week":
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def all_buckets(period):
    days = [period.start + datetime.timedelta(days=n) for n in range(period.days)]
    return sorted({bucket_start(period, day) for day in days})


def expected_volume_by_channel(period, filters):
    counts = Counter(
        (bucket_start(period, day_of(t.created_at)), t.channel)
        for t in tickets(filters)
        if within(t.created_at, period)
    )
    channels = [code for code in Channel.values if any(channel == code for _, channel in counts)]
    return [
        {"period": b, "channel": c, "label": str(Channel(c).label), "count": counts[(b, c)]}
        for b in all_buckets(period)
        for c in channels
    ]


def expected_backlog_ageing(period, filters):
    counts, late = Counter(), Counter()
    for _, age, overdue in backlog(filters, period.end):
        counts[buckets.age_bucket(age)] += 1
        late[buckets.age_bucket(age)] += overdue
    return [(index, counts[index], late[index]) for index in range(buckets.AGE_BUCKETS)]


def expected_sla_trend(period, filters):
    rows = {b: [0, 0] for b in all_buckets(period)}
    for event, ticket in events(filters, TicketEvent.Kind.RESOLVED, period):
        row = rows[bucket_start(period, day_of(event.created_at))]
        row[0] += 1
        row[1] += day_of(event.created_at) <= ticket.due_date
    return [{"period": b, "resolved": r, "within_sla": w, "rate": ratio(w, r)} for b, (r, w) in rows.items()]


def expected_delays(period, filters):
    first = Counter(
        buckets.duration_bucket(t.first_response_at - t.created_at)
        for t in tickets(filters)
        if within(t.first_response_at, period)
    )
    resolution = Counter(
        buckets.duration_bucket(event.created_at - ticket.created_at)
        for event, ticket in events(filters, TicketEvent.Kind.RESOLVED, period)
    )
    return [(index, first[index], resolution[index]) for index in range(buckets.DURATION_BUCKETS)]


def expected_satisfaction_trend(period, filters):
    rows = defaultdict(list)
    for survey in surveys(filters):
        if within(survey.answered_at, period):
            rows[bucket_start(period, day_of(survey.answered_at))].append(survey)
    result = []
    for b in all_buckets(period):
        scores = [s.satisfaction for s in rows[b] if s.satisfaction is not None]
        efforts = [s.effort for s in rows[b] if s.effort is not None]
        result.append(
            {
                "period": b,
                "answers": len(rows[b]),
                "csat": ratio(sum(scores), len(scores)),
                "effort": ratio(sum(efforts), len(efforts)),
            }
        )
    return result


def expected_pillars(period, filters):
    sums = {code: [0, 0] for code in PILLAR_LABELS}
    for survey in surveys(filters):
        if within(survey.answered_at, period):
            for code, value in survey.criteria.items():
                if code in BY_CODE:
                    sums[BY_CODE[code].pillar][0] += value
                    sums[BY_CODE[code].pillar][1] += 1
    return [(code, ratio(total, count), count) for code, (total, count) in sums.items()]


def expected_top_categories(period, filters):
    rows = defaultdict(lambda: [0, 0, 0])
    for ticket in tickets(filters):
        if ticket.category_id and within(ticket.created_at, period):
            rows[ticket.category_id][0] += 1
    for event, ticket in events(filters, TicketEvent.Kind.RESOLVED, period):
        if ticket.category_id:
            rows[ticket.category_id][1] += 1
            rows[ticket.category_id][2] += day_of(event.created_at) <= ticket.due_date
    return {category_id: (c, r, ratio(w, r)) for category_id, (c, r, w) in rows.items() if c or r}


def expected_comments(period, filters, low_only):
    chosen = [
        s
        for s in surveys(filters)
        if within(s.answered_at, period) and s.comment and (not low_only or (s.satisfaction or 5) <= 2)
    ]
    return [s.pk for s in sorted(chosen, key=lambda s: (s.answered_at, s.pk), reverse=True)]


# Periods and filters the comparisons run over.
def periods():
    return [
        Period(SPRING_FORWARD, SPRING_FORWARD),
        Period(datetime.date(2026, 3, 30), datetime.date(2026, 3, 30)),
        Period(datetime.date(2026, 3, 26), datetime.date(2026, 4, 1)),  # a week across the change
        Period(datetime.date(2026, 3, 15), datetime.date(2026, 4, 14)),  # a month
        Period(datetime.date(2026, 3, 1), datetime.date(2026, 5, 15)),  # weekly buckets
        Period(FALL_BACK, FALL_BACK),
        Period(datetime.date(2026, 10, 26), datetime.date(2026, 10, 26)),
        Period(datetime.date(2026, 10, 22), datetime.date(2026, 10, 28)),
        Period(datetime.date(2026, 10, 5), datetime.date(2026, 11, 4)),
    ]


def filter_sets(story):
    return [
        Filters(),
        Filters(services=(story.voirie.pk,)),
        Filters(services=(story.etat_civil.pk,)),
        Filters(services=()),
        Filters(categories=(story.potholes.pk,)),
        Filters(channels=(Channel.PHONE,)),
        Filters(kinds=(Kind.REPORT,)),
        Filters(services=(story.voirie.pk,), categories=(story.lighting.pk,), channels=(Channel.PHONE, Channel.WEB)),
        Filters(services=(story.voirie.pk, story.etat_civil.pk), kinds=(Kind.COMPLAINT, Kind.INFORMATION)),
    ]


def cases(story):
    return [(period, filters) for period in periods() for filters in filter_sets(story)]
