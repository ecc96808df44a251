"""Proving that a person holds the phone number of their account: a six-digit code texted to it.

A number typed on a form proves nothing: anyone can sign up with someone else's. Until its
owner types the code texted to it, the number links nothing to the account (`lookup`), and
whenever it changes the proof is dropped.

Identity sends no text itself: the app that delivers messages registers, from its
`AppConfig.ready()`, the function that writes the code's text in its outbox
(`register_code_sender`), and what must follow a verified number (requests filed with it
joining the account) is registered by the app that owns them (`on_phone_verified`).
"""

import dataclasses
import datetime
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import PhoneChallenge, User
from .phone_numbers import e164_or_blank, normalise_phone

CODE_DIGITS = 6
DAY = datetime.timedelta(days=1)

# (user, number in E.164, code, minutes it stays valid) → False when the number cannot receive
# texts (a landline). It writes in the caller's transaction, so a refused code sends nothing.
CodeSender = Callable[[User, str, str, int], bool]
# Takes the user whose number was just verified, runs in the verifying transaction, returns how
# many things joined the account.
VerifiedSubscriber = Callable[[User], int]
_senders: dict[str, CodeSender] = {}
_on_verified: dict[str, VerifiedSubscriber] = {}


def register_code_sender(name: str, sender: CodeSender) -> CodeSender:
    """Texts the codes; keyed by name, so a second ready() replaces instead of doubling."""
    _senders[name] = sender
    return sender


def on_phone_verified(name: str, subscriber: VerifiedSubscriber) -> VerifiedSubscriber:
    """Call `subscriber(user)` when a person's phone number is verified."""
    _on_verified[name] = subscriber
    return subscriber


class PhoneError(Exception):
    """The code cannot be sent or accepted; `message` says why, in the person's language."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _settings():
    return (
        datetime.timedelta(seconds=settings.PHONE_CODE_TTL_SECONDS),
        settings.PHONE_CODE_MAX_ATTEMPTS,
        datetime.timedelta(seconds=settings.PHONE_CODE_RESEND_SECONDS),
        settings.PHONE_CODE_MAX_SENDS_PER_DAY,
    )


def hash_code(user: User, phone: str, code: str) -> str:
    """Keyed by the site's secret, the account and the number: a leaked row gives no code away."""
    return salted_hmac("accounts.phone.code", f"{user.pk}:{phone}:{code}", algorithm="sha256").hexdigest()


def _number(user: User) -> str:
    # Numbers saved before they were kept in E.164 are compared in that form too.
    return e164_or_blank(user.phone)


def is_verified(user: User) -> bool:
    return bool(user.phone) and user.phone_verified_at is not None


@transaction.atomic
def change_phone(user: User, raw: str) -> bool:
    """Give the account this number (E.164; blank removes it); returns whether it changed.

    A new number is unverified, and a code sent for the old one no longer counts.
    ValueError when `raw` is no phone number.
    """
    phone = normalise_phone(raw) if raw.strip() else ""
    if phone == user.phone:
        return False
    user.phone = phone
    user.phone_verified_at = None
    user.save(update_fields=["phone", "phone_verified_at"])
    PhoneChallenge.objects.filter(user=user).delete()
    return True


@dataclasses.dataclass(frozen=True)
class CodeState:
    """What the verification page tells: is a code waiting, until when, when may another go."""

    pending: bool
    expires_at: datetime.datetime | None
    resend_at: datetime.datetime | None
    attempts_left: int


def code_state(user: User, *, now: datetime.datetime | None = None) -> CodeState:
    now = now or timezone.now()
    _ttl, max_attempts, cool_down, max_sends = _settings()
    challenge = PhoneChallenge.objects.filter(user=user, phone=_number(user)).first()
    if challenge is None or not user.phone:
        return CodeState(pending=False, expires_at=None, resend_at=None, attempts_left=max_attempts)
    resend_at = challenge.sent_at + cool_down
    if challenge.sends >= max_sends and now < challenge.day_started_at + DAY:
        resend_at = max(resend_at, challenge.day_started_at + DAY)
    usable = now < challenge.expires_at and challenge.attempts < max_attempts
    return CodeState(
        pending=usable,
        expires_at=challenge.expires_at if usable else None,
        resend_at=resend_at if resend_at > now else None,
        attempts_left=max(max_attempts - challenge.attempts, 0),
    )


