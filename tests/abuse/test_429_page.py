"""The plain 429 page, for a limited action with no form to show again: in French, it says when."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from citizen_crm.ratelimit import RateLimited, refuse


def test_it_says_when_to_try_again(db):
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    with translation.override("fr"):
        response = refuse(request, RateLimited("signup", retry_after=600))

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    text = " ".join(response.content.decode().split())
    assert '<h1 class="mb-3">Trop de tentatives</h1>' in text
    assert "Merci de réessayer dans 10 minutes, à " in text
    assert "conservé" not in text
