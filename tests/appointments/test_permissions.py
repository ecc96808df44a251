"""Nobody sees or changes what is not theirs: 404, and anonymous people log in first."""

from django.urls import reverse

from appointments.models import Appointment


def test_it_hides_an_appointment_from_another_citizen(client, other_citizen, booked):
    client.force_login(other_citizen)

    assert client.get(reverse("appointments:move", args=[booked.pk])).status_code == 404
    assert client.post(reverse("appointments:cancel", args=[booked.pk])).status_code == 404
    assert Appointment.objects.get(pk=booked.pk).status == Appointment.Status.BOOKED


def test_it_hides_an_appointment_from_an_agent_of_another_service(client, agent_of_other_service, booked):
    client.force_login(agent_of_other_service)

    assert client.post(reverse("appointments:cancel", args=[booked.pk])).status_code == 404
    assert client.post(reverse("appointments:mark_no_show", args=[booked.pk])).status_code == 404
    page = client.get(reverse("appointments:agenda"), {"day": booked.slot.starts_at.date().isoformat()})
    assert "Dépôt de dossier" not in page.content.decode()


def test_it_sends_anonymous_people_to_the_login_page(client, booked, counter):
    for url in (
        reverse("appointments:mine"),
        reverse("appointments:book") + f"?guichet={counter.pk}",
        reverse("appointments:agenda"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    assert client.post(reverse("appointments:cancel", args=[booked.pk])).status_code == 302
    assert Appointment.objects.get(pk=booked.pk).status == Appointment.Status.BOOKED


def test_it_refuses_a_get_on_an_action(client, citizen, booked):
    client.force_login(citizen)

    assert client.get(reverse("appointments:cancel", args=[booked.pk])).status_code == 405


def test_it_keeps_agents_out_of_the_citizen_booking_page(client, agent, counter):
    client.force_login(agent)

    assert client.get(reverse("appointments:book")).status_code == 403
