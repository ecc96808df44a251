"""The core hands over to the feature apps through `requests_app.hooks`, inside its transaction."""

import pytest
from django.utils import timezone

from requests_app import hooks, workflow
from requests_app.models import Ticket, TicketEvent
from satisfaction.models import Survey
from tests.factories import TicketFactory

from .helpers import frozen, paris


class Refused(Exception):
    pass


@pytest.fixture
def registry_restored():
    saved = {name: dict(registry) for name, registry in hooks._registries.items()}
    yield
    for name, registry in hooks._registries.items():
        registry.clear()
        registry.update(saved[name])


def test_the_feature_apps_register_what_the_core_triggers_and_shows():
    assert "interop.webhooks" in hooks._registries["event"]
    assert "satisfaction.survey_invitation" in hooks._registries["resolution"]
    assert "satisfaction.survey" in hooks._registries["agent_ticket_panel"]
    assert "appointments.upcoming" in hooks._registries["citizen_space_panel"]


def test_it_hands_every_event_to_the_subscribers(registry_restored, category, agent):
    heard = []
    hooks.on_ticket_event("test.listener", heard.append)
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    workflow.add_internal_note(ticket.pk, by=agent, body="Vu sur place.")

    assert [event.kind for event in heard][-1] == TicketEvent.Kind.INTERNAL_NOTE
    assert heard[-1].ticket_id == ticket.pk


def test_registering_again_under_a_name_replaces(registry_restored, category, agent):
    first, second = [], []
    hooks.on_ticket_event("test.listener", first.append)
    hooks.on_ticket_event("test.listener", second.append)
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    workflow.add_internal_note(ticket.pk, by=agent, body="Vu sur place.")

    assert first == []
    assert second


def test_a_failing_subscriber_undoes_the_change_with_it(registry_restored, category, agent):
    def refuse(ticket, *, now):
        raise Refused

    hooks.on_ticket_resolved("test.refuse", refuse)
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)

    with pytest.raises(Refused):
        workflow.resolve_ticket(ticket.pk, by=agent, body="Rebouché.")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.IN_PROGRESS
    assert not ticket.events.filter(kind=TicketEvent.Kind.RESOLVED).exists()
    assert not Survey.objects.filter(ticket=ticket).exists()


def test_resolution_subscribers_get_the_moment_of_the_resolution(registry_restored, category, agent):
    moments = []
    hooks.on_ticket_resolved("test.moment", lambda ticket, *, now: moments.append(now))
    with frozen(paris(2026, 3, 2, 9)):
        ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    when = paris(2026, 3, 3, 11)

    workflow.resolve_ticket(ticket.pk, by=agent, body="Rebouché.", now=when)

    assert moments == [when]
    assert Ticket.objects.get(pk=ticket.pk).resolved_at == when


def test_a_provider_may_show_nothing_one_panel_or_several(registry_restored):
    hooks._registries["citizen_space_panel"].clear()
    hooks.citizen_space_panel("test.none", lambda user, *, now: None)
    hooks.citizen_space_panel("test.one", lambda user, *, now: hooks.Panel("a.html", {}))
    hooks.citizen_space_panel(
        "test.two", lambda user, *, now: [hooks.Panel("b.html", {}, place="expected"), hooks.Panel("c.html", {})]
    )

    panels = hooks.citizen_space_panels(None, now=timezone.now())

    assert [(panel.template, panel.place) for panel in panels] == [
        ("a.html", ""),
        ("b.html", "expected"),
        ("c.html", ""),
    ]
