"""Staff sessions end after 30 idle minutes and 8 hours in all; citizens keep their longer session."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.sessions import staff_session_ended
from tests.replayed_clock import ReplayedClock

WORKBENCH = reverse("requests_app:workbench")
MY_SPACE = reverse("requests_app:my_space")


def test_it_keeps_an_active_staff_session_going_for_the_day(client, agent):
    client.force_login(agent)
    with ReplayedClock() as clock:
        start = timezone.now()
        # A request every 25 minutes for seven and a half hours.
        for step in range(18):
            clock.moment = start + timedelta(minutes=25 * step)
            assert client.get(WORKBENCH).status_code == 200, step


def test_it_logs_staff_out_after_thirty_idle_minutes(client, agent):
    client.force_login(agent)
    with ReplayedClock() as clock:
        start = timezone.now()
        clock.moment = start
        assert client.get(WORKBENCH).status_code == 200
        clock.moment = start + timedelta(minutes=31)

        response = client.get(WORKBENCH, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "après 30 minutes sans activité" in response.text
    assert "_auth_user_id" not in client.session


def test_it_logs_staff_out_eight_hours_after_the_login_however_active(client, agent):
    client.force_login(agent)
    with ReplayedClock() as clock:
        start = timezone.now()
        for minutes in range(0, 8 * 60, 20):
            clock.moment = start + timedelta(minutes=minutes)
            assert client.get(WORKBENCH).status_code == 200
        clock.moment = start + timedelta(hours=8, minutes=1)

        response = client.get(WORKBENCH, follow=True)

    assert "durent au plus 8 heures" in response.text
    assert "_auth_user_id" not in client.session


def test_it_follows_the_configured_limits(client, agent, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(agent)
    with ReplayedClock() as clock:
        start = timezone.now()
        clock.moment = start
        client.get(WORKBENCH)
        clock.moment = start + timedelta(minutes=6)

        assert client.get(WORKBENCH).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_keeps_a_citizen_logged_in_after_hours_away(client, citizen):
    client.force_login(citizen)
    with ReplayedClock() as clock:
        start = timezone.now()
        clock.moment = start
        assert client.get(MY_SPACE).status_code == 200
        clock.moment = start + timedelta(hours=10)

        assert client.get(MY_SPACE).status_code == 200


def test_it_tells_why_a_session_ended_from_its_stored_times():
    now = timezone.now()
    started = (now - timedelta(hours=2)).timestamp()

    assert staff_session_ended({}, now=now) == ""
    assert staff_session_ended({"staff_session_started": started, "staff_session_seen": started}, now=now) == "idle"
    assert staff_session_ended({"staff_session_started": started, "staff_session_seen": now.timestamp()}, now=now) == ""
    long_ago = (now - timedelta(hours=9)).timestamp()
    assert (
        staff_session_ended({"staff_session_started": long_ago, "staff_session_seen": now.timestamp()}, now=now)
        == "expired"
    )
