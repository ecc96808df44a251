"""Repeated wrong passwords lock an account from that address for a while, with a clear page."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import log_in_with_second_factor

from .helpers import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    """Counters live in the cache when Redis is configured: each test starts from none."""
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3


def fail(client, email, times, address="203.0.113.7"):
    for _ in range(times):
        response = client.post(LOGIN, {"username": email, "password": "not the password"}, REMOTE_ADDR=address)
    return response


def log_in(client, email, address="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": PASSWORD}, REMOTE_ADDR=address)


def test_it_counts_wrong_passwords_before_locking(client, citizen):
    response = fail(client, citizen.email, 2)

    assert response.status_code == 400
    assert log_in(client, citizen.email).status_code == 302


def test_it_locks_the_account_from_that_address_with_a_french_page(client, citizen):
    response = fail(client, citizen.email, 3)

    assert response.status_code == 429
    assert "Trop de connexions échouées" in response.text
    assert "Vous pourrez réessayer dans 15 minutes" in response.text
    assert response["Retry-After"] == "900"
    # Even the right password is refused during the cool-off.
    refused = log_in(client, citizen.email)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_counts_the_address_in_any_letter_case(client, citizen):
    fail(client, citizen.email.upper(), 3)

    assert log_in(client, citizen.email).status_code == 429


def test_it_does_not_lock_the_account_from_another_address(client, citizen):
    fail(client, citizen.email, 3, address="203.0.113.7")

    assert log_in(client, citizen.email, address="198.51.100.20").status_code == 302


def test_it_locks_staff_logins_too(client, agent):
    fail(client, agent.email, 3)

    assert log_in(client, agent.email).status_code == 429


def test_it_lets_the_account_in_after_the_cool_off(client, citizen, settings):
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    fail(client, citizen.email, 3)
    # The stored attempts are aged past the cool-off, as if the time had passed.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert log_in(client, citizen.email).status_code == 302


def test_it_lets_an_administrator_unlock_an_account(client, citizen, administrator):
    fail(client, citizen.email, 3)
    admin_client = type(client)()
    log_in_with_second_factor(admin_client, administrator)

    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [citizen.pk]},
        follow=True,
    )

    assert "1 compte peut de nouveau se connecter." in response.text
    assert log_in(client, citizen.email).status_code == 302


def test_it_unlocks_an_account_from_the_command_line(client, citizen):
    fail(client, citizen.email, 3)

    call_command("axes_reset_username", citizen.email)

    assert log_in(client, citizen.email).status_code == 302


def test_it_unlocks_an_account_tried_from_several_addresses_with_counters_in_the_cache(client, citizen, settings):
    settings.AXES_HANDLER = "accounts.lockout.CacheHandler"
    fail(client, citizen.email, 3, address="203.0.113.7")
    fail(client, citizen.email, 3, address="198.51.100.20")
    assert log_in(client, citizen.email, address="203.0.113.7").status_code == 429

    call_command("axes_reset_username", citizen.email.upper())

    assert log_in(client, citizen.email, address="203.0.113.7").status_code == 302
    assert log_in(client, citizen.email, address="198.51.100.20").status_code == 302
