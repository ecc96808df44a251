"""The people in charge hear of a request due on the next business day, and of one overdue."""

import datetime

import pytest
from django.conf import settings

from accounts.models import Role
from notifications import outbox
from notifications.models import Notification
from requests_app import workflow
from requests_app.models import Ticket
from requests_app.reminders import warn_due_tomorrow, warn_overdue
from tests.factories import TicketFactory, UserFactory

TUESDAY = datetime.date(2026, 11, 10)  # the day before Armistice (Wednesday 11 November)
THURSDAY = datetime.date(2026, 11, 12)


def _due(ticket, day: datetime.date) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(due_date=day)


def _recipients(template, ticket=None):
    rows = Notification.objects.filter(template=template)
    if ticket is not None:
        rows = rows.filter(ticket=ticket)
    return sorted(rows.values_list("recipient_email", flat=True))


@pytest.fixture
def supervisor_elsewhere(other_service):
    return UserFactory(email="chef.etat-civil@mairie.example", role=Role.SUPERVISOR, services=[other_service])


@pytest.fixture
def taken(category, agent):
    return TicketFactory(category=category, agent=agent, in_progress=True)


def test_it_warns_the_assignee_and_the_supervisors_the_business_day_before(
    taken, supervisor, supervisor_elsewhere, colleague
):
    _due(taken, THURSDAY)

    assert warn_due_tomorrow(today=TUESDAY) == 2

    assert _recipients("sla_due_soon") == ["agent@mairie.example", "chef@mairie.example"]


def test_it_warns_every_agent_of_the_service_when_nobody_has_the_request(
    category, agent, colleague, supervisor, agent_of_other_service
):
    ticket = TicketFactory(category=category)
    _due(ticket, THURSDAY)

    warn_due_tomorrow(today=TUESDAY)

    assert _recipients("sla_due_soon", ticket) == [
        "agent@mairie.example",
        "chef@mairie.example",
        "collegue@mairie.example",
    ]


def test_it_does_not_warn_about_later_due_dates(taken, supervisor):
    _due(taken, datetime.date(2026, 11, 13))

    assert warn_due_tomorrow(today=TUESDAY) == 0


def test_it_warns_once_per_due_date(taken, supervisor):
    _due(taken, THURSDAY)

    warn_due_tomorrow(today=TUESDAY)
    warn_due_tomorrow(today=TUESDAY)

    assert len(_recipients("sla_due_soon")) == 2


def test_a_postponed_due_date_is_warned_again(taken, supervisor):
    _due(taken, THURSDAY)
    warn_due_tomorrow(today=TUESDAY)
    _due(taken, datetime.date(2026, 11, 13))

    assert warn_due_tomorrow(today=THURSDAY) == 2

    assert len(_recipients("sla_due_soon")) == 4


def test_it_warns_about_overdue_requests_once_per_due_date(taken, supervisor, supervisor_elsewhere):
    _due(taken, datetime.date(2026, 11, 5))

    assert warn_overdue(today=TUESDAY) == 2
    assert warn_overdue(today=TUESDAY) == 0
    assert warn_overdue(today=THURSDAY) == 0

    assert _recipients("sla_overdue") == ["agent@mairie.example", "chef@mairie.example"]
    assert {row.context["sla_due_date"] for row in Notification.objects.filter(template="sla_overdue")} == {
        "2026-11-05"
    }


def test_an_overdue_request_postponed_then_overdue_again_is_warned_again(taken, supervisor):
    _due(taken, datetime.date(2026, 11, 5))
    warn_overdue(today=TUESDAY)
    _due(taken, datetime.date(2026, 11, 9))

    assert warn_overdue(today=TUESDAY) == 2


def test_it_does_not_warn_about_requests_due_today(taken, supervisor):
    _due(taken, TUESDAY)

    assert warn_overdue(today=TUESDAY) == 0


def test_it_warns_about_awaiting_requests_too(category, agent, supervisor):
    ticket = TicketFactory(category=category, agent=agent, awaiting=True)
    _due(ticket, datetime.date(2026, 11, 5))

    assert warn_overdue(today=TUESDAY) == 2


@pytest.mark.parametrize("trait", ["resolved", "closed", "rejected"])
def test_it_leaves_finished_requests_alone(trait, category, agent, supervisor):
    ticket = TicketFactory(category=category, agent=agent, **{trait: True})
    _due(ticket, datetime.date(2026, 11, 5))
    other = TicketFactory(category=category, agent=agent, **{trait: True})
    _due(other, THURSDAY)

    assert warn_overdue(today=TUESDAY) == 0
    assert warn_due_tomorrow(today=TUESDAY) == 0


def test_it_waits_for_a_business_day(taken, supervisor):
    _due(taken, datetime.date(2026, 11, 5))

    assert warn_overdue(today=datetime.date(2026, 11, 11)) == 0  # Armistice
    assert warn_overdue(today=datetime.date(2026, 11, 14)) == 0  # Saturday
    assert warn_due_tomorrow(today=datetime.date(2026, 11, 15)) == 0  # Sunday


def test_it_writes_to_each_person_in_their_language(taken, agent, supervisor):
    supervisor.preferred_language = "en"
    supervisor.save()
    _due(taken, THURSDAY)

    warn_due_tomorrow(today=TUESDAY)

    languages = dict(Notification.objects.values_list("recipient_email", "language").filter(template="sla_due_soon"))
    assert languages == {"agent@mairie.example": "fr", "chef@mairie.example": "en"}


def test_the_candidates_are_read_in_a_bounded_number_of_queries(
    category, agent, colleague, supervisor, django_assert_num_queries
):
    tickets = [TicketFactory(category=category) for _ in range(3)]
    Ticket.objects.filter(pk__in=[t.pk for t in tickets]).update(due_date=datetime.date(2026, 11, 5))
    workflow.take_ticket(tickets[0].pk, by=agent)

    # The candidates and their services' staff; per ticket a savepoint and its release, the
    # lock and the re-check; then one outbox row per recipient (2 for the taken ticket, 3 each
    # for the others): nothing grows with the number of agents but the rows written.
    with django_assert_num_queries(2 + 3 * 4 + 8):
        assert warn_overdue(today=TUESDAY) == 8


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", ["sla_due_soon", "sla_overdue"])
def test_it_links_to_the_request_in_the_workbench(template, language, taken, supervisor, mailoutbox):
    _due(taken, THURSDAY if template == "sla_due_soon" else datetime.date(2026, 11, 5))
    (warn_due_tomorrow if template == "sla_due_soon" else warn_overdue)(today=TUESDAY)
    notification = Notification.objects.get(template=template, recipient=supervisor)
    Notification.objects.filter(pk=notification.pk).update(language=language)
    mailoutbox.clear()

    assert outbox.deliver(notification.pk)

    [mail] = mailoutbox
    [(html, _)] = mail.alternatives
    assert taken.reference in mail.subject
    assert mail.to == ["chef@mairie.example"]
    assert f'<html lang="{language}">' in html
    for body in (mail.body, html):
        assert settings.SITE_URL + taken.get_absolute_url() in body
        assert taken.subject in body
        assert "agent@mairie.example" in body or str(taken.assignee) in body
