"""Counters, slots and appointments left `notifications` for their own app: no row is lost."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from appointments.models import Appointment, Counter, Slot

# The last migration before the move; the models were still notifications' there.
BEFORE_THE_MOVE = ("notifications", "0005_webhooks")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def before_the_move(transactional_db):
    """A database as the previous release left it; migrated back to the latest afterwards."""
    executor = _migrate([("appointments", None)])
    yield executor.loader.project_state([BEFORE_THE_MOVE]).apps
    _migrate(_latest())


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_row_and_link(before_the_move, service, citizen, supervisor):
    OldCounter = before_the_move.get_model("notifications", "Counter")
    OldSlot = before_the_move.get_model("notifications", "Slot")
    OldAppointment = before_the_move.get_model("notifications", "Appointment")
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    counter = OldCounter.objects.create(service_id=service.pk, name="Guichet 1", location="Hôtel de ville")
    slot = OldSlot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )
    booked = OldAppointment.objects.create(slot=slot, citizen_id=citizen.pk, reason="Passeport", sequence=3)
    # A permission given on the old content type must follow the model.
    supervisor.user_permissions.add(
        Permission.objects.get(content_type__app_label="notifications", codename="change_counter")
    )

    _migrate(_latest())
    ContentType.objects.clear_cache()

    appointment = Appointment.objects.select_related("slot__counter").get(pk=booked.pk)
    assert (appointment.slot.pk, appointment.slot.counter.pk) == (slot.pk, counter.pk)
    assert (appointment.citizen_id, appointment.reason, appointment.sequence) == (citizen.pk, "Passeport", 3)
    assert appointment.slot.starts_at == starts_at
    assert Counter.objects.get().location == "Hôtel de ville"
    assert Slot.objects.count() == 1
    assert supervisor.user_permissions.filter(content_type__app_label="appointments", codename="change_counter")
    assert Counter._meta.db_table == "appointments_counter"
