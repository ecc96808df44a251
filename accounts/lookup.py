"""Matching a person's contact details to a citizen account."""

from django.db.models.functions import Lower

from .models import Role, User


def find_citizen(*, email: str = "", phone: str = "") -> User | None:
    """The citizen account behind these contact details, if it is unambiguous."""
    citizens = User.objects.filter(role=Role.CITIZEN, is_active=True)
    if email:
        # Only a verified address: an account must not collect requests by claiming an e-mail.
        # Matched as `lower(email)`, which the case-insensitive unique constraint indexes.
        account = (
            citizens.alias(email_lower=Lower("email"))
            .filter(email_lower=email.lower(), email_verified_at__isnull=False)
            .first()
        )
        if account is not None:
            return account
    if phone:
        matches = list(citizens.filter(phone=phone)[:2])
        if len(matches) == 1:
            return matches[0]
    return None
