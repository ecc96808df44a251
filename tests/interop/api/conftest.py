"""Fixtures of the REST API tests: a key of the Voirie service and clients that send it."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from interop.models import ApiKey, Scope, sync_key_user


def make_key(
    *, name: str, services=(), is_active: bool = True, scopes=(Scope.API_READ, Scope.API_WRITE)
) -> tuple[ApiKey, str]:
    key = ApiKey(name=name, is_active=is_active, scopes=list(scopes))
    secret = key.set_key()
    key.save()
    key.services.set(services)
    sync_key_user(key)
    return key, secret


def client_with(secret: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Throttling has its own test; elsewhere counters left by other tests must not refuse calls."""
    settings.API_THROTTLE_RATE = ""
    settings.API_THROTTLE_ANON_RATE = ""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def voirie_key(service):
    key, secret = make_key(name="Application Voirie", services=[service])
    key.secret = secret
    return key


@pytest.fixture
def api(voirie_key):
    """A client calling with the Voirie key."""
    return client_with(voirie_key.secret)


@pytest.fixture
def anonymous_api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def session_client(user, *, enforce_csrf: bool = False) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client