def send_code(user: User, *, now: datetime.datetime | None = None) -> PhoneChallenge:
    """Text a new code to the account's number; the previous code stops working.

    Raises PhoneError when there is no number to verify, the last code went out too recently,
    today's texts are used up, or the number cannot receive texts.
    """
    now = now or timezone.now()
    ttl, _max_attempts, cool_down, max_sends = _settings()
    number = _number(user)
    if not number:
        raise PhoneError("no_phone", _("Give a phone number first."))
    if user.phone_verified_at is not None:
        raise PhoneError("verified", _("This phone number is already verified."))
    if not _senders:
        raise PhoneError("unavailable", _("Text messages cannot be sent at the moment. Please try again later."))
    with transaction.atomic():
        # The user's row is the lock: two clicks at once send one code.
        User.objects.select_for_update().filter(pk=user.pk).first()
        challenge = PhoneChallenge.objects.filter(user=user).first()
        if challenge is None:
            challenge = PhoneChallenge(user=user, sends=0, day_started_at=now)
        elif now >= challenge.day_started_at + DAY:
            challenge.sends, challenge.day_started_at = 0, now
        # Texts to this number for other accounts count too: signing up several times with
        # someone's number must not flood their phone.
        to_number = (
            PhoneChallenge.objects.filter(phone=number, day_started_at__gt=now - DAY)
            .exclude(user=user)
            .aggregate(total=Sum("sends"))["total"]
            or 0
        )
        if challenge.sends >= max_sends or challenge.sends + to_number >= max_sends:
            raise PhoneError(
                "daily_limit",
                _("You have asked for too many codes today. Please try again tomorrow."),
            )
        if challenge.pk and challenge.sent_at + cool_down > now:
            wait = int((challenge.sent_at + cool_down - now).total_seconds()) + 1
            raise PhoneError(
                "cool_down",
                ngettext(
                    "A code was sent a moment ago. You can ask for a new one in %(seconds)d second.",
                    "A code was sent a moment ago. You can ask for a new one in %(seconds)d seconds.",
                    wait,
                )
                % {"seconds": wait},
            )
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        challenge.phone = number
        challenge.code_hash = hash_code(user, number, code)
        challenge.sent_at = now
        challenge.expires_at = now + ttl
        challenge.attempts = 0
        challenge.sends += 1
        challenge.save()
        minutes = max(int(ttl.total_seconds()) // 60, 1)
        for sender in _senders.values():
            if not sender(user, number, code, minutes):
                # Rolls back the challenge and whatever the sender wrote.
                raise PhoneError("not_mobile", _("This number cannot receive text messages. Give a mobile number."))
    return challenge


def check_code(user: User, code: str, *, now: datetime.datetime | None = None) -> int:
    """Verify the number if `code` is the one texted to it; returns how many requests joined the account.

    A wrong code counts against the limit; past it, or once expired, a new code is needed.
    Raises PhoneError with the reason.
    """
    now = now or timezone.now()
    _ttl, max_attempts, _cool_down, _max_sends = _settings()
    code = "".join(code.split())
    with transaction.atomic():
        challenge = PhoneChallenge.objects.select_for_update().filter(user=user).first()
        if challenge is None or not user.phone or challenge.phone != _number(user):
            raise PhoneError("no_code", _("No code is waiting for this number. Ask for a code."))
        if challenge.attempts >= max_attempts:
            raise PhoneError("locked", _("Too many wrong codes. Ask for a new code."))
        if now >= challenge.expires_at:
            raise PhoneError("expired", _("This code has expired. Ask for a new code."))
        if constant_time_compare(challenge.code_hash, hash_code(user, challenge.phone, code)):
            return _verified(user, challenge, now=now)
        challenge.attempts += 1
        challenge.save(update_fields=["attempts"])
        left = max_attempts - challenge.attempts
    # Outside the transaction: the wrong attempt stays counted.
    if left <= 0:
        raise PhoneError("locked", _("Too many wrong codes. Ask for a new code."))
    raise PhoneError(
        "wrong",
        ngettext(
            "This code is not the one we sent. %(left)d attempt left.",
            "This code is not the one we sent. %(left)d attempts left.",
            left,
        )
        % {"left": left},
    )


def _verified(user: User, challenge: PhoneChallenge, *, now: datetime.datetime) -> int:
    # Whoever verified this number before no longer holds it: only one account is its owner.
    User.objects.filter(phone=challenge.phone, phone_verified_at__isnull=False).exclude(pk=user.pk).update(
        phone_verified_at=None
    )
    # The number is kept as lookups compare it.
    User.objects.filter(pk=user.pk).update(phone=challenge.phone, phone_verified_at=now)
    user.phone, user.phone_verified_at = challenge.phone, now
    challenge.delete()
    return sum(subscriber(user) for subscriber in _on_verified.values())
