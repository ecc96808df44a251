"""/admin/ with django-otp's site: only a session verified by a one-time code may open it."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class StaffAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Logged in, and verified when their role asks it (the middleware saw to that): the
            # admin is simply not theirs. Sending them to log in again would go round in circles.
            raise PermissionDenied
        # One login page for everyone: the site's own, with its lockout, code and enrolment steps.
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))
