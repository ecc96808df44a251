"""What the abuse tests share: setting a limit, turning the bot checks on, the five public forms."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from notifications.models import Notification
from requests_app.models import Ticket
from tests.accounts.helpers import signup_data, unverified_citizen
from tests.factories import TicketFactory, UserFactory
from tests.requests_app.test_citizen_file_request import anonymous_form

TOKEN_INPUT = re.compile(r'name="form_token" value="([^"]+)"')


@pytest.fixture
def limit(settings):
    """`limit("signup", address="2/day", identity="")`: one limit's rates for this test only."""

    def set_limit(name: str, *, address: str = "", identity: str = ""):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, name: {"address": address, "identity": identity}}

    return set_limit


@pytest.fixture
def bot_checks(settings):
    """The honeypot and form token checked, as in production; no minimum fill time unless a test sets one."""
    settings.ANTIBOT_ENABLED = True
    settings.ANTIBOT_MIN_FILL_SECONDS = 0
    return settings


def token_in(response) -> str:
    match = TOKEN_INPUT.search(response.text)
    assert match, "the page has no form token"
    return match.group(1)


class PublicForm:
    """One of the forms anyone can send: its address, valid data for an e-mail address, and a count of
    what it writes (requests, accounts, mails), to check that a refused form writes nothing."""

    def __init__(self, name, url, form_class, data, written):
        self.name, self.url, self.form_class = name, url, form_class
        self.data, self.written = data, written

    @property
    def salt(self) -> str:
        return f"citizen_crm.antibot.{self.form_class}"


def _filing(request):
    category = request.getfixturevalue("category")
    return PublicForm(
        "filing",
        reverse("requests_app:new_ticket"),
        "TicketForm",
        lambda email: anonymous_form(category, contact_email=email),
        lambda: Ticket.objects.count(),
    )


def _signup(request):
    request.getfixturevalue("db")
    return PublicForm(
        "signup",
        reverse("accounts:signup"),
        "SignupForm",
        lambda email: signup_data(email=email),
        lambda: User.objects.count(),
    )


EMAILS = ["sasha@example.fr", "alix@example.fr", "noa@example.fr"]


def _password_reset(request):
    for email in EMAILS:
        UserFactory(email=email)
    outbox = request.getfixturevalue("mailoutbox")
    return PublicForm(
        "password_reset",
        reverse("accounts:password_reset"),
        "PasswordResetRequestForm",
        lambda email: {"email": email},
        lambda: len(outbox),
    )


def _verification_resend(request):
    for email in EMAILS:
        unverified_citizen(email=email)
    outbox = request.getfixturevalue("mailoutbox")
    return PublicForm(
        "verification_resend",
        reverse("accounts:resend_verification"),
        "ResendVerificationForm",
        lambda email: {"email": email},
        lambda: len(outbox),
    )


def _tracking_lookup(request):
    category = request.getfixturevalue("category")
    tickets = {email: TicketFactory(category=category, contact_email=email) for email in EMAILS}
    return PublicForm(
        "tracking_lookup",
        reverse("requests_app:find_ticket"),
        "FindTicketForm",
        lambda email: {"reference": tickets[email.lower()].reference, "email": email},
        lambda: Notification.objects.filter(template="tracking_link").count(),
    )


PUBLIC_FORMS = {
    "filing": _filing,
    "signup": _signup,
    "password_reset": _password_reset,
    "verification_resend": _verification_resend,
    "tracking_lookup": _tracking_lookup,
}


@pytest.fixture(params=list(PUBLIC_FORMS))
def public_form(request, db) -> PublicForm:
    return PUBLIC_FORMS[request.param](request)
