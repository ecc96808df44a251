"""An agent to whom someone else assigns a request hears of it in the bell and by e-mail, in their language."""

import pytest
from django.conf import settings
from django.urls import reverse

from notifications import outbox
from notifications.models import Notification, NotificationPreference
from requests_app import workflow
from tests.factories import TicketFactory


@pytest.fixture
def ticket(category):
    return TicketFactory(category=category, subject="Lampadaire éteint rue Victor-Hugo")


def _notices(ticket, **filters):
    return Notification.objects.filter(ticket=ticket, template="assigned", **filters)


def test_it_tells_the_assignee_by_e_mail_and_in_the_bell(ticket, supervisor, agent):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert sorted(_notices(ticket).values_list("channel", "recipient", "essential")) == [
        ("email", agent.pk, False),
        ("in_app", agent.pk, False),
    ]
    notice = _notices(ticket, channel="email").get()
    assert (notice.recipient_email, notice.language) == ("agent@mairie.example", "fr")
    assert notice.context == {"agent_name": str(agent), "assigned_by": str(supervisor)}
    assert _notices(ticket, channel="in_app").get().read_at is None


def test_it_shows_in_the_assignee_notification_centre(client, ticket, supervisor, agent):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)
    client.force_login(agent)

    page = client.get(reverse("notifications:centre"), headers={"accept-language": "en"})

    assert page.status_code == 200
    assert ticket.reference in page.content.decode()
    assert ticket.get_absolute_url() in page.content.decode()


def test_an_agent_who_turned_request_e_mails_off_only_sees_it_in_the_bell(ticket, supervisor, agent):
    NotificationPreference.objects.create(user=agent, requests_email=False)

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert list(_notices(ticket).values_list("channel", flat=True)) == ["in_app"]


def test_an_agent_who_opted_out_only_sees_it_in_the_bell(ticket, supervisor, agent):
    NotificationPreference.objects.create(user=agent, opted_out=True)

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert list(_notices(ticket).values_list("channel", flat=True)) == ["in_app"]


def test_it_writes_in_the_assignee_language(ticket, supervisor, agent):
    agent.preferred_language = "en"
    agent.save()

    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)

    assert set(_notices(ticket).values_list("language", flat=True)) == {"en"}


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

    assert sorted(_notices(ticket, channel="email").values_list("recipient_email", flat=True)) == [
        "agent@mairie.example",
        "collegue@mairie.example",
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_it_links_to_the_request_in_the_workbench(language, ticket, supervisor, agent, mailoutbox):
    workflow.assign_ticket(ticket.pk, by=supervisor, assignee=agent)
    notice = _notices(ticket, channel="email").get()
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
