"""Keys of the release before scopes get the narrowest scopes that keep what they did working.

The rules are the migration's (`interop/migrations/0006_api_key_scopes_from_use.py`); each key
below leaves one kind of trace, and the table says the scopes it must end with.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from interop.models import ApiKey, hash_api_key
from requests_app import intake, workflow
from requests_app.models import Channel
from tests.factories import CategoryFactory, ServiceFactory, TicketFactory, UserFactory

# The last migration before scopes: keys had no scopes and could do everything.
BEFORE_SCOPES = ("interop", "0004_webhook_tables_renamed")
DEMO_KEY = "rc_demo_open311_bourg_2026_key"

# key → the scopes it ends with.
EXPECTED = {
    "demo key, even after writing": ["open311:file"],
    "REST writer": ["api:read", "api:write"],
    "revoked REST writer": ["api:read", "api:write"],
    "REST writer with categories": ["open311:file", "api:read", "api:write"],
    "Open311 filer (reports in its services)": ["open311:file"],
    "categories of its own, never used": ["open311:file"],
    "used, no trace": ["api:read"],
    "never used": ["open311:file"],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_scopes(transactional_db):
    """The database as the release before scopes left it; migrated back to the latest afterwards."""
    executor = _migrate([BEFORE_SCOPES])
    yield executor.loader.project_state([BEFORE_SCOPES]).apps
    _migrate(_latest())


@pytest.mark.django_db(transaction=True)
def test_it_gives_each_key_the_scopes_its_use_justifies(before_scopes):
    OldApiKey = before_scopes.get_model("interop", "ApiKey")
    voirie = ServiceFactory(name="Voirie", slug="voirie")
    pothole = CategoryFactory(service=voirie, name="Nid-de-poule", service_code="nid-de-poule")
    civil = ServiceFactory(name="État civil", slug="etat-civil")
    birth = CategoryFactory(service=civil, name="Acte de naissance", service_code="acte-naissance")
    parks = ServiceFactory(name="Espaces verts", slug="espaces-verts")
    CategoryFactory(service=parks, name="Arbre", service_code="arbre")
    used = timezone.now() - datetime.timedelta(days=2)

    def key(name, *, services, categories=(), last_used_at=None, is_active=True, secret=None):
        user = UserFactory(email=f"api-key-{OldApiKey.objects.count() + 1}@api.invalid", role="agent")
        user.services.set(services)
        old = OldApiKey.objects.create(
            name=name,
            prefix=(secret or name)[:10],
            key_hash=hash_api_key(secret or name),
            is_active=is_active,
            last_used_at=last_used_at,
            user_id=user.pk,
        )
        old.services.set([service.pk for service in services])
        old.categories.set([category.pk for category in categories])
        return user

    demo = key("demo key, even after writing", services=[voirie], last_used_at=used, secret=DEMO_KEY)
    writer = key("REST writer", services=[civil], last_used_at=used)
    revoked = key("revoked REST writer", services=[civil], last_used_at=used, is_active=False)
    writer_filer = key("REST writer with categories", services=[civil], categories=[pothole], last_used_at=used)
    key("Open311 filer (reports in its services)", services=[voirie], last_used_at=used)
    key("categories of its own, never used", services=[], categories=[birth])
    key("used, no trace", services=[parks], last_used_at=used)
    key("never used", services=[civil])

    # What the REST API leaves: the key's account as the author of a note, of a request it opened.
    civil_ticket = TicketFactory(category=birth)
    workflow.add_internal_note(civil_ticket.pk, by=writer, body="Pièce reçue.")
    workflow.add_internal_note(civil_ticket.pk, by=writer_filer, body="Pièce vérifiée.")
    intake.open_ticket(
        intake.Filing(
            channel=Channel.API,
            category=birth,
            subject="Demande",
            description="Copie",
            contact_email="demandeur@example.fr",
            entered_by=revoked,
        )
    )
    workflow.add_internal_note(TicketFactory(category=pothole).pk, by=demo, body="Lu par un inconnu.")
    # What Open311 leaves: a request on the api channel opened without an author, in Voirie.
    intake.open_ticket(
        intake.Filing(
            channel=Channel.API,
            kind="report",
            category=pothole,
            subject="Nid-de-poule",
            description="Trou",
            contact_name="Application de signalement (Open311)",
        )
    )
    # Espaces verts' key was used, but nothing of its filings or writes is there.
    TicketFactory(category=CategoryFactory(service=parks, service_code="banc"))

    _migrate(_latest())

    assert {key.name: key.scopes for key in ApiKey.objects.all()} == EXPECTED
