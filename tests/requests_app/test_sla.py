"""Commitments in business days: weekends and French public holidays do not count, nor does
the time a request spends waiting for the citizen's answer."""

import datetime

import pytest

from requests_app import intake, workflow
from requests_app.models import Ticket
from requests_app.sla import add_business_days, business_days_between, is_business_day
from tests.factories import CategoryFactory

from .helpers import frozen, paris

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Friday 10 July 2026: Saturday, Sunday and Tuesday 14 July (Fête nationale) are skipped.
        (D(2026, 7, 10), 1, D(2026, 7, 13)),
        (D(2026, 7, 10), 2, D(2026, 7, 15)),
        (D(2026, 7, 10), 3, D(2026, 7, 16)),
        # Ascension, Thursday 14 May 2026; the Friday after it (the "pont") is worked.
        (D(2026, 5, 13), 1, D(2026, 5, 15)),
        (D(2026, 5, 13), 2, D(2026, 5, 18)),
        # Easter Monday, 6 April 2026.
        (D(2026, 4, 3), 1, D(2026, 4, 7)),
        # 1 and 8 May 2026 fall on Fridays.
        (D(2026, 4, 30), 1, D(2026, 5, 4)),
        (D(2026, 5, 7), 1, D(2026, 5, 11)),
        (D(2026, 4, 30), 6, D(2026, 5, 12)),
        # Whit Monday, 25 May 2026.
        (D(2026, 5, 22), 1, D(2026, 5, 26)),
        # A plain weekend.
        (D(2026, 10, 2), 1, D(2026, 10, 5)),
        (D(2026, 10, 3), 1, D(2026, 10, 5)),
        (D(2026, 10, 2), 5, D(2026, 10, 9)),
        # New Year's Day 2027 is a Friday: the next year's holidays are looked up too.
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        # Christmas 2026 is a Friday.
        (D(2026, 12, 24), 1, D(2026, 12, 28)),
        (D(2026, 7, 10), 0, D(2026, 7, 10)),
    ],
)
def test_it_adds_business_days_on_the_french_calendar(start, days, due):
    assert add_business_days(start, days) == due


@pytest.mark.parametrize(
    ("day", "worked"),
    [
        (D(2026, 7, 14), False),  # Fête nationale
        (D(2026, 5, 14), False),  # Ascension
        (D(2026, 5, 15), True),  # the Friday after Ascension
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 4, 5), False),  # Easter Sunday
        (D(2026, 5, 1), False),
        (D(2026, 5, 8), False),
        (D(2026, 11, 11), False),  # Armistice, a Wednesday
        (D(2026, 7, 11), False),  # Saturday
        (D(2026, 7, 12), False),  # Sunday
        (D(2026, 7, 13), True),
        (D(2026, 12, 26), False),  # Saturday; Saint-Étienne is only a holiday in Alsace-Moselle
    ],
)
def test_it_knows_which_days_are_worked(day, worked):
    assert is_business_day(day) is worked


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (D(2026, 7, 10), D(2026, 7, 17), 4),  # Mon 13, Wed 15, Thu 16, Fri 17
        (D(2026, 7, 13), D(2026, 7, 15), 1),  # 14 July does not count
        (D(2026, 7, 10), D(2026, 7, 12), 0),  # a weekend
        (D(2026, 5, 13), D(2026, 5, 15), 1),  # Ascension then its Friday
        (D(2026, 7, 10), D(2026, 7, 10), 0),
        (D(2026, 7, 17), D(2026, 7, 10), 0),  # backwards
    ],
)
def test_it_counts_business_days_between_two_dates(start, end, count):
    assert business_days_between(start, end) == count


def test_it_is_the_inverse_of_adding_business_days():
    start = D(2026, 4, 1)
    for days in range(30):
        assert business_days_between(start, add_business_days(start, days)) == days


def test_it_gives_a_new_request_its_due_date_from_the_category(service):
    category = CategoryFactory(service=service, sla_days=3)
    with frozen(paris(2026, 7, 10, 16, 45)):
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel="web",
                category=category,
                subject="Lampadaire",
                description="Éteint.",
                contact_email="a@example.fr",
            )
        )
    assert ticket.due_date == D(2026, 7, 16)


