from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app import workflow
from requests_app.attachments import check_uploads
from tests.factories import TicketFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def ticket_with_attachment(category, agent):
    ticket = TicketFactory(category=category, agent=agent, in_progress=True)
    upload = SimpleUploadedFile("arrêté municipal.pdf", PDF, content_type="application/pdf")
    workflow.add_internal_note(ticket.pk, by=agent, body="Copie de l'arrêté.", attachments=check_uploads([upload]))
    return ticket, ticket.attachments.get()


def url(ticket, attachment):
    return reverse("requests_app:agent_attachment", args=[ticket.reference, attachment.pk])


def test_it_downloads_an_attachment_of_the_request(client, agent, category):
    ticket, attachment = ticket_with_attachment(category, agent)
    client.force_login(agent)

    response = client.get(url(ticket, attachment))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


def test_it_refuses_an_attachment_of_another_request(client, agent, category):
    _, attachment = ticket_with_attachment(category, agent)
    other = TicketFactory(category=category)
    client.force_login(agent)

    response = client.get(url(other, attachment))

    assert response.status_code == 404


def test_it_refuses_an_agent_of_another_service(client, agent, agent_of_other_service, category):
    ticket, attachment = ticket_with_attachment(category, agent)
    client.force_login(agent_of_other_service)

    response = client.get(url(ticket, attachment))

    assert response.status_code == 404


def test_it_answers_404_when_the_file_is_gone_from_the_storage(client, agent, category):
    ticket, attachment = ticket_with_attachment(category, agent)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(agent)

    response = client.get(url(ticket, attachment))

    assert response.status_code == 404
