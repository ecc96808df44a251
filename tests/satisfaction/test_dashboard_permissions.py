"""Who may open which dashboard, and download its tables."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import log_in_with_second_factor

OVERVIEW = reverse("dashboard:overview")
SERVICE = reverse("dashboard:service")
MINE = reverse("dashboard:mine")
PAGES = [OVERVIEW, SERVICE, MINE]


def downloads(url):
    return [(url, {}), (url, {"format": "csv", "table": "kpis" if url != MINE else "figures"})]


@pytest.mark.parametrize("url", [reverse("dashboard:index"), *PAGES])
@pytest.mark.parametrize("export", [False, True])
def test_it_sends_anonymous_people_to_the_login_page(client, url, export):
    response = client.get(url, {"format": "csv", "table": "kpis"} if export else {})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [reverse("dashboard:index"), *PAGES])
@pytest.mark.parametrize("export", [False, True])
def test_it_refuses_citizens(client, citizen, url, export):
    client.force_login(citizen)

    response = client.get(url, {"format": "xlsx", "table": "kpis"} if export else {})

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "target"),
    [("manager", OVERVIEW), ("administrator", OVERVIEW), ("supervisor", SERVICE), ("agent", MINE)],
)
def test_it_sends_each_role_to_its_dashboard(client, request, persona, target):
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 302
    assert response.url == target


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("agent", {MINE}),
        ("supervisor", {SERVICE, MINE}),
        ("manager", {OVERVIEW, SERVICE}),
        ("administrator", {OVERVIEW, SERVICE}),
    ],
)
def test_it_opens_each_page_to_its_roles_only(client, request, persona, allowed):
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    for url in PAGES:
        table = "figures" if url == MINE else "kpis"
        page = client.get(url)
        download = client.get(url, {"format": "csv", "table": table})
        expected = 200 if url in allowed else 403
        assert (page.status_code, download.status_code) == (expected, expected), url


def test_it_refuses_a_service_outside_the_supervisors_scope(client, service, category, other_category):
    from accounts.models import Role
    from tests.factories import ServiceFactory, UserFactory

    outside = ServiceFactory(name="Urbanisme", slug="urbanisme")
    supervisor = UserFactory(role=Role.SUPERVISOR, services=[service])
    client.force_login(supervisor)

    for params in (
        {"service": other_category.service_id},
        {"service": outside.pk},
        {"category": other_category.pk},
        {"service": other_category.service_id, "format": "csv", "table": "kpis"},
    ):
        response = client.get(SERVICE, params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, params
        assert "Select a valid choice" in response.text
        assert "tiles" not in response.context


def test_it_refuses_an_unknown_table_or_format(client, manager):
    client.force_login(manager)

    assert client.get(OVERVIEW, {"format": "csv", "table": "passwords"}).status_code == 404
    assert client.get(OVERVIEW, {"format": "pdf", "table": "kpis"}).status_code == 400
    # The agents' workload is on the services page only.
    assert client.get(OVERVIEW, {"format": "csv", "table": "workload"}).status_code == 404
    assert client.get(SERVICE, {"format": "csv", "table": "workload"}).status_code == 200
