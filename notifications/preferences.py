"""Who wants what: preference groups, lazy preference rows, and signed unsubscribe links."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import NotificationPreference

REQUESTS = "requests"
REMINDERS = "reminders"
NEWS = "news"
GROUPS = (REQUESTS, REMINDERS, NEWS)

# Each notification template belongs to one group; what is not listed is news.
TEMPLATE_GROUPS = {
    "acknowledgement": REQUESTS,
    "info_requested": REQUESTS,
    "public_reply": REQUESTS,
    "resolved": REQUESTS,
    "rejected": REQUESTS,
    "merged": REQUESTS,
    # The satisfaction survey is about the request just resolved.
    "survey_invitation": REQUESTS,
    # For an agent, the requests they handle.
    "assigned": REQUESTS,
    "follow_up": REQUESTS,
    "appointment_booked": REMINDERS,
    "appointment_moved": REMINDERS,
    "appointment_cancelled": REMINDERS,
    "appointment_reminder": REMINDERS,
}

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def group_of(template: str) -> str:
    return TEMPLATE_GROUPS.get(template, NEWS)


def preferences_for(*, user=None, email: str = "") -> NotificationPreference:
    """The stored preferences, or unsaved defaults: a row is written only when something changes."""
    if user is not None:
        found = NotificationPreference.objects.filter(user=user).first()
        return found or NotificationPreference(user=user)
    email = email.strip().lower()
    found = NotificationPreference.objects.filter(email=email).first() if email else None
    return found or NotificationPreference(email=email)


def unsubscribe_token(*, user=None, email: str = "") -> str:
    payload = {"u": user.pk} if user is not None else {"e": email.strip().lower()}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user=None, email: str = "") -> str:
    token = unsubscribe_token(user=user, email=email)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def preferences_from_token(token: str) -> NotificationPreference:
    """The preferences a link points to; BadSignature when it was not signed by us."""
    from accounts.models import User

    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict):
        raise signing.BadSignature("unexpected payload")
    if isinstance(payload.get("u"), int):
        user = User.objects.filter(pk=payload["u"]).first()
        if user is None:
            raise signing.BadSignature("unknown account")
        return preferences_for(user=user)
    if isinstance(payload.get("e"), str) and payload["e"]:
        return preferences_for(email=payload["e"])
    raise signing.BadSignature("unexpected payload")


def opt_out(preference: NotificationPreference) -> None:
    """No more non-essential messages; saying it twice changes nothing."""
    if not preference.opted_out or preference.pk is None:
        preference.opted_out = True
        preference.save()
