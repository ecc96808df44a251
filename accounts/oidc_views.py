"""Views of the FranceConnect and ProConnect sign-in: start, callback, linking, logout return.

Each view parses the request, calls one function of `accounts.oidc`, and renders or redirects;
every refusal is a page that says what happened, with a 4xx status.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import re_path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from citizen_crm import ratelimit

from . import oidc

# reason -> (status, message); messages take the provider's name.
FAILURES = {
    "state": (
        400,
        gettext_lazy(
            "This sign-in could not be verified: it may have been started in another tab, or it took too "
            "long. Please start again."
        ),
    ),
    "refused": (400, gettext_lazy("The sign-in was cancelled or refused by %(provider)s.")),
    "unreachable": (
        400,
        gettext_lazy(
            "%(provider)s cannot be reached at the moment. Please try again later, or log in with your "
            "e-mail address and password."
        ),
    ),
    "invalid_token": (
        400,
        gettext_lazy(
            "The answer from %(provider)s could not be verified, so you have not been signed in. Please start again."
        ),
    ),
    "no_email": (
        400,
        gettext_lazy("%(provider)s did not give an e-mail address, and an account needs one."),
    ),
    "no_staff_account": (
        403,
        gettext_lazy(
            "No active staff account uses this e-mail address. %(provider)s only signs in to an existing "
            "staff account: ask your administrator."
        ),
    ),
    "account_unavailable": (
        403,
        gettext_lazy("The account that uses this e-mail address cannot be reached through %(provider)s."),
    ),
    "already_linked": (
        400,
        gettext_lazy("This %(provider)s identity is already linked to another account."),
    ),
    "account_has_identity": (
        400,
        gettext_lazy("This account is already linked to another %(provider)s identity."),
    ),
    "link_expired": (
        400,
        gettext_lazy(
            "This confirmation has expired, was already used, or was started in another browser. "
            "Please sign in again with %(provider)s."
        ),
    ),
}


def _config_or_404(provider: str) -> oidc.ProviderSettings:
    config = oidc.provider_settings(provider)
    if config is None:
        raise Http404("This sign-in method is not enabled")
    return config


def _label(provider: str) -> str:
    return oidc.Provider(provider).label


def _failed(request, provider: str, reason: str):
    status, message = FAILURES[reason]
    context = {
        "provider": provider,
        "provider_label": _label(provider),
        "message": message % {"provider": _label(provider)},
    }
    return render(request, "accounts/oidc_failed.html", context, status=status)


def _safe_next(request, candidate: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed else ""


def _signed_in(request, user, *, provider: str, id_token: str):
    oidc.open_session(request, user, provider=provider, id_token=id_token)
    next_url = request.session.pop(oidc.SESSION_NEXT, "")
    request.session.pop(oidc.SESSION_PENDING, None)
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


@require_POST
def start(request, provider):
    """The button on the login page: a POST (with its CSRF token), then off to the provider."""
    config = _config_or_404(provider)
    try:
        return oidc.start_sign_in(request, config, next_url=_safe_next(request, request.POST.get("next", "")))
    except oidc.SignInFailed as failure:
        return _failed(request, provider, failure.reason)


@require_safe
def callback(request, provider):
    config = _config_or_404(provider)
    try:
        identity = oidc.finish_sign_in(request, config)
    except oidc.SignInFailed as failure:
        return _failed(request, provider, failure.reason)
    resolution = oidc.resolve_identity(identity)
    if resolution.refused:
        return _failed(request, provider, resolution.refused)
    if resolution.user is not None:
        return _signed_in(request, resolution.user, provider=provider, id_token=identity.id_token)
    oidc.remember_pending_link(request, identity, resolution.to_confirm)
    return redirect("accounts:oidc_link", provider=provider)


class LinkPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Password of this account"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _password_accepted(user) -> bool:
    """A citizen account never confirmed may have been opened by someone else with this address:
    only a link to the mailbox proves who holds it."""
    return user.has_usable_password() and not (user.is_citizen and user.email_verified_at is None)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def link(request, provider):
    """An account already uses the identity's address: prove you hold it, then both are linked."""
    _config_or_404(provider)
    pending = oidc.pending_link(request, provider)
    user = oidc.pending_user(pending) if pending else None
    if user is None:
        return _failed(request, provider, "link_expired")
    form = LinkPasswordForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "email":
            # Each press mails the account's holder: limited per address and per mailbox.
            try:
                ratelimit.limit_address(request, "oidc_link_email")
                ratelimit.limit_identity("oidc_link_email", user.email)
            except ratelimit.RateLimited as limited:
                return ratelimit.refuse(request, limited)
            oidc.send_link_email(pending, user)
            return render(
                request,
                "accounts/oidc_link_sent.html",
                {"provider_label": _label(provider), "email": user.email},
            )
        form = LinkPasswordForm(request.POST)
        if form.is_valid() and _password_accepted(user):
            # Through authenticate(), so the login protections (lockout) count these attempts too.
            checked = authenticate(request, username=user.email, password=form.cleaned_data["password"])
            if checked is not None and checked.pk == user.pk:
                return _link_and_sign_in(request, provider, pending, user)
            form.add_error("password", _("This password is not the one of this account."))
        status = 400
    context = {
        "form": form,
        "provider": provider,
        "provider_label": _label(provider),
        "email": user.email,
        "identity_name": pending["name"],
        "password_accepted": _password_accepted(user),
    }
    return render(request, "accounts/oidc_link.html", context, status=status)


