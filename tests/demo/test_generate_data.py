"""The generated data set: counts, proportions, coherent statuses and timelines, references, rollups."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from accounts.models import Role, User
from requests_app import intake
from requests_app.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    Message,
    ReferenceCounter,
    Ticket,
    TicketEvent,
    hash_tracking_token,
)
from satisfaction import rollups
from satisfaction.models import DailyFact, Survey

S = Ticket.Status
CLOSED_STATUSES = (S.RESOLVED, S.CLOSED, S.REJECTED)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


def generate(**options) -> str:
    out = io.StringIO()
    options = {"tickets": 300, "years": 1, "seed": 7, "no_rollups": True, **options}
    call_command("generate_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def generated(db):
    return generate()


def test_it_generates_the_requested_numbers(generated):
    assert Ticket.objects.count() == 300
    assert User.objects.filter(role=Role.CITIZEN).count() == 60
    assert Category.objects.count() >= 20
    events_per_ticket = TicketEvent.objects.count() / 300
    assert 4 <= events_per_ticket <= 6.5
    assert Message.objects.count() > 300
    # Every service that received requests has agents, and every agent works in the ticket's service.
    assert not Ticket.objects.filter(assignee__isnull=False).exclude(assignee__services=F("service")).exists()


def test_it_draws_channels_and_categories_in_realistic_shares(generated):
    shares = Counter(Ticket.objects.values_list("channel", flat=True))
    assert 0.35 <= shares[Channel.WEB] / 300 <= 0.60
    assert 0.15 <= shares[Channel.EMAIL] / 300 <= 0.35
    assert 0.07 <= shares[Channel.PHONE] / 300 <= 0.25
    assert shares[Channel.SOCIAL] == 0
    assert set(shares) <= {Channel.WEB, Channel.EMAIL, Channel.PHONE, Channel.COUNTER, Channel.POSTAL_MAIL, Channel.API}
    by_category = Counter(Ticket.objects.values_list("category__service_code", flat=True))
    # Weighted: potholes (weight 9) far more often than a marriage question (weight 2).
    assert by_category["nid-de-poule"] > by_category["mariage-pacs"]
    # Offices are closed at weekends: no counter visit on a Sunday.
    for created_at, channel in Ticket.objects.values_list("created_at", "channel"):
        if channel == Channel.COUNTER:
            assert timezone.localtime(created_at).weekday() < 5


def test_it_keeps_statuses_timestamps_and_timelines_coherent(generated):
    tickets = Ticket.objects.all()
    assert not tickets.filter(status__in=OPEN_STATUSES).exclude(resolved_at=None, closed_at=None).exists()
    assert not tickets.filter(status=S.CLOSED, closed_at__lt=F("resolved_at")).exists()
    assert not tickets.filter(first_response_at__lt=F("created_at")).exists()
    assert not tickets.filter(status=S.AWAITING_CITIZEN, awaiting_since=None).exists()
    assert not tickets.filter(status=S.REJECTED, rejection_reason="").exists()
    assert not tickets.filter(status__in=CLOSED_STATUSES, first_response_at=None).exists()
    # The status is the `to_status` of the last timeline event, which starts with the creation.
    last = TicketEvent.objects.filter(ticket=OuterRef("pk")).exclude(to_status="").order_by("-created_at", "-pk")
    first = TicketEvent.objects.filter(ticket=OuterRef("pk")).order_by("created_at", "pk")
    annotated = tickets.annotate(last_status=Subquery(last.values("to_status")[:1]))
    annotated = annotated.annotate(first_kind=Subquery(first.values("kind")[:1]))
    assert annotated.exclude(last_status=F("status")).count() == 0
    assert annotated.exclude(first_kind=TicketEvent.Kind.CREATED).count() == 0
    assert not TicketEvent.objects.filter(created_at__lt=F("ticket__created_at")).exists()
    assert not TicketEvent.objects.filter(created_at__gt=timezone.now()).exists()
    # Old requests are finished; some of this week's are still open.
    month_ago = timezone.now() - datetime.timedelta(days=60)
    old = tickets.filter(created_at__lt=month_ago)
    assert old.filter(status__in=CLOSED_STATUSES).count() / old.count() > 0.9
    assert tickets.filter(status__in=OPEN_STATUSES, created_at__gte=month_ago).exists()
    assert tickets.filter(status=S.CLOSED).count() > tickets.filter(status=S.REJECTED).count() > 0
    # Some are overdue: resolved after their due date, or still open past it.
    late = [
        t for t in tickets.filter(resolved_at__isnull=False) if timezone.localtime(t.resolved_at).date() > t.due_date
    ]
    assert late


def test_it_answers_surveys_for_about_a_third_of_resolved_requests(generated):
    resolved = Ticket.objects.filter(resolved_at__isnull=False).count()
    answered = Survey.objects.filter(answered_at__isnull=False)
    assert 0.15 <= answered.count() / resolved <= 0.45
    assert not answered.filter(satisfaction=None).exists()
    assert not Survey.objects.filter(invited_at__lt=F("ticket__created_at")).exists()
    assert not Survey.objects.filter(ticket__kind="compliment").exists()
    assert not Survey.objects.filter(contact="").exists()


def test_it_numbers_references_per_year_and_intake_continues_after_them(generated):
    references = list(Ticket.objects.order_by("created_at", "pk").values_list("reference", "created_at"))
    assert len({ref for ref, _ in references}) == 300
    by_year = {}
    for reference, created_at in references:
        year, number = reference.split("-")
        assert int(year) == timezone.localtime(created_at).year
        by_year.setdefault(year, []).append(int(number))
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        assert ReferenceCounter.objects.get(year=int(year)).last == len(numbers)
    this_year = timezone.localdate().year
    expected = len(by_year.get(str(this_year), [])) + 1
    ticket, _token = intake.open_ticket(
        intake.Filing(channel=Channel.WEB, subject="Lampadaire", description="En panne.", contact_email="x@example.fr")
    )
    assert ticket.reference == f"{this_year}-{expected:06d}"


def test_it_sets_tracking_hashes_that_find_the_request(generated):
    ticket = Ticket.objects.order_by("?").first()
    assert len(ticket.tracking_salt) == 32
    assert Ticket.objects.get(tracking_token_hash=hash_tracking_token(ticket.tracking_token())) == ticket
    assert Ticket.objects.values("tracking_token_hash").distinct().count() == 300


def test_it_is_reproducible_with_a_seed(db):
    generate(tickets=120)
    first = list(Ticket.objects.order_by("reference").values_list("reference", "category_id", "channel", "status"))
    assert len(first) == 120
    Survey.objects.all().delete()
    # Events are append-only through the ORM; the test database rolls back, so wipe with SQL here.
    with connection.cursor() as cursor:
        for table in ("requests_app_ticketevent", "requests_app_message", "requests_app_ticket"):
            cursor.execute(f"DELETE FROM {table}")
    ReferenceCounter.objects.all().delete()
    generate(tickets=120)
    second = list(Ticket.objects.order_by("reference").values_list("reference", "category_id", "channel", "status"))
    assert second == first


def test_it_builds_rollups_that_match_a_direct_count(db):
    output = generate(tickets=200, no_rollups=False)
    assert "Rolled up" in output
    # A day some weeks back: requests created, some resolved, some still open at its end.
    moments = Ticket.objects.order_by("-created_at").values_list("created_at", flat=True)
    day = timezone.localtime(moments[20]).date()
    start = rollups.day_start(day)
    end = rollups.day_start(day + datetime.timedelta(days=1))
    created = Ticket.objects.filter(created_at__gte=start, created_at__lt=end).count()
    assert created >= 1
    assert DailyFact.objects.filter(day=day).aggregate(n=Sum("created"))["n"] == created
    resolved = TicketEvent.objects.filter(kind="resolved", created_at__gte=start, created_at__lt=end).count()
    assert (DailyFact.objects.filter(day=day).aggregate(n=Sum("resolved"))["n"] or 0) == resolved
    assert DailyFact.objects.filter(Q(backlog__gt=0)).exists()
