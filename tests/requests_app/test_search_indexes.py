"""The workbench search on PostgreSQL: the same tickets as plain filters, and every branch indexed."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, transaction
from django.db.models import Q

from requests_app.models import OPEN_STATUSES, Ticket
from requests_app.search import search_tickets
from tests.factories import TicketFactory, UserFactory

pytestmark = pytest.mark.postgres

QUERIES = [
    "lampadaire",  # a word of many subjects
    "lampadaires",  # only its stem matches
    "réverbère",  # a word of one description
    "gambet",  # part of a street name
    "perrin",  # a citizen's last name, and a contact's name
    "lea.fontaine@",  # part of a citizen's e-mail
    "c.lopez3@example",  # part of a contact e-mail
    "06 12",  # part of a phone number
    "rue de la gare",  # several words
    "introuvable",  # nothing
]
ALL_REQUESTS_INDEXES = [
    "ticket_search_document_idx",
    "ticket_subject_trgm_idx",
    "ticket_description_trgm_idx",
    "ticket_contact_name_trgm_idx",
    "ticket_contact_email_trgm_idx",
    "ticket_contact_phone_trgm_idx",
]


@pytest.fixture
def tickets(category):
    perrin = UserFactory(email="bernard.perrin@usagers.example.fr", first_name="Bernard", last_name="Perrin")
    fontaine = UserFactory(email="lea.fontaine@usagers.example.fr", first_name="Léa", last_name="Fontaine")
    common = {"category": category, "contact_name": ""}
    TicketFactory(**common, subject="Lampadaire en panne", description="Le réverbère clignote.", citizen=perrin)
    TicketFactory(**common, subject="Lampadaire éteint rue de la Gare", description="Plus de lumière depuis lundi.")
    TicketFactory(**common, subject="Trottoir abîmé avenue Gambetta", description="Des dalles soulevées.")
    TicketFactory(**common, subject="Dépôt sauvage", description="Des sacs devant l'école.", citizen=fontaine)
    TicketFactory(
        category=category,
        subject="Bruit la nuit",
        description="Une fête tous les samedis.",
        contact_name="Nathalie Perrin",
        contact_email="c.lopez3@example.fr",
        contact_phone="06 12 34 56 78",
    )
    TicketFactory(**common, subject="Arbre penché", description="Il menace de tomber.", resolved=True)


def found(query):
    return set(search_tickets(Ticket.objects.all(), query).values_list("subject", flat=True))


def found_by_plain_filters(query):
    """What the search means, written naively: a join to the citizen, the document computed per row."""
    matches = (
        Q(subject__icontains=query)
        | Q(description__icontains=query)
        | Q(document=SearchQuery(query, config="french", search_type="websearch"))
        | Q(contact_name__icontains=query)
        | Q(contact_email__icontains=query)
        | Q(contact_phone__icontains=query)
        | Q(citizen__email__icontains=query)
        | Q(citizen__last_name__icontains=query)
    )
    tickets = Ticket.objects.annotate(document=SearchVector("subject", "description", config="french"))
    return set(tickets.filter(matches).values_list("subject", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_it_finds_what_the_plain_filters_find(tickets, query):
    assert found(query) == found_by_plain_filters(query)


def test_it_finds_tickets_by_citizen_contact_and_stem(tickets):
    assert found("perrin") == {"Lampadaire en panne", "Bruit la nuit"}
    assert found("lea.fontaine@") == {"Dépôt sauvage"}
    assert found("lampadaires") == {"Lampadaire en panne", "Lampadaire éteint rue de la Gare"}
    assert found("06 12") == {"Bruit la nuit"}
    assert found("introuvable") == set()


def plan(queryset, *, without=()):
    """The plan PostgreSQL would run when it may not read a table whole nor walk a B-tree in order.

    `without` drops indexes for the time of the EXPLAIN (the savepoint is rolled back), to see
    whether the planner can do with the others.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for index in without:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
        explained = queryset.explain()
        transaction.set_rollback(True)
    return explained


def test_it_answers_every_branch_of_the_search_with_an_index(tickets):
    explained = plan(search_tickets(Ticket.objects.all(), "perrin"))

    assert "Seq Scan" not in explained, explained
    for index in [*ALL_REQUESTS_INDEXES, "user_email_trgm_idx", "user_last_name_trgm_idx"]:
        assert index in explained, explained


def test_it_searches_open_requests_in_their_own_smaller_index(tickets):
    # The workbench's default view: open requests only. On so few rows the planner may as well
    # find them by status, or in the indexes of all requests: without those, the open requests'
    # index must answer every branch (its expressions and condition match the query's).
    explained = plan(
        search_tickets(Ticket.objects.filter(status__in=OPEN_STATUSES), "lampadaire"),
        without=["ticket_queue_idx", "ticket_assignee_idx", "ticket_open_assignee_idx", *ALL_REQUESTS_INDEXES],
    )

    assert "Seq Scan" not in explained, explained
    assert "ticket_open_search_idx" in explained, explained


def test_it_finds_a_reference_through_its_unique_index(tickets):
    reference = Ticket.objects.values_list("reference", flat=True).first()

    explained = plan(search_tickets(Ticket.objects.all(), reference))

    assert "Seq Scan" not in explained, explained
    assert "reference" in explained, explained
