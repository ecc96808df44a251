"""Every REST endpoint for every kind of caller: a key does what its scopes say, in its services only.

The endpoints are read from the API's URL patterns, so a new one fails here until it is given
its kind in `ENDPOINT_KINDS`. The expected answers are written once, in `EXPECTED`.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from appointments import booking
from appointments.models import Counter, Slot
from interop.api import urls as api_urls
from interop.api.views import ACTION_SLUGS
from interop.models import Scope
from requests_app import workflow
from requests_app.attachments import check_uploads
from requests_app.models import Attachment
from tests.conftest import close_download
from tests.factories import TicketFactory

from .conftest import client_with, make_key, session_client

# What an endpoint is, for access: the public schema and documentation, reads and writes of lists
# (what the caller may see is filtered) and of one request or appointment (404 outside the caller's services).
SCHEMA, DOCS, READ_LIST, READ_ONE, WRITE_LIST, WRITE_ONE = (
    "schema",
    "docs",
    "read list",
    "read one",
    "write list",
    "write one",
)

ENDPOINT_KINDS = {
    ("schema", "GET"): SCHEMA,
    ("docs", "GET"): DOCS,
    ("tickets", "GET"): READ_LIST,
    ("tickets", "POST"): WRITE_LIST,
    ("ticket", "GET"): READ_ONE,
    ("ticket_messages", "GET"): READ_ONE,
    ("ticket_messages", "POST"): WRITE_ONE,
    ("ticket_events", "GET"): READ_ONE,
    ("ticket_attachments", "GET"): READ_ONE,
    ("attachment_download", "GET"): READ_ONE,
    **{(f"ticket_{action.value}", "POST"): WRITE_ONE for action in ACTION_SLUGS},
    ("categories", "GET"): READ_LIST,
    ("services", "GET"): READ_LIST,
    ("appointments", "GET"): READ_LIST,
    ("appointment_cancel", "POST"): WRITE_ONE,
}

# Answers: a status, or ALLOWED (the call got past authentication and scopes to the endpoint's own
# checks: a 2xx, or a 400/409 about the payload or the request's state, but never 401, 403 or 404),
# or the 403 that names the missing scope.
ALLOWED = "allowed"
NEEDS_READ = ("403", Scope.API_READ)
NEEDS_WRITE = ("403", Scope.API_WRITE)

EXPECTED = {
    #  caller                    schema docs  read list read one  write list   write one
    "anonymous": {SCHEMA: 200, DOCS: 200, READ_LIST: 401, READ_ONE: 401, WRITE_LIST: 401, WRITE_ONE: 401},
    "citizen (session)": {SCHEMA: 200, DOCS: 200, READ_LIST: 403, READ_ONE: 403, WRITE_LIST: 403, WRITE_ONE: 403},
    "agent (session)": {SCHEMA: 200, DOCS: 200, READ_LIST: 200, READ_ONE: 200, WRITE_LIST: ALLOWED, WRITE_ONE: ALLOWED},
    "open311:file key": {
        SCHEMA: 200,
        DOCS: 200,
        READ_LIST: NEEDS_READ,
        READ_ONE: NEEDS_READ,
        WRITE_LIST: NEEDS_WRITE,
        WRITE_ONE: NEEDS_WRITE,
    },
    "api:read key": {
        SCHEMA: 200,
        DOCS: 200,
        READ_LIST: 200,
        READ_ONE: 200,
        WRITE_LIST: NEEDS_WRITE,
        WRITE_ONE: NEEDS_WRITE,
    },
    "api:write key": {SCHEMA: 200, DOCS: 200, READ_LIST: 200, READ_ONE: 200, WRITE_LIST: ALLOWED, WRITE_ONE: ALLOWED},
    "api:read+write key": {
        SCHEMA: 200,
        DOCS: 200,
        READ_LIST: 200,
        READ_ONE: 200,
        WRITE_LIST: ALLOWED,
        WRITE_ONE: ALLOWED,
    },
    "all scopes key": {SCHEMA: 200, DOCS: 200, READ_LIST: 200, READ_ONE: 200, WRITE_LIST: ALLOWED, WRITE_ONE: ALLOWED},
    "revoked api:read+write key": {
        SCHEMA: 401,
        DOCS: 200,
        READ_LIST: 401,
        READ_ONE: 401,
        WRITE_LIST: 401,
        WRITE_ONE: 401,
    },
    "api:read+write key of another service": {
        SCHEMA: 200,
        DOCS: 200,
        READ_LIST: 200,
        READ_ONE: 404,
        WRITE_LIST: ALLOWED,
        WRITE_ONE: 404,
    },
}

READ_WRITE = (Scope.API_READ, Scope.API_WRITE)
KEYS = {
    "open311:file key": {"scopes": (Scope.OPEN311_FILE,)},
    "api:read key": {"scopes": (Scope.API_READ,)},
    "api:write key": {"scopes": (Scope.API_WRITE,)},
    "api:read+write key": {"scopes": READ_WRITE},
    "all scopes key": {"scopes": tuple(Scope)},
    "revoked api:read+write key": {"scopes": READ_WRITE, "is_active": False},
    "api:read+write key of another service": {"scopes": READ_WRITE, "other_service": True},
}


def api_endpoints() -> list[tuple[str, str]]:
    """(URL name, method) of every endpoint of the API, from its URL patterns."""
    endpoints = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "cls", None)
        if view is None:  # a plain Django view: the documentation page, GET only
            endpoints.append((pattern.name, "GET"))
            continue
        endpoints += [
            (pattern.name, method.upper())
            for method in ("get", "post", "put", "patch", "delete")
            if hasattr(view, method)
        ]
    return endpoints


def test_it_knows_the_kind_of_every_endpoint():
    # The catch-all answers 404 and has no handler of its own; everything else must be classified.
    assert sorted(api_endpoints()) == sorted(ENDPOINT_KINDS)
    assert set(EXPECTED) == {"anonymous", "citizen (session)", "agent (session)", *KEYS}


@pytest.fixture
def world(service, category, agent, citizen):
    """A request of the service with a file, and an appointment at the service's counter."""
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    upload = SimpleUploadedFile("mesure.txt", b"30 cm", content_type="text/plain")
    workflow.add_internal_note(ticket.pk, by=agent, body="Mesure.", attachments=check_uploads([upload]))
    counter = Counter.objects.create(service=service, name="Guichet 1")
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    slot = Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )
    appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Dépôt de dossier")
    return {
        "reference": ticket.reference,
        "attachment_id": Attachment.objects.get(ticket=ticket).pk,
        "appointment_id": appointment.pk,
    }


