"""Citizen sign-up and e-mail verification, as plain functions the views call.

Account e-mails carry a signed link that logs the reader in, so they are sent at once rather
than through the notification outbox, whose rows keep their context in the database: a
link stored there would be a password anyone reading the table could use. A failed send is
logged and the citizen can ask for the link again.

Identity knows nothing of requests: what must follow a verified address (attaching the
requests filed earlier with it) is registered here by the app that owns it, from its
`AppConfig.ready()`, with `on_email_verified`.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from citizen_crm.emails import build_email

from .models import Role, User
from .tokens import email_verification_token, encode_uid, user_from_uid

logger = logging.getLogger(__name__)

# Each takes the user whose address was just verified, runs in the verifying transaction and
# returns how many things (requests filed earlier with that address) joined the account.
VerifiedSubscriber = Callable[[User], int]
_on_verified: dict[str, VerifiedSubscriber] = {}


def on_email_verified(name: str, subscriber: VerifiedSubscriber) -> VerifiedSubscriber:
    """Call `subscriber(user)` when a citizen's address is verified."""
    # Keyed by name, so a second ready() (tests reload apps) replaces instead of doubling.
    _on_verified[name] = subscriber
    return subscriber


def _absolute(path: str) -> str:
    # Links are built from SITE_URL, never from the request's Host header.
    return f"{settings.SITE_URL}{path}"


def _send(name: str, context: dict, *, user: User) -> None:
    message = build_email(
        name,
        {"user": user, **context},
        to=user.email,
        language=user.preferred_language,
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the %s e-mail to user %s", name, user.pk)


def verification_url(user: User) -> str:
    token = email_verification_token.make_token(user)
    return _absolute(reverse("accounts:verify_email", args=[encode_uid(user), token]))


def send_verification_email(user: User) -> None:
    _send("verify_email", {"verification_url": verification_url(user)}, user=user)


def send_account_exists_email(user: User) -> None:
    """Someone signed up with an address that already has an account: tell its owner.

    An account still waiting for verification may have been opened by someone else with this
    address, so its owner gets a link to choose a new password (which also verifies it)
    rather than a link that would confirm a password they did not choose.
    """
    if not user.is_active:
        return
    context = {"login_url": _absolute(reverse("accounts:login"))}
    if user.email_verified_at is None:
        token = default_token_generator.make_token(user)
        path = reverse("accounts:password_reset_confirm", args=[encode_uid(user), token])
        context["set_password_url"] = _absolute(path)
    else:
        context["password_reset_url"] = _absolute(reverse("accounts:password_reset"))
    _send("account_exists", context, user=user)


def sign_up_citizen(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    phone: str = "",
    preferred_language: str = "fr",
) -> User | None:
    """Open an unverified citizen account and mail its verification link.

    An address that already has an account gets a notice instead and None is returned; the
    caller shows the same page either way, so the form never reveals who has an account.
    """
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        # Hash anyway, so the answer takes as long as for a new account.
        make_password(password)
        send_account_exists_email(existing)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                phone=phone.strip(),
                preferred_language=preferred_language,
                role=Role.CITIZEN,
                email_verified_at=None,
            )
    except IntegrityError:
        # A simultaneous sign-up with the same address won the race.
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            raise
        send_account_exists_email(existing)
        return None
    send_verification_email(user)
    return user


def resend_verification(email: str) -> None:
    """Mail a fresh link if this address belongs to a citizen still waiting for one; else nothing."""
    user = User.objects.filter(
        email__iexact=email.strip(), role=Role.CITIZEN, is_active=True, email_verified_at__isnull=True
    ).first()
    if user is not None:
        send_verification_email(user)


def user_for_verification_link(uidb64: str, token: str) -> User | None:
    """The citizen a verification link is for, or None if it is garbled, expired or used."""
    user = user_from_uid(uidb64)
    if user is None or not user.is_active or not user.is_citizen or user.email_verified_at is not None:
        return None
    if not email_verification_token.check_token(user, token):
        return None
    return user


def confirm_email(user: User) -> int:
    """Mark the address verified and let the subscribers attach what was filed earlier with it.

    Returns how many requests joined the account. Running it twice is harmless.
    """
    with transaction.atomic():
        User.objects.filter(pk=user.pk, email_verified_at__isnull=True).update(email_verified_at=timezone.now())
        user.refresh_from_db(fields=["email_verified_at"])
        return sum(subscriber(user) for subscriber in _on_verified.values())
