import datetime

from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.tokens import email_verification_token, encode_uid
from requests_app.models import Ticket, TicketEvent

from ..factories import TicketFactory
from .helpers import unverified_citizen


def verify_url(user, token=None) -> str:
    token = token or email_verification_token.make_token(user)
    return reverse("accounts:verify_email", args=[encode_uid(user), token])


def test_it_asks_for_a_click_before_verifying(client, db):
    user = unverified_citizen()

    response = client.get(verify_url(user))

    assert response.status_code == 200
    assert "sasha@example.fr" in response.text
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_it_verifies_logs_in_and_links_earlier_requests(client, category):
    user = unverified_citizen()
    earlier = TicketFactory(category=category, contact_email="Sasha@Example.fr")
    also_earlier = TicketFactory(category=category, contact_email="sasha@example.fr")
    someone_else = TicketFactory(category=category, contact_email="dominique@example.fr")

    response = client.post(verify_url(user))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:after_login")
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    assert set(Ticket.objects.filter(citizen=user)) == {earlier, also_earlier}
    someone_else.refresh_from_db()
    assert someone_else.citizen is None
    assert TicketEvent.objects.filter(ticket=earlier, kind=TicketEvent.Kind.LINKED_TO_ACCOUNT, actor=user).exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("2 " in text for text in texts)


def test_it_works_only_once(client, db):
    user = unverified_citizen()
    url = verify_url(user)
    client.post(url)
    client.logout()

    response = client.post(url)

    assert response.status_code == 400


def test_it_is_friendly_to_a_double_click(client, db):
    user = unverified_citizen()
    url = verify_url(user)
    client.post(url)

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:after_login")


def test_it_refuses_an_expired_link(client, db, monkeypatch):
    user = unverified_citizen()
    four_days_ago = datetime.datetime.now() - datetime.timedelta(days=4)
    monkeypatch.setattr(email_verification_token, "_now", lambda: four_days_ago)
    url = verify_url(user)
    monkeypatch.undo()

    response = client.post(url)

    assert response.status_code == 400
    assert reverse("accounts:resend_verification") in response.text
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_it_refuses_garbled_links(client, db):
    user = unverified_citizen()
    good = email_verification_token.make_token(user)
    urls = [
        reverse("accounts:verify_email", args=[encode_uid(user), good[:-2] + "zz"]),
        reverse("accounts:verify_email", args=["!!", good]),
        reverse("accounts:verify_email", args=["OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ", good]),
        reverse("accounts:verify_email", args=[encode_uid(user), "no-token"]),
    ]

    for url in urls:
        assert client.get(url).status_code == 400, url
        assert client.post(url).status_code == 400, url
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_it_refuses_a_link_once_the_address_changed(client, db):
    user = unverified_citizen()
    url = verify_url(user)
    user.email = "nouvelle@example.fr"
    user.save()

    assert client.post(url).status_code == 400


def test_it_does_not_verify_staff_accounts(client, agent):
    agent.email_verified_at = None
    agent.save()

    assert client.post(verify_url(agent)).status_code == 400


def test_it_refuses_links_for_an_account_already_verified(client, citizen):
    verified_at = citizen.email_verified_at

    response = client.post(verify_url(citizen))

    assert response.status_code == 400
    citizen.refresh_from_db()
    assert citizen.email_verified_at == verified_at
