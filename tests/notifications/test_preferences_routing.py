"""Preferences decide the channels of non-essential notifications, never of essential ones."""

import pytest

from notifications.models import Notification, NotificationPreference
from requests_app import workflow
from tests.factories import TicketFactory


@pytest.fixture
def ticket_of_citizen(citizen, category):
    citizen.phone = "06 12 34 56 78"
    citizen.save()
    return TicketFactory(category=category, citizen=citizen)


def channels(ticket, template):
    return sorted(Notification.objects.filter(ticket=ticket, template=template).values_list("channel", flat=True))


def test_by_default_a_reply_goes_by_e_mail_and_in_app(ticket_of_citizen, agent):
    workflow.reply_to_ticket(ticket_of_citizen.pk, by=agent, body="Une équipe passera jeudi.")

    assert channels(ticket_of_citizen, "public_reply") == ["email", "in_app"]


def test_a_citizen_may_ask_for_sms_and_no_e_mail(ticket_of_citizen, citizen, agent):
    NotificationPreference.objects.create(user=citizen, requests_email=False, requests_sms=True)

    workflow.reply_to_ticket(ticket_of_citizen.pk, by=agent, body="Une équipe passera jeudi.")

    assert channels(ticket_of_citizen, "public_reply") == ["in_app", "sms"]
    sms = Notification.objects.get(ticket=ticket_of_citizen, template="public_reply", channel="sms")
    assert sms.recipient_phone == "+33612345678"


def test_an_opt_out_stops_non_essential_e_mail_and_sms(ticket_of_citizen, citizen, agent):
    NotificationPreference.objects.create(user=citizen, requests_sms=True, opted_out=True)

    workflow.reply_to_ticket(ticket_of_citizen.pk, by=agent, body="Une équipe passera jeudi.")

    assert channels(ticket_of_citizen, "public_reply") == ["in_app"]


def test_an_opt_out_does_not_stop_a_request_for_information(ticket_of_citizen, citizen, agent):
    NotificationPreference.objects.create(user=citizen, requests_email=False, opted_out=True)

    workflow.request_information(ticket_of_citizen.pk, by=agent, body="Quelle est l'adresse exacte ?")

    assert channels(ticket_of_citizen, "info_requested") == ["email", "in_app"]
    assert Notification.objects.get(ticket=ticket_of_citizen, template="info_requested", channel="email").essential


def test_the_acknowledgement_always_goes_by_e_mail(citizen, category):
    NotificationPreference.objects.create(user=citizen, requests_email=False, opted_out=True)

    ticket = TicketFactory(category=category, citizen=citizen)

    assert channels(ticket, "acknowledgement") == ["email", "in_app"]
