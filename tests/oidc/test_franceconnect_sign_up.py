from accounts.models import ExternalIdentity, Role, User

from .helpers import sign_in


def test_it_creates_a_citizen_account_named_after_the_identity(client, franceconnect):
    franceconnect.logs_in(sub="fc-new", email="Alix.Durand@Example.fr", given_name="Alix", family_name="Durand")

    response = sign_in(client)

    assert response.status_code == 302
    user = User.objects.get(email="alix.durand@example.fr")
    assert (user.first_name, user.last_name, user.role) == ("Alix", "Durand", Role.CITIZEN)
    assert user.email_verified_at is not None
    assert not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    identity = ExternalIdentity.objects.get(provider="franceconnect", subject="fc-new")
    assert identity.user == user
    assert identity.last_login_at is not None
