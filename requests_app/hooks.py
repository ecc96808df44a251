"""Where the ticket core hands over to the feature apps: one visible registry.

The feature apps (appointments, interop, satisfaction, ...) sit above the ticket core, and the
core never imports them. When the core must trigger one of them (a webhook delivery for every
timeline event, a survey invitation when a request is resolved) or show what they know on one
of its pages (the survey's answer on an agent's request page, the appointments in a citizen's
space), it calls what they registered here from their `AppConfig.ready()`.

Event and resolution subscribers run inside the transaction of the change that caused them:
what they write commits or rolls back with it. They run in registration order, which follows
`INSTALLED_APPS`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime

    from .models import Ticket, TicketEvent

EventSubscriber = Callable[["TicketEvent"], None]
ResolutionSubscriber = Callable[..., Any]


@dataclass(frozen=True)
class Panel:
    """A block a feature app adds to a page of the core: its template and that template's context."""

    template: str
    context: dict
    # The spot on the page, for pages with more than one (the citizen's space: "expected" puts
    # the block among what is expected from the citizen); "" is the page's main place for them.
    place: str = ""


# A panel provider returns the panel to show, None to show nothing, or a list of panels (several
# places on the page filled from one query).
PanelProvider = Callable[..., Panel | list[Panel] | None]

_registries: dict[str, dict[str, Callable]] = {
    "event": {},
    "resolution": {},
    "agent_ticket_panel": {},
    "citizen_space_panel": {},
}


def _register(registry: str, name: str, function: Callable) -> Callable:
    # Keyed by name, so a second ready() (tests reload apps) replaces instead of doubling.
    _registries[registry][name] = function
    return function


def on_ticket_event(name: str, subscriber: EventSubscriber) -> EventSubscriber:
    """Call `subscriber(event)` for every timeline event, in the transaction that appends it."""
    return _register("event", name, subscriber)


def on_ticket_resolved(name: str, subscriber: ResolutionSubscriber) -> ResolutionSubscriber:
    """Call `subscriber(ticket, now=...)` when an agent resolves a request, in its transaction."""
    return _register("resolution", name, subscriber)


def agent_ticket_panel(name: str, provider: PanelProvider) -> PanelProvider:
    """Add `provider(ticket, user=...)`'s panel to the agents' page of a request."""
    return _register("agent_ticket_panel", name, provider)


def citizen_space_panel(name: str, provider: PanelProvider) -> PanelProvider:
    """Add `provider(user, now=...)`'s panel to a signed-in citizen's personal space."""
    return _register("citizen_space_panel", name, provider)


def event_recorded(event: "TicketEvent") -> None:
    for subscriber in _registries["event"].values():
        subscriber(event)


def ticket_resolved(ticket: "Ticket", *, now: "datetime.datetime") -> None:
    for subscriber in _registries["resolution"].values():
        subscriber(ticket, now=now)


def agent_ticket_panels(ticket: "Ticket", *, user) -> list[Panel]:
    return _panels("agent_ticket_panel", ticket, user=user)


def citizen_space_panels(user, *, now: "datetime.datetime") -> list[Panel]:
    return _panels("citizen_space_panel", user, now=now)


def _panels(registry: str, *args, **kwargs) -> list[Panel]:
    panels = []
    for provider in _registries[registry].values():
        provided = provider(*args, **kwargs)
        if isinstance(provided, Panel):
            panels.append(provided)
        elif provided is not None:
            panels.extend(provided)
    return panels
