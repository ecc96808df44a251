"""What a notification about a request is rendered with: the request's facts, links and headers.

The outbox knows only that a row may name a ticket; `RequestsAppConfig.ready()` registers these
functions with it, so every template about a request finds its reference, its service, its due
date and the citizen's links, and every e-mail carries the reference in a header.
"""

from django.conf import settings
from django.urls import reverse


def ticket_context(notification) -> dict:
    ticket = notification.ticket
    if ticket is None:
        return {}
    token = ticket.tracking_token()
    return {
        "ticket": ticket,
        "reference": ticket.reference,
        "service": ticket.service.name,
        "due_date": ticket.due_date,
        "tracking_url": ticket.tracking_url(),
        "confirm_url": settings.SITE_URL + reverse("requests_app:track_confirm", args=[token]),
        "reopen_url": settings.SITE_URL + reverse("requests_app:track_reopen", args=[token]),
        "recipient_name": ticket.display_name,
    }


def ticket_headers(notification) -> dict:
    if not notification.ticket_id:
        return {}
    return {"X-Relation-Citoyen-Reference": notification.ticket.reference}
