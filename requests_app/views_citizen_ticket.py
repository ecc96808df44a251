"""One request on the citizen side, by its tracking link or from the citizen's account.

Both ways share one detail page and one set of actions (`Access` says which way was used).
Every state change goes through `workflow`; these views only parse, check access, call, and
answer.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import workflow
from .attachments import download_response
from .category_fields import display_answers
from .forms_citizen import ReopenForm, ReplyForm
from .models import Attachment, Message, Ticket, TicketEvent
from .permissions import get_ticket_by_token, get_ticket_for_citizen
from .views_citizen import STATUS_BADGES, citizen_required, status_steps

S = Ticket.Status
E = TicketEvent.Kind

# How each public timeline event reads to the person who filed the request.
EVENT_TITLES = {
    E.CREATED: gettext_lazy("Request received"),
    E.ASSIGNED: gettext_lazy("Taken in charge by the service"),
    E.PUBLIC_REPLY: gettext_lazy("Reply from the service"),
    E.CITIZEN_MESSAGE: gettext_lazy("Your message"),
    E.INFO_REQUESTED: gettext_lazy("The service needs information from you"),
    E.RESOLVED: gettext_lazy("Request resolved"),
    E.REJECTED: gettext_lazy("Request rejected"),
    E.REOPENED: gettext_lazy("Request reopened"),
    E.CONFIRMED: gettext_lazy("Resolution confirmed"),
    E.CLOSED: gettext_lazy("Request closed"),
    E.LINKED_TO_ACCOUNT: gettext_lazy("Linked to your account"),
}
# What a citizen sees of the surviving ticket their request was merged into: the service's
# side only, never the other person's messages or account.
FOREIGN_HIDDEN_EVENTS = (E.CITIZEN_MESSAGE, E.LINKED_TO_ACCOUNT, E.INTERNAL_NOTE)

# --- one ticket, by link or by account -----------------------------------------------------


@dataclass(frozen=True)
class Access:
    """How the person reached the ticket: its tracking link, or their citizen account."""

    via_token: bool
    key: str  # the tracking token, or the ticket's reference in the account

    def ticket(self, request) -> Ticket:
        if self.via_token:
            return get_ticket_by_token(self.key)
        return get_ticket_for_citizen(request.user, self.key)

    def url(self, action: str = "", *args) -> str:
        name = "track" if self.via_token else "my_ticket"
        if action:
            name = f"{name}_{action}"
        return reverse(f"requests_app:{name}", args=[self.key, *args])

    def user(self, request, ticket: Ticket):
        """Who acts: the account when it owns the ticket; through a bare link, nobody known."""
        if request.user.is_authenticated and ticket.citizen_id == request.user.pk:
            return request.user
        return None


def _timeline(ticket: Ticket, access: Access, *, own: bool) -> list[TicketEvent]:
    """The public events of a ticket with what the person may see of each."""
    public_attachments = Attachment.objects.filter(is_public=True)
    if not own:
        public_attachments = public_attachments.filter(message__kind=Message.Kind.PUBLIC_REPLY)
    events = (
        ticket.events.filter(is_public=True)
        .exclude(kind=E.INTERNAL_NOTE)
        .select_related("message")
        .prefetch_related(Prefetch("message__attachments", queryset=public_attachments, to_attr="public_attachments"))
    )
    if not own:
        events = events.exclude(kind__in=FOREIGN_HIDDEN_EVENTS)
    visible_kinds = {Message.Kind.PUBLIC_REPLY, Message.Kind.CITIZEN_MESSAGE} if own else {Message.Kind.PUBLIC_REPLY}
    timeline = []
    for event in events:
        event.title = _event_title(event)
        event.detail = event.data.get("reason", "") if event.kind == E.REJECTED else ""
        message = event.message if event.message is not None and event.message.kind in visible_kinds else None
        event.public_message = message
        event.files = [_with_url(attachment, access) for attachment in message.public_attachments] if message else []
        timeline.append(event)
    return timeline


def _event_title(event: TicketEvent) -> str:
    if event.kind in EVENT_TITLES:
        return str(EVENT_TITLES[event.kind])
    if event.kind == E.REROUTED:
        return _("Sent to the service %(service)s") % {"service": event.data.get("to_service", "")}
    if event.kind == E.MERGED:
        return _("Merged into request %(reference)s") % {"reference": event.data.get("into", "")}
    if event.kind == E.STATUS_CHANGED:
        return _("Status: %(status)s") % {"status": event.get_to_status_display()}
    return event.get_kind_display()


def _with_url(attachment: Attachment, access: Access) -> Attachment:
    attachment.download_url = access.url("attachment", attachment.pk)
    return attachment


def _render_detail(request, ticket: Ticket, access: Access, *, status=200, reply_form=None, reopen_form=None):
    actions = workflow.available_actions(ticket, access.user(request, ticket), via_token=access.via_token)
    can_reply = workflow.Action.CITIZEN_REPLY in actions
    can_reopen = workflow.Action.REOPEN in actions
    initial_files = Attachment.objects.filter(ticket=ticket, is_public=True, message__isnull=True)
    survivor = ticket.duplicate_of if ticket.status == S.MERGED else None
    context = {
        "ticket": ticket,
        "badge": STATUS_BADGES.get(ticket.status, "secondary"),
        "access": access,
        "steps": status_steps(ticket),
        "timeline": _timeline(ticket, access, own=True),
        "initial_files": [_with_url(attachment, access) for attachment in initial_files],
        "can_reply": can_reply,
        "can_confirm": workflow.Action.CONFIRM in actions,
        "can_reopen": can_reopen,
        "reply_form": (reply_form or ReplyForm(prefix="reply")) if can_reply else None,
        "reopen_form": (reopen_form or ReopenForm(prefix="reopen")) if can_reopen else None,
        "reopen_until": (
            ticket.resolved_at + datetime.timedelta(days=settings.REOPEN_DELAY_DAYS)
            if ticket.status == S.RESOLVED and ticket.resolved_at
            else None
        ),
        "answers": display_answers(ticket),
        "survivor": survivor,
        "survivor_steps": status_steps(survivor) if survivor else [],
        "survivor_timeline": _timeline(survivor, access, own=False) if survivor else [],
        "urls": {
            "detail": access.url(),
            "reply": access.url("reply"),
            "confirm": access.url("confirm"),
            "reopen": access.url("reopen"),
        },
    }
    return render(request, "citizen/ticket_detail.html", context, status=status)


def _detail(request, access: Access):
    return _render_detail(request, access.ticket(request), access)


def _refused(request, access: Access, error: workflow.InvalidTransition):
    """A double click or a stale page: say why, show the ticket as it is now, change nothing."""
    messages.error(request, str(error))
    return _render_detail(request, access.ticket(request), access, status=409)


def _reply(request, access: Access):
    ticket = access.ticket(request)
    form = ReplyForm(request.POST, request.FILES, prefix="reply")
    if not form.is_valid():
        return _render_detail(request, ticket, access, reply_form=form, status=400)
    try:
        workflow.citizen_reply(
            ticket.pk,
            by=access.user(request, ticket),
            body=form.cleaned_data["body"],
            attachments=form.cleaned_data["attachments"],
            via_token=access.via_token,
        )
    except workflow.InvalidTransition as error:
        return _refused(request, access, error)
    messages.success(request, _("Your message has been sent to the service in charge."))
    return redirect(access.url())


def _confirm(request, access: Access):
    ticket = access.ticket(request)
    try:
        workflow.confirm_resolution(ticket.pk, by=access.user(request, ticket), via_token=access.via_token)
    except workflow.InvalidTransition as error:
        return _refused(request, access, error)
    messages.success(request, _("Thank you: your request is now closed."))
    return redirect(access.url())


def _reopen(request, access: Access):
    ticket = access.ticket(request)
    form = ReopenForm(request.POST, prefix="reopen")
    if not form.is_valid():
        return _render_detail(request, ticket, access, reopen_form=form, status=400)
    try:
        workflow.reopen_ticket(
            ticket.pk, by=access.user(request, ticket), reason=form.cleaned_data["reason"], via_token=access.via_token
        )
    except workflow.InvalidTransition as error:
        return _refused(request, access, error)
    messages.success(request, _("Your request has been reopened and sent back to the service in charge."))
    return redirect(access.url())


def _too_late(ticket: Ticket, action: workflow.Action) -> str:
    """Why the action of an e-mail link cannot be done any more, in the citizen's words."""
    if ticket.status == S.CLOSED:
        if action == workflow.Action.CONFIRM:
            return _("This request is already closed: there is nothing more to do. Thank you!")
        return _(
            "This request is closed, so it can no longer be reopened. If the problem remains, "
            "please make a new request."
        )
    if ticket.status == S.RESOLVED and action == workflow.Action.REOPEN:
        return ngettext(
            "A request can be reopened only within %(days)s day of its resolution, and that delay has "
            "passed. If the problem remains, please make a new request.",
            "A request can be reopened only within %(days)s days of its resolution, and that delay has "
            "passed. If the problem remains, please make a new request.",
            settings.REOPEN_DELAY_DAYS,
        ) % {"days": settings.REOPEN_DELAY_DAYS}
    return _("This request is no longer waiting for your answer: it is now “%(status)s”.") % {
        "status": ticket.get_status_display()
    }


