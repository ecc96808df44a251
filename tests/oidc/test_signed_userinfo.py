"""FranceConnect v2 and ProConnect sign their userinfo answers: those are checked too."""

from accounts.models import ExternalIdentity, User

from .helpers import page_text, sign_in


def test_it_reads_a_signed_userinfo_answer(client, franceconnect):
    franceconnect.control(signed_userinfo=True)
    franceconnect.logs_in(sub="fc-signed", email="noa@example.fr", given_name="Noa", family_name="Leroy")

    response = sign_in(client)

    assert response.status_code == 302
    user = User.objects.get(email="noa@example.fr")
    assert (user.first_name, user.last_name) == ("Noa", "Leroy")
    assert ExternalIdentity.objects.get(subject="fc-signed").user == user


def test_it_refuses_a_userinfo_answer_with_a_bad_signature(client, franceconnect):
    franceconnect.control(signed_userinfo=True, misbehaviour="userinfo_bad_signature")

    response = sign_in(client)

    assert response.status_code == 400
    assert "n'a pas pu être vérifiée" in page_text(response)
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session
