"""Marking in-app notifications read: one or all, one's own only, by POST."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import TicketFactory


@pytest.fixture
def notifications_of_citizen(citizen, category):
    TicketFactory(category=category, citizen=citizen)
    TicketFactory(category=category, citizen=citizen)
    return list(Notification.objects.filter(recipient=citizen, channel=Notification.Channel.IN_APP))


def test_it_marks_one_notification_read(client, citizen, notifications_of_citizen):
    first, second = notifications_of_citizen
    client.force_login(citizen)

    response = client.post(reverse("notifications:mark_read"), {"notification": first.pk})

    assert response.status_code == 302
    assert response.url == reverse("notifications:centre")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_it_marks_them_all_read(client, citizen, notifications_of_citizen):
    client.force_login(citizen)

    client.post(reverse("notifications:mark_read"), {"all": "1"})

    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True, channel="in_app").exists()


def test_it_keeps_the_first_read_time_on_a_second_click(client, citizen, notifications_of_citizen):
    first = notifications_of_citizen[0]
    client.force_login(citizen)
    client.post(reverse("notifications:mark_read"), {"notification": first.pk})
    first.refresh_from_db()
    read_at = first.read_at

    response = client.post(reverse("notifications:mark_read"), {"notification": first.pk})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at == read_at


def test_it_does_not_find_another_users_notification(client, other_citizen, notifications_of_citizen):
    client.force_login(other_citizen)

    response = client.post(reverse("notifications:mark_read"), {"notification": notifications_of_citizen[0].pk})

    assert response.status_code == 404
    notifications_of_citizen[0].refresh_from_db()
    assert notifications_of_citizen[0].read_at is None


def test_it_does_not_mark_an_email_row(client, citizen, notifications_of_citizen):
    email = Notification.objects.filter(recipient=citizen, channel=Notification.Channel.EMAIL).first()
    client.force_login(citizen)

    response = client.post(reverse("notifications:mark_read"), {"notification": email.pk})

    assert response.status_code == 404


@pytest.mark.parametrize("data", [{}, {"notification": ""}, {"notification": "abc"}, {"notification": "-1"}])
def test_it_answers_bad_input_with_400(client, citizen, data):
    client.force_login(citizen)

    response = client.post(reverse("notifications:mark_read"), data)

    assert response.status_code == 400


def test_it_changes_nothing_on_get(client, citizen):
    client.force_login(citizen)

    assert client.get(reverse("notifications:mark_read")).status_code == 405


def test_it_sends_anonymous_visitors_to_the_login_page(client, notifications_of_citizen):
    response = client.post(reverse("notifications:mark_read"), {"all": "1"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not Notification.objects.filter(read_at__isnull=False).exists()
