"""The public forms refuse robots without a puzzle: a honeypot and a signed, time-stamped token.

Each failing check answers 400 with a message saying what to do, the form with what was typed
and a fresh token, and writes nothing.
"""

import time

import pytest
from django.core import signing

from citizen_crm import antibot

from .conftest import EMAILS, token_in

ANY_PROBLEM = {
    "missing": "Ce formulaire n\u2019a pas pu être vérifié (la page est peut-être trop ancienne).",
    "tampered": "Ce formulaire n\u2019a pas pu être vérifié (la page est peut-être trop ancienne).",
    "expired": "Ce formulaire est resté ouvert trop longtemps.",
    "too fast": "Ce formulaire a été envoyé très vite après son affichage.",
    "honeypot": "Un champ qui doit rester vide a été rempli.",
}


def bad_form(public_form, problem: str, settings) -> dict:
    data = public_form.data(EMAILS[0])
    a_while_ago = time.time() - 30
    if problem == "tampered":
        token = antibot.issue_token(public_form.salt, now=a_while_ago)
        data["form_token"] = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif problem == "expired":
        data["form_token"] = antibot.issue_token(
            public_form.salt, now=time.time() - settings.ANTIBOT_MAX_AGE_SECONDS - 60
        )
    elif problem == "too fast":
        settings.ANTIBOT_MIN_FILL_SECONDS = 2
        data["form_token"] = antibot.issue_token(public_form.salt)
    elif problem == "honeypot":
        data["form_token"] = antibot.issue_token(public_form.salt, now=a_while_ago)
        data["website"] = "http://promo.example"
    return data


@pytest.mark.parametrize("problem", list(ANY_PROBLEM))
def test_it_refuses_the_form_keeps_what_was_typed_and_writes_nothing(client, public_form, bot_checks, problem):
    written = public_form.written()

    response = client.post(public_form.url, bad_form(public_form, problem, bot_checks))

    assert response.status_code == 400
    assert ANY_PROBLEM[problem] in response.text
    assert f'value="{EMAILS[0]}"' in response.text
    assert public_form.written() == written
    # A fresh token to send the form again with, and an empty honeypot.
    assert signing.loads(token_in(response), salt=public_form.salt)
    assert 'name="website" id="antibot-website" value=""' in response.text


def test_it_accepts_the_form_sent_from_its_page(client, public_form, bot_checks):
    written = public_form.written()
    data = {**public_form.data(EMAILS[0]), "form_token": token_in(client.get(public_form.url)), "website": ""}

    response = client.post(public_form.url, data)

    assert response.status_code == 302
    assert public_form.written() == written + 1


def test_it_accepts_a_person_who_took_the_minimum_time(client, public_form, bot_checks):
    bot_checks.ANTIBOT_MIN_FILL_SECONDS = 2
    data = {**public_form.data(EMAILS[0]), "form_token": antibot_token_of(public_form, seconds_ago=2.5)}

    assert client.post(public_form.url, data).status_code == 302


def test_it_does_not_take_one_forms_token_for_another(client, public_form, bot_checks):
    data = {**public_form.data(EMAILS[0]), "form_token": antibot_token_of_another_form(public_form)}

    response = client.post(public_form.url, data)

    assert response.status_code == 400
    assert ANY_PROBLEM["missing"] in response.text


def antibot_token_of(public_form, *, seconds_ago: float) -> str:
    return antibot.issue_token(public_form.salt, now=time.time() - seconds_ago)


def antibot_token_of_another_form(public_form) -> str:
    other = "SignupForm" if public_form.form_class != "SignupForm" else "TicketForm"
    return antibot.issue_token(f"citizen_crm.antibot.{other}", now=time.time() - 30)


def test_it_keeps_the_first_moment_when_the_form_comes_back(client, public_form, bot_checks):
    bot_checks.ANTIBOT_MIN_FILL_SECONDS = 3
    served = time.time()
    refused = client.post(
        public_form.url,
        {**public_form.data(EMAILS[0]), "form_token": antibot.issue_token(public_form.salt, now=served)},
    )
    assert refused.status_code == 400

    # The page shown again carries the first moment: once it is far enough, the same form goes through.
    assert antibot.issued_at(token_in(refused), public_form.salt) == pytest.approx(served)
    time.sleep(max(0, served + 3.05 - time.time()))
    response = client.post(public_form.url, {**public_form.data(EMAILS[0]), "form_token": token_in(refused)})

    assert response.status_code == 302