def _one_click(request, access: Access, action: workflow.Action):
    """The page an e-mail link opens: one button for one action, or why it is too late."""
    ticket = access.ticket(request)
    allowed = action in workflow.available_actions(ticket, access.user(request, ticket), via_token=access.via_token)
    form = None
    if allowed and action == workflow.Action.REOPEN:
        form = ReopenForm(prefix="reopen")
        # The citizen came to explain what is wrong: the cursor waits in the box.
        form.fields["reason"].widget.attrs["autofocus"] = True
    context = {
        "ticket": ticket,
        "action": str(action),
        "allowed": allowed,
        "too_late": "" if allowed else _too_late(ticket, action),
        "reopen_form": form,
        "urls": {"detail": access.url(), "action": access.url(str(action))},
    }
    return render(request, "citizen/one_click.html", context)


def _download(request, access: Access, pk: int):
    ticket = access.ticket(request)
    visible = Q(ticket=ticket)
    if ticket.status == S.MERGED and ticket.duplicate_of_id:
        # The service's answers on the surviving request, never the other person's files.
        visible |= Q(ticket_id=ticket.duplicate_of_id, message__kind=Message.Kind.PUBLIC_REPLY)
    return download_response(Attachment.objects.filter(visible, is_public=True, pk=pk).first())


