from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import workflow
from requests_app.attachments import check_uploads
from requests_app.models import Kind
from tests.factories import TicketFactory


def pdf(name="constat.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")


def test_it_shows_everything_about_the_request(client, agent, category, citizen):
    ticket = TicketFactory(
        category=category,
        citizen=citizen,
        contact_phone="06 12 34 56 78",
        address="12 rue de la République",
        kind=Kind.COMPLAINT,
        agent=agent,
        in_progress=True,
    )
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passe jeudi.", attachments=check_uploads([pdf()]))
    workflow.add_internal_note(ticket.pk, by=agent, body="Voir avec le chef d'équipe.")
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    assert response.status_code == 200
    page = response.text
    for expected in [
        ticket.reference,
        ticket.subject,
        citizen.email,
        "06 12 34 56 78",
        "12 rue de la République",
        category.name,
        category.service.name,
        str(agent),
        "Une équipe passe jeudi.",
        "Voir avec le chef d&#x27;équipe.",
        "constat.pdf",
        'class="badge badge-complaint"',
    ]:
        assert expected in page, expected
    attachment = ticket.attachments.get()
    assert reverse("requests_app:agent_attachment", args=[ticket.reference, attachment.pk]) in page
    assert page.count("<h1") == 1


def test_it_marks_internal_items_of_the_timeline(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    note = workflow.add_internal_note(ticket.pk, by=agent, body="Note réservée aux agents.")
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    internal = note.events.get()
    item = response.text.split(f'id="event-{internal.pk}"', 1)[1].split("</li>", 1)[0]
    assert 'class="internal"' in item
    assert 'class="badge text-bg-warning"' in item
    assert "Note réservée aux agents." in item


def test_it_renders_one_form_per_available_action(client, agent, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    actions = workflow.available_actions(ticket, agent)
    assert [panel["action"] for panel in response.context["panels"]] == [action.value for action in actions]
    for action in actions:
        assert reverse(f"requests_app:agent_{action.value}", args=[ticket.reference]) in response.text


def test_it_offers_no_take_button_to_the_agent_who_already_has_it(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    client.force_login(agent)

    response = client.get(ticket.get_absolute_url())

    assert reverse("requests_app:agent_take", args=[ticket.reference]) not in response.text


def test_it_shows_a_manager_the_request_without_any_action(client, manager, category):
    ticket = TicketFactory(category=category)
    client.force_login(manager)

    response = client.get(ticket.get_absolute_url())

    assert response.status_code == 200
    assert ticket.subject in response.text
    assert response.context["panels"] == []
    assert 'method="post" action="/agent/' not in response.text


def test_it_hides_the_request_from_an_agent_of_another_service(client, agent_of_other_service, category):
    ticket = TicketFactory(category=category)
    client.force_login(agent_of_other_service)

    response = client.get(ticket.get_absolute_url())

    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_reference(client, agent):
    client.force_login(agent)

    response = client.get(reverse("requests_app:agent_ticket", args=["2026-999999"]))

    assert response.status_code == 404


def test_it_forbids_citizens_even_their_own_request(client, citizen, category):
    ticket = TicketFactory(category=category, citizen=citizen)
    client.force_login(citizen)

    response = client.get(ticket.get_absolute_url())

    assert response.status_code == 403
