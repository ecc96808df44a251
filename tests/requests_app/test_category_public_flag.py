"""Whether a category's reports are published: private by default, reports only, said on the form."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from requests_app.models import Category, Kind
from tests.factories import CategoryFactory

NEW_TICKET = reverse("requests_app:new_ticket")


def test_it_keeps_a_new_category_private(db, service):
    assert Category.objects.create(service=service, name="Voirie", service_code="voirie").is_public is False


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.INFORMATION, Kind.SUGGESTION, Kind.COMPLIMENT])
def test_it_refuses_to_publish_a_category_that_is_not_of_reports(db, service, kind):
    category = Category(service=service, name="Réclamations", service_code="reclamations", kind=kind, is_public=True)

    with (
        translation.override("en"),
        pytest.raises(ValidationError, match=r"Only a category of reports can be public\."),
    ):
        category.full_clean()


def test_it_tells_on_the_form_which_subject_areas_are_published(client, service):
    CategoryFactory(service=service, name="Nid-de-poule", is_public=True)
    CategoryFactory(service=service, name="Nuisances sonores")

    page = client.get(NEW_TICKET, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    notice = page[page.index('id="public-notice"') :]
    notice = notice[: notice.index("</div>")]
    assert "public list of reports" in notice
    assert "never your name" in notice
    assert "<li>Nid-de-poule</li>" in notice
    assert "Nuisances sonores" not in notice


def test_it_says_when_nothing_is_published(client, service):
    CategoryFactory(service=service, name="Nuisances sonores")

    page = client.get(NEW_TICKET, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Aucune demande" in page
    assert "<li>" not in page[page.index('id="public-notice"') :].split("</div>")[0]


def test_the_upgrade_publishes_the_existing_categories_of_reports_only(db, service):
    # What the migration does to the categories a town already has.
    migration = importlib.import_module("requests_app.migrations.0007_category_is_public")
    report = CategoryFactory(service=service, kind=Kind.REPORT)
    complaint = CategoryFactory(service=service, kind=Kind.COMPLAINT)
    question = CategoryFactory(service=service, kind=Kind.INFORMATION)

    migration.publish_report_categories(apps, None)

    assert {c.pk: c.is_public for c in Category.objects.all()} == {
        report.pk: True,
        complaint.pk: False,
        question.pk: False,
    }
