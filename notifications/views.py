"""The notification centre, preferences, and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import outbox
from .forms import PreferenceForm
from .models import Notification
from .preferences import GROUPS, opt_out, preferences_for, preferences_from_token

CENTRE_PAGE_SIZE = 30


# Notifications that invite to something lead there rather than to their request.
INVITATION_LINKS = {"survey_invitation": "survey_url", "follow_up": "follow_ups_url"}


def _link(notification: Notification, user) -> str:
    invited_to = notification.context.get(INVITATION_LINKS.get(notification.template, ""), "")
    if invited_to:
        return invited_to
    if notification.ticket_id:
        name = "requests_app:agent_ticket" if user.works_tickets else "requests_app:my_ticket"
        return reverse(name, args=[notification.ticket.reference])
    return notification.context.get("appointments_url", "")


@login_required
@require_safe
def centre(request):
    rows = (
        Notification.objects.filter(recipient=request.user, channel=Notification.Channel.IN_APP)
        .select_related("ticket__service", "ticket__citizen")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(rows, CENTRE_PAGE_SIZE).get_page(request.GET.get("page"))
    items = [
        {"notification": row, "summary": outbox.summary(row), "link": _link(row, request.user)}
        for row in page.object_list
    ]
    return render(request, "notifications/centre.html", {"page": page, "items": items})


@login_required
@require_POST
def mark_read(request):
    if request.POST.get("all"):
        count = outbox.mark_read(user=request.user)
        if count:
            messages.success(
                request,
                ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
                % {"count": count},
            )
        return redirect("notifications:centre")
    raw = request.POST.get("notification", "")
    if not raw.isdigit():
        return HttpResponseBadRequest(_("Say which notification to mark as read."))
    notification = get_object_or_404(
        Notification, pk=int(raw), recipient=request.user, channel=Notification.Channel.IN_APP
    )
    # Marking an already-read notification again is a no-op, not an error.
    outbox.mark_read(user=request.user, notification_id=notification.pk)
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    preference = preferences_for(user=request.user)
    initial = {"language": request.user.preferred_language}
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference, initial=initial)
        if form.is_valid():
            with transaction.atomic():
                form.save()
                request.user.preferred_language = form.cleaned_data["language"]
                request.user.save(update_fields=["preferred_language"])
            messages.success(request, _("Your preferences have been saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(instance=preference, initial=initial)
    groups = [
        {"title": title, "fields": [form[f"{group}_email"], form[f"{group}_sms"]]}
        for group, title in zip(
            GROUPS, (_("About my requests"), _("Appointment reminders"), _("News from the town hall")), strict=True
        )
    ]
    return render(request, "notifications/preferences.html", {"form": form, "groups": groups})


@csrf_exempt  # RFC 8058: mail clients POST here without a form; the signed token is the proof.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    try:
        preference = preferences_from_token(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        opt_out(preference)
        return render(request, "notifications/unsubscribe.html", {"done": True})
    return render(request, "notifications/unsubscribe.html", {"done": False, "already": preference.opted_out})
