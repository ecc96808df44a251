"""The survey pages a citizen opens from the invitation, and the supervisors' follow-ups.

A GET never records anything: mail gateways and link previews fetch the links of a message.
The one-click link of the e-mail shows the page with that score chosen; the page's script
POSTs it at once, and without JavaScript the visible button does.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import surveys
from .forms import FollowUpDoneForm, SurveyForm
from .models import FollowUp, Survey

FOLLOW_UPS_LIMIT = 200


def _survey_or_404(token: str) -> Survey:
    if len(token) > 128:
        raise Http404("Unknown survey link")
    try:
        return surveys.survey_from_token(token)
    except Survey.DoesNotExist:
        raise Http404("Unknown survey link") from None


def _expired(request, survey: Survey):
    return render(request, "survey/expired.html", {"survey": survey, "ticket": survey.ticket}, status=410)


def _render_page(request, survey: Survey, token: str, *, form=None, chosen=None, status=200):
    questions = surveys.asked_questions()
    if form is None:
        initial = SurveyForm.initial_from(survey)
        if chosen is not None:
            initial["satisfaction"] = chosen
        form = SurveyForm(initial=initial, questions=questions)
    context = {
        "survey": survey,
        "ticket": survey.ticket,
        "form": form,
        "token": token,
        "chosen": chosen,
        "can_reopen": surveys.can_reopen(survey),
        "reopen_url": surveys.reopen_url(survey),
    }
    return render(request, "survey/answer.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, token):
    survey = _survey_or_404(token)
    if survey.is_expired:
        return _expired(request, survey)
    if request.method != "POST":
        return _render_page(request, survey, token)
    form = SurveyForm(request.POST, questions=surveys.asked_questions())
    if not form.is_valid():
        return _render_page(request, survey, token, form=form, status=400)
    try:
        surveys.record_answer(
            survey.pk,
            satisfaction=form.cleaned_data["satisfaction"],
            effort=form.cleaned_data["effort"],
            resolved=form.cleaned_data["resolved"],
            trust=form.cleaned_data["trust"],
            comment=form.cleaned_data["comment"],
            criteria=form.criteria(),
        )
    except surveys.SurveyExpired:
        return _expired(request, survey)
    return redirect("survey:thanks", token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def rate(request, token, score):
    """The one-click link: GET shows the page with the score chosen, POST records the score."""
    if score not in surveys.SCORES:
        raise Http404("A rating is 1 to 5")
    survey = _survey_or_404(token)
    if survey.is_expired:
        return _expired(request, survey)
    if request.method != "POST":
        return _render_page(request, survey, token, chosen=score)
    try:
        surveys.record_rating(survey.pk, score)
    except surveys.SurveyExpired:
        return _expired(request, survey)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, _("Thank you: your rating has been recorded. You can tell us more below."))
    return redirect("survey:answer", token)


@never_cache
@require_safe
def thanks(request, token):
    survey = _survey_or_404(token)
    if survey.is_expired:
        return _expired(request, survey)
    context = {
        "survey": survey,
        "ticket": survey.ticket,
        "token": token,
        "can_reopen": surveys.can_reopen(survey),
        "reopen_url": surveys.reopen_url(survey),
    }
    return render(request, "survey/thanks.html", context)


# --- follow-ups ----------------------------------------------------------------------------


def _follow_ups_page(request, *, failed=None, failed_form=None, status=200):
    rows = list(
        surveys.follow_ups_for(request.user)
        .filter(status=FollowUp.Status.OPEN)
        .select_related("service", "survey__ticket")
        .order_by("created_at", "pk")[:FOLLOW_UPS_LIMIT]
    )
    for follow_up in rows:
        if failed is not None and follow_up.pk == failed:
            follow_up.form = failed_form
        else:
            follow_up.form = FollowUpDoneForm(prefix=f"follow-up-{follow_up.pk}")
    return render(request, "survey/follow_ups.html", {"follow_ups": rows, "limit": FOLLOW_UPS_LIMIT}, status=status)


def supervisor_required(view):
    """Supervisors and administrators only: anonymous people log in first, others get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not surveys.may_handle_follow_ups(request.user):
            raise PermissionDenied("Follow-ups are for supervisors and administrators")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


@require_safe
@supervisor_required
def follow_ups(request):
    return _follow_ups_page(request)


@require_POST
@supervisor_required
def follow_up_done(request, pk):
    follow_up = surveys.follow_ups_for(request.user).filter(pk=pk).first()
    if follow_up is None:
        raise Http404("No such follow-up in your services")
    form = FollowUpDoneForm(request.POST, prefix=f"follow-up-{pk}")
    if not form.is_valid():
        return _follow_ups_page(request, failed=pk, failed_form=form, status=400)
    try:
        surveys.mark_follow_up_done(pk, by=request.user, note=form.cleaned_data["note"])
    except surveys.FollowUpDone as done:
        messages.info(request, str(done))
    else:
        messages.success(request, _("The follow-up is marked done."))
    return redirect("survey:follow_ups")
