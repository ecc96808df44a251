"""The account's phone number and its verification by a texted code.

The pages name no account: each works on the signed-in person's own number, so nobody reaches
someone else's code. Every action is a POST; the pages need no JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from . import phone
from .forms import PhoneCodeForm, PhoneForm

# Refused sends that waiting would allow: the answer says "too many", the others "bad request".
_TOO_MANY = {"cool_down", "daily_limit"}


def _linked_message(count: int) -> str:
    return ngettext(
        "%(count)d earlier request made with this number is now in your account.",
        "%(count)d earlier requests made with this number are now in your account.",
        count,
    ) % {"count": count}


def _send_code(request) -> phone.PhoneError | None:
    try:
        phone.send_code(request.user)
    except phone.PhoneError as error:
        return error
    messages.success(request, _("We have sent a code by text message to %(phone)s.") % {"phone": request.user.phone})
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def phone_number(request):
    """See and change the account's number; a new number is sent a code at once."""
    user = request.user
    if request.method == "POST":
        form = PhoneForm(request.POST)
        if form.is_valid():
            changed = phone.change_phone(user, form.cleaned_data["phone"])
            if not user.phone:
                messages.success(request, _("Your phone number has been removed."))
                return redirect("accounts:phone")
            if changed or not phone.is_verified(user):
                error = _send_code(request)
                if error is not None:
                    messages.warning(request, error.message)
                return redirect("accounts:phone_verify")
            messages.info(request, _("This phone number is already verified."))
            return redirect("accounts:phone")
        status = 400
    else:
        form = PhoneForm(initial={"phone": user.phone})
        status = 200
    return render(request, "accounts/phone.html", {"form": form, "verified": phone.is_verified(user)}, status=status)


def _verify_page(request, *, form, send_error=None, status=200):
    state = phone.code_state(request.user, now=timezone.now())
    context = {"form": form, "state": state, "send_error": send_error}
    return render(request, "accounts/phone_verify.html", context, status=status)


def _nothing_to_verify(request):
    """Back to the phone page when there is no number, or it is verified already; else None."""
    if not request.user.phone:
        return redirect("accounts:phone")
    if phone.is_verified(request.user):
        messages.info(request, _("This phone number is already verified."))
        return redirect("accounts:phone")
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def phone_verify(request):
    """Type the code texted to the account's number."""
    if (done := _nothing_to_verify(request)) is not None:
        return done
    if request.method != "POST":
        return _verify_page(request, form=PhoneCodeForm())
    form = PhoneCodeForm(request.POST)
    if form.is_valid():
        try:
            linked = phone.check_code(request.user, form.cleaned_data["code"])
        except phone.PhoneError as error:
            form.add_error("code", error.message)
        else:
            messages.success(request, _("Thank you, your phone number is verified."))
            if linked:
                messages.info(request, _linked_message(linked))
            return redirect("accounts:phone")
    return _verify_page(request, form=form, status=400)


@login_required
@require_POST
def phone_send_code(request):
    """Send a (new) code; refused during the cool-down and past the day's limit."""
    if (done := _nothing_to_verify(request)) is not None:
        return done
    error = _send_code(request)
    if error is None:
        return redirect("accounts:phone_verify")
    status = 429 if error.reason in _TOO_MANY else 400
    return _verify_page(request, form=PhoneCodeForm(), send_error=error.message, status=status)
