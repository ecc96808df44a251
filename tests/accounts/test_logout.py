from django.urls import reverse

URL = reverse("accounts:logout")


def test_it_refuses_get(client, citizen):
    client.force_login(citizen)

    response = client.get(URL)

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_it_logs_out_on_post(client, citizen):
    client.force_login(citizen)

    response = client.post(URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:home")
    assert "_auth_user_id" not in client.session
