"""The workbench filters the dashboards drill down with: dates, resolutions, the backlog of a past day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app import workflow
from requests_app.models import Ticket, TicketEvent
from satisfaction.models import Survey
from tests.factories import TicketFactory
from tests.replayed_clock import ReplayedClock

URL = reverse("requests_app:workbench")


def listed(response) -> set[str]:
    assert response.status_code == 200, response.context["form"].errors
    return {ticket.reference for ticket in response.context["page_obj"]}


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def created_days_ago(ticket, days):
    moment = timezone.now() - datetime.timedelta(days=days)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=moment)
    return ticket


@pytest.fixture
def signed_in(client, supervisor):
    client.force_login(supervisor)
    return client


def test_it_filters_on_the_day_of_creation(signed_in, category):
    old = created_days_ago(TicketFactory(category=category), 10)
    recent = created_days_ago(TicketFactory(category=category), 2)
    TicketFactory(category=category)

    response = signed_in.get(URL, {"status": "any", "created_from": days_ago(11), "created_to": days_ago(1)})
    assert listed(response) == {old.reference, recent.reference}

    response = signed_in.get(URL, {"status": "any", "created_from": days_ago(3), "created_to": days_ago(2)})
    assert listed(response) == {recent.reference}


def test_it_filters_on_the_resolutions_of_a_period_within_or_after_the_due_date(signed_in, category, agent):
    on_time = TicketFactory(category=category, agent=agent, resolved=True)
    late = TicketFactory(category=category, agent=agent, in_progress=True)
    Ticket.objects.filter(pk=late.pk).update(due_date=days_ago(1))
    workflow.resolve_ticket(late.pk, by=agent, body="Fait, avec du retard.")
    TicketFactory(category=category, agent=agent, in_progress=True)
    today = timezone.localdate()

    def resolved(**extra):
        return listed(signed_in.get(URL, {"status": "any", "resolved_from": today, "resolved_to": today, **extra}))

    assert resolved() == {on_time.reference, late.reference}
    assert resolved(sla="met") == {on_time.reference}
    assert resolved(sla="missed") == {late.reference}
    assert listed(signed_in.get(URL, {"status": "any", "resolved_to": days_ago(1)})) == set()


def test_it_counts_a_request_resolved_twice_once(signed_in, category, agent):
    ticket = TicketFactory(category=category, agent=agent, resolved=True)
    workflow.reopen_ticket(ticket.pk, by=agent, reason="Toujours là.")
    workflow.resolve_ticket(ticket.pk, by=agent, body="Cette fois c'est fait.")
    today = timezone.localdate()

    response = signed_in.get(URL, {"status": "any", "resolved_from": today, "reopened_from": today})

    assert listed(response) == {ticket.reference}
    assert TicketEvent.objects.filter(ticket=ticket, kind=TicketEvent.Kind.RESOLVED).count() == 2


def opened_days_ago(days, **kwargs):
    """A request opened (and taken, ...) `days` ago, its whole timeline dated then."""
    with ReplayedClock() as clock:
        clock.moment = timezone.now() - datetime.timedelta(days=days)
        return TicketFactory(**kwargs)


def test_it_lists_what_was_open_at_the_end_of_a_past_day(signed_in, category, agent):
    resolved_today = opened_days_ago(5, category=category, agent=agent, in_progress=True)
    workflow.resolve_ticket(resolved_today.pk, by=agent, body="Réparé.")
    created_today = TicketFactory(category=category)

    response = signed_in.get(URL, {"open_on": days_ago(1)})

    assert listed(response) == {resolved_today.reference}
    assert created_today.reference not in response.text
    # Now it is resolved: the default list (open now) leaves it out.
    assert resolved_today.reference not in listed(signed_in.get(URL))


def test_it_lists_what_was_overdue_on_a_past_day(signed_in, category):
    ticket = opened_days_ago(20, category=category)
    Ticket.objects.filter(pk=ticket.pk).update(due_date=days_ago(3))

    assert listed(signed_in.get(URL, {"open_on": days_ago(2), "overdue": "on"})) == {ticket.reference}
    assert listed(signed_in.get(URL, {"open_on": days_ago(4), "overdue": "on"})) == set()


def test_it_filters_on_the_survey_answers_of_a_period(signed_in, category, agent):
    answered = TicketFactory(category=category, agent=agent, resolved=True)
    TicketFactory(category=category, agent=agent, resolved=True)
    Survey.objects.filter(ticket=answered).update(answered_at=timezone.now(), satisfaction=4)
    today = timezone.localdate()

    response = signed_in.get(URL, {"status": "any", "answered_from": today, "answered_to": today})

    assert listed(response) == {answered.reference}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"created_from": "2026-05-02", "created_to": "2026-05-01"}, "created_to", "must not be before"),
        ({"resolved_from": "2026-05-02", "resolved_to": "2026-04-01"}, "resolved_to", "must not be before"),
        ({"sla": "met"}, "sla", "Choose the resolution dates"),
        ({"sla": "sometimes", "resolved_from": "2026-05-02"}, "sla", "Select a valid choice"),
        ({"open_on": "hier"}, "open_on", "Enter a valid date"),
    ],
)
def test_it_refuses_bad_dates_with_the_error_next_to_the_field(signed_in, params, field, message):
    response = signed_in.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.text
    assert response.context["page_obj"] is None


def test_it_unfolds_the_date_filters_when_one_is_set(signed_in):
    assert '<details class="mt-3" open>' in signed_in.get(URL, {"created_from": "2026-05-01"}).text
    assert '<details class="mt-3">' in signed_in.get(URL).text


def test_it_lets_managers_read_the_lists_of_every_service(client, manager, category, other_category):
    tickets = {TicketFactory(category=category).reference, TicketFactory(category=other_category).reference}
    client.force_login(manager)

    response = client.get(URL, {"status": "any", "created_from": timezone.localdate()})

    assert listed(response) == tickets
    # Reading only: managers do not record requests.
    assert reverse("requests_app:quick_entry") not in response.text


def test_it_keeps_other_services_out_of_an_agents_lists(client, agent_of_other_service, category):
    TicketFactory(category=category)
    client.force_login(agent_of_other_service)

    response = client.get(URL, {"status": "any", "created_from": timezone.localdate()})

    assert listed(response) == set()


def test_it_filters_on_one_assignee(signed_in, category, agent, colleague):
    mine = TicketFactory(category=category, agent=agent, in_progress=True)
    TicketFactory(category=category, agent=colleague, in_progress=True)
    TicketFactory(category=category)

    assert listed(signed_in.get(URL, {"assignee": agent.pk})) == {mine.reference}


def test_it_refuses_an_assignee_outside_the_services_or_with_unassigned(
    client, agent, agent_of_other_service, category
):
    client.force_login(agent)

    for params in ({"assignee": agent_of_other_service.pk}, {"assignee": agent.pk, "unassigned": "on"}):
        response = client.get(URL, params)
        assert response.status_code == 400, params
        assert response.context["form"].errors["assignee"]
