from django.urls import reverse

from .helpers import PASSWORD

URL = reverse("accounts:password_change")
NEW_PASSWORD = "une nouvelle phrase assez longue"


def test_it_changes_the_password_and_keeps_the_session(client, citizen):
    client.force_login(citizen)

    response = client.post(
        URL, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_it_refuses_a_wrong_current_password(client, citizen):
    client.force_login(citizen)

    response = client.post(
        URL, {"old_password": "pas le bon", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)
