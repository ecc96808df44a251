"""A code proving that a number is the person's goes by SMS through the outbox, whatever their preferences."""

import pytest
from django.urls import reverse

from accounts.models import PhoneChallenge
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory

from .texted_codes import code_in_sms_file, last_code_texted

SEND = reverse("accounts:phone_send_code")


@pytest.fixture
def holder(db):
    return UserFactory(email="camille@example.fr", phone="+33612345678", preferred_language="fr")


def test_it_texts_six_digits_that_the_file_backend_writes(
    client, holder, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path / "sms.log"
    client.force_login(holder)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SEND)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:phone_verify")
    row = Notification.objects.get(template="phone_code")
    assert (row.channel, row.recipient_phone, row.status, row.essential) == ("sms", "+33612345678", "sent", True)
    line = settings.SMS_FILE_PATH.read_text(encoding="utf-8")
    assert "\t+33612345678\t" in line
    assert "Ne le communiquez à personne" in line
    code = code_in_sms_file(settings.SMS_FILE_PATH)
    assert len(code) == 6 and code.isdigit()
    # Once sent, the outbox row no longer holds the code.
    assert "code" not in row.context
    assert code not in str(row.context)


def test_it_keeps_only_a_keyed_hash_of_the_code(client, holder):
    client.force_login(holder)

    client.post(SEND)

    challenge = PhoneChallenge.objects.get(user=holder)
    code = last_code_texted()
    assert code not in challenge.code_hash
    assert len(challenge.code_hash) == 64
    assert challenge.phone == "+33612345678"


def test_it_texts_the_code_even_to_someone_who_turned_texts_off(client, holder):
    NotificationPreference.objects.create(
        user=holder, requests_sms=False, reminders_sms=False, news_sms=False, opted_out=True
    )
    client.force_login(holder)

    client.post(SEND)

    assert Notification.objects.filter(template="phone_code", channel="sms").count() == 1
    # Nothing else: no e-mail, no bell for a code.
    assert Notification.objects.count() == 1


def test_it_refuses_a_landline_beside_the_button(client, db):
    person = UserFactory(phone="+33238123456")
    client.force_login(person)

    response = client.post(SEND)

    assert response.status_code == 400
    assert "ne peut pas recevoir de SMS" in response.text
    assert not PhoneChallenge.objects.exists()
    assert not Notification.objects.exists()


def test_it_sends_nothing_for_an_account_without_a_number(client, citizen):
    client.force_login(citizen)

    response = client.post(SEND)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:phone")
    assert not Notification.objects.exists()
