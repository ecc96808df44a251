"""Who gets in: a valid key (Bearer or Token), nobody else; a key sees its services only."""

import datetime

from django.utils import timezone

from interop.models import ApiKey, sync_key_user
from tests.factories import TicketFactory

from .conftest import client_with, make_key


def test_it_refuses_a_call_without_a_key(anonymous_api):
    response = anonymous_api.get("/api/v1/tickets/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_an_unknown_key(db):
    response = client_with("rc_not-a-real-key").get("/api/v1/tickets/")

    assert response.status_code == 401
    assert response.json()["detail"]


def test_it_refuses_a_malformed_authorization_header(anonymous_api, voirie_key):
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Bearer {voirie_key.secret} extra")

    assert anonymous_api.get("/api/v1/tickets/").status_code == 401


def test_it_refuses_a_revoked_key(voirie_key, api):
    ApiKey.objects.filter(pk=voirie_key.pk).update(is_active=False)

    assert api.get("/api/v1/tickets/").status_code == 401


def test_it_accepts_the_token_keyword_too(voirie_key, category, anonymous_api):
    TicketFactory(category=category)
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Token {voirie_key.secret}")

    response = anonymous_api.get("/api/v1/tickets/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_it_hides_the_requests_of_other_services_from_a_key(api, other_category):
    elsewhere = TicketFactory(category=other_category)

    assert api.get(f"/api/v1/tickets/{elsewhere.reference}/").status_code == 404
    assert api.post(f"/api/v1/tickets/{elsewhere.reference}/take/").status_code == 404
    assert api.get("/api/v1/tickets/").json()["results"] == []


def test_it_acts_as_the_technical_account_of_the_key(voirie_key, service):
    user = voirie_key.user

    assert user.email.endswith("@api.invalid")
    assert not user.has_usable_password()
    assert user.role == "agent"
    assert list(user.services.all()) == [service]
    assert str(user) == "Application Voirie"


def test_it_records_the_last_use_at_most_once_a_minute(api, voirie_key):
    api.get("/api/v1/services/")
    voirie_key.refresh_from_db()
    first = voirie_key.last_used_at
    assert first is not None

    api.get("/api/v1/services/")
    voirie_key.refresh_from_db()
    assert voirie_key.last_used_at == first

    ApiKey.objects.filter(pk=voirie_key.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    api.get("/api/v1/services/")
    voirie_key.refresh_from_db()
    assert voirie_key.last_used_at > first - datetime.timedelta(seconds=1)
    assert timezone.now() - voirie_key.last_used_at < datetime.timedelta(minutes=1)


def test_it_follows_the_services_of_the_key_when_they_change(other_service, other_category, db):
    key, secret = make_key(name="Application État civil", services=[])
    ticket = TicketFactory(category=other_category)
    assert client_with(secret).get(f"/api/v1/tickets/{ticket.reference}/").status_code == 404

    key.services.set([other_service])
    sync_key_user(key)

    assert client_with(secret).get(f"/api/v1/tickets/{ticket.reference}/").status_code == 200
