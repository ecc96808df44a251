"""Held mail for agents, and the providers' inbound webhooks (django-anymail)."""

from functools import wraps

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import Http404
from django.urls import URLPattern, include, path

from . import views

app_name = "email_intake"


def _only_with_secret(view):
    """Without a webhook secret anyone could post mail as anyone: the webhooks stay closed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
            raise Http404("Inbound webhooks are not configured")
        return view(request, *args, **kwargs)

    return wrapper


anymail_patterns = [
    URLPattern(p.pattern, _only_with_secret(p.callback), p.default_args, p.name)
    for p in anymail_urls.urlpatterns
    if "inbound" in (p.name or "")
]

urlpatterns = [
    path("en-attente/", views.held_list, name="held_list"),
    path("en-attente/<int:pk>/", views.held_detail, name="held_detail"),
    path("en-attente/<int:pk>/rattacher/", views.held_attach, name="held_attach"),
    path("en-attente/<int:pk>/nouvelle-demande/", views.held_open, name="held_open"),
    path("en-attente/<int:pk>/ecarter/", views.held_discard, name="held_discard"),
    # Anymail's own inbound URLs, e.g. /courriel/anymail/postmark/inbound/.
    path("anymail/", include((anymail_patterns, "anymail"), namespace="anymail")),
]
