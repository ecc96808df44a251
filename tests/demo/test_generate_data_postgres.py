"""`generate_data` on PostgreSQL: COPY, ids from the sequences, the background writer, key checks."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, OuterRef, Subquery

from accounts.models import User
from requests_app import intake
from requests_app.models import Channel, Message, Ticket, TicketEvent
from satisfaction.models import Survey

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


def generate(**options) -> str:
    out = io.StringIO()
    options = {"tickets": 300, "years": 1, "seed": 11, "no_rollups": True, **options}
    call_command("generate_data", stdout=out, **options)
    return out.getvalue()


def assert_coherent() -> None:
    last = TicketEvent.objects.filter(ticket=OuterRef("pk")).exclude(to_status="").order_by("-created_at", "-pk")
    assert not Ticket.objects.annotate(last=Subquery(last.values("to_status")[:1])).exclude(last=F("status")).exists()
    assert not TicketEvent.objects.filter(message__isnull=False).exclude(message__ticket=F("ticket")).exists()


def test_it_loads_with_copy_and_checks_the_keys_when_asked(db):
    generate(check_keys=True)
    assert Ticket.objects.count() == 300
    assert TicketEvent.objects.count() > 1200
    assert Survey.objects.filter(answered_at__isnull=False).exists()
    assert_coherent()
    # The constraints were checked on the way in; the deferred foreign keys hold at commit too.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_it_leaves_the_sequences_after_the_generated_ids(db):
    generate()
    user = User.objects.create_user("late@example.fr", "x")
    ticket, _token = intake.open_ticket(
        intake.Filing(channel=Channel.WEB, subject="Banc cassé", description="Square.", citizen=user)
    )
    assert ticket.pk > Ticket.objects.exclude(pk=ticket.pk).order_by("-pk").values_list("pk", flat=True)[0]
    event = TicketEvent.objects.get(ticket=ticket)
    assert event.pk > TicketEvent.objects.exclude(pk=event.pk).order_by("-pk").values_list("pk", flat=True)[0]
    message = Message.objects.create(ticket=ticket, kind=Message.Kind.INTERNAL_NOTE, body="Vu.")
    assert message.pk > 0


@pytest.mark.django_db(transaction=True)
def test_it_writes_in_a_background_thread_outside_a_transaction():
    output = generate(tickets=2500, batch=500)
    assert "requests: 2,500/2,500 (100 %)" in output
    assert Ticket.objects.count() == 2500
    assert Ticket.objects.values("reference").distinct().count() == 2500
    assert_coherent()
    ticket, _token = intake.open_ticket(
        intake.Filing(channel=Channel.WEB, subject="Lampadaire", description="En panne.", contact_email="y@example.fr")
    )
    assert ticket.reference.endswith(f"{Ticket.objects.filter(reference__startswith=ticket.reference[:5]).count():06d}")
