"""The one-time code pages: give a code, enrol an application, see and renew the recovery codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_static.models import StaticDevice

from . import otp


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )


class VerifyForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Code from your authentication application, or a recovery code"),
        max_length=32,
        widget=CodeForm.base_fields["code"].widget,
    )


def _after(request) -> str:
    return otp.safe_next(request, reverse("accounts:after_login"))


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if not otp.requires_two_factor(user) or user.is_verified():
        return redirect(_after(request))
    if otp.totp_device_of(user) is None:
        return redirect(f"{reverse('accounts:otp_enrol')}?{request.GET.urlencode()}")
    status = 200
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = otp.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp.mark_verified(request, device)
            if isinstance(device, StaticDevice):
                remaining = otp.remaining_recovery_codes(user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code: %(count)d code is left. Create new ones if you need to.",
                        "You used a recovery code: %(count)d codes are left. Create new ones if you need to.",
                        remaining,
                    )
                    % {"count": remaining},
                )
            return redirect(_after(request))
        if wait:
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second before trying again.",
                    "Too many wrong codes. Wait %(seconds)d seconds before trying again.",
                    wait,
                )
                % {"seconds": wait},
            )
        else:
            form.add_error("code", _("This code is not right, or it has already been used. Try the next code."))
    if request.method == "POST":
        status = 400
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _after(request)}, status=status)


@never_cache
@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    user = request.user
    if not otp.requires_two_factor(user):
        raise Http404
    if otp.totp_device_of(user) is not None:
        # Replacing an application is done by an administrator, who removes the old one first.
        return redirect(f"{reverse('accounts:otp_verify')}?{request.GET.urlencode()}")
    # The key lives in the session until a first code confirms it (a GET stores nothing else).
    key = request.session.get(otp.PENDING_KEY)
    if key is None:
        key = request.session[otp.PENDING_KEY] = otp.new_secret_key()
    device = otp.unsaved_device(user, key)
    status = 200
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = otp.matching_step(key, otp.normalised_code(form.cleaned_data["code"]))
        if step is not None:
            device, codes = otp.confirm_enrolment(user, key=key, step=step)
            del request.session[otp.PENDING_KEY]
            otp.mark_verified(request, device)
            request.session[otp.FRESH_CODES_KEY] = codes
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(f"{reverse('accounts:recovery_codes')}?{request.GET.urlencode()}")
        form.add_error("code", _("This code is not right. Check the time of your phone and type the current code."))
    if request.method == "POST":
        status = 400
    context = {
        "form": form,
        "secret": otp.readable_secret(device),
        "qr_code": otp.qr_code_svg(
            device, label=_("QR code to scan with your authentication application; its key is written below.")
        ),
    }
    return render(request, "accounts/otp_enrol.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """GET shows the codes just made (once, until "I have kept them"); POST makes new ones."""
    user = request.user
    if not otp.requires_two_factor(user) or otp.totp_device_of(user) is None:
        raise Http404
    if request.method == "POST":
        request.session[otp.FRESH_CODES_KEY] = otp.regenerate_recovery_codes(user)
        messages.success(request, _("New recovery codes were made; the old ones no longer work."))
        return redirect("accounts:recovery_codes")
    context = {
        "codes": request.session.get(otp.FRESH_CODES_KEY),
        "remaining": otp.remaining_recovery_codes(user),
        "next": _after(request),
    }
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_required
@require_safe
def download_recovery_codes(request):
    codes = request.session.get(otp.FRESH_CODES_KEY)
    if not codes:
        raise Http404
    lines = [_("Recovery codes for %(email)s (each works once):") % {"email": request.user.email}, "", *codes, ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="codes-de-secours.txt"'
    return response


@login_required
@require_POST
def recovery_codes_kept(request):
    request.session.pop(otp.FRESH_CODES_KEY, None)
    return redirect(_after(request))
