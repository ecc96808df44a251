from django.urls import reverse

from accounts.models import User
from requests_app.models import Ticket

from ..factories import TicketFactory
from .helpers import PASSWORD, link_in, unverified_citizen

URL = reverse("accounts:password_reset")
NEW_PASSWORD = "une nouvelle phrase assez longue"


def reset_through_mail(client, message):
    """Open the mailed link and choose a new password; returns the final response."""
    response = client.get(link_in(message, "/compte/mot-de-passe/"))
    assert response.status_code == 302  # the token moves to the session
    form_url = response["Location"]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_it_mails_a_link_that_sets_a_new_password(client, citizen, mailoutbox):
    response = client.post(URL, {"email": "Camille@example.fr"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille@example.fr"]
    assert "\n" not in message.subject
    assert message.alternatives[0].mimetype == "text/html"

    response = reset_through_mail(client, message)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert not citizen.check_password(PASSWORD)


def test_it_writes_the_mail_in_the_account_language(client, citizen, mailoutbox):
    citizen.preferred_language = "en"
    citizen.save()

    client.post(URL, {"email": "camille@example.fr"})

    assert mailoutbox[0].subject.startswith("Choose a new password")


def test_it_answers_the_same_for_an_unknown_address(client, db, mailoutbox):
    response = client.post(URL, {"email": "inconnu@example.fr"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_it_refuses_an_invalid_address(client, db, mailoutbox):
    response = client.post(URL, {"email": "inconnu"})

    assert response.status_code == 400
    assert 'value="inconnu"' in response.text
    assert mailoutbox == []


def test_it_refuses_a_weak_new_password(client, citizen, mailoutbox):
    client.post(URL, {"email": "camille@example.fr"})
    form_url = client.get(link_in(mailoutbox[0], "/compte/mot-de-passe/"))["Location"]

    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})

    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_it_refuses_a_used_or_garbled_link(client, citizen, mailoutbox):
    client.post(URL, {"email": "camille@example.fr"})
    path = link_in(mailoutbox[0], "/compte/mot-de-passe/")
    reset_through_mail(client, mailoutbox[0])

    assert client.get(path).status_code == 400
    assert client.get(path[:-3] + "zz/").status_code == 400


def test_it_confirms_the_address_of_an_unverified_citizen(client, category, mailoutbox):
    user = unverified_citizen()
    earlier = TicketFactory(category=category, contact_email="sasha@example.fr")
    client.post(URL, {"email": "sasha@example.fr"})

    reset_through_mail(client, mailoutbox[0])

    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert Ticket.objects.get(pk=earlier.pk).citizen == user
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
