"""Each citizen has a private calendar address; a wrong token opens nothing."""

from django.urls import reverse

from appointments import booking


def test_it_serves_the_booked_appointments_by_token(client, citizen, booked):
    token = booking.feed_token(citizen)

    response = client.get(reverse("appointments:feed", args=[token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:appointment-{booked.pk}@testserver" in body
    assert "METHOD:PUBLISH" in body


def test_it_leaves_out_cancelled_appointments(client, citizen, booked):
    booking.cancel_appointment(appointment_id=booked.pk, by=citizen)

    body = client.get(reverse("appointments:feed", args=[booking.feed_token(citizen)])).content.decode()

    assert "BEGIN:VEVENT" not in body


def test_it_answers_404_to_a_wrong_token(client, citizen, other_citizen, booked):
    token = booking.feed_token(citizen)
    forged = token.replace(str(citizen.pk) + ":", str(other_citizen.pk) + ":", 1)

    assert client.get(reverse("appointments:feed", args=[forged])).status_code == 404
    assert client.get(reverse("appointments:feed", args=["nonsense"])).status_code == 404
