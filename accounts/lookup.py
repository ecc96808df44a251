"""Matching a person's contact details to a citizen account.

Only verified identifiers link: an e-mail address whose owner opened the link mailed to it, a
phone number whose owner typed the code texted to it. Anyone can type someone else's address
or number when signing up; such an account must not collect that person's requests.
"""

from django.db.models import Q
from django.db.models.functions import Lower

from .models import Role, User
from .phone_numbers import e164_or_blank


def _citizens():
    return User.objects.filter(role=Role.CITIZEN, is_active=True)


def find_citizen(*, email: str = "", phone: str = "") -> User | None:
    """The citizen account behind these verified contact details, if it is unambiguous."""
    citizens = _citizens()
    if email:
        # Matched as `lower(email)`, which the case-insensitive unique constraint indexes.
        account = (
            citizens.alias(email_lower=Lower("email"))
            .filter(email_lower=email.strip().lower(), email_verified_at__isnull=False)
            .first()
        )
        if account is not None:
            return account
    number = e164_or_blank(phone)
    if number:
        # Verifying a number unverifies it elsewhere, so two matches are an inconsistency: link none.
        matches = list(citizens.filter(phone=number, phone_verified_at__isnull=False)[:2])
        if len(matches) == 1:
            return matches[0]
    return None


def unverified_matches(*, email: str = "", phone: str = "") -> list[User]:
    """Citizen accounts that use these details without having proved them; for a person to judge.

    Empty when a verified account matches (`find_citizen` links it). Never used to link by itself.
    """
    if find_citizen(email=email, phone=phone) is not None:
        return []
    condition = Q()
    if email.strip():
        condition |= Q(email__iexact=email.strip(), email_verified_at__isnull=True)
    number = e164_or_blank(phone)
    if number:
        condition |= Q(phone=number)
    if not condition:
        return []
    return list(_citizens().filter(condition).order_by("pk")[:5])
