"""An agent to whom someone else assigns a request hears of it by e-mail, in their language."""

import pytest
from django.conf import settings

from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from tests.factories import TicketFactory


@pytest.fixture
def ticket(category):
    return TicketFactory(category=category, subject="Lampadaire éteint rue Victor-Hugo")


def _notices(ticket):
    return Notification.objects.filter(ticket=ticket, template="assigned")


def test_it_tells_the_assignee(ticket, supervisor, agent):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    [notice] = _notices(ticket)
    assert (notice.recipient, notice.recipient_email, notice.language) == (agent, "agent@mairie.example", "fr")
    assert notice.context == {"agent_name": str(agent), "assigned_by": str(supervisor)}


def test_it_writes_in_the_assignee_language(ticket, supervisor, agent):
    agent.preferred_language = "en"
    agent.save()

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert _notices(ticket).get().language == "en"


def test_taking_a_request_sends_nothing(ticket, agent):
    workflow.take_ticket(ticket.pk, by=agent)

    assert not _notices(ticket).exists()


def test_assigning_a_request_to_oneself_sends_nothing(ticket, agent):
    workflow.assign_ticket(ticket.pk, by=agent, assignee=agent)

    assert not _notices(ticket).exists()


def test_a_refused_assignment_sends_nothing(ticket, supervisor, agent_of_other_service):
    with pytest.raises(workflow.InvalidTransition):
        workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent_of_other_service)

    assert not _notices(ticket).exists()


def test_each_new_assignee_hears_of_it(ticket, supervisor, agent, colleague):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=colleague)

    assert sorted(_notices(ticket).values_list("recipient_email", flat=True)) == [
        "agent@mairie.example",
        "collegue@mairie.example",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_links_to_the_request_in_the_workbench(language, ticket, supervisor, agent, mailoutbox):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)
    notice = _notices(ticket).get()
    Notification.objects.filter(pk=notice.pk).update(language=language)
    mailoutbox.clear()

    assert outbox.deliver(notice.pk)

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    assert ticket.reference in mail.subject
    assert mail.to == ["agent@mairie.example"]
    assert f'<html lang="{language}">' in html
    for body in (mail.body, html):
        assert settings.SITE_URL + ticket.get_absolute_url() in body
        assert "Lampadaire éteint rue Victor-Hugo" in body
        assert str(supervisor) in body
        assert ticket.tracking_url() not in body  # the citizen's link is not the agent's business