def test_it_counts_from_the_town_hall_date_not_the_utc_date(service):
    category = CategoryFactory(service=service, sla_days=3)
    # Thursday 9 July 2026 22:30 UTC is already Friday 10 July, 00:30, in Paris.
    with frozen(datetime.datetime(2026, 7, 9, 22, 30, tzinfo=datetime.UTC)):
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel="web",
                category=category,
                subject="Lampadaire",
                description="Éteint.",
                contact_email="a@example.fr",
            )
        )
    assert ticket.due_date == D(2026, 7, 16)


def open_and_ask(category, agent, *, opened_at, asked_at) -> Ticket:
    with frozen(opened_at):
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel="web",
                category=category,
                subject="Trottoir",
                description="Dalle cassée.",
                contact_email="a@ex.fr",
            )
        )
    with frozen(asked_at):
        workflow.take_ticket(ticket.pk, by=agent)
        workflow.request_information(ticket.pk, by=agent, body="Devant quel numéro ?")
    return ticket


def test_it_does_not_count_the_time_spent_waiting_for_the_citizen(service, agent):
    category = CategoryFactory(service=service, sla_days=3)
    ticket = open_and_ask(category, agent, opened_at=paris(2026, 7, 10, 10), asked_at=paris(2026, 7, 13, 9))
    assert Ticket.objects.get(pk=ticket.pk).due_date == D(2026, 7, 16)

    # The answer comes on Friday 17: Wednesday 15, Thursday 16 and Friday 17 were spent
    # waiting (Tuesday 14 is a holiday), so the commitment moves by three business days.
    with frozen(paris(2026, 7, 17, 11)):
        workflow.citizen_reply(ticket.pk, by=None, body="Devant le 12.", via_token=True)

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert ticket.awaiting_since is None
    assert ticket.due_date == D(2026, 7, 21)


def test_it_moves_nothing_when_the_citizen_answers_the_same_day(service, agent):
    category = CategoryFactory(service=service, sla_days=3)
    ticket = open_and_ask(category, agent, opened_at=paris(2026, 7, 10, 10), asked_at=paris(2026, 7, 13, 9))
    with frozen(paris(2026, 7, 13, 18)):
        workflow.citizen_reply(ticket.pk, by=None, body="Devant le 12.", via_token=True)
    ticket.refresh_from_db()
    assert ticket.due_date == D(2026, 7, 16)


def test_it_does_not_count_a_wait_over_a_weekend_and_a_holiday(service, agent):
    category = CategoryFactory(service=service, sla_days=5)
    ticket = open_and_ask(category, agent, opened_at=paris(2026, 5, 11), asked_at=paris(2026, 5, 13, 17))
    assert Ticket.objects.get(pk=ticket.pk).due_date == D(2026, 5, 19)  # Ascension skipped
    # Asked on Wednesday 13, answered on Monday 18: only Friday 15 and Monday 18 were worked.
    with frozen(paris(2026, 5, 18, 8, 30)):
        workflow.citizen_reply(ticket.pk, by=None, body="Devant le 12.", via_token=True)
    ticket.refresh_from_db()
    assert ticket.due_date == D(2026, 5, 21)


def test_it_reads_the_wait_from_awaiting_since(category, citizen, agent):
    with frozen(paris(2026, 3, 2, 9)):
        ticket, _ = intake.open_ticket(
            intake.Filing(channel="web", category=category, citizen=citizen, subject="Banc", description="Cassé.")
        )
        workflow.take_ticket(ticket.pk, by=agent)
    with frozen(paris(2026, 3, 2, 10)):
        workflow.request_information(ticket.pk, by=agent, body="Quel banc ?")
    due = Ticket.objects.get(pk=ticket.pk).due_date
    # The ticket has been waiting since Friday 6 March; written here as the clock would have.
    Ticket.objects.filter(pk=ticket.pk).update(awaiting_since=paris(2026, 3, 6, 15))

    with frozen(paris(2026, 3, 11, 9)):  # Wednesday: Monday 9, Tuesday 10, Wednesday 11
        workflow.citizen_reply(ticket.pk, by=citizen, body="Celui du square.")

    ticket.refresh_from_db()
    assert ticket.due_date == add_business_days(due, 3)
