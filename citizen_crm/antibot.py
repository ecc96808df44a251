"""Bot checks for the forms anyone can send: no outside service, no puzzle to solve.

Two checks, both invisible to people:

- a honeypot, a text field hidden from everyone (the `hidden` attribute takes it off the screen
  and out of what assistive technologies read, and it is labelled "leave this field empty" in
  case a style sheet ever shows it), which form-filling robots tend to fill;
- a signed, time-stamped token served with the form (`django.core.signing`): a form sent without
  it, with an altered one, with one older than `ANTIBOT_MAX_AGE_SECONDS`, or sooner than
  `ANTIBOT_MIN_FILL_SECONDS` after the page was served, is refused.

A refused form is shown again with what was typed, a fresh token and a message that says what
to do; nothing is written. The token is not bound to a session: a robot that reads the page can
replay it, which the rate limits (`citizen_crm.ratelimit`) are there for.
"""

import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)
HONEYPOT_FIELD = "website"

MISSING = _(
    "This form could not be verified (the page may be too old). What you entered is kept: please send the form again."
)
EXPIRED = _("This form stayed open for too long. What you entered is kept: please send it again.")
TOO_FAST = _(
    "This form was sent very quickly after it was displayed. What you entered is kept: "
    "please check it and send the form again."
)
HONEYPOT = _("A field that must stay empty was filled in. What you entered is kept: please send the form again.")


def issue_token(salt: str, *, now: float | None = None) -> str:
    return signing.dumps(time.time() if now is None else now, salt=salt, compress=False)


def issued_at(token: str, salt: str, *, now: float | None = None) -> float | None:
    """When a genuine, unexpired token was served; None for anything else."""
    now = time.time() if now is None else now
    try:
        issued = signing.loads(token or "", salt=salt, max_age=settings.ANTIBOT_MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(issued, int | float) or now - issued > settings.ANTIBOT_MAX_AGE_SECONDS:
        return None
    return issued


def problem_with(data, salt: str, *, now: float | None = None) -> str | None:
    """What is wrong with a posted form's honeypot and token, in words for the person; None if nothing."""
    now = time.time() if now is None else now
    if data.get(HONEYPOT_FIELD):
        return str(HONEYPOT)
    token = data.get(TOKEN_FIELD) or ""
    try:
        issued = signing.loads(token, salt=salt, max_age=settings.ANTIBOT_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return str(EXPIRED)
    except signing.BadSignature:
        return str(MISSING)
    if not isinstance(issued, int | float):
        return str(MISSING)
    if now - issued > settings.ANTIBOT_MAX_AGE_SECONDS:
        return str(EXPIRED)
    if now - issued < settings.ANTIBOT_MIN_FILL_SECONDS:
        return str(TOO_FAST)
    return None


class BotCheckMixin:
    """For a form anyone can send: checks the honeypot and the token before the form's own checks.

    Its template renders `includes/antibot_fields.html` inside the `<form>`; every rendering
    carries a fresh token. Put the mixin first among the bases, so that mixins which look at the
    errors (the attachments' "files not kept" note) see this one too.
    """

    @property
    def antibot_salt(self) -> str:
        # One form's token does not open another form.
        return f"citizen_crm.antibot.{type(self).__name__}"

    def antibot_token(self) -> str:
        # A form shown again keeps the moment it was first served: someone who only has to tick
        # a box they forgot is not "too fast" the second time.
        issued = issued_at(self.data.get(TOKEN_FIELD), self.antibot_salt) if self.is_bound else None
        return issue_token(self.antibot_salt, now=issued)

    def clean(self):
        if settings.ANTIBOT_ENABLED:
            problem = problem_with(self.data, self.antibot_salt)
            if problem:
                self.add_error(None, problem)
        return super().clean()
