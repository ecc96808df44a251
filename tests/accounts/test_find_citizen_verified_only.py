"""Contact details link to an account only through identifiers its owner has verified."""

from django.utils import timezone

from accounts.lookup import find_citizen, unverified_matches
from tests.factories import UserFactory


def test_it_matches_a_verified_number_however_it_is_written(db):
    holder = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())

    for written in ("06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78"):
        assert find_citizen(phone=written) == holder


def test_it_ignores_an_unverified_number(db):
    claimant = UserFactory(phone="+33612345678")

    assert find_citizen(phone="06 12 34 56 78") is None
    assert unverified_matches(phone="06 12 34 56 78") == [claimant]


def test_it_ignores_an_unverified_e_mail(db):
    claimant = UserFactory(email="sasha@example.fr", email_verified_at=None)

    assert find_citizen(email="Sasha@example.fr") is None
    assert unverified_matches(email="Sasha@example.fr") == [claimant]


def test_it_proposes_nothing_when_a_verified_account_matches(db):
    UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    UserFactory(phone="+33612345678")

    assert unverified_matches(phone="0612345678") == []


def test_it_links_nobody_when_two_accounts_hold_the_verified_number(db):
    first = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    second = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())

    assert find_citizen(phone="0612345678") is None
    assert unverified_matches(phone="0612345678") == [first, second]


def test_it_ignores_junk_and_staff(db, agent):
    agent.phone, agent.phone_verified_at = "+33612345678", timezone.now()
    agent.save()

    assert find_citizen(phone="appelez-moi") is None
    assert find_citizen(phone="0612345678") is None
