import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from requests_app.models import Channel, Kind, Priority, Ticket, TicketEvent
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import UserFactory

URL = reverse("requests_app:quick_entry")


def entry(**overrides):
    data = {
        "channel": Channel.PHONE,
        "kind": Kind.REPORT,
        "category": "",
        "subject": "Lampadaire éteint",
        "description": "Le lampadaire devant l'école est éteint depuis trois jours.",
        "address": "3 place de l'École",
        "priority": Priority.HIGH,
        "contact_email": "",
        "contact_phone": "",
        "contact_name": "",
    }
    data.update(overrides)
    return data


def test_it_records_a_phone_request_for_a_person_without_account(client, agent, category):
    client.force_login(agent)

    response = client.post(URL, entry(category=category.pk, contact_name="Jean Dupont", contact_phone="06 11 22 33 44"))

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response.url == ticket.get_absolute_url()
    assert ticket.channel == Channel.PHONE
    assert ticket.kind == Kind.REPORT
    assert ticket.priority == Priority.HIGH
    assert ticket.category == category
    assert ticket.service == category.service
    assert ticket.citizen is None
    assert (ticket.contact_name, ticket.contact_phone) == ("Jean Dupont", "06 11 22 33 44")
    assert ticket.address == "3 place de l'École"
    created = ticket.events.get(kind=TicketEvent.Kind.CREATED)
    assert created.actor == agent
    assert created.channel == Channel.PHONE
    assert created.data == {"entered_by_agent": True}
    # Reached by phone only: the acknowledgement goes by SMS.
    acknowledgement = Notification.objects.get()
    assert (acknowledgement.channel, acknowledgement.recipient_phone) == ("sms", "+33611223344")
    assert [m for m in get_messages(response.wsgi_request) if ticket.reference in m.message]


def test_it_files_the_request_under_the_citizen_account_found_by_e_mail(client, agent, category, citizen):
    client.force_login(agent)

    client.post(URL, entry(channel=Channel.COUNTER, category=category.pk, contact_email="CAMILLE@example.fr"))

    ticket = Ticket.objects.get()
    assert ticket.citizen == citizen
    assert ticket.channel == Channel.COUNTER
    assert (
        Notification.objects.get(channel="email", ticket=ticket, template="acknowledgement").recipient_email
        == citizen.email
    )


def test_it_files_the_request_under_the_citizen_account_that_verified_the_phone(client, agent, category):
    account = UserFactory(phone="+33612345678", phone_verified_at=timezone.now())
    client.force_login(agent)

    client.post(URL, entry(category=category.pk, contact_phone="06 12 34 56 78"))

    assert Ticket.objects.get().citizen == account


def test_it_does_not_guess_between_two_accounts_with_the_same_phone(client, agent, category):
    UserFactory(phone="+33612345678")
    UserFactory(phone="+33612345678")
    client.force_login(agent)

    asked = client.post(URL, entry(category=category.pk, contact_phone="0612345678", contact_name="M. Durand"))
    client.post(URL, entry(category=category.pk, contact_phone="0612345678", contact_name="M. Durand", account="none"))

    assert asked.status_code == 400
    ticket = Ticket.objects.get()
    assert ticket.citizen is None
    assert ticket.contact_phone == "0612345678"


def test_it_does_not_file_under_an_account_whose_e_mail_is_unverified(client, agent, category):
    UserFactory(email="pas.verifie@example.fr", email_verified_at=None)
    client.force_login(agent)

    client.post(URL, entry(category=category.pk, contact_email="pas.verifie@example.fr", account="none"))

    ticket = Ticket.objects.get()
    assert ticket.citizen is None
    assert ticket.contact_email == "pas.verifie@example.fr"


def test_it_keeps_the_contact_details_when_no_account_matches(client, agent, category):
    client.force_login(agent)

    client.post(URL, entry(channel=Channel.POSTAL_MAIL, category=category.pk, contact_email="lettre@example.fr"))

    ticket = Ticket.objects.get()
    assert ticket.citizen is None
    assert ticket.contact_email == "lettre@example.fr"
    assert ticket.channel == Channel.POSTAL_MAIL
    assert Notification.objects.filter(channel="email", ticket=ticket, template="acknowledgement").exists()


def test_it_sends_a_request_without_category_to_triage(client, agent, triage_service):
    client.force_login(agent)

    response = client.post(URL, entry(contact_name="Anonyme au guichet"))

    ticket = Ticket.objects.get()
    assert ticket.service == triage_service
    assert ticket.category is None
    # The agent is not in the triage service: back to the workbench, with the reference.
    assert response.url == reverse("requests_app:workbench")


def test_it_keeps_a_scanned_letter(client, agent, category):
    client.force_login(agent)
    scan = SimpleUploadedFile("courrier.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    client.post(URL, {**entry(category=category.pk, contact_name="Mme Leroy"), "attachments": [scan]})

    assert Ticket.objects.get().attachments.get().original_name == "courrier.pdf"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contact_name": "X", "channel": Channel.WEB}, "channel"),
        ({"contact_name": "X", "channel": Channel.API}, "channel"),
        ({"contact_name": "X", "subject": ""}, "subject"),
        ({"contact_name": "X", "description": "  "}, "description"),
        ({"contact_name": "X", "category": "999999"}, "category"),
        ({"contact_name": "X", "kind": "bogus"}, "kind"),
        ({"contact_name": "X", "priority": "bogus"}, "priority"),
        ({"contact_email": "pas-une-adresse"}, "contact_email"),
        ({}, None),  # nobody to answer to
    ],
)
def test_it_refuses_bad_input_with_400_keeps_it_and_writes_nothing(client, agent, category, overrides, field):
    client.force_login(agent)

    response = client.post(URL, entry(**overrides))

    assert response.status_code == 400
    assert 'id="error-summary"' in response.text
    form = response.context["form"]
    assert form.has_error(field if field else "__all__")
    assert "Lampadaire éteint" in response.text or overrides.get("subject") == ""
    assert not Ticket.objects.exists()
    assert not TicketEvent.objects.exists()


def test_it_explains_when_no_triage_service_exists(client, agent):
    client.force_login(agent)

    response = client.post(URL, entry(contact_name="Sans catégorie"))

    assert response.status_code == 400
    assert response.context["form"].has_error("category")
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("persona", ["manager", "citizen", "administrator"])
def test_it_is_for_agents_and_supervisors_only(request, client, persona):
    log_in_with_second_factor(client, request.getfixturevalue(persona))

    assert client.get(URL).status_code == 403
    assert client.post(URL, entry(contact_name="X")).status_code == 403
    assert not Ticket.objects.exists()


def test_it_shows_the_form_to_a_supervisor(client, supervisor):
    client.force_login(supervisor)

    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="channel"' in response.text
