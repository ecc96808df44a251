import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.lookup import find_citizen
from accounts.models import Role, User
from appointments.booking import free_slots
from appointments.models import Counter, Slot
from demo.data import DEMO_LOGINS, DEMO_PASSWORD
from notifications.models import Notification
from requests_app.models import Category, Service, Ticket, TicketEvent
from requests_app.sla import is_business_day

S = Ticket.Status


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", tickets=40, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # The demo hashes its password once and each login hashes it again: keep that cheap here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    return seed()


def test_it_builds_the_commune(seeded):
    assert Service.objects.filter(is_triage=True).count() == 1
    assert Service.objects.count() >= 6
    assert Category.objects.count() >= 20
    assert Category.objects.filter(service_code="nid-de-poule", sla_days=5, kind="report").exists()
    assert Category.objects.filter(kind="complaint").exists()
    assert User.objects.filter(role=Role.CITIZEN).count() >= 60
    agent = User.objects.get(email="agent@bourg-sur-loire.example")
    assert set(agent.services.values_list("slug", flat=True)) == {"voirie", "proprete"}
    assert User.objects.get(email="superviseur@bourg-sur-loire.example").services.count() >= 2
    for service in Service.objects.all():
        assert service.agents.filter(role=Role.AGENT).exists(), service


def test_it_opens_counters_with_bookable_slots_on_business_days_ahead(seeded):
    counter = Counter.objects.get(service__slug="etat-civil")
    days = {timezone.localtime(slot.starts_at).date() for slot in Slot.objects.filter(counter=counter)}
    assert len(days) == 20
    assert all(is_business_day(day) and day > timezone.localdate() for day in days)
    assert free_slots(counter)


def test_it_creates_one_demo_login_per_role_and_prints_them(seeded, client):
    assert {role for role, _email in DEMO_LOGINS} == set(Role.values)
    assert DEMO_PASSWORD in seeded
    for role, email in DEMO_LOGINS:
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.email_verified_at is not None
        response = client.post(reverse("accounts:login"), {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert email in seeded
    admin = User.objects.get(role=Role.ADMINISTRATOR)
    assert admin.is_staff and admin.is_superuser


def test_it_files_the_asked_number_of_tickets_over_six_months(seeded):
    assert Ticket.objects.count() == 40
    now = timezone.now()
    oldest = Ticket.objects.order_by("created_at").first().created_at
    assert now - datetime.timedelta(days=190) < oldest < now - datetime.timedelta(days=60)
    statuses = set(Ticket.objects.values_list("status", flat=True))
    assert {S.RECEIVED, S.IN_PROGRESS, S.AWAITING_CITIZEN, S.RESOLVED, S.CLOSED} <= statuses
    assert len(set(Ticket.objects.values_list("channel", flat=True))) >= 3
    assert Ticket.objects.filter(citizen__isnull=True).exists()


def test_it_walks_every_ticket_through_a_dated_timeline(seeded):
    now = timezone.now()
    for ticket in Ticket.objects.prefetch_related("events", "messages"):
        events = list(ticket.events.all())
        assert events[0].kind == TicketEvent.Kind.CREATED
        assert events[0].created_at == ticket.created_at
        moments = [event.created_at for event in events]
        assert moments == sorted(moments) and len(set(moments)) == len(moments), ticket
        assert moments[-1] <= now
        assert ticket.updated_at == moments[-1]
        assert all(message.created_at in moments for message in ticket.messages.all())
        assert ticket.due_date > timezone.localtime(ticket.created_at).date()
        # The status is the one the last transition left.
        last_move = [e for e in events if e.kind != TicketEvent.Kind.DUPLICATE_ATTACHED][-1]
        assert last_move.to_status == ticket.status
        if ticket.status == S.CLOSED:
            assert ticket.resolved_at <= ticket.closed_at <= now
        if ticket.status == S.REJECTED:
            assert ticket.rejection_reason


def test_it_gives_the_demo_citizen_tickets_in_varied_states(seeded):
    citizen = User.objects.get(email="usager@bourg-sur-loire.example")
    statuses = list(citizen.tickets.values_list("status", flat=True))
    assert len(statuses) >= 5
    assert S.AWAITING_CITIZEN in statuses
    assert S.RESOLVED in statuses
    assert S.CLOSED in statuses


def test_it_leaves_no_notification_to_send(seeded):
    assert Notification.objects.exists()
    assert not Notification.objects.exclude(status=Notification.Status.SENT).exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert mail.outbox == []


def test_it_seeds_only_once(seeded):
    def counts():
        return [model.objects.count() for model in (User, Service, Ticket, TicketEvent, Notification)]

    before = counts()
    output = seed()
    assert "already seeded" in output
    assert DEMO_PASSWORD in output
    assert counts() == before


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not Ticket.objects.exists()


def test_it_runs_without_debug_when_forced(db, settings):
    settings.DEBUG = False
    seed(force=True)
    assert Ticket.objects.count() == 40


def test_it_gives_the_demo_citizens_verified_numbers_in_e164(seeded):
    with_phone = User.objects.filter(role=Role.CITIZEN).exclude(phone="")
    demo_citizen = User.objects.get(email="usager@bourg-sur-loire.example")

    assert with_phone.exists()
    assert not with_phone.filter(phone_verified_at__isnull=True).exists()
    assert all(phone.startswith("+33") for phone in with_phone.values_list("phone", flat=True))
    # So a phone request entered for the demo citizen still joins their space.
    assert find_citizen(phone="06 39 98 00 17") == demo_citizen
