"""Appointments put their lines on a request's timeline through the workflow, like every event."""

import pytest

from requests_app import hooks, workflow
from requests_app.models import TicketEvent
from requests_app.workflow import InvalidTransition
from tests.factories import TicketFactory

E = TicketEvent.Kind


@pytest.fixture
def ticket(category, citizen):
    return TicketFactory(category=category, citizen=citizen, contact_email="")


def test_it_appends_an_event_that_leaves_the_status_alone(ticket, citizen):
    status = ticket.status

    event = workflow.record_appointment_event(
        ticket.pk, kind=E.APPOINTMENT_BOOKED, by=citizen, appointment=7, counter="Accueil"
    )

    assert (event.kind, event.actor, event.is_public) == (E.APPOINTMENT_BOOKED, citizen, True)
    assert event.from_status == event.to_status == status
    assert event.data == {"appointment": 7, "counter": "Accueil"}
    ticket.refresh_from_db()
    assert ticket.status == status


def test_it_keeps_a_missed_appointment_internal(ticket, agent):
    event = workflow.record_appointment_event(ticket.pk, kind=E.APPOINTMENT_MISSED, by=agent, appointment=7)

    assert event.is_public is False


def test_it_hands_the_event_to_the_feature_apps(ticket, agent, monkeypatch):
    seen = []
    monkeypatch.setitem(hooks._registries, "event", {"spy": seen.append})

    event = workflow.record_appointment_event(ticket.pk, kind=E.APPOINTMENT_CANCELLED, by=agent, appointment=7)

    assert seen == [event]


def test_it_lets_an_agent_of_another_service_record_their_counters_appointment(ticket, agent_of_other_service):
    # The request was sent elsewhere after the booking: the appointment is still their counter's.
    event = workflow.record_appointment_event(
        ticket.pk, kind=E.APPOINTMENT_CANCELLED, by=agent_of_other_service, appointment=7
    )

    assert event.actor == agent_of_other_service


def test_it_refuses_a_citizen_who_has_no_say_on_the_request(ticket, other_citizen):
    with pytest.raises(InvalidTransition):
        workflow.record_appointment_event(ticket.pk, kind=E.APPOINTMENT_BOOKED, by=other_citizen, appointment=7)

    assert not ticket.events.filter(kind=E.APPOINTMENT_BOOKED).exists()


def test_it_records_only_appointment_events(ticket, agent):
    with pytest.raises(ValueError, match="Not an appointment event"):
        workflow.record_appointment_event(ticket.pk, kind=E.RESOLVED, by=agent)
