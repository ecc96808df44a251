"""The preferences page: channels per group, fewer messages, language."""

from django.urls import reverse

from notifications.models import NotificationPreference


def test_it_needs_a_signed_in_user(client):
    response = client.get(reverse("notifications:preferences"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_shows_the_defaults_without_writing_a_row(client, citizen):
    client.force_login(citizen)

    response = client.get(reverse("notifications:preferences"), headers={"accept-language": "en"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form["requests_email"].value() is True
    assert form["requests_sms"].value() is False
    assert not NotificationPreference.objects.exists()
    page = response.content.decode()
    assert "<legend" in page
    assert 'for="id_requests_sms"' in page


def test_it_saves_the_choices_and_the_language(client, citizen):
    client.force_login(citizen)

    response = client.post(
        reverse("notifications:preferences"),
        {"requests_email": "on", "requests_sms": "on", "reminders_sms": "on", "language": "en"},
    )

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=citizen)
    assert (preference.requests_email, preference.requests_sms) == (True, True)
    assert (preference.reminders_email, preference.reminders_sms) == (False, True)
    assert (preference.news_email, preference.news_sms, preference.opted_out) == (False, False, False)
    citizen.refresh_from_db()
    assert citizen.preferred_language == "en"


def test_it_updates_the_same_row(client, citizen):
    client.force_login(citizen)
    client.post(reverse("notifications:preferences"), {"requests_email": "on", "language": "fr"})

    client.post(reverse("notifications:preferences"), {"opted_out": "on", "language": "fr"})

    preference = NotificationPreference.objects.get(user=citizen)
    assert preference.opted_out
    assert not preference.requests_email


def test_it_refuses_an_unknown_language(client, citizen):
    client.force_login(citizen)

    response = client.post(reverse("notifications:preferences"), {"language": "xx"})

    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not NotificationPreference.objects.exists()
    citizen.refresh_from_db()
    assert citizen.preferred_language == "fr"
