"""The request form shows the questions of the chosen subject area, accessibly, with and without errors."""

import pytest
from django.urls import reverse

from requests_app.models import CategoryField, Ticket

from .axe import assert_accessible

pytestmark = pytest.mark.e2e

SUBMIT = "main form[method=post] button[type=submit]"


@pytest.fixture
def questions(category, other_category):
    CategoryField.objects.create(
        category=category,
        code="profondeur",
        label="Profondeur approximative (cm)",
        datatype=CategoryField.Datatype.NUMBER,
        required=True,
        order=1,
    )
    CategoryField.objects.create(
        category=category,
        code="genes",
        label="Qui est gêné ?",
        datatype=CategoryField.Datatype.MULTIPLE_CHOICE,
        values=[{"key": "pietons", "name": "Piétons"}, {"key": "velos", "name": "Cyclistes"}],
        order=2,
    )
    CategoryField.objects.create(
        category=other_category,
        code="naissance",
        label="Commune de naissance",
        datatype=CategoryField.Datatype.STRING,
    )


def test_it_shows_only_the_chosen_categorys_questions_and_keeps_answers_after_an_error(
    page, category, other_category, questions
):
    page.goto(reverse("requests_app:new_ticket"))
    pothole = page.locator(f"#questions-{category.pk}")
    birth = page.locator(f"#questions-{other_category.pk}")
    assert not pothole.is_visible()
    assert not birth.is_visible()

    page.locator("#id_category").select_option(str(category.pk))
    assert pothole.is_visible()
    assert not birth.is_visible()
    assert_accessible(page, "the request form with a category's questions")

    page.get_by_label("Signalement d'un problème").check()
    page.locator("#id_subject").fill("Trou rue Pasteur")
    page.locator("#id_description").fill("Un trou profond devant le 4.")
    page.locator("#id_contact_name").fill("Claude Bernard")
    page.locator("#id_contact_email").fill("claude@example.fr")
    page.locator("#id_consent").check()
    page.locator(f"#id_q{category.pk}-profondeur").fill("très profond")
    page.get_by_label("Cyclistes").check()
    with page.expect_navigation(wait_until="load"):
        page.locator(SUBMIT).click()

    assert page.locator("#error-summary").is_visible()
    assert pothole.is_visible()
    assert not birth.is_visible()
    assert page.locator(f"#id_q{category.pk}-profondeur").input_value() == "très profond"
    assert page.get_by_label("Cyclistes").is_checked()
    assert_accessible(page, "the request form with an error in a question")

    page.locator(f"#id_q{category.pk}-profondeur").fill("12")
    with page.expect_navigation(wait_until="load"):
        page.locator(SUBMIT).click()
    assert Ticket.objects.get().attributes == {"profondeur": 12, "genes": ["velos"]}
