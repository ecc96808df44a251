"""The agents' workbench: the queue, a request's page, its actions and the quick entry.

Views stay thin: parse the form, find the ticket through the permission helper (404 for what
the person may not see), make one call (`actions.perform`, the dispatcher the REST API shares;
`selectors.select_tickets` for the queue; `intake` for the quick entry), say what happened,
redirect.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import outbox
from notifications.models import Notification

from . import hooks, intake, workflow
from .actions import perform
from .attachments import download_response
from .category_fields import display_answers
from .duplicates import suggest_duplicates
from .forms_agent import (
    AssignForm,
    CloseForm,
    MergeForm,
    NoteForm,
    QuickEntryForm,
    RejectForm,
    ReopenForm,
    ReplyForm,
    RequestInfoForm,
    RerouteForm,
    ResolveForm,
    TakeForm,
    WorkbenchFilterForm,
)
from .models import Ticket
from .permissions import get_ticket_for_agent, tickets_visible_to_staff
from .selectors import select_tickets
from .workflow import Action, InvalidTransition


def staff_required(view):
    """Signed-in staff only: anonymous people go to the login page, citizens get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def service_member_required(view):
    """Agents and supervisors only: they are the ones who open and work requests."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.works_tickets:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# --- the queue -----------------------------------------------------------------------------


@require_GET
@staff_required
def workbench(request):
    user = request.user
    # Always bound: an empty query string means the defaults (open requests, soonest due first).
    form = WorkbenchFilterForm(request.GET, user=user)
    page = None
    if form.is_valid():
        tickets = tickets_visible_to_staff(user).select_related("category", "service", "assignee")
        tickets = select_tickets(tickets, form.filters(user=user, today=timezone.localdate()))
        page = Paginator(tickets, settings.WORKBENCH_PAGE_SIZE).get_page(request.GET.get("page"))
    services = list(form.fields["service"].queryset)
    context = {"form": form, "page_obj": page, "show_service_filter": len(services) > 1}
    return render(request, "agent/workbench.html", context, status=200 if form.is_valid() else 400)


# --- a request's page ----------------------------------------------------------------------

ACTION_FORMS = {
    Action.TAKE: TakeForm,
    Action.ASSIGN: AssignForm,
    Action.REROUTE: RerouteForm,
    Action.REPLY: ReplyForm,
    Action.NOTE: NoteForm,
    Action.REQUEST_INFO: RequestInfoForm,
    Action.RESOLVE: ResolveForm,
    Action.REJECT: RejectForm,
    Action.MERGE: MergeForm,
    Action.REOPEN: ReopenForm,
    Action.CLOSE: CloseForm,
}
# Actions whose form carries files.
MULTIPART_ACTIONS = frozenset({Action.REPLY, Action.NOTE, Action.RESOLVE})


def _action_panels(ticket, user, *, failed_action=None, failed_form=None) -> list[dict]:
    panels = []
    for action in workflow.available_actions(ticket, user):
        if action not in ACTION_FORMS:
            continue
        if action == Action.TAKE and ticket.assignee_id == user.pk:
            continue  # nothing to take: it is already yours
        if action == failed_action:
            form = failed_form
        else:
            form = ACTION_FORMS[action](ticket=ticket, user=user, prefix=action.value)
        panels.append(
            {
                "action": action.value,
                "label": workflow.TRANSITIONS[action].label,
                "url": reverse(f"requests_app:agent_{action.value}", args=[ticket.reference]),
                "form": form,
                "multipart": action in MULTIPART_ACTIONS,
                "failed": action == failed_action,
            }
        )
    return panels


def _render_ticket(request, ticket, *, status=200, failed_action=None, failed_form=None):
    events = (
        ticket.events.select_related("actor", "message", "message__author")
        .prefetch_related("message__attachments")
        .order_by("created_at", "id")
    )
    panels = _action_panels(ticket, request.user, failed_action=failed_action, failed_form=failed_form)
    # Likely duplicates only for those who may merge this request, among the requests they may merge into.
    may_merge = any(panel["action"] == Action.MERGE for panel in panels)
    context = {
        "ticket": ticket,
        "answers": display_answers(ticket),
        "events": events,
        "attachments": ticket.attachments.select_related("uploaded_by").order_by("created_at", "id"),
        "panels": panels,
        "failed_form": failed_form,
        "duplicates": ticket.duplicates.only("reference", "subject").order_by("created_at"),
        "duplicate_suggestions": (
            suggest_duplicates(ticket, among=tickets_visible_to_staff(request.user)) if may_merge else []
        ),
        "undelivered_notifications": _undelivered_notifications(ticket),
        # What the feature apps show here (the satisfaction survey's answer, ...).
        "feature_panels": hooks.agent_ticket_panels(ticket, user=request.user),
    }
    return render(request, "agent/ticket.html", context, status=status)


def _undelivered_notifications(ticket) -> list[Notification]:
    """Notifications that gave up, or that failed at least once and wait for their next try."""
    trouble = Q(status=Notification.Status.FAILED) | Q(status=Notification.Status.PENDING, attempts__gt=0)
    return list(ticket.notifications.filter(trouble).order_by("created_at", "id"))


@require_GET
@staff_required
def agent_ticket(request, reference):
    ticket = get_ticket_for_agent(request.user, reference)
    return _render_ticket(request, ticket)


@require_GET
@staff_required
def agent_attachment(request, reference, pk):
    ticket = get_ticket_for_agent(request.user, reference)
    return download_response(ticket.attachments.filter(pk=pk).first())


@require_POST
@staff_required
def agent_retry_notification(request, reference, pk):
    ticket = get_ticket_for_agent(request.user, reference)
    notification = ticket.notifications.filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification on this request")
    if outbox.retry(notification.pk):
        messages.success(request, _("The notification will be sent again."))
    else:
        # A double click, or the delivery recovered on its own meanwhile: nothing to do.
        messages.info(request, _("This notification is not in failure: there is nothing to retry."))
    return redirect(ticket)


# --- the actions: one call each to the dispatcher the API shares ------------------------


def _done_message(action: Action, ticket: Ticket, result, data: dict) -> str:
    """What to tell the agent once `action` is done."""
    reference = {"reference": ticket.reference}
    match action:
        case Action.TAKE:
            return _("You now handle request %(reference)s.") % reference
        case Action.ASSIGN:
            return _("Request %(reference)s is assigned to %(name)s.") % {**reference, "name": data["assignee"]}
        case Action.REROUTE:
            return _("Request %(reference)s is sent to %(service)s.") % {**reference, "service": result.service}
        case Action.REPLY:
            return _("Your reply is sent.")
        case Action.NOTE:
            return _("Your internal note is added.")
        case Action.REQUEST_INFO:
            return _("Your question is sent; the request now awaits the citizen.")
        case Action.RESOLVE:
            return _("Request %(reference)s is resolved.") % reference
        case Action.REJECT:
            return _("Request %(reference)s is rejected.") % reference
        case Action.MERGE:
            return _("Request %(reference)s is merged into %(into)s.") % {**reference, "into": data["into"].reference}
        case Action.REOPEN:
            return _("Request %(reference)s is reopened.") % reference
        case Action.CLOSE:
            return _("Request %(reference)s is closed.") % reference
    raise ValueError(f"No message for action {action}")


@require_POST
@staff_required
def agent_action(request, reference, action):
    action = Action(action)
    ticket = get_ticket_for_agent(request.user, reference)
    form = ACTION_FORMS[action](request.POST, request.FILES, ticket=ticket, user=request.user, prefix=action.value)
    if not form.is_valid():
        return _render_ticket(request, ticket, status=400, failed_action=action, failed_form=form)
    try:
        result = perform(action, ticket.pk, by=request.user, **form.cleaned_data)
    except InvalidTransition as refusal:
        # A double click, a stale page or a crafted POST: nothing changed; say why.
        messages.error(request, str(refusal))
        return _render_ticket(request, get_ticket_for_agent(request.user, reference), status=409)
    messages.success(request, _done_message(action, ticket, result, form.cleaned_data))
    if tickets_visible_to_staff(request.user).filter(pk=ticket.pk).exists():
        return redirect(ticket)
    # Sent to a service the agent is not in: the request has left their workbench.
    return redirect("requests_app:workbench")


# --- quick entry of a request received by phone, at the counter, by mail... ---------------


@require_http_methods(["GET", "POST"])
@service_member_required
def quick_entry(request):
    if request.method == "POST":
        form = QuickEntryForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket, _token = intake.open_ticket(
                    intake.Filing(
                        channel=data["channel"],
                        kind=data["kind"],
                        category=data["category"],
                        subject=data["subject"],
                        description=data["description"],
                        address=data["address"],
                        priority=data["priority"],
                        citizen=data["citizen"],
                        contact_name=data["contact_name"],
                        contact_email=data["contact_email"],
                        contact_phone=data["contact_phone"],
                        attachments=data["attachments"],
                        entered_by=request.user,
                        citizen_confirmed_by=request.user if data["citizen_confirmed"] else None,
                    )
                )
            except intake.IntakeError:
                form.add_error("category", _("No triage service is set up: choose a category."))
            else:
                messages.success(
                    request,
                    _("Request %(reference)s is recorded for %(service)s.")
                    % {"reference": ticket.reference, "service": ticket.service},
                )
                if tickets_visible_to_staff(request.user).filter(pk=ticket.pk).exists():
                    return redirect(ticket)
                return redirect("requests_app:workbench")
        return render(request, "agent/quick_entry.html", {"form": form}, status=400)
    return render(request, "agent/quick_entry.html", {"form": QuickEntryForm()})
