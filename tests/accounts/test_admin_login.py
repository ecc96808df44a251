"""/admin/ has no login page of its own: it sends to the site's, with its lockout and code steps."""

from django.urls import reverse

LOGIN = reverse("accounts:login")


def test_it_sends_the_admin_login_to_the_same_protected_page(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/"


def test_it_refuses_the_admin_to_someone_logged_in_without_its_rights(client, manager):
    client.force_login(manager)

    response = client.get(reverse("admin:login") + "?next=/admin/")

    assert response.status_code == 403
