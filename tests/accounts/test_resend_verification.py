import pytest
from django.urls import reverse

from .helpers import link_in, unverified_citizen

URL = reverse("accounts:resend_verification")


def test_it_mails_a_new_link_to_an_unverified_citizen(client, db, mailoutbox):
    user = unverified_citizen()

    response = client.post(URL, {"email": "SASHA@example.fr"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:check_mailbox")
    assert [message.to for message in mailoutbox] == [["sasha@example.fr"]]
    client.post(link_in(mailoutbox[0], "/compte/verifier/"))
    user.refresh_from_db()
    assert user.email_verified_at is not None


@pytest.mark.parametrize("email", ["camille@example.fr", "inconnu@example.fr"])
def test_it_answers_the_same_without_mailing_anyone_else(client, citizen, email, mailoutbox):
    response = client.post(URL, {"email": email})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:check_mailbox")
    assert mailoutbox == []


def test_it_refuses_an_invalid_address(client, db, mailoutbox):
    response = client.post(URL, {"email": "pas une adresse"})

    assert response.status_code == 400
    assert 'value="pas une adresse"' in response.text
    assert mailoutbox == []


def test_it_shows_the_form_without_sending_anything(client, db, mailoutbox):
    unverified_citizen()

    assert client.get(URL).status_code == 200
    assert mailoutbox == []
