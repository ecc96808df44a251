"""The tracking link is a bearer secret: long, random, shown once, stored only as a hash."""

import re

import pytest
from django.http import Http404

from notifications.models import Notification
from requests_app import intake, workflow
from requests_app.models import Ticket, TicketEvent, hash_tracking_token
from requests_app.permissions import get_ticket_by_token
from tests.factories import TicketFactory


def row_text(queryset) -> str:
    """Every column of the rows, as the database holds them."""
    return " ".join(str(value) for row in queryset.values() for value in row.values())


def test_it_derives_the_token_from_128_random_bits(category):
    ticket = TicketFactory(category=category)

    assert re.fullmatch(r"[0-9a-f]{32}", ticket.tracking_salt)  # 128 bits from `secrets`
    assert re.fullmatch(r"[0-9a-f]{64}", ticket.token)
    assert ticket.token == ticket.tracking_token()
    assert ticket.tracking_token_hash == hash_tracking_token(ticket.token)


def test_it_gives_every_ticket_its_own_salt_and_token(category):
    tickets = [TicketFactory(category=category) for _ in range(5)]

    assert len({t.tracking_salt for t in tickets}) == 5
    assert len({t.token for t in tickets}) == 5


def test_it_never_stores_the_token_in_clear(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)

    for rows in (
        Ticket.objects.filter(pk=ticket.pk),
        Notification.objects.filter(ticket=ticket),
        TicketEvent.objects.filter(ticket=ticket),
    ):
        assert rows.exists()
        assert ticket.token not in row_text(rows)


def test_it_depends_on_the_secret_key(settings, category):
    ticket = TicketFactory(category=category)

    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert ticket.tracking_token() != ticket.token


def test_it_builds_the_link_from_the_site_url(settings, category):
    ticket = TicketFactory(category=category)

    assert ticket.tracking_url() == f"{settings.SITE_URL}{ticket.tracking_path()}"
    assert ticket.token in ticket.tracking_path()


def test_it_finds_the_ticket_by_its_token(category):
    ticket = TicketFactory(category=category)
    TicketFactory(category=category)

    assert get_ticket_by_token(ticket.token) == ticket


def test_it_opens_its_own_ticket_and_nothing_else(category, citizen, other_citizen):
    mine = TicketFactory(category=category, citizen=citizen)
    theirs = TicketFactory(category=category, citizen=other_citizen)

    assert get_ticket_by_token(mine.token).pk == mine.pk
    assert get_ticket_by_token(theirs.token).pk == theirs.pk
    # Signed in, the citizen has no say on someone else's ticket without its link.
    assert workflow.actor_for(citizen, theirs) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "0" * 64,
        "x" * 129,
        "' OR 1=1 --",
    ],
)
def test_it_refuses_an_unknown_token(token, category):
    TicketFactory(category=category)

    with pytest.raises(Http404):
        get_ticket_by_token(token)


def test_it_refuses_a_token_with_one_character_changed(category):
    ticket = TicketFactory(category=category)
    tampered = ticket.token[:-1] + ("0" if ticket.token[-1] != "0" else "1")

    with pytest.raises(Http404):
        get_ticket_by_token(tampered)


def test_it_refuses_the_stored_hash_used_as_a_token(category):
    ticket = TicketFactory(category=category)

    with pytest.raises(Http404):
        get_ticket_by_token(ticket.tracking_token_hash)


def test_it_returns_the_token_once_at_intake(category):
    ticket, token = intake.open_ticket(
        intake.Filing(
            channel="web",
            category=category,
            subject="Tag",
            description="Sur le mur de l'école.",
            contact_email="a@b.fr",
        )
    )

    assert get_ticket_by_token(token) == ticket
    assert token not in row_text(Ticket.objects.filter(pk=ticket.pk))