@require_http_methods(["GET", "POST"])
def link_from_email(request, provider, token):
    """The mailed link. A GET only shows (mail gateways open links); the POST links."""
    _config_or_404(provider)
    pending = oidc.pending_link(request, provider)
    user = oidc.pending_user(pending) if pending else None
    if user is None or not oidc.check_link_token(token, pending):
        return _failed(request, provider, "link_expired")
    if request.method == "GET":
        context = {"provider_label": _label(provider), "email": user.email, "identity_name": pending["name"]}
        return render(request, "accounts/oidc_link_confirm.html", context)
    return _link_and_sign_in(request, provider, pending, user)


def _link_and_sign_in(request, provider, pending, user):
    try:
        oidc.link_identity(pending, user)
    except oidc.SignInFailed as failure:
        request.session.pop(oidc.SESSION_PENDING, None)
        return _failed(request, provider, failure.reason)
    messages.success(
        request, _("Your %(provider)s identity is now linked to this account.") % {"provider": _label(provider)}
    )
    return _signed_in(request, user, provider=provider, id_token=pending["id_token"])


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); a session opened through a provider then ends there too."""

    def post(self, request, *args, **kwargs):
        provider = request.session.get(oidc.SESSION_PROVIDER)
        id_token = request.session.get(oidc.SESSION_ID_TOKEN, "")
        response = super().post(request, *args, **kwargs)
        if provider:
            # The local session is gone whatever the provider answers; if it cannot be reached,
            # the person is still signed out here.
            return oidc.end_session_redirect(request, provider=provider, id_token=id_token) or response
        return response


@require_safe
def logout_done(request, provider):
    """Back from the provider's end-session endpoint; its `state` must be the one we sent."""
    _config_or_404(provider)
    if not oidc.check_logout_return(request, provider):
        return _failed(request, provider, "state")
    messages.success(request, _("You are signed out, here and at %(provider)s.") % {"provider": _label(provider)})
    return redirect(settings.LOGOUT_REDIRECT_URL)


_PROVIDER = r"(?P<provider>franceconnect|proconnect)"
urlpatterns = [
    re_path(rf"^{_PROVIDER}/connexion/$", start, name="oidc_start"),
    re_path(rf"^{_PROVIDER}/retour/$", callback, name="oidc_callback"),
    re_path(rf"^{_PROVIDER}/lier/$", link, name="oidc_link"),
    re_path(rf"^{_PROVIDER}/lier/(?P<token>[\w:.-]+)/$", link_from_email, name="oidc_link_from_email"),
    re_path(rf"^{_PROVIDER}/deconnexion/$", logout_done, name="oidc_logout_done"),
]
