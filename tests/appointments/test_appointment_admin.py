import datetime

from django.urls import reverse
from django.utils import timezone

from appointments.models import Appointment, Counter, Slot
from tests.accounts.helpers import log_in_with_second_factor


def test_it_lets_the_administrator_set_counters_and_slots(client, administrator, service):
    log_in_with_second_factor(client, administrator)
    response = client.post(
        reverse("admin:appointments_counter_add"),
        {
            "service": service.pk,
            "name": "Accueil État civil",
            "location": "Hôtel de ville, rez-de-chaussée",
            "is_active": "on",
            "slots-TOTAL_FORMS": "1",
            "slots-INITIAL_FORMS": "0",
            "slots-0-starts_at_0": "2026-12-01",
            "slots-0-starts_at_1": "09:00",
            "slots-0-ends_at_0": "2026-12-01",
            "slots-0-ends_at_1": "09:30",
            "slots-0-capacity": "2",
        },
    )

    assert response.status_code == 302
    slot = Slot.objects.get(counter=Counter.objects.get(name="Accueil État civil"))
    assert slot.capacity == 2
    assert timezone.localtime(slot.starts_at).time() == datetime.time(9, 0)


def test_it_shows_appointments_read_only(client, administrator):
    log_in_with_second_factor(client, administrator)
    assert client.get(reverse("admin:appointments_appointment_changelist")).status_code == 200
    assert client.get(reverse("admin:appointments_appointment_add")).status_code == 403
    assert Appointment.objects.count() == 0


def test_it_keeps_agents_out_of_the_admin(client, agent):
    client.force_login(agent)
    response = client.get(reverse("admin:appointments_counter_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
