"""Administrators (and the roles of STAFF_2FA_ROLES) give a one-time code after their password."""

import re
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import otp
from tests.factories import UserFactory

from .helpers import PASSWORD

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:otp_enrol")
CODES = reverse("accounts:recovery_codes")
ADMIN = reverse("admin:index")


def code_for(key_hex: str) -> str:
    return f"{totp(unhexlify(key_hex)):06d}"


def log_in_with_password(client, user, next_url=ADMIN):
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    return client.get(response["Location"])


@pytest.fixture
def enrolled_administrator(administrator):
    device = TOTPDevice.objects.create(user=administrator, name="Application", confirmed=True)
    codes = otp.regenerate_recovery_codes(administrator)
    return administrator, device, codes


def test_it_walks_an_administrator_through_enrolment_to_the_admin(client, administrator):
    response = log_in_with_password(client, administrator)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<svg role="img" aria-label="QR code' in page.text or 'aria-label="Code QR' in page.text
    key = client.session[otp.PENDING_KEY]
    secret = otp.readable_secret(otp.unsaved_device(administrator, key))
    assert secret in page.text
    assert not TOTPDevice.objects.filter(user=administrator).exists()

    confirmed = client.post(f"{ENROL}?next=%2Fadmin%2F", {"code": code_for(key)})

    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{CODES}?next=%2Fadmin%2F"
    device = TOTPDevice.objects.get(user=administrator)
    assert device.confirmed and device.key == key
    codes_page = client.get(confirmed["Location"])
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page.text)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=administrator).values_list("token", flat=True))
    download = client.get(reverse("accounts:download_recovery_codes"))
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.text for code in codes)
    kept = client.post(reverse("accounts:recovery_codes_kept"), {"next": "/admin/"})
    assert kept["Location"] == "/admin/"
    assert client.get(ADMIN).status_code == 200
    # Shown once: afterwards the page only counts them.
    assert not re.findall(r"<li>([a-z2-7]{8})</li>", client.get(CODES).text)
    assert client.get(reverse("accounts:download_recovery_codes")).status_code == 404


def test_it_refuses_a_wrong_enrolment_code(client, administrator):
    log_in_with_password(client, administrator)
    client.get(ENROL)
    key = client.session[otp.PENDING_KEY]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    response = client.post(ENROL, {"code": wrong})

    assert response.status_code == 400
    assert "Ce code est erroné. Vérifiez" in response.text
    assert not TOTPDevice.objects.filter(user=administrator).exists()


def test_it_logs_in_with_password_then_the_current_code(client, enrolled_administrator):
    administrator, device, _codes = enrolled_administrator
    response = log_in_with_password(client, administrator)
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.get(ADMIN).status_code == 302

    verified = client.post(VERIFY, {"code": code_for(device.key), "next": "/admin/"})

    assert verified.status_code == 302
    assert verified["Location"] == "/admin/"
    assert client.get(ADMIN).status_code == 200


def test_it_refuses_a_wrong_code(client, enrolled_administrator):
    administrator, device, _codes = enrolled_administrator
    log_in_with_password(client, administrator)
    wrong = f"{(int(code_for(device.key)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 400
    assert "Ce code est erroné, ou il a déjà servi" in response.text
    assert client.get(ADMIN).status_code == 302


def test_it_refuses_a_code_used_a_second_time(client, enrolled_administrator):
    administrator, device, _codes = enrolled_administrator
    log_in_with_password(client, administrator)
    code = code_for(device.key)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    log_in_with_password(client, administrator)

    replayed = client.post(VERIFY, {"code": code})

    assert replayed.status_code == 400
    assert client.get(ADMIN).status_code == 302


def test_it_accepts_a_recovery_code_once(client, enrolled_administrator):
    administrator, _device, codes = enrolled_administrator
    log_in_with_password(client, administrator)

    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)

    assert response.status_code == 200
    assert "il vous reste 9 codes" in response.text
    assert client.get(ADMIN).status_code == 200
    client.post(reverse("accounts:logout"))
    log_in_with_password(client, administrator)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_it_makes_new_recovery_codes_that_replace_the_old_ones(client, enrolled_administrator):
    administrator, device, codes = enrolled_administrator
    log_in_with_password(client, administrator)
    client.post(VERIFY, {"code": code_for(device.key)})

    response = client.post(CODES, follow=True)

    new_codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.text)
    assert len(new_codes) == 10
    assert not StaticToken.objects.filter(token__in=codes).exists()


def test_it_lets_an_unverified_administrator_reach_only_the_code_pages_and_logout(client, enrolled_administrator):
    administrator, _device, _codes = enrolled_administrator
    client.force_login(administrator)

    for url in [ADMIN, reverse("requests_app:workbench"), CODES, reverse("accounts:password_change")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY), url
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_asks_no_code_of_an_agent_by_default(client, agent):
    log_in_with_password(client, agent, next_url=reverse("requests_app:workbench"))

    assert client.get(reverse("requests_app:workbench")).status_code == 200
    assert client.get(ENROL).status_code == 404


def test_it_asks_a_code_of_the_roles_listed_in_the_setting(client, agent, settings):
    settings.STAFF_2FA_ROLES = ["administrator", "agent"]
    response = log_in_with_password(client, agent, next_url=reverse("requests_app:workbench"))

    assert response["Location"].startswith(ENROL)


def test_it_asks_a_code_of_anyone_who_may_open_the_admin(client, service):
    staff_agent = UserFactory(email="agent.admin@mairie.example", role="agent", services=[service], is_staff=True)

    response = log_in_with_password(client, staff_agent)

    assert response["Location"].startswith(ENROL)


def test_it_lets_an_administrator_remove_a_lost_application(client, enrolled_administrator, colleague):
    administrator, _device, _codes = enrolled_administrator
    lost = TOTPDevice.objects.create(user=colleague, name="Application", confirmed=True)
    from tests.accounts.helpers import log_in_with_second_factor

    log_in_with_second_factor(client, administrator)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [colleague.pk]},
    )

    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
