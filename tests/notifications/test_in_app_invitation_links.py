"""An in-app invitation leads to what it invites to: the survey, or the follow-ups to do."""

import pytest
from django.urls import reverse

from requests_app import workflow
from satisfaction.models import Survey
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_it_links_the_survey_invitation_to_the_survey(client, citizen, agent, category):
    ticket = TicketFactory(category=category, citizen=citizen)
    workflow.resolve_ticket(ticket.pk, by=agent, body="Le lampadaire a été réparé.")
    survey = Survey.objects.get(ticket=ticket)
    invitation = citizen.notifications.get(template="survey_invitation", channel="in_app")

    client.force_login(citizen)
    page = client.get(reverse("notifications:centre")).content.decode()

    assert invitation.context["survey_url"] in page
    assert survey.ticket.reference in page


def test_it_links_other_notifications_to_their_request(client, citizen, agent, category):
    ticket = TicketFactory(category=category, citizen=citizen)
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Nous passons demain.")

    client.force_login(citizen)
    page = client.get(reverse("notifications:centre")).content.decode()

    assert reverse("requests_app:my_ticket", args=[ticket.reference]) in page
