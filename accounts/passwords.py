"""Password length after the CNIL's 2022 recommendation (délibération n° 2022-100).

With the other validators (not too common, not all digits, not close to the name), a password
needs at least 12 characters; a staff account, which opens other people's requests, needs 14.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import STAFF_ROLES


class RoleMinimumLengthValidator:
    def __init__(self, min_length: int = 12, staff_min_length: int = 14):
        self.min_length = min_length
        self.staff_min_length = staff_min_length

    def required_length(self, user=None) -> int:
        if user is not None and (getattr(user, "role", None) in STAFF_ROLES or getattr(user, "is_staff", False)):
            return self.staff_min_length
        return self.min_length

    def validate(self, password, user=None):
        required = self.required_length(user)
        if len(password) >= required:
            return
        if required == self.staff_min_length and required != self.min_length:
            message = _(
                "This password is too short: a town hall staff account needs at least %(min_length)d characters "
                "(it has %(length)d). A few words that only you would put together are easy to remember."
            )
        else:
            message = _(
                "This password is too short: it needs at least %(min_length)d characters (it has %(length)d). "
                "A few words that only you would put together are easy to remember."
            )
        raise ValidationError(
            message, code="password_too_short", params={"min_length": required, "length": len(password)}
        )

    def get_help_text(self):
        return _(
            "Your password must contain at least %(min_length)d characters (%(staff_min_length)d for town hall staff)."
        ) % {"min_length": self.min_length, "staff_min_length": self.staff_min_length}
