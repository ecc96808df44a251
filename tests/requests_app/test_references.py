"""References are `YYYY-NNNNNN`, sequential per year on the town hall's calendar, never repeated."""

import re
import threading

import pytest
from django.db import IntegrityError, connection

from requests_app import intake
from requests_app.models import ReferenceCounter, Ticket

from .helpers import frozen, paris


def open_ticket(category, **kwargs):
    ticket, _ = intake.open_ticket(
        intake.Filing(
            channel="phone",
            category=category,
            subject="Encombrants rue Victor-Hugo",
            description="Un canapé abandonné sur le trottoir.",
            contact_name="M. Bernard",
            contact_phone="06 12 34 56 78",
            **kwargs,
        )
    )
    return ticket


def test_it_formats_references_as_year_and_six_digits(category):
    with frozen(paris(2026, 3, 2)):
        ticket = open_ticket(category)
    assert re.fullmatch(r"\d{4}-\d{6}", ticket.reference)
    assert ticket.reference == "2026-000001"


def test_it_numbers_tickets_one_after_the_other(category):
    with frozen(paris(2026, 3, 2)):
        references = [open_ticket(category).reference for _ in range(3)]
    assert references == ["2026-000001", "2026-000002", "2026-000003"]
    assert ReferenceCounter.objects.get(year=2026).last == 3


def test_it_starts_again_at_one_on_new_years_day_in_paris(category):
    with frozen(paris(2026, 12, 31, 23, 30)):
        last_of_2026 = open_ticket(category)
    # 00:10 in Paris is still 31 December in UTC: the town hall's calendar decides.
    with frozen(paris(2027, 1, 1, 0, 10)):
        first_of_2027 = open_ticket(category)
        second_of_2027 = open_ticket(category)
    assert last_of_2026.reference == "2026-000001"
    assert first_of_2027.reference == "2027-000001"
    assert second_of_2027.reference == "2027-000002"
    assert dict(ReferenceCounter.objects.values_list("year", "last")) == {2026: 1, 2027: 2}


def test_it_does_not_burn_a_number_when_the_opening_fails(category):
    with frozen(paris(2026, 3, 2)):
        open_ticket(category)
        # No way to reach the person: the database refuses the row after the number was drawn.
        with pytest.raises(IntegrityError):
            intake.open_ticket(intake.Filing(channel="counter", category=category, subject="Anonyme", description="…"))
        second = open_ticket(category)
    # The failed attempt is rolled back with its number: references stay contiguous.
    assert second.reference == "2026-000002"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_never_gives_the_same_reference_twice_under_concurrency(category):
    threads_count, per_thread = 8, 10
    start = threading.Barrier(threads_count)
    errors = []

    def open_many():
        try:
            start.wait(timeout=30)
            for _ in range(per_thread):
                open_ticket(category)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    with frozen(paris(2026, 6, 15)):
        threads = [threading.Thread(target=open_many) for _ in range(threads_count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert errors == []
    references = list(Ticket.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == threads_count * per_thread
    numbers = sorted(int(reference.split("-")[1]) for reference in references)
    assert numbers == list(range(1, threads_count * per_thread + 1))
    assert {reference.split("-")[0] for reference in references} == {"2026"}
    assert ReferenceCounter.objects.get(year=2026).last == threads_count * per_thread
