from accounts.models import ExternalIdentity

from .helpers import sign_in


def test_it_signs_a_known_identity_in_even_with_a_new_address_at_the_provider(client, franceconnect, citizen):
    ExternalIdentity.objects.create(provider="franceconnect", subject="fc-sub-0001", user=citizen)
    franceconnect.logs_in(email="nouvelle.adresse@example.fr")

    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/compte/redirection/"
    assert client.session["_auth_user_id"] == str(citizen.pk)
    assert client.session["oidc_provider"] == "franceconnect"
    citizen.refresh_from_db()
    assert citizen.email == "camille@example.fr"


def test_it_refuses_a_deactivated_account(client, franceconnect, citizen):
    ExternalIdentity.objects.create(provider="franceconnect", subject="fc-sub-0001", user=citizen)
    citizen.is_active = False
    citizen.save()

    response = sign_in(client)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
