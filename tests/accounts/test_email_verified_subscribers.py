"""Accounts know nothing of requests: what follows a verified address is registered with them."""

import pytest

from accounts import verification

from .helpers import unverified_citizen


@pytest.fixture
def subscribers(monkeypatch):
    """The registry as the apps filled it, restored after the test."""
    registered = dict(verification._on_verified)
    monkeypatch.setattr(verification, "_on_verified", registered)
    return registered


def test_it_lets_the_ticket_core_attach_earlier_requests(subscribers):
    assert subscribers["requests_app.attach_tickets"].__module__ == "requests_app.intake"


def test_it_counts_what_every_subscriber_attached(db, subscribers):
    user = unverified_citizen()
    seen = []
    verification.on_email_verified("first", lambda verified: seen.append(("first", verified.pk)) or 2)
    verification.on_email_verified("second", lambda verified: seen.append(("second", verified.pk)) or 3)

    attached = verification.confirm_email(user)

    assert attached == 2 + 3 + 0  # the ticket core finds nothing filed with this address
    assert ("first", user.pk) in seen
    assert ("second", user.pk) in seen
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_it_replaces_a_subscriber_registered_again_under_its_name(db, subscribers):
    verification.on_email_verified("twice", lambda verified: 1)
    verification.on_email_verified("twice", lambda verified: 1)

    assert verification.confirm_email(unverified_citizen()) == 1
