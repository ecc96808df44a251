"""A code expires, allows a few wrong tries, and new codes are rationed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import phone
from accounts.models import PhoneChallenge
from notifications.models import Notification
from tests.factories import UserFactory

from .texted_codes import last_code_texted

VERIFY = reverse("accounts:phone_verify")
SEND = reverse("accounts:phone_send_code")


@pytest.fixture
def holder(db):
    return UserFactory(email="camille@example.fr", phone="+33612345678")


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_it_refuses_an_expired_code(holder, settings):
    settings.PHONE_CODE_TTL_SECONDS = 600
    sent_at = timezone.now()
    phone.send_code(holder, now=sent_at)
    code = last_code_texted()

    with pytest.raises(phone.PhoneError) as refused:
        phone.check_code(holder, code, now=sent_at + datetime.timedelta(minutes=10))

    assert refused.value.reason == "expired"
    holder.refresh_from_db()
    assert holder.phone_verified_at is None


def test_it_accepts_the_code_before_it_expires(holder):
    sent_at = timezone.now()
    phone.send_code(holder, now=sent_at)

    phone.check_code(holder, last_code_texted(), now=sent_at + datetime.timedelta(minutes=9))

    holder.refresh_from_db()
    assert holder.phone_verified_at is not None


def test_it_says_a_wrong_code_beside_the_field_and_counts_it(client, holder):
    client.force_login(holder)
    client.post(SEND)

    response = client.post(VERIFY, {"code": wrong(last_code_texted())})

    assert response.status_code == 400
    assert "n&#x27;est pas celui que nous avons envoyé. Il vous reste 4 essais." in response.text
    assert 'aria-invalid="true"' in response.text
    assert PhoneChallenge.objects.get().attempts == 1


def test_it_asks_for_six_digits(client, holder):
    client.force_login(holder)
    client.post(SEND)

    response = client.post(VERIFY, {"code": "12ab"})

    assert response.status_code == 400
    assert "Saisissez les 6 chiffres du code." in response.text
    assert PhoneChallenge.objects.get().attempts == 0


def test_it_needs_a_new_code_after_too_many_wrong_ones(client, holder, settings):
    settings.PHONE_CODE_MAX_ATTEMPTS = 5
    client.force_login(holder)
    client.post(SEND)
    code = last_code_texted()
    for _ in range(5):
        client.post(VERIFY, {"code": wrong(code)})

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 400
    assert "Trop de codes erronés. Demandez un nouveau code." in response.text
    holder.refresh_from_db()
    assert holder.phone_verified_at is None


def test_a_new_code_works_after_the_limit(holder, settings):
    settings.PHONE_CODE_RESEND_SECONDS = 60
    start = timezone.now()
    phone.send_code(holder, now=start)
    first = last_code_texted()
    for _ in range(settings.PHONE_CODE_MAX_ATTEMPTS):
        with pytest.raises(phone.PhoneError):
            phone.check_code(holder, wrong(first), now=start)

    phone.send_code(holder, now=start + datetime.timedelta(seconds=61))
    phone.check_code(holder, last_code_texted(), now=start + datetime.timedelta(seconds=62))

    holder.refresh_from_db()
    assert holder.phone_verified_at is not None


def test_it_makes_people_wait_before_a_new_code(client, holder, settings):
    settings.PHONE_CODE_RESEND_SECONDS = 60
    client.force_login(holder)
    client.post(SEND)

    response = client.post(SEND)

    assert response.status_code == 429
    assert "Un code vient d&#x27;être envoyé" in response.text
    assert Notification.objects.filter(template="phone_code").count() == 1


def test_it_caps_the_codes_of_a_day(holder, settings):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    settings.PHONE_CODE_MAX_SENDS_PER_DAY = 3
    start = timezone.now()
    for minute in range(3):
        phone.send_code(holder, now=start + datetime.timedelta(minutes=minute))

    with pytest.raises(phone.PhoneError) as refused:
        phone.send_code(holder, now=start + datetime.timedelta(minutes=10))
    phone.send_code(holder, now=start + datetime.timedelta(days=1, minutes=1))

    assert refused.value.reason == "daily_limit"
    assert Notification.objects.filter(template="phone_code").count() == 4


def test_an_earlier_code_stops_working_when_a_new_one_is_sent(holder, settings, monkeypatch):
    settings.PHONE_CODE_RESEND_SECONDS = 0
    draws = iter([123456, 654321])
    monkeypatch.setattr(phone.secrets, "randbelow", lambda _bound: next(draws))
    start = timezone.now()
    phone.send_code(holder, now=start)
    phone.send_code(holder, now=start + datetime.timedelta(seconds=1))

    with pytest.raises(phone.PhoneError) as refused:
        phone.check_code(holder, "123456", now=start + datetime.timedelta(seconds=2))
    phone.check_code(holder, "654321", now=start + datetime.timedelta(seconds=3))

    assert refused.value.reason == "wrong"
    holder.refresh_from_db()
    assert holder.phone_verified_at is not None


def test_it_caps_the_codes_texted_to_one_number_whatever_the_account(db, settings):
    settings.PHONE_CODE_MAX_SENDS_PER_DAY = 2
    start = timezone.now()
    first = UserFactory(email="un@example.fr", phone="+33612345678")
    second = UserFactory(email="deux@example.fr", phone="+33612345678")
    third = UserFactory(email="trois@example.fr", phone="+33612345678")
    phone.send_code(first, now=start)
    phone.send_code(second, now=start)

    with pytest.raises(phone.PhoneError) as refused:
        phone.send_code(third, now=start)

    assert refused.value.reason == "daily_limit"
    assert Notification.objects.filter(template="phone_code").count() == 2
