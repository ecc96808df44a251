"""The defect: signing up with someone else's number must not bring their phone requests into one's space."""

from django.urls import reverse

from accounts.models import User
from accounts.tokens import email_verification_token, encode_uid
from notifications.models import Notification
from requests_app.models import Channel, Kind, Ticket, TicketEvent
from tests.accounts.helpers import signup_data
from tests.factories import UserFactory


def sign_up_and_confirm(client, **fields) -> User:
    client.post(reverse("accounts:signup"), signup_data(**fields))
    user = User.objects.get(email=fields["email"].lower())
    token = email_verification_token.make_token(user)
    client.post(reverse("accounts:verify_email", args=[encode_uid(user), token]))
    return user


def phone_request(client, agent, category, number: str, *, account: str | None = None):
    client.force_login(agent)
    data = {
        "channel": Channel.PHONE,
        "kind": Kind.COMPLAINT,
        "category": category.pk,
        "subject": "Voisin bruyant",
        "description": "Mme Leroy signale des nuisances de son voisin du 2e étage, qu'elle nomme.",
        "address": "",
        "priority": "normal",
        "contact_email": "",
        "contact_phone": number,
        "contact_name": "Mme Leroy",
    }
    if account is not None:
        data["account"] = account
    return client.post(reverse("requests_app:quick_entry"), data)


def test_a_request_for_a_claimed_number_stays_out_of_the_claimants_space(client, agent, category):
    intruder_browser = client.__class__()
    intruder = sign_up_and_confirm(intruder_browser, email="intrus@example.fr", phone="06 12 34 56 78")

    # The agent is told of the unverified account, and keeps the request apart.
    proposal = phone_request(client, agent, category, "06 12 34 56 78")
    phone_request(client, agent, category, "06 12 34 56 78", account="none")

    assert proposal.status_code == 400
    assert "Un compte non vérifié utilise ce numéro" in proposal.text
    ticket = Ticket.objects.get()
    assert ticket.citizen is None
    space = intruder_browser.get(reverse("requests_app:my_space"))
    listing = intruder_browser.get(reverse("requests_app:my_tickets"))
    for page in (space, listing):
        assert page.status_code == 200
        assert ticket.reference not in page.text
        assert "nuisances" not in page.text
    assert intruder_browser.get(reverse("requests_app:my_ticket", args=[ticket.reference])).status_code == 404
    assert not Notification.objects.filter(recipient=intruder, ticket=ticket).exists()


def test_once_the_holder_verifies_the_number_the_request_joins_their_space(client, agent, category):
    holder_browser = client.__class__()
    holder = sign_up_and_confirm(holder_browser, email="leroy@example.fr", phone="06 12 34 56 78")
    phone_request(client, agent, category, "0612345678", account="none")
    ticket = Ticket.objects.get()

    holder_browser.post(reverse("accounts:phone_send_code"))
    code = Notification.objects.get(template="phone_code").context["code"]
    holder_browser.post(reverse("accounts:phone_verify"), {"code": code})

    ticket.refresh_from_db()
    assert ticket.citizen == holder
    assert TicketEvent.objects.filter(ticket=ticket, kind=TicketEvent.Kind.LINKED_TO_ACCOUNT, actor=holder).exists()
    assert ticket.reference in holder_browser.get(reverse("requests_app:my_space")).text
    # And from now on a phone request for the number joins the account at once.
    phone_request(client, agent, category, "+33 6 12 34 56 78")
    assert Ticket.objects.filter(citizen=holder).count() == 2


def test_a_request_filed_before_the_account_was_opened_stays_apart(client, agent, category):
    phone_request(client, agent, category, "06 12 34 56 78")
    earlier = Ticket.objects.get()
    holder = UserFactory(phone="+33612345678")
    client.force_login(holder)
    client.post(reverse("accounts:phone_send_code"))
    code = Notification.objects.get(template="phone_code").context["code"]

    client.post(reverse("accounts:phone_verify"), {"code": code})

    earlier.refresh_from_db()
    # The number may have belonged to someone else then.
    assert earlier.citizen is None
