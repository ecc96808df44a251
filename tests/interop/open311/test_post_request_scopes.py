"""Filing by Open311 needs the key's `open311:file` scope; a REST integration's key files nothing."""

import pytest

from interop.models import ApiKey, Scope
from requests_app.models import Ticket

from .conftest import json_of
from .test_post_request_errors import post, refused, report

pytestmark = pytest.mark.django_db

MISSING = "This api_key may not file requests: it lacks the scope “open311:file”."

# The key's scopes → the answer to a valid report in one of its categories.
FILING = [
    ((Scope.OPEN311_FILE,), 200),
    ((Scope.OPEN311_FILE, Scope.API_READ, Scope.API_WRITE), 200),
    ((Scope.API_READ,), 403),
    ((Scope.API_WRITE,), 403),
    ((Scope.API_READ, Scope.API_WRITE), 403),
    ((), 403),
]


@pytest.mark.parametrize("fmt", ["xml", "json"])
@pytest.mark.parametrize(("scopes", "status"), FILING)
def test_it_files_only_with_the_open311_scope(client, api_key, questions, scopes, status, fmt):
    ApiKey.objects.filter(pk=api_key.pk).update(scopes=list(scopes))

    if status == 200:
        response = post(client, report(), fmt)
        assert response.status_code == 200
        assert Ticket.objects.count() == 1
    else:
        assert refused(client, report(), status, fmt) == [MISSING]


def test_it_checks_the_scope_before_the_report(client, api_key):
    # Even a report with nothing valid in it is answered with the missing scope alone: a key that
    # may not file learns nothing about the categories.
    ApiKey.objects.filter(pk=api_key.pk).update(scopes=[Scope.API_READ])

    response = post(client, {"api_key": "rc_test_open311_dansmarue_key", "service_code": "unknown"}, "json")

    assert response.status_code == 403
    assert json_of(response) == [{"code": 403, "description": MISSING}]
