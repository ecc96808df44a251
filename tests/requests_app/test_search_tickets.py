import pytest

from requests_app.models import Ticket
from requests_app.search import search_tickets
from tests.factories import TicketFactory


def found(query):
    return set(search_tickets(Ticket.objects.all(), query).values_list("reference", flat=True))


def test_it_matches_a_reference_exactly(category):
    first, second = TicketFactory(category=category), TicketFactory(category=category)
    assert found(first.reference) == {first.reference}
    assert second.reference not in found(first.reference)


def test_it_matches_part_of_a_street_name_and_the_contact(category):
    street = TicketFactory(category=category, subject="Trottoir abîmé avenue Gambetta")
    person = TicketFactory(category=category, contact_email="lea.fontaine@example.fr")
    TicketFactory(category=category, subject="Lampadaire éteint")

    assert found("gambet") == {street.reference}
    assert found("fontaine@") == {person.reference}


def test_it_returns_everything_for_a_blank_query(category):
    TicketFactory(category=category)
    assert len(found("   ")) == 1


@pytest.mark.postgres
def test_it_finds_french_words_by_their_stem_on_postgresql(category):
    lamp = TicketFactory(category=category, subject="Lampadaire en panne", description="Le réverbère clignote.")
    TicketFactory(category=category, subject="Dépôt sauvage", description="Des sacs devant l'école.")

    assert found("lampadaires") == {lamp.reference}
    assert found("réverbères") == {lamp.reference}
