"""Answering "not settled" offers to reopen the request through its tracking link, while the delay allows."""

from django.urls import reverse

from requests_app.models import Ticket


def test_it_offers_to_reopen_on_the_page_and_after_a_no(client, survey, survey_token, resolved_ticket):
    reopen = reverse("requests_app:track_reopen", args=[resolved_ticket.token])

    page = client.get(reverse("survey:answer", args=[survey_token]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reopen}"' in page

    response = client.post(
        reverse("survey:answer", args=[survey_token]), {"satisfaction": "2", "resolved": "no"}, follow=True
    )
    thanks = response.content.decode()
    assert response.status_code == 200
    assert 'id="not-settled-title"' in thanks
    assert f'class="btn btn-primary btn-lg" href="{reopen}"' in thanks
    # The offer only leads to the reopening page: nothing is reopened yet.
    assert Ticket.objects.get(pk=resolved_ticket.pk).status == Ticket.Status.RESOLVED


def test_it_does_not_offer_it_when_settled(client, survey_token):
    response = client.post(
        reverse("survey:answer", args=[survey_token]), {"satisfaction": "5", "resolved": "yes"}, follow=True
    )

    assert 'id="not-settled-title"' not in response.content.decode()


def test_it_suggests_a_new_request_once_the_delay_has_passed(client, settings, survey, survey_token, resolved_ticket):
    settings.REOPEN_DELAY_DAYS = 0  # the delay is over as soon as the request is resolved

    page = client.get(reverse("survey:answer", args=[survey_token])).content.decode()
    assert 'id="reopen-offer"' not in page
    response = client.post(
        reverse("survey:answer", args=[survey_token]), {"satisfaction": "2", "resolved": "no"}, follow=True
    )
    thanks = response.content.decode()
    assert 'id="not-settled-title"' in thanks
    assert reverse("requests_app:track_reopen", args=[resolved_ticket.token]) not in thanks
    assert f'href="{reverse("requests_app:new_ticket")}"' in thanks
