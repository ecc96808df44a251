"""Nobody is asked more than once per SURVEY_FATIGUE_DAYS, with or without an account."""

import datetime

from django.utils import timezone

from requests_app.models import Channel
from satisfaction.models import Survey
from tests.factories import TicketFactory


def _age_surveys(days: int) -> None:
    moment = timezone.now() - datetime.timedelta(days=days)
    Survey.objects.update(invited_at=moment, expires_at=moment + datetime.timedelta(days=30))


def test_it_does_not_ask_the_same_address_twice_within_the_delay(settings, category, agent):
    settings.SURVEY_FATIGUE_DAYS = 90
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")
    _age_surveys(89)

    second = TicketFactory(category=category, agent=agent, resolved=True, contact_email="CAMILLE@example.fr")

    assert not Survey.objects.filter(ticket=second).exists()
    assert Survey.objects.count() == 1


def test_it_asks_again_once_the_delay_has_passed(settings, category, agent):
    settings.SURVEY_FATIGUE_DAYS = 90
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")
    _age_surveys(91)

    second = TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")

    assert Survey.objects.filter(ticket=second).exists()


def test_it_recognises_an_account_holder_whatever_the_address(settings, category, agent, citizen):
    settings.SURVEY_FATIGUE_DAYS = 90
    TicketFactory(category=category, agent=agent, resolved=True, citizen=citizen)
    citizen.email = "camille.martin@example.fr"
    citizen.save()

    second = TicketFactory(category=category, agent=agent, resolved=True, citizen=citizen)

    assert not Survey.objects.filter(ticket=second).exists()


def test_it_recognises_a_phone_number_whatever_its_spelling(settings, category, agent):
    settings.SURVEY_FATIGUE_DAYS = 90
    phone_only = {"channel": Channel.PHONE, "contact_email": ""}
    TicketFactory(category=category, agent=agent, resolved=True, contact_phone="06 12 34 56 78", **phone_only)

    second = TicketFactory(
        category=category, agent=agent, resolved=True, contact_phone="+33 6 12 34 56 78", **phone_only
    )

    assert not Survey.objects.filter(ticket=second).exists()


def test_it_asks_different_people_the_same_day(category, agent):
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="dominique@example.fr")

    assert Survey.objects.count() == 2


def test_it_can_be_turned_off(settings, category, agent):
    settings.SURVEY_FATIGUE_DAYS = 0
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")
    TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")

    assert Survey.objects.count() == 2
