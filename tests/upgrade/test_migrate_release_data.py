"""A town hall's database at the last release migrates forward with every row where it belongs.

`data/release-demo.json.gz` is the demo commune as the release before the reshape seeded it
(`seed_demo`, then two appointments, a webhook endpoint and a delivery, which the demo does not
make), dumped with `dumpdata`. The test takes the test database back to that release's
migrations, loads the rows through the historical models of that state, migrates forward to
today's migrations, and checks that every row is still there, with the same values, under the
model that now owns it: appointments moved out of notifications, webhooks into interop.
"""

import gzip
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps as current_apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)$")
DATA = Path(__file__).parent / "data" / "release-demo.json.gz"

# The migration leaves of the release the data comes from.
RELEASE_LEAVES = {
    "accounts": "0001_initial",
    "admin": "0003_logentry_add_action_flag_choices",
    "auth": "0012_alter_user_first_name_max_length",
    "contenttypes": "0002_remove_content_type_name",
    "email_intake": "0001_inbound_email",
    "interop": "0002_api_key_technical_user",
    "notifications": "0005_webhooks",
    "requests_app": "0006_open_assignee_index",
    "satisfaction": "0005_daily_fact_bucket_columns",
    "sessions": "0001_initial",
}

# Models whose app changed since the release: release label → today's label.
MOVED = {
    "notifications.counter": "appointments.counter",
    "notifications.slot": "appointments.slot",
    "notifications.appointment": "appointments.appointment",
    "notifications.webhookendpoint": "interop.webhookendpoint",
    "notifications.webhookdelivery": "interop.webhookdelivery",
}

pytestmark = pytest.mark.django_db(transaction=True)


def _release_records() -> list[dict]:
    with gzip.open(DATA, "rt", encoding="utf-8") as file:
        return json.load(file)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _release_targets(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    """The release's leaves, and nothing at all of the apps born since."""
    apps_with_migrations = {app for app, _name in executor.loader.graph.nodes}
    return [(app, RELEASE_LEAVES.get(app)) for app in sorted(apps_with_migrations)]


def _load(records: list[dict], historical_apps) -> None:
    """Write the dumped rows through the historical models, as the release's code stored them."""
    by_model = defaultdict(list)
    relations = []
    for record in records:
        model = historical_apps.get_model(record["model"])
        instance = model(pk=record["pk"])
        for name, value in record["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                relations.append((model, field, record["pk"], value))
            elif getattr(field, "generated", False):
                continue
            elif field.is_relation:
                setattr(instance, field.attname, value)
            else:
                setattr(instance, field.attname, field.to_python(value))
        by_model[model].append(instance)
    # Foreign keys are checked at commit: the order of the tables does not matter within it.
    with transaction.atomic():
        for model in by_model:
            # Rows that data migrations wrote (the barometer's statements) are in the dump too.
            model._base_manager.all().delete()
        for model, instances in by_model.items():
            model.objects.bulk_create(instances, batch_size=500)
        for _model, field, pk, targets in relations:
            through = field.remote_field.through
            through.objects.bulk_create(
                through(**{f"{field.m2m_field_name()}_id": pk, f"{field.m2m_reverse_field_name()}_id": target})
                for target in targets
            )


def _comparable(fields: dict) -> dict:
    """Values as JSON writes them, so dumped and re-read rows compare equal; many-to-many ids sorted."""
    fields = json.loads(json.dumps(fields, cls=DjangoJSONEncoder))
    for name, value in fields.items():
        if isinstance(value, list) and all(isinstance(item, int) for item in value):
            fields[name] = sorted(value)
        elif isinstance(value, str):
            # The dump keeps milliseconds: a moment with fewer than one comes back without them.
            fields[name] = WHOLE_SECOND.sub(r"\1\2", value)
    return fields


def _today_rows(label: str, names) -> dict:
    model = current_apps.get_model(label)
    rows = serializers.serialize("python", model._default_manager.order_by("pk"), fields=names)
    return {row["pk"]: _comparable(row["fields"]) for row in rows}


def test_it_keeps_every_row_of_the_release_demo_through_the_migrations():
    records = _release_records()
    executor = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    release = _release_targets(executor)
    try:
        executor = _migrate(release)
        release_nodes = [(app, name) for app, name in release if name is not None]
        _load(records, executor.loader.project_state(release_nodes, at_end=True).apps)
    finally:
        # Whatever happens, the database goes back to today's schema for the tests after this one.
        executor = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    expected = defaultdict(dict)
    for record in records:
        label = MOVED.get(record["model"], record["model"])
        expected[label][record["pk"]] = _comparable(record["fields"])
    assert {"appointments.appointment", "interop.webhookdelivery", "requests_app.ticket"} <= expected.keys()
    for label, rows in expected.items():
        names = {name for fields in rows.values() for name in fields}
        assert _today_rows(label, names) == rows, label
    # The release's only key is the demo's, whose secret is published: it may only file reports.
    assert list(current_apps.get_model("interop.ApiKey").objects.values_list("scopes", flat=True)) == [["open311:file"]]
