"""Indexes for the workbench's text search (requests_app/search.py), on PostgreSQL only.

Each index is on the exact expression the search compares, or the planner ignores it:
`UPPER(column::text)` for Django's `icontains` (trigram indexes, extension pg_trgm) and
the French full-text document of `SearchVector("subject", "description", config="french")`.
The workbench shows open requests unless asked otherwise: one smaller index covers all the
searched expressions of open requests only, so that the usual search never reads the whole
history's index entries (a frequent word matches about a tenth of a million requests).
SQLite keeps its substring search without them: there these operations do nothing.
Reversing drops the indexes (and the extension, when nothing else uses it).
"""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

DOCUMENT = "to_tsvector('french'::regconfig, COALESCE(\"subject\", '') || ' ' || COALESCE(\"description\", ''))"

OPEN = "\"status\" IN ('received', 'qualified', 'in_progress', 'awaiting_citizen')"
TICKET_EXPRESSIONS = [
    'UPPER("subject"::text) gin_trgm_ops',
    'UPPER("description"::text) gin_trgm_ops',
    DOCUMENT,
    'UPPER("contact_name"::text) gin_trgm_ops',
    'UPPER("contact_email"::text) gin_trgm_ops',
    'UPPER("contact_phone"::text) gin_trgm_ops',
]

# (index, model, indexed expressions, predicate): every one a GIN index.
INDEXES = [
    ("ticket_open_search_idx", "requests_app.Ticket", ", ".join(TICKET_EXPRESSIONS), OPEN),
    ("ticket_search_document_idx", "requests_app.Ticket", DOCUMENT, None),
    ("ticket_subject_trgm_idx", "requests_app.Ticket", 'UPPER("subject"::text) gin_trgm_ops', None),
    ("ticket_description_trgm_idx", "requests_app.Ticket", 'UPPER("description"::text) gin_trgm_ops', None),
    ("ticket_contact_name_trgm_idx", "requests_app.Ticket", 'UPPER("contact_name"::text) gin_trgm_ops', None),
    ("ticket_contact_email_trgm_idx", "requests_app.Ticket", 'UPPER("contact_email"::text) gin_trgm_ops', None),
    ("ticket_contact_phone_trgm_idx", "requests_app.Ticket", 'UPPER("contact_phone"::text) gin_trgm_ops', None),
    ("user_email_trgm_idx", settings.AUTH_USER_MODEL, 'UPPER("email"::text) gin_trgm_ops', None),
    ("user_last_name_trgm_idx", settings.AUTH_USER_MODEL, 'UPPER("last_name"::text) gin_trgm_ops', None),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, model, expressions, predicate in INDEXES:
        table = apps.get_model(model)._meta.db_table
        where = f" WHERE {predicate}" if predicate else ""
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({expressions}){where}"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_definition in reversed(INDEXES):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("requests_app", "0004_rollup_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
