"""Likely duplicates: the same problem at the same place is suggested, another place or state is not."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from requests_app import workflow
from requests_app.duplicates import named_street, similarity, street, suggest_duplicates, words
from requests_app.models import Ticket
from tests.factories import CategoryFactory, TicketFactory

# Place du Martroi, Orléans; 0.0005° of latitude is about 56 m, 0.01° about 1.1 km.
LAT, LON = Decimal("47.902964"), Decimal("1.904250")


@pytest.fixture
def lighting(service):
    return CategoryFactory(service=service, name="Éclairage public", service_code="eclairage")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _references(suggestions) -> list[str]:
    return [suggestion.ticket.reference for suggestion in suggestions]


def test_it_suggests_a_pothole_reported_in_other_words_in_the_same_street(category):
    first = TicketFactory(
        category=category,
        subject="Nid de poule rue Victor Hugo",
        description="Un gros nid de poule s'est formé, les voitures font des écarts.",
    )
    second = TicketFactory(
        category=category,
        subject="Trou dans la chaussée au 12 rue Victor-Hugo",
        description="Il y a un trou profond sur la route, attention aux deux-roues.",
    )

    [suggestion] = suggest_duplicates(second)

    assert suggestion.ticket == first
    assert "same street" in suggestion.reasons
    assert suggestion.distance_m is None
    assert 0 < suggestion.similarity < 1
    assert _references(suggest_duplicates(first)) == [second.reference]


def test_it_suggests_a_lamp_post_out_reported_nearby(lighting):
    first = TicketFactory(
        category=lighting,
        subject="Lampadaire éteint",
        description="Le lampadaire devant la boulangerie ne s'allume plus le soir.",
        latitude=LAT,
        longitude=LON,
    )
    second = TicketFactory(
        category=lighting,
        subject="Plus d'éclairage le soir",
        description="Il fait tout noir devant l'école depuis lundi.",
        latitude=LAT + Decimal("0.0005"),
        longitude=LON,
    )

    [suggestion] = suggest_duplicates(second)

    assert suggestion.ticket == first
    assert 50 < suggestion.distance_m < 60
    assert suggestion.reasons[0] == f"{round(suggestion.distance_m)} m away"


def test_it_does_not_suggest_the_same_problem_in_another_street(category):
    TicketFactory(
        category=category,
        subject="Nid de poule avenue Jean Jaurès",
        description="Un gros nid de poule s'est formé, les voitures font des écarts.",
    )
    ticket = TicketFactory(
        category=category,
        subject="Nid de poule rue Victor Hugo",
        description="Un gros nid de poule s'est formé, les voitures font des écarts.",
    )

    assert suggest_duplicates(ticket) == []


def test_it_does_not_suggest_the_same_problem_far_away(lighting):
    TicketFactory(category=lighting, subject="Lampadaire éteint", latitude=LAT + Decimal("0.01"), longitude=LON)
    ticket = TicketFactory(category=lighting, subject="Lampadaire éteint", latitude=LAT, longitude=LON)

    assert suggest_duplicates(ticket) == []


def test_it_trusts_the_map_over_the_street_names(lighting):
    corner = TicketFactory(
        category=lighting,
        subject="Lampadaire éteint",
        address="1 rue Jeanne d'Arc",
        latitude=LAT + Decimal("0.0002"),
        longitude=LON,
    )
    ticket = TicketFactory(
        category=lighting, subject="Lampadaire éteint", address="2 place du Martroi", latitude=LAT, longitude=LON
    )

    assert _references(suggest_duplicates(ticket)) == [corner.reference]


def test_it_ignores_requests_closed_merged_or_of_another_category(category, other_category, agent):
    pothole = {"subject": "Nid de poule rue Victor Hugo", "description": "Un trou profond devant le 12."}
    TicketFactory(category=category, resolved=True, agent=agent, **pothole)
    TicketFactory(category=category, rejected=True, agent=agent, **pothole)
    TicketFactory(category=other_category, **pothole)
    survivor = TicketFactory(category=category, **pothole)
    merged = TicketFactory(category=category, **pothole)
    workflow.merge_tickets(merged.pk, into_id=survivor.pk, by=agent)
    ticket = TicketFactory(category=category, **pothole)

    assert _references(suggest_duplicates(ticket)) == [survivor.reference]


def test_it_ignores_requests_older_than_the_window(category, settings):
    settings.DUPLICATE_WINDOW_DAYS = 30
    old = TicketFactory(category=category, subject="Nid de poule rue Victor Hugo")
    recent = TicketFactory(category=category, subject="Nid de poule rue Victor Hugo")
    Ticket.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    Ticket.objects.filter(pk=recent.pk).update(created_at=timezone.now() - datetime.timedelta(days=29))
    ticket = TicketFactory(category=category, subject="Trou rue Victor-Hugo")

    assert _references(suggest_duplicates(ticket)) == [recent.reference]


def test_it_suggests_similar_wording_when_no_place_is_given(other_category):
    first = TicketFactory(
        category=other_category,
        subject="Copie intégrale d'acte de naissance",
        description="Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance pour un passeport.",
    )
    TicketFactory(
        category=other_category,
        subject="Livret de famille perdu",
        description="Nous avons perdu notre livret de famille lors du déménagement, comment le refaire ?",
    )
    ticket = TicketFactory(
        category=other_category,
        subject="Acte de naissance intégral",
        description="Merci de m'envoyer la copie intégrale de mon acte de naissance, pour mon passeport.",
    )

    [suggestion] = suggest_duplicates(ticket)

    assert suggestion.ticket == first
    assert suggestion.reasons == ["similar wording"]


def test_it_ranks_the_same_person_and_the_nearest_first(lighting):
    far = TicketFactory(category=lighting, subject="Lampadaire éteint", latitude=LAT + Decimal("0.0012"), longitude=LON)
    near = TicketFactory(
        category=lighting, subject="Lampadaire éteint", latitude=LAT + Decimal("0.0002"), longitude=LON
    )
    mine = TicketFactory(
        category=lighting,
        subject="Lampadaire éteint",
        latitude=LAT + Decimal("0.0012"),
        longitude=LON,
        contact_email="camille@example.fr",
    )
    ticket = TicketFactory(
        category=lighting, subject="Lampadaire éteint", latitude=LAT, longitude=LON, contact_email="Camille@example.fr"
    )

    suggestions = suggest_duplicates(ticket)

    assert _references(suggestions) == [near.reference, mine.reference, far.reference]
    assert "same person" in suggestions[1].reasons
    assert suggestions[0].score > suggestions[1].score > suggestions[2].score
    assert _references(suggest_duplicates(ticket, limit=2)) == [near.reference, mine.reference]


def test_it_looks_among_uncategorised_requests_of_the_service_when_there_is_no_category(triage_service, category):
    TicketFactory(category=category, subject="Nid de poule rue Victor Hugo")
    other = TicketFactory(category=None, subject="Trou rue Victor Hugo")
    ticket = TicketFactory(category=None, subject="Nid de poule rue Victor Hugo")

    assert _references(suggest_duplicates(ticket)) == [other.reference]


def test_it_reads_a_constant_number_of_queries(category, django_assert_num_queries):
    ticket = TicketFactory(category=category, subject="Nid de poule rue Victor Hugo")
    for count in (3, 30):
        while Ticket.objects.exclude(pk=ticket.pk).count() < count:
            TicketFactory(category=category, subject="Trou rue Victor-Hugo", contact_email="", citizen=None)
        with django_assert_num_queries(1):
            assert len(suggest_duplicates(ticket, limit=50)) == count


def test_it_normalises_french_text():
    assert words("Les lampadaires de l'allée des Tilleuls sont éteints") == {"lampadaire", "tilleul", "eteint"}
    assert street("12 rue Victor-Hugo, 45000 Bourg-sur-Loire") == ("victor", "hugo")
    assert named_street("La route est abîmée, travaux en cours") == ()
    assert named_street("Devant le 3 avenue de l'Europe, un trou") == ("europe",)
    assert similarity(frozenset({"a", "b"}), frozenset({"a", "b"})) == 1
    assert similarity(frozenset(), frozenset({"a"})) == 0
