"""The citizen side: what one can ask, filing a request, and following it by link or account.

A ticket is reached in one of two ways, by its secret tracking link (no account) or from the
citizen's account; both share one detail page and one set of actions (`Access` says which
way was used). Every state change goes through `workflow`; these views only parse, check
access, call, and answer.
"""

import datetime
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from notifications import appointments, outbox
from notifications.models import Appointment, Notification

from . import intake, workflow
from .attachments import download_response
from .category_fields import display_answers
from .forms_citizen import FindTicketForm, ReopenForm, ReplyForm, TicketForm
from .models import STATUS_STEPS, Attachment, Category, Channel, Message, Ticket, TicketEvent
from .permissions import get_ticket_by_token, get_ticket_for_citizen, tickets_of_citizen

# The tracking token travels from the form to the confirmation page in a short-lived signed
# cookie that only that page receives and that it deletes: no session is written for it.
CREATED_TICKET_COOKIE = "rc_created_ticket"
CREATED_TICKET_COOKIE_SALT = "requests_app.ticket_created"
CREATED_TICKET_COOKIE_MAX_AGE = 30 * 60
MY_TICKETS_PAGE_SIZE = 20
# The personal space shows the latest few of each list and links to the full page.
MY_SPACE_LIST_SIZE = 10
# A booked appointment this close becomes something expected from the citizen.
APPOINTMENT_SOON = datetime.timedelta(days=7)
# One re-sent tracking link per ticket in this window, whatever is asked: no mail bombing.
RESEND_THROTTLE_SECONDS = 5 * 60

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

STATUS_BADGES = {
    S.RECEIVED: "secondary",
    S.QUALIFIED: "info",
    S.IN_PROGRESS: "primary",
    S.AWAITING_CITIZEN: "warning",
    S.RESOLVED: "success",
    S.CLOSED: "dark",
    S.REJECTED: "danger",
    S.MERGED: "secondary",
}


