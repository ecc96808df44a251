from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from citizen_crm import ratelimit
from citizen_crm.context_processors import municipality

from . import verification
from .forms import LoginForm, PasswordResetRequestForm, ResendVerificationForm, SignupForm
from .tokens import user_from_uid


class BadRequestOnInvalidForm:
    """Django's auth views answer 200 to a refused form; ours answer 400, like every form here."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LoginView(BadRequestOnInvalidForm, auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


@require_safe
@login_required
def after_login(request):
    """Where a login without a `next` lands: the workbench for staff, the personal space otherwise."""
    if request.user.is_staff_member:
        return redirect("requests_app:workbench")
    return redirect("requests_app:my_space")


def _linked_message(count: int) -> str:
    return ngettext(
        "%(count)d earlier request made with this address is now in your account.",
        "%(count)d earlier requests made with this address are now in your account.",
        count,
    ) % {"count": count}


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:after_login")
    status = 200
    if request.method == "POST":
        form = SignupForm(request.POST)
        if limited := ratelimit.check_form(request, "signup", form, identity=lambda data: data["email"]):
            return ratelimit.refuse_form(request, limited, form=form, template="accounts/signup.html")
        if form.is_valid():
            verification.sign_up_citizen(**form.account_fields())
            # The same page whether the address was new or already had an account.
            return redirect("accounts:check_mailbox")
        status = 400
    else:
        form = SignupForm(initial={"preferred_language": get_language()})
    return render(request, "accounts/signup.html", {"form": form}, status=status)


@require_safe
def check_mailbox(request):
    return render(request, "accounts/check_mailbox.html", {"resend_form": ResendVerificationForm()})


@require_http_methods(["GET", "POST"])
def verify_email(request, uidb64, token):
    user = verification.user_for_verification_link(uidb64, token)
    if user is None:
        if (
            request.user.is_authenticated
            and request.user.email_verified_at is not None
            and user_from_uid(uidb64) == request.user
        ):
            # A second click on a link that has just done its job.
            messages.info(request, _("Your e-mail address is already confirmed."))
            return redirect("accounts:after_login")
        return render(request, "accounts/verify_email_invalid.html", {"form": ResendVerificationForm()}, status=400)
    if request.method == "GET":
        return render(request, "accounts/verify_email_confirm.html", {"account": user})
    linked = verification.confirm_email(user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Thank you, your e-mail address is confirmed."))
    if linked:
        messages.info(request, _linked_message(linked))
    if user.phone and user.phone_verified_at is None:
        # The number given at sign-up proves nothing yet: lead its owner to verify it.
        return redirect("accounts:phone_verify")
    return redirect("accounts:after_login")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    status = 200
    if request.method == "POST":
        form = ResendVerificationForm(request.POST)
        if limited := ratelimit.check_form(request, "verification_resend", form, identity=lambda data: data["email"]):
            return ratelimit.refuse_form(request, limited, form=form, template="accounts/resend_verification.html")
        if form.is_valid():
            verification.resend_verification(form.cleaned_data["email"])
            return redirect("accounts:check_mailbox")
        status = 400
    else:
        form = ResendVerificationForm()
    return render(request, "accounts/resend_verification.html", {"form": form}, status=status)


class PasswordResetView(BadRequestOnInvalidForm, auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "emails/password_reset-subject.txt"
    email_template_name = "emails/password_reset-body.txt"
    html_email_template_name = "emails/password_reset-body.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        # FormView's post, with the rate limits first.
        form = self.get_form()
        if limited := ratelimit.check_form(request, "password_reset", form, identity=lambda data: data["email"]):
            return ratelimit.refuse_form(
                request, limited, form=form, template=self.template_name, context=self.get_context_data(form=form)
            )
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        # The link is built from SITE_URL, like every other e-mail, not from the Host header.
        self.extra_email_context = {
            "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
            "MUNICIPALITY": municipality(),
            "SITE_URL": settings.SITE_URL,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(BadRequestOnInvalidForm, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def render_to_response(self, context, **response_kwargs):
        if not self.validlink:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        # The reset link reached this mailbox: that confirms the address as well.
        if user.is_citizen and user.email_verified_at is None:
            linked = verification.confirm_email(user)
            if linked:
                messages.info(self.request, _linked_message(linked))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(BadRequestOnInvalidForm, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
