"""Held mail: the agents' queue and its three actions (attach, open a request, discard).

Thin views: the permission helper returns 404 for a mail outside the agent's services, one call
into `processing` does the work, a message says what happened.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from requests_app.intake import IntakeError
from requests_app.permissions import tickets_visible_to_staff
from requests_app.workflow import InvalidTransition

from . import parsing, processing
from .forms import AttachForm, DiscardForm
from .permissions import get_held_for_agent, held_visible_to, may_handle_held_mail


def held_mail_handler_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not may_handle_held_mail(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@held_mail_handler_required
def held_list(request):
    held = held_visible_to(request.user).select_related("ticket").defer("raw", "body").order_by("received_at", "pk")
    page = Paginator(held, settings.WORKBENCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "email_intake/held_list.html", {"page_obj": page})


def _render_detail(request, inbound, *, attach_form=None, discard_form=None, status=200):
    message, _raw = parsing.load_message(bytes(inbound.raw))
    initial = {"reference": inbound.ticket.reference} if inbound.ticket_id else {}
    context = {
        "inbound": inbound,
        "full_text": parsing.body_text(message),
        "attach_form": attach_form or AttachForm(user=request.user, initial=initial),
        "discard_form": discard_form or DiscardForm(),
        "ticket_visible": inbound.ticket_id is not None
        and tickets_visible_to_staff(request.user).filter(pk=inbound.ticket_id).exists(),
    }
    return render(request, "email_intake/held_detail.html", context, status=status)


@require_GET
@held_mail_handler_required
def held_detail(request, pk):
    return _render_detail(request, get_held_for_agent(request.user, pk))


@require_POST
@held_mail_handler_required
def held_attach(request, pk):
    inbound = get_held_for_agent(request.user, pk)
    form = AttachForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render_detail(request, inbound, attach_form=form, status=400)
    try:
        processing.attach_held_to_ticket(inbound.pk, ticket=form.ticket, by=request.user)
    except processing.AlreadyHandled as done:
        messages.info(request, str(done))
        return redirect("email_intake:held_list")
    except InvalidTransition as refusal:
        form.add_error("reference", str(refusal))
        return _render_detail(request, inbound, attach_form=form, status=409)
    messages.success(request, _("The e-mail is added to request %(reference)s.") % {"reference": form.ticket.reference})
    return redirect(form.ticket)


@require_POST
@held_mail_handler_required
def held_open(request, pk):
    inbound = get_held_for_agent(request.user, pk)
    try:
        done = processing.open_ticket_from_held(inbound.pk, by=request.user)
    except processing.AlreadyHandled as refusal:
        messages.info(request, str(refusal))
        return redirect("email_intake:held_list")
    except InvalidTransition as refusal:
        messages.error(request, str(refusal))
        return _render_detail(request, inbound, status=409)
    except IntakeError:
        messages.error(request, _("No triage service is set up: attach the e-mail to an existing request instead."))
        return _render_detail(request, inbound, status=409)
    messages.success(
        request, _("Request %(reference)s is opened from the e-mail.") % {"reference": done.ticket.reference}
    )
    if tickets_visible_to_staff(request.user).filter(pk=done.ticket_id).exists():
        return redirect(done.ticket)
    return redirect("email_intake:held_list")


@require_POST
@held_mail_handler_required
def held_discard(request, pk):
    inbound = get_held_for_agent(request.user, pk)
    form = DiscardForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, inbound, discard_form=form, status=400)
    try:
        processing.discard_held(inbound.pk, by=request.user, reason=form.cleaned_data["reason"])
    except processing.AlreadyHandled as refusal:
        messages.info(request, str(refusal))
    except ValidationError as error:
        form.add_error("reason", error)
        return _render_detail(request, inbound, discard_form=form, status=400)
    else:
        messages.success(request, _("The e-mail is discarded."))
    return redirect("email_intake:held_list")
