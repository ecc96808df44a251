"""The citizen side: what one can ask, filing a request, finding its tracking link again.

A filed request is then followed on its own page, by its secret tracking link or from the
citizen's account (`views_citizen_ticket`), and a signed-in citizen has a personal space
(`views_citizen_space`). Every state change goes through `workflow` or `intake`; these views
only parse, check access, call, and answer.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from citizen_crm import ratelimit
from notifications import outbox

from . import intake
from .forms_citizen import FILES_NOT_KEPT, FindTicketForm, TicketForm
from .models import STATUS_STEPS, Category, Channel, Ticket
from .permissions import get_ticket_by_token

# The tracking token travels from the form to the confirmation page in a short-lived signed
# cookie that only that page receives and that it deletes: no session is written for it.
CREATED_TICKET_COOKIE = "rc_created_ticket"
CREATED_TICKET_COOKIE_SALT = "requests_app.ticket_created"
CREATED_TICKET_COOKIE_MAX_AGE = 30 * 60
# One re-sent tracking link per ticket in this window, whatever is asked: no mail bombing.
RESEND_THROTTLE_SECONDS = 5 * 60

S = Ticket.Status

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


def status_steps(ticket: Ticket) -> list[dict]:
    current = S.IN_PROGRESS if ticket.status == S.AWAITING_CITIZEN else ticket.status
    if current not in STATUS_STEPS:
        return []  # rejected or merged: said in words instead
    index = STATUS_STEPS.index(current)
    return [
        {"label": step.label, "state": "done" if i < index else "current" if i == index else "todo"}
        for i, step in enumerate(STATUS_STEPS)
    ]


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


def _filer_identity(citizen, data: dict) -> str:
    """Who files, for the per-person limit: the account, else the e-mail address or phone number given."""
    if citizen is not None:
        return f"user:{citizen.pk}"
    if data.get("contact_email"):
        return f"email:{data['contact_email']}"
    digits = "".join(ch for ch in data.get("contact_phone", "") if ch.isdigit())
    return f"phone:{digits}" if digits else ""


@require_http_methods(["GET", "HEAD", "POST"])
def new_ticket(request):
    citizen = request.user if is_citizen(request.user) else None
    status = 200
    if request.method == "POST":
        form = TicketForm(request.POST, request.FILES, citizen=citizen)
        if limited := ratelimit.check_form(
            request, "filing", form, identity=lambda data: _filer_identity(citizen, data)
        ):
            if request.FILES and "attachments" not in form.errors:
                form.add_error("attachments", FILES_NOT_KEPT)
            return ratelimit.refuse_form(request, limited, form=form, template="citizen/new_ticket.html")
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
        context = {"has_account": is_citizen(request.user)}
        if limited := ratelimit.check_form(request, "tracking_lookup", form, identity=lambda data: data["email"]):
            return ratelimit.refuse_form(
                request, limited, form=form, template="citizen/find_ticket.html", context=context
            )
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
