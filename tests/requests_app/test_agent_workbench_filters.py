import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Channel, Kind, Priority, Ticket
from tests.factories import CategoryFactory, TicketFactory

URL = reverse("requests_app:workbench")


def listed(response) -> set[str]:
    return {ticket.reference for ticket in response.context["page_obj"]}


@pytest.fixture
def signed_in(client, agent):
    client.force_login(agent)
    return client


def test_it_lists_open_requests_by_default(signed_in, category, agent):
    received = TicketFactory(category=category)
    in_progress = TicketFactory(category=category, agent=agent, in_progress=True)
    awaiting = TicketFactory(category=category, agent=agent, awaiting=True)
    resolved = TicketFactory(category=category, agent=agent, resolved=True)
    rejected = TicketFactory(category=category, agent=agent, rejected=True)

    response = signed_in.get(URL)

    assert listed(response) == {received.reference, in_progress.reference, awaiting.reference}
    assert resolved.reference not in response.text
    assert rejected.reference not in response.text


def test_it_lists_every_status_on_request(signed_in, category, agent):
    tickets = [TicketFactory(category=category), TicketFactory(category=category, agent=agent, closed=True)]

    response = signed_in.get(URL, {"status": "any"})

    assert listed(response) == {ticket.reference for ticket in tickets}


def test_it_filters_by_one_status(signed_in, category, agent):
    TicketFactory(category=category)
    resolved = TicketFactory(category=category, agent=agent, resolved=True)

    response = signed_in.get(URL, {"status": "resolved"})

    assert listed(response) == {resolved.reference}


def test_it_filters_by_service(client, supervisor, category, other_category):
    TicketFactory(category=category)
    civil = TicketFactory(category=other_category)
    client.force_login(supervisor)

    response = client.get(URL, {"service": other_category.service.pk})

    assert listed(response) == {civil.reference}


def test_it_filters_by_category(signed_in, category, service):
    pothole = TicketFactory(category=category)
    TicketFactory(category=CategoryFactory(service=service, name="Éclairage"))

    response = signed_in.get(URL, {"category": category.pk})

    assert listed(response) == {pothole.reference}


def test_it_filters_complaints_and_marks_them_with_a_badge(signed_in, category):
    complaint = TicketFactory(category=category, kind=Kind.COMPLAINT)
    TicketFactory(category=category, kind=Kind.REPORT)

    response = signed_in.get(URL, {"kind": Kind.COMPLAINT})

    assert listed(response) == {complaint.reference}
    assert 'class="badge badge-complaint"' in response.text


def test_it_filters_by_channel(signed_in, category):
    phone = TicketFactory(category=category, channel=Channel.PHONE)
    TicketFactory(category=category, channel=Channel.WEB)

    response = signed_in.get(URL, {"channel": Channel.PHONE})

    assert listed(response) == {phone.reference}


def test_it_filters_by_priority(signed_in, category):
    urgent = TicketFactory(category=category, priority=Priority.URGENT)
    TicketFactory(category=category)

    response = signed_in.get(URL, {"priority": Priority.URGENT})

    assert listed(response) == {urgent.reference}


def test_it_filters_the_requests_assigned_to_me(signed_in, category, agent, colleague):
    mine = TicketFactory(category=category, agent=agent, in_progress=True)
    TicketFactory(category=category, agent=colleague, in_progress=True)
    TicketFactory(category=category)

    response = signed_in.get(URL, {"mine": "on"})

    assert listed(response) == {mine.reference}


def test_it_filters_the_unassigned_requests(signed_in, category, agent):
    nobody = TicketFactory(category=category)
    TicketFactory(category=category, agent=agent, in_progress=True)

    response = signed_in.get(URL, {"unassigned": "on"})

    assert listed(response) == {nobody.reference}


def test_it_filters_overdue_requests_and_says_so_in_words(signed_in, category, agent):
    late = TicketFactory(category=category)
    Ticket.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    TicketFactory(category=category)
    done_late = TicketFactory(category=category, agent=agent, resolved=True)
    Ticket.objects.filter(pk=done_late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=3))

    response = signed_in.get(URL, {"overdue": "on", "status": "any"})

    assert listed(response) == {late.reference}
    row = response.text.split(late.reference, 2)[2].split("</tr>", 1)[0]
    assert "<strong" in row  # flagged in text, not only by colour


@pytest.mark.parametrize("field", ["subject", "description", "contact_name", "contact_email", "contact_phone"])
def test_it_searches_the_words_of_a_request(signed_in, category, field):
    found = TicketFactory(category=category, **{field: "Lampadaire Zéphyrine 0612"})
    TicketFactory(category=category)

    response = signed_in.get(URL, {"q": "zéphyrine" if field != "contact_phone" else "0612"})

    assert listed(response) == {found.reference}


def test_it_finds_a_request_by_its_exact_reference(signed_in, category):
    first = TicketFactory(category=category)
    TicketFactory(category=category)

    response = signed_in.get(URL, {"q": first.reference})

    assert listed(response) == {first.reference}


def test_it_sorts_by_due_date_by_default_and_by_creation_on_request(signed_in, category):
    first, second = TicketFactory(category=category), TicketFactory(category=category)
    Ticket.objects.filter(pk=first.pk).update(due_date=timezone.localdate() + datetime.timedelta(days=30))

    by_due = [t.reference for t in signed_in.get(URL).context["page_obj"]]
    oldest_first = [t.reference for t in signed_in.get(URL, {"sort": "created"}).context["page_obj"]]
    newest_first = [t.reference for t in signed_in.get(URL, {"sort": "-created"}).context["page_obj"]]

    assert by_due == [second.reference, first.reference]
    assert oldest_first == [first.reference, second.reference]
    assert newest_first == [second.reference, first.reference]


def test_it_paginates_and_keeps_the_filters_in_the_page_links(signed_in, category, settings):
    settings.WORKBENCH_PAGE_SIZE = 5
    for _ in range(7):
        TicketFactory(category=category, kind=Kind.COMPLAINT)

    first_page = signed_in.get(URL, {"kind": Kind.COMPLAINT})
    second_page = signed_in.get(URL, {"kind": Kind.COMPLAINT, "page": 2})

    assert len(first_page.context["page_obj"]) == 5
    assert len(second_page.context["page_obj"]) == 2
    assert "?kind=complaint&amp;page=2" in first_page.text
    assert 'nav aria-label="' in first_page.text


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"kind": "bogus"},
        {"category": "999999"},
        {"service": "not-a-number"},
        {"sort": "reference; drop table"},
        {"mine": "on", "unassigned": "on"},
    ],
)
def test_it_answers_400_to_a_bad_filter_and_keeps_what_was_typed(signed_in, category, query):
    ticket = TicketFactory(category=category)

    response = signed_in.get(URL, {"q": "lampadaire", **query})

    assert response.status_code == 400
    assert 'id="error-summary"' in response.text
    assert 'value="lampadaire"' in response.text
    assert ticket.reference not in response.text


def test_it_refuses_the_category_of_a_service_the_agent_is_not_in(signed_in, category, other_category):
    response = signed_in.get(URL, {"category": other_category.pk})

    assert response.status_code == 400
