"""`validate_attributes`: one check of the answers to a category's questions, for every channel."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import translation

from requests_app.category_fields import display_answers, validate_attributes
from requests_app.models import CategoryField
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

T = CategoryField.Datatype


@pytest.fixture
def questions(category):
    def ask(code, datatype, *, required=False, values=(), order=0):
        return CategoryField.objects.create(
            category=category,
            code=code,
            label=f"Question {code}",
            datatype=datatype,
            required=required,
            values=list(values),
            order=order,
        )

    ask("lieu", T.STRING, required=True, order=1)
    ask("details", T.TEXT, order=2)
    ask("profondeur", T.NUMBER, order=3)
    ask("depuis", T.DATETIME, order=4)
    ask("danger", T.SINGLE_CHOICE, values=[{"key": "oui", "name": "Oui"}, {"key": "non", "name": "Non"}], order=5)
    ask(
        "genes",
        T.MULTIPLE_CHOICE,
        values=[
            {"key": "pietons", "name": "Piétons"},
            {"key": "velos", "name": "Vélos"},
            {"key": "bus", "name": "Bus"},
        ],
        order=6,
    )
    return category


def problems(category, raw) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_attributes(category, raw)
    return caught.value.message_dict


def test_it_returns_clean_values_keyed_by_code(questions):
    clean = validate_attributes(
        questions,
        {
            "lieu": "  devant l'école  ",
            "details": "Ligne 1\nLigne 2",
            "profondeur": "12",
            "depuis": "2026-11-20T08:30:00Z",
            "danger": "oui",
            "genes": ["bus", "pietons"],
            "inconnu": "ignoré",
        },
    )

    assert clean == {
        "lieu": "devant l'école",
        "details": "Ligne 1\nLigne 2",
        "profondeur": 12,
        "depuis": "2026-11-20T09:30:00+01:00",
        "danger": "oui",
        "genes": ["pietons", "bus"],
    }


def test_it_reads_a_querydict_with_its_lists(questions):
    raw = QueryDict("lieu=Place+du+March%C3%A9&genes=velos&genes=bus&profondeur=2%2C5")

    clean = validate_attributes(questions, raw)

    assert clean == {"lieu": "Place du Marché", "genes": ["velos", "bus"], "profondeur": 2.5}


def test_it_reads_a_time_without_offset_in_local_time(questions):
    clean = validate_attributes(questions, {"lieu": "ici", "depuis": "2026-07-14T22:00"})

    assert clean["depuis"] == "2026-07-14T22:00:00+02:00"


def test_it_leaves_out_empty_optional_answers(questions):
    assert validate_attributes(questions, {"lieu": "ici", "details": "  ", "genes": [], "danger": ""}) == {
        "lieu": "ici"
    }


def test_it_reports_every_problem_at_once(questions):
    found = problems(
        questions,
        {"profondeur": "profond", "depuis": "hier", "danger": "peut-etre", "genes": ["velos", "trains"]},
    )

    assert found == {
        "lieu": ["Answer this question: Question lieu"],
        "profondeur": ["Enter a number, for example 3 or 2.5."],
        "depuis": ["Enter a date and time, for example 2026-11-23T17:30 or 2026-11-23T17:30:00+01:00."],
        "danger": ["“peut-etre” is not one of the possible answers."],
        "genes": ["“trains” is not one of the possible answers."],
    }


@pytest.mark.parametrize("number", ["nan", "inf", "1e999", "12 cm", "1.2.3", "--1"])
def test_it_refuses_what_is_not_a_finite_number(questions, number):
    assert "profondeur" in problems(questions, {"lieu": "ici", "profondeur": number})


def test_it_refuses_two_answers_to_a_single_answer_question(questions):
    assert problems(questions, {"lieu": ["ici", "là"]}) == {"lieu": ["Give only one answer to this question."]}


def test_it_refuses_a_string_that_is_too_long(questions):
    assert "lieu" in problems(questions, {"lieu": "x" * 501})


def test_a_category_without_questions_accepts_nothing_and_returns_nothing(other_category):
    assert validate_attributes(other_category, {"lieu": "ici"}) == {}
    assert validate_attributes(None, {}) == {}


def test_it_refuses_null_characters(questions):
    assert problems(questions, {"lieu": "ici\x00"}) == {"lieu": ["Null characters are not allowed."]}


def test_it_shows_stored_answers_with_their_questions_and_choice_names(questions):
    ticket = TicketFactory(
        category=questions,
        attributes=validate_attributes(questions, {"lieu": "ici", "danger": "oui", "genes": ["velos", "bus"]}),
    )

    assert display_answers(ticket) == [
        ("Question lieu", "ici"),
        ("Question danger", "Oui"),
        ("Question genes", "Vélos, Bus"),
    ]
