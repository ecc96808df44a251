"""A signed-in citizen's own pages: the list of their requests and their personal space."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from notifications import outbox
from notifications.models import Notification

from . import hooks, workflow
from .models import Attachment, Message, Ticket
from .permissions import tickets_of_citizen
from .views_citizen import STATUS_BADGES, citizen_required, status_steps

MY_TICKETS_PAGE_SIZE = 20
# The personal space shows the latest few of each list and links to the full page.
MY_SPACE_LIST_SIZE = 10

S = Ticket.Status


@citizen_required
@require_safe
def my_tickets(request):
    tickets = tickets_of_citizen(request.user).select_related("service", "category").order_by("-created_at", "-pk")
    page = Paginator(tickets, MY_TICKETS_PAGE_SIZE).get_page(request.GET.get("page"))
    for ticket in page:
        ticket.badge = STATUS_BADGES.get(ticket.status, "secondary")
    return render(request, "citizen/my_tickets.html", {"page": page})


def _expected_tickets(user) -> list[dict]:
    """The citizen's tickets waiting on them: a question to answer, a resolution to confirm."""
    waiting = (
        tickets_of_citizen(user)
        .filter(status__in=(S.AWAITING_CITIZEN, S.RESOLVED))
        .select_related("service")
        .order_by("-updated_at", "-pk")
    )
    expected = []
    for ticket in waiting:
        actions = workflow.available_actions(ticket, user)
        if ticket.status == S.AWAITING_CITIZEN and workflow.Action.CITIZEN_REPLY in actions:
            expected.append({"ticket": ticket, "answer": True})
        elif workflow.Action.CONFIRM in actions or workflow.Action.REOPEN in actions:
            expected.append({"ticket": ticket, "answer": False})
    return expected


def _documents(user) -> dict[str, list[Attachment]]:
    """The public files of the citizen's tickets: what they sent, what the services issued."""
    files = (
        Attachment.objects.filter(ticket__in=tickets_of_citizen(user), is_public=True)
        .exclude(message__kind=Message.Kind.INTERNAL_NOTE)
        .select_related("ticket", "message")
        .order_by("-created_at", "-pk")
    )
    documents = {"sent": [], "issued": []}
    for attachment in files:
        attachment.download_url = reverse(
            "requests_app:my_ticket_attachment", args=[attachment.ticket.reference, attachment.pk]
        )
        issued = attachment.message is not None and attachment.message.kind == Message.Kind.PUBLIC_REPLY
        documents["issued" if issued else "sent"].append(attachment)
    return documents


def _latest_notifications(user) -> list[dict]:
    rows = (
        Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP)
        .select_related("ticket__service", "ticket__citizen")
        .order_by("-created_at", "-pk")[:MY_SPACE_LIST_SIZE]
    )
    return [
        {
            "notification": row,
            "summary": outbox.summary(row),
            "link": (
                reverse("requests_app:my_ticket", args=[row.ticket.reference])
                if row.ticket_id
                else row.context.get("appointments_url", "")
            ),
        }
        for row in rows
    ]


@citizen_required
@require_safe
def my_space(request):
    """The citizen's personal space: what is expected from them first, then everything else."""
    user = request.user
    now = timezone.now()
    latest = list(
        tickets_of_citizen(user).select_related("service").order_by("-created_at", "-pk")[:MY_SPACE_LIST_SIZE]
    )
    for ticket in latest:
        ticket.badge = STATUS_BADGES.get(ticket.status, "secondary")
        ticket.steps = status_steps(ticket)
    # Feature apps' blocks (the appointments): "expected" ones join the first list.
    panels = hooks.citizen_space_panels(user, now=now)
    context = {
        "expected_tickets": _expected_tickets(user),
        "expected_panels": [panel for panel in panels if panel.place == "expected"],
        "latest_tickets": latest,
        "feature_panels": [panel for panel in panels if panel.place != "expected"],
        "documents": _documents(user),
        "notifications": _latest_notifications(user),
    }
    return render(request, "citizen/my_space.html", context)