def caller(name: str, *, service, other_service, agent, citizen) -> APIClient:
    if name == "anonymous":
        return APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if name == "citizen (session)":
        return session_client(citizen)
    if name == "agent (session)":
        return session_client(agent)
    options = KEYS[name]
    _key, secret = make_key(
        name=name,
        services=[other_service if options.get("other_service") else service],
        scopes=options["scopes"],
        is_active=options.get("is_active", True),
    )
    return client_with(secret)


def answer_matches(response, expected) -> bool:
    if expected == ALLOWED:
        return response.status_code < 500 and response.status_code not in (401, 403, 404)
    if isinstance(expected, tuple):
        if response.status_code != 403:
            return False
        body = response.json()
        return body.get("missing_scope") == expected[1] and expected[1] in body["detail"]
    return response.status_code == expected


@pytest.mark.parametrize("who", list(EXPECTED))
def test_it_answers_each_caller_as_the_table_says(who, world, service, other_service, agent, citizen):
    client = caller(who, service=service, other_service=other_service, agent=agent, citizen=citizen)
    patterns = {pattern.name: pattern for pattern in api_urls.urlpatterns}
    wrong = []
    # Reads first: the writes sent ({}: no payload) are mostly refused as invalid, but "take" and
    # "cancel" do act, and must not hide what a read would have shown.
    for name, method in sorted(ENDPOINT_KINDS, key=lambda endpoint: (endpoint[1] != "GET", endpoint)):
        url = reverse(f"api:{name}", kwargs={arg: world[arg] for arg in patterns[name].pattern.converters})
        response = client.get(url) if method == "GET" else client.post(url, {}, format="json")
        if hasattr(response, "streaming_content"):
            close_download(response)
        expected = EXPECTED[who][ENDPOINT_KINDS[(name, method)]]
        if not answer_matches(response, expected):
            wrong.append((method, url, expected, response.status_code, response.content[:200]))

    assert wrong == []
