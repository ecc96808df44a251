import pytest
from django.urls import reverse

from tests.accounts.helpers import log_in_with_second_factor

URL = reverse("accounts:after_login")


@pytest.mark.parametrize("persona", ["agent", "supervisor", "manager", "administrator"])
def test_it_sends_staff_to_the_workbench(client, request, persona):
    # Administrators have given their one-time code: the code pages come before this one.
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:workbench")


def test_it_sends_citizens_to_their_personal_space(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert response["Location"] == reverse("requests_app:my_space")


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
