"""Named-template e-mails: `emails/<name>-subject.txt`, `-body.txt` and `-body.html`.

Rendering needs only Django and the town hall's branding, so it sits here, below every app:
the notification outbox renders its rows with it, and accounts their sign-up mails, which go
out at once rather than through the outbox (see `accounts.verification`).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .context_processors import municipality


def render_email(name: str, context: dict, *, language: str) -> tuple[str, str, str]:
    context = {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY": municipality(),
        "SITE_URL": settings.SITE_URL,
        **context,
    }
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    # A subject is one line whatever the template's whitespace.
    subject = " ".join(subject.split())
    return subject, text, html


def build_email(name: str, context: dict, *, to: str, language: str, headers: dict | None = None):
    subject, text, html = render_email(name, context, language=language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    # Files travel in the stored context as text (e.g. an appointment's .ics), so a
    # notification written in a transaction carries everything its delivery needs.
    for attachment in context.get("email_attachments", ()):
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message
