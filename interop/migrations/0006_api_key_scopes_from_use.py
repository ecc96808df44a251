"""Existing keys get the narrowest scopes that keep what they did working, read from the traces they left.

Until this release every active key could do everything: file by Open311, read and write the REST
API. What a key did is read from the database, and each key gets, from the first rule that applies:

1. The demo's key (`rc_demo_open311_bourg_2026_key`, recognised by its hash): its secret is
   published, so it gets `open311:file` alone, whatever anyone did with it.
2. `api:read` + `api:write` when the key's technical account authored anything: a timeline event
   (a request opened through the REST API, an action, a reply, a note), a message or a file. Only
   the REST API acts as that account; Open311 records no author. A key that also filed by Open311
   (rule 3's trace) keeps `open311:file` too.
3. `open311:file` when the key filed by Open311 or was set up for it: a request on the `api`
   channel opened without an author (only Open311 opens such requests) in a category the key may
   file in (one of its categories, or a category of one of its services), or the key has
   categories of its own (only Open311 uses them). Such a key gets no REST scope: reads leave no
   trace, so they cannot be told apart from filings, and keeping a reporting application's key
   out of citizens' data is the point of the scopes. Where two keys may file in the same
   category, both get `open311:file`.
4. `api:read` when the key was used (`last_used_at`) and rules 2 and 3 found nothing: its
   successful calls left no trace, and REST reads are the only ones that leave none.
5. `open311:file` for a key never used: there is nothing to keep working, and it is the scope
   that reads nothing. An integration that then calls the REST API is answered 403 with the scope
   to grant, which an administrator ticks in the admin.

Revoked keys follow the same rules, so that reactivating one gives it coherent scopes.
"""

from django.db import migrations

OPEN311_FILE = "open311:file"
API_READ = "api:read"
API_WRITE = "api:write"
SCOPE_ORDER = [OPEN311_FILE, API_READ, API_WRITE]
# SHA-256 of the demo's published key (demo/data/commune.py).
DEMO_KEY_HASH = "807affff5d0c0511d1ce694377bad60fd58cbff644d81ae946cfde7c204d936c"


def scopes_from_use(key, *, authored: bool, filed: bool) -> list[str]:
    if key.key_hash == DEMO_KEY_HASH:
        return [OPEN311_FILE]
    scopes = set()
    if authored:
        scopes |= {API_READ, API_WRITE}
    if filed:
        scopes.add(OPEN311_FILE)
    if not scopes:
        scopes.add(API_READ if key.last_used_at is not None else OPEN311_FILE)
    return [scope for scope in SCOPE_ORDER if scope in scopes]


def authored_anything(apps, user_id) -> bool:
    if user_id is None:
        return False
    TicketEvent = apps.get_model("requests_app", "TicketEvent")
    Message = apps.get_model("requests_app", "Message")
    Attachment = apps.get_model("requests_app", "Attachment")
    return (
        TicketEvent.objects.filter(actor_id=user_id).exists()
        or Message.objects.filter(author_id=user_id).exists()
        or Attachment.objects.filter(uploaded_by_id=user_id).exists()
    )


def filed_by_open311(apps, key) -> bool:
    if key.categories.exists():
        return True
    TicketEvent = apps.get_model("requests_app", "TicketEvent")
    return TicketEvent.objects.filter(
        kind="created",
        actor__isnull=True,
        ticket__channel="api",
        ticket__category__service__in=key.services.all(),
    ).exists()


def give_scopes(apps, schema_editor):
    ApiKey = apps.get_model("interop", "ApiKey")
    for key in ApiKey.objects.order_by("pk"):
        key.scopes = scopes_from_use(
            key, authored=authored_anything(apps, key.user_id), filed=filed_by_open311(apps, key)
        )
        key.save(update_fields=["scopes"])


class Migration(migrations.Migration):
    dependencies = [
        ("interop", "0005_api_key_scopes"),
        ("requests_app", "0006_open_assignee_index"),
    ]

    operations = [migrations.RunPython(give_scopes, migrations.RunPython.noop)]
