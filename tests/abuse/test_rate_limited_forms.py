"""The public forms are limited per client address and per e-mail address: past a limit, a 429
that says when to try again, with the form and what was typed, and nothing done."""

import re
import time

from .conftest import EMAILS

ADDRESS_A, ADDRESS_B, ADDRESS_C = "203.0.113.10", "203.0.113.20", "198.51.100.7"


def send(client, public_form, email, address):
    return client.post(public_form.url, public_form.data(email), REMOTE_ADDR=address)


def assert_refused_with_the_input_kept(response, email):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 86400
    text = " ".join(response.text.split())
    assert "Trop de tentatives en peu de temps." in text
    assert re.search(r"Merci de réessayer dans \d+ minutes?, à \d\d:\d\d\.", text)
    assert "Ce que vous avez saisi est conservé ci-dessous" in text
    assert f'value="{email}"' in response.text


def test_it_limits_each_client_address(client, public_form, limit):
    limit(public_form.name, address="2/day")
    for email in EMAILS[:2]:
        assert send(client, public_form, email, ADDRESS_A).status_code in (200, 302)
    written = public_form.written()

    response = send(client, public_form, EMAILS[2], ADDRESS_A)

    assert_refused_with_the_input_kept(response, EMAILS[2])
    assert public_form.written() == written
    # Another address is not held back by this one.
    assert send(client, public_form, EMAILS[2], ADDRESS_B).status_code in (200, 302)


def test_it_limits_each_e_mail_address_whatever_the_client_address(client, public_form, limit):
    limit(public_form.name, identity="2/day")
    for address in (ADDRESS_A, ADDRESS_B):
        assert send(client, public_form, EMAILS[0], address).status_code in (200, 302)
    written = public_form.written()

    response = send(client, public_form, EMAILS[0].upper(), ADDRESS_C)

    assert_refused_with_the_input_kept(response, EMAILS[0].upper())
    assert public_form.written() == written
    assert send(client, public_form, EMAILS[1], ADDRESS_C).status_code in (200, 302)


def test_it_counts_again_once_the_window_is_over(client, public_form, limit):
    limit(public_form.name, address="2/second")
    response = None
    for _attempt in range(6):  # the window may turn between two posts: then it takes a few more
        response = send(client, public_form, EMAILS[0], ADDRESS_A)
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "Merci de patienter une minute avant de réessayer." in response.text

    time.sleep(1.05)

    assert send(client, public_form, EMAILS[0], ADDRESS_A).status_code in (200, 302)


def test_it_does_not_limit_without_a_rate(client, public_form, limit):
    limit(public_form.name, address="", identity="")
    for _attempt in range(4):
        assert send(client, public_form, EMAILS[0], ADDRESS_A).status_code in (200, 302)
