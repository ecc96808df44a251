"""Resolving a request invites its citizen to the survey, in the same transaction, on their channel."""

import pytest
from django.core import signing
from django.db import transaction

from notifications.models import Notification, NotificationPreference
from requests_app import workflow
from requests_app.models import Channel, Kind
from satisfaction import surveys
from satisfaction.models import Survey
from tests.factories import TicketFactory


def _invitations(ticket):
    return list(Notification.objects.filter(ticket=ticket, template="survey_invitation").order_by("channel"))


def test_it_invites_by_email_with_the_resolution(settings, category, agent):
    settings.SURVEY_LINK_DAYS = 30
    ticket = TicketFactory(category=category, agent=agent, resolved=True, contact_email="Camille@Example.fr")

    survey = Survey.objects.get(ticket=ticket)
    assert (survey.via, survey.contact, survey.citizen) == ("email", "camille@example.fr", None)
    assert (survey.expires_at - survey.invited_at).days == 30
    assert survey.invited_at >= ticket.resolved_at
    [invitation] = _invitations(ticket)
    assert (invitation.channel, invitation.recipient_email, invitation.essential) == (
        "email",
        "camille@example.fr",
        False,
    )
    assert invitation.context["survey_url"] == surveys.survey_url(survey)
    assert [link["score"] for link in invitation.context["rating_urls"]] == [1, 2, 3, 4, 5]
    assert invitation.context["rating_urls"][4]["url"] == surveys.rating_url(survey, 5)


def test_it_signs_the_link_with_the_survey_salt(survey):
    token = surveys.survey_token(survey)

    assert signing.Signer(salt="survey").unsign(token) == str(survey.pk)
    assert surveys.survey_from_token(token) == survey


def test_it_invites_an_account_holder_at_their_account_address_and_in_the_application(category, agent, citizen):
    ticket = TicketFactory(category=category, agent=agent, resolved=True, citizen=citizen, contact_email="")

    survey = Survey.objects.get(ticket=ticket)
    assert (survey.citizen, survey.contact, survey.via) == (citizen, "camille@example.fr", "email")
    assert [row.channel for row in _invitations(ticket)] == ["email", "in_app"]


def test_it_texts_a_phone_only_citizen(category, agent):
    ticket = TicketFactory(
        category=category,
        agent=agent,
        resolved=True,
        channel=Channel.PHONE,
        contact_email="",
        contact_phone="06 12 34 56 78",
    )

    survey = Survey.objects.get(ticket=ticket)
    assert (survey.via, survey.contact) == ("sms", "+33612345678")
    [invitation] = _invitations(ticket)
    assert (invitation.channel, invitation.recipient_phone) == ("sms", "+33612345678")


def test_it_does_not_survey_someone_it_cannot_reach(category, agent):
    ticket = TicketFactory(
        category=category,
        agent=agent,
        resolved=True,
        channel=Channel.COUNTER,
        contact_email="",
        contact_phone="02 38 00 00 01",  # a landline cannot receive a text
    )

    assert not Survey.objects.filter(ticket=ticket).exists()
    assert _invitations(ticket) == []


def test_it_does_not_survey_a_compliment(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True, kind=Kind.COMPLIMENT)

    assert not Survey.objects.filter(ticket=ticket).exists()


def test_it_respects_an_opt_out(category, agent):
    NotificationPreference.objects.create(email="camille@example.fr", opted_out=True)

    ticket = TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")

    assert not Survey.objects.filter(ticket=ticket).exists()
    assert _invitations(ticket) == []


def test_it_respects_an_account_holder_who_turned_request_mails_off(category, agent, citizen):
    NotificationPreference.objects.create(user=citizen, requests_email=False)

    ticket = TicketFactory(category=category, agent=agent, resolved=True, citizen=citizen, contact_email="")

    # Nobody was asked: no survey, and no invitation left in the application either.
    assert not Survey.objects.filter(ticket=ticket).exists()
    assert _invitations(ticket) == []
    assert Notification.objects.filter(ticket=ticket, template="resolved", channel="in_app").exists()


def test_it_surveys_a_request_once_even_when_resolved_again(category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    first = Survey.objects.get(ticket=ticket)

    workflow.reopen_ticket(ticket.pk, by=agent, reason="Le trou s'est reformé.")
    workflow.resolve_ticket(ticket.pk, by=agent, body="Rebouché à nouveau, avec un enrobé à chaud.")

    assert list(Survey.objects.filter(ticket=ticket)) == [first]
    assert len(_invitations(ticket)) == 1


class Interrupted(Exception):
    """Something later in the same transaction went wrong."""


def test_it_keeps_no_survey_when_the_resolution_is_rolled_back(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    with pytest.raises(Interrupted), transaction.atomic():
        workflow.resolve_ticket(ticket.pk, by=agent, body="Le trou a été rebouché ce matin.")
        assert Survey.objects.filter(ticket=ticket).exists()
        raise Interrupted

    assert not Survey.objects.exists()
    assert _invitations(ticket) == []
