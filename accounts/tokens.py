"""Signed one-time links for e-mail verification.

The token is an HMAC over the account's state, like Django's password-reset tokens: nothing is
stored, it expires after PASSWORD_RESET_TIMEOUT, and it stops working once the address is
verified (or changed) because that state is part of what is signed.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from .models import User


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        verified = "" if user.email_verified_at is None else user.email_verified_at.isoformat()
        return f"{user.pk}{user.email.lower()}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def encode_uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uid(uidb64: str) -> User | None:
    """The user a link's `uidb64` names, or None for anything garbled or unknown."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    if not 0 < pk < 2**63:  # beyond a database integer: no such account
        return None
    return User.objects.filter(pk=pk).first()
