"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request, and STAFF_SESSION_MAX_HOURS
after the login whatever happens; citizens keep Django's session cookie (SESSION_COOKIE_AGE, two weeks).

A staff workstation left open in a town hall office is the risk: the idle limit covers the
lunch break, the absolute limit the session that would otherwise never end.
"""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

STARTED_KEY = "staff_session_started"
SEEN_KEY = "staff_session_seen"
ACTIVITY_PRECISION_SECONDS = 60


def start_staff_session(sender, request, user, **kwargs):
    """At login (user_logged_in): the absolute lifetime of a staff session counts from here."""
    if request is not None and hasattr(request, "session") and (user.is_staff_member or user.is_staff):
        request.session.pop(STARTED_KEY, None)
        record_staff_activity(request.session, now=timezone.now())


def staff_session_ended(session, *, now: datetime) -> str:
    """Why the staff session is over ("idle" or "expired"), or "" while it is still valid."""
    started = session.get(STARTED_KEY)
    seen = session.get(SEEN_KEY)
    timestamp = now.timestamp()
    if started is not None and timestamp - started > settings.STAFF_SESSION_MAX_HOURS * 3600:
        return "expired"
    if seen is not None and timestamp - seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return "idle"
    return ""


def record_staff_activity(session, *, now: datetime) -> None:
    timestamp = now.timestamp()
    if STARTED_KEY in session and timestamp - session.get(SEEN_KEY, 0) < ACTIVITY_PRECISION_SECONDS:
        return  # the session is written at most once a minute, not on every request
    session.setdefault(STARTED_KEY, timestamp)
    session[SEEN_KEY] = timestamp
    # The stored session and its cookie outlive the absolute limit by one idle period only, so the
    # check above still sees them and tells the person why they must log in again.
    remaining_lifetime = settings.STAFF_SESSION_MAX_HOURS * 3600 - (timestamp - session[STARTED_KEY])
    session.set_expiry(int(max(1, remaining_lifetime)) + settings.STAFF_SESSION_IDLE_MINUTES * 60)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and (user.is_staff_member or user.is_staff):
            now = timezone.now()
            ended = staff_session_ended(request.session, now=now)
            if ended:
                logout(request)
                if ended == "idle":
                    text = _("You were logged out after %(minutes)d minutes without activity. Please log in again.")
                    messages.info(request, text % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES})
                else:
                    text = _("Staff sessions last at most %(hours)d hours. Please log in again.")
                    messages.info(request, text % {"hours": settings.STAFF_SESSION_MAX_HOURS})
                if request.method in ("GET", "HEAD"):
                    return redirect_to_login(request.get_full_path())
                return redirect(settings.LOGIN_URL)
            record_staff_activity(request.session, now=now)
        return self.get_response(request)