def is_citizen(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.CITIZEN


def citizen_required(view):
    """Signed-in citizens only: anonymous people log in first, staff get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_citizen(request.user):
            raise PermissionDenied("The personal space is for citizens")
        return view(request, *args, **kwargs)

    return wrapper


# --- public pages --------------------------------------------------------------------------


@require_safe
def home(request):
    categories = (
        Category.objects.filter(is_active=True, service__is_active=True)
        .select_related("service")
        .order_by("service__name", "name")
    )
    return render(request, "citizen/home.html", {"categories": categories})


@require_safe
def privacy(request):
    return render(request, "citizen/privacy.html", {"reopen_days": settings.REOPEN_DELAY_DAYS})


@require_safe
def accessibility(request):
    return render(request, "citizen/accessibility.html")


# --- filing a request ----------------------------------------------------------------------


def _initial_from_query(request) -> dict:
    code = request.GET.get("categorie", "")
    category = (
        Category.objects.filter(service_code=code, is_active=True, service__is_active=True).first() if code else None
    )
    if category is None:
        return {"kind": Ticket._meta.get_field("kind").default}
    return {"category": category.pk, "kind": category.kind}


@require_http_methods(["GET", "HEAD", "POST"])
def new_ticket(request):
    citizen = request.user if is_citizen(request.user) else None
    status = 200
    if request.method == "POST":
        form = TicketForm(request.POST, request.FILES, citizen=citizen)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _ticket, token = intake.open_ticket(
                    intake.Filing(
                        channel=Channel.WEB,
                        kind=data["kind"],
                        category=data["category"],
                        citizen=citizen,
                        contact_name=data.get("contact_name", ""),
                        contact_email=data.get("contact_email", ""),
                        contact_phone=data.get("contact_phone", ""),
                        subject=data["subject"],
                        description=data["description"],
                        address=data["address"],
                        attachments=data["attachments"],
                        attributes=data["attributes"],
                        language=get_language() or settings.LANGUAGE_CODE,
                    )
                )
            except intake.IntakeError:
                form.add_error("category", _("Choose the subject area of your request."))
            else:
                # The token exists in clear only now: the confirmation page shows it once.
                response = redirect("requests_app:ticket_created")
                response.set_signed_cookie(
                    CREATED_TICKET_COOKIE,
                    token,
                    salt=CREATED_TICKET_COOKIE_SALT,
                    max_age=CREATED_TICKET_COOKIE_MAX_AGE,
                    path=reverse("requests_app:ticket_created"),
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
                return response
        status = 400
    else:
        form = TicketForm(initial=_initial_from_query(request), citizen=citizen)
    return render(request, "citizen/new_ticket.html", {"form": form}, status=status)


@never_cache
@require_safe
def ticket_created(request):
    token = request.get_signed_cookie(
        CREATED_TICKET_COOKIE, default=None, salt=CREATED_TICKET_COOKIE_SALT, max_age=CREATED_TICKET_COOKIE_MAX_AGE
    )
    try:
        ticket = get_ticket_by_token(token) if token else None
    except Http404:
        ticket = None  # a request deleted since: nothing to show
    if ticket is not None:
        context = {
            "ticket": ticket,
            "tracking_url": settings.SITE_URL + reverse("requests_app:track", args=[token]),
            "has_account": is_citizen(request.user),
        }
        response = render(request, "citizen/ticket_created.html", context)
    else:
        response = redirect("requests_app:home")
    # Shown once: a reload or a later visit finds nothing and goes home.
    if CREATED_TICKET_COOKIE in request.COOKIES:
        response.delete_cookie(CREATED_TICKET_COOKIE, path=reverse("requests_app:ticket_created"), samesite="Lax")
    return response


# --- finding a tracking link again ---------------------------------------------------------


def _ticket_matching(reference: str, email: str) -> Ticket | None:
    return (
        Ticket.objects.select_related("citizen")
        .filter(reference=reference)
        .filter(Q(contact_email__iexact=email) | Q(citizen__email__iexact=email))
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def find_ticket(request):
    status = 200
    if request.method == "POST":
        form = FindTicketForm(request.POST)
        if form.is_valid():
            ticket = _ticket_matching(form.cleaned_data["reference"], form.cleaned_data["email"])
            throttle_key = f"tracking-link-resent:{ticket.tracking_token_hash}" if ticket else ""
            if ticket is not None and cache.add(throttle_key, 1, timeout=RESEND_THROTTLE_SECONDS):
                outbox.queue_email(
                    template="tracking_link",
                    to=form.cleaned_data["email"],
                    ticket=ticket,
                    recipient=ticket.citizen,
                    language=ticket.citizen.preferred_language if ticket.citizen_id else ticket.language,
                )
            # The same answer whether or not anything matched: the form tells no one who filed what.
            messages.info(
                request,
                _(
                    "If this reference and this e-mail address belong to the same request, its tracking "
                    "link has just been sent to that address. It may take a few minutes to arrive; "
                    "check your spam folder too."
                ),
            )
            return redirect("requests_app:find_ticket")
        status = 400
    else:
        form = FindTicketForm()
    context = {"form": form, "has_account": is_citizen(request.user)}
    return render(request, "citizen/find_ticket.html", context, status=status)


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


def _steps(ticket: Ticket) -> list[dict]:
    current = S.IN_PROGRESS if ticket.status == S.AWAITING_CITIZEN else ticket.status
    if current not in STATUS_STEPS:
        return []  # rejected or merged: said in words instead
    index = STATUS_STEPS.index(current)
    return [
        {"label": step.label, "state": "done" if i < index else "current" if i == index else "todo"}
        for i, step in enumerate(STATUS_STEPS)
    ]


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
        "steps": _steps(ticket),
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
        "survivor_steps": _steps(survivor) if survivor else [],
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
        ticket.steps = _steps(ticket)
    upcoming = list(
        Appointment.objects.filter(citizen=user, status=Appointment.Status.BOOKED, slot__ends_at__gt=now)
        .select_related("slot__counter__service", "ticket")
        .order_by("slot__starts_at", "pk")
    )
    for appointment in upcoming:
        appointment.changeable = appointments.citizen_may_still_change(appointment, now=now)
    context = {
        "expected_tickets": _expected_tickets(user),
        "soon_appointments": [a for a in upcoming if a.slot.starts_at <= now + APPOINTMENT_SOON],
        "latest_tickets": latest,
        "upcoming": upcoming,
        "feed_url": appointments.feed_url(user),
        "documents": _documents(user),
        "notifications": _latest_notifications(user),
    }
    return render(request, "citizen/my_space.html", context)


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
