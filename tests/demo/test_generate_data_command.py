"""`manage.py generate_data`: its guards, arguments, progress output and `--append`."""

import io

import pytest
from django.core.management import CommandError, call_command

from requests_app.models import ReferenceCounter, Ticket
from satisfaction.models import DailyFact


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


def generate(**options) -> str:
    out = io.StringIO()
    options = {"tickets": 100, "years": 1, "seed": 3, "no_rollups": True, **options}
    call_command("generate_data", stdout=out, **options)
    return out.getvalue()


def test_it_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        generate()
    assert not Ticket.objects.exists()
    generate(force=True)
    assert Ticket.objects.count() == 100


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tickets": 0}, "--tickets must be at least 1"),
        ({"citizens": -1}, "--citizens cannot be negative"),
        ({"years": 0}, "--years must be between 1 and 20"),
        ({"years": 21}, "--years must be between 1 and 20"),
        ({"batch": 10}, "--batch must be at least 100"),
    ],
)
def test_it_rejects_bad_arguments(db, options, message):
    with pytest.raises(CommandError, match=message):
        generate(**options)
    assert not Ticket.objects.exists()


def test_it_requires_the_number_of_tickets(db):
    with pytest.raises(CommandError, match="--tickets"):
        call_command("generate_data", stdout=io.StringIO())


def test_it_shows_progress_and_a_summary(db):
    output = generate(tickets=250, batch=100, citizens=10)
    assert "citizens: 10/10 (100 %)" in output
    assert "requests: 250/250 (100 %)" in output
    assert "/s, elapsed " in output and "ETA" in output
    assert "Generated 10 citizens, 250 requests" in output
    assert "Done in" in output
    assert "Rolled up" not in output
    assert not DailyFact.objects.exists()


def test_it_refuses_a_database_that_already_has_requests_unless_appending(db):
    generate()
    with pytest.raises(CommandError, match=r"already holds 100 requests.*--append"):
        generate()
    counters = dict(ReferenceCounter.objects.values_list("year", "last"))
    generate(append=True, seed=4)
    assert Ticket.objects.count() == 200
    assert Ticket.objects.values("reference").distinct().count() == 200
    # Each year's numbering goes on from where it was, up to the new last number.
    for year, last in ReferenceCounter.objects.values_list("year", "last"):
        numbers = sorted(
            int(ref.split("-")[1])
            for ref in Ticket.objects.filter(reference__startswith=f"{year}-").values_list("reference", flat=True)
        )
        assert numbers == list(range(1, last + 1))
        assert last >= counters.get(year, 0)


def test_it_works_without_citizen_accounts(db):
    generate(citizens=0)
    assert not Ticket.objects.filter(citizen__isnull=False).exists()
    assert Ticket.objects.count() == 100
