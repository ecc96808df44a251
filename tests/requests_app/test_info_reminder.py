"""A citizen who leaves a question unanswered for N business days gets one reminder per wait."""

import datetime
import zoneinfo

import pytest

from notifications import outbox
from notifications.models import Notification
from notifications.preferences import preferences_for
from requests_app import workflow
from requests_app.models import Ticket
from requests_app.reminders import remind_awaiting_citizens
from tests.factories import TicketFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
QUESTION = "Pouvez-vous préciser l'adresse exacte ?"  # what TicketFactory(awaiting=True) asks


def _awaiting_since(ticket, moment: datetime.datetime) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(awaiting_since=moment)


def _reminders(ticket, channel=Notification.Channel.EMAIL):
    return Notification.objects.filter(ticket=ticket, template="info_reminder", channel=channel)


@pytest.fixture
def waiting(category, agent):
    """Asked on Monday 2 November 2026 at 10:00, still unanswered."""
    ticket = TicketFactory(category=category, agent=agent, awaiting=True, contact_email="camille@example.fr")
    _awaiting_since(ticket, datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS))
    return ticket


def test_it_reminds_after_five_business_days(waiting):
    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 9)) == 1

    [reminder] = _reminders(waiting)
    assert reminder.recipient_email == "camille@example.fr"
    assert reminder.context == {"body": QUESTION}


def test_it_waits_until_the_fifth_business_day(waiting):
    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 6)) == 0  # Friday: four days

    assert not _reminders(waiting).exists()


def test_it_does_not_count_weekends_and_public_holidays(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)
    # Thursday 5 November; Wednesday 11 November (Armistice) is not a business day.
    _awaiting_since(ticket, datetime.datetime(2026, 11, 5, 16, 0, tzinfo=PARIS))

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 12)) == 0
    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 13)) == 1


def test_it_follows_the_setting(waiting, settings):
    settings.INFO_REMINDER_DAYS = 3

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 5)) == 1


def test_it_sends_nothing_on_a_weekend(waiting):
    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 14)) == 0


def test_it_reminds_once_per_wait(waiting):
    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))
    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))
    remind_awaiting_citizens(today=datetime.date(2026, 11, 10))

    assert _reminders(waiting).count() == 1


def test_a_new_question_starts_a_new_wait(waiting, agent):
    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))
    _reminders(waiting).update(created_at=datetime.datetime(2026, 11, 9, 8, 0, tzinfo=PARIS))
    workflow.citizen_reply(waiting.pk, by=None, via_token=True, body="C'est au 12 rue de la République.")
    workflow.request_information(waiting.pk, by=agent, body="Côté pair ou impair ?")
    _awaiting_since(waiting, datetime.datetime(2026, 11, 16, 9, 0, tzinfo=PARIS))

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 23)) == 1

    latest = _reminders(waiting).order_by("-created_at").first()
    assert latest.context == {"body": "Côté pair ou impair ?"}
    assert _reminders(waiting).count() == 2


def test_it_leaves_answered_and_closed_requests_alone(category, agent):
    answered = TicketFactory(category=category, agent=agent, in_progress=True)
    resolved = TicketFactory(category=category, agent=agent, resolved=True)

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 9)) == 0

    assert not Notification.objects.filter(ticket__in=[answered, resolved], template="info_reminder").exists()


def test_it_texts_citizens_reached_by_phone_only(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True, contact_email="", contact_phone="0601020304")
    _awaiting_since(ticket, datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS))

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 9)) == 1

    [sms] = _reminders(ticket, channel=Notification.Channel.SMS)
    assert sms.recipient_phone == "+33601020304"
    assert not _reminders(ticket).exists()


def test_it_skips_citizens_nobody_can_reach(category, agent):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True, contact_email="", contact_name="Jean Petit")
    _awaiting_since(ticket, datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS))

    assert remind_awaiting_citizens(today=datetime.date(2026, 11, 9)) == 0
    assert not Notification.objects.filter(ticket=ticket, template="info_reminder").exists()


def test_it_reaches_account_holders_even_if_they_opted_out(category, agent, citizen):
    choice = preferences_for(user=citizen)
    choice.opted_out = True
    choice.save()
    ticket = TicketFactory(category=category, agent=agent, awaiting=True, citizen=citizen, contact_email="")
    _awaiting_since(ticket, datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS))

    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))

    assert _reminders(ticket).count() == 1


def test_it_writes_to_the_account_in_its_language(category, agent, citizen):
    citizen.preferred_language = "en"
    citizen.save()
    ticket = TicketFactory(category=category, agent=agent, awaiting=True, citizen=citizen, contact_email="")
    _awaiting_since(ticket, datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PARIS))

    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))

    [reminder] = _reminders(ticket)
    assert (reminder.recipient, reminder.recipient_email, reminder.language) == (citizen, citizen.email, "en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_repeats_the_question_with_the_tracking_link(waiting, language, mailoutbox):
    remind_awaiting_citizens(today=datetime.date(2026, 11, 9))
    reminder = _reminders(waiting).get()
    Notification.objects.filter(pk=reminder.pk).update(language=language)
    mailoutbox.clear()

    assert outbox.deliver(reminder.pk)

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    assert waiting.reference in mail.subject
    assert f'<html lang="{language}">' in html
    for body in (mail.body, html):
        assert waiting.tracking_url() in body
        assert waiting.reference in body
    assert QUESTION in mail.body
    assert "Pouvez-vous préciser l&#x27;adresse exacte ?" in html