# By tracking link.


@never_cache
@require_safe
def track(request, token):
    return _detail(request, Access(via_token=True, key=token))


@never_cache
@require_POST
def track_reply(request, token):
    return _reply(request, Access(via_token=True, key=token))


# The links of the "resolved" e-mail point at the confirm and reopen actions themselves: a GET
# only shows a page with the single button (mail scanners and link previews follow links, so
# it must change nothing), and the button POSTs to the very same address.


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track_confirm(request, token):
    access = Access(via_token=True, key=token)
    if request.method == "POST":
        return _confirm(request, access)
    return _one_click(request, access, workflow.Action.CONFIRM)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track_reopen(request, token):
    access = Access(via_token=True, key=token)
    if request.method == "POST":
        return _reopen(request, access)
    return _one_click(request, access, workflow.Action.REOPEN)


@never_cache
@require_safe
def track_attachment(request, token, pk):
    return _download(request, Access(via_token=True, key=token), pk)


# From the citizen's account.


@citizen_required
@require_safe
def my_ticket(request, reference):
    return _detail(request, Access(via_token=False, key=reference))


@citizen_required
@require_POST
def my_ticket_reply(request, reference):
    return _reply(request, Access(via_token=False, key=reference))


@citizen_required
@require_POST
def my_ticket_confirm(request, reference):
    return _confirm(request, Access(via_token=False, key=reference))


@citizen_required
@require_POST
def my_ticket_reopen(request, reference):
    return _reopen(request, Access(via_token=False, key=reference))


@citizen_required
@require_safe
def my_ticket_attachment(request, reference, pk):
    return _download(request, Access(via_token=False, key=reference), pk)
