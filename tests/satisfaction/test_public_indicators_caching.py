"""The indicators are cacheable for an hour and revalidate against the daily facts behind them."""

import pytest
from django.urls import reverse

from satisfaction import public
from satisfaction.models import DailyFact

pytestmark = pytest.mark.django_db

URL_NAMES = ["indicators:page", "indicators:csv", "indicators:json"]
# The page carries a CSRF token (the language form): only the visitor's browser may keep it.
CACHE_CONTROL = {
    "indicators:page": "private, max-age=3600",
    "indicators:csv": "public, max-age=3600",
    "indicators:json": "public, max-age=3600",
}


def a_day_of_facts(service, **counts):
    return DailyFact.objects.create(
        day=public.last_complete_months().start, service=service, channel="web", kind="report", **counts
    )


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_lets_caches_keep_it_for_an_hour(client, url_name):
    response = client.get(reverse(url_name))

    assert response["Cache-Control"] == CACHE_CONTROL[url_name]
    assert response["ETag"].startswith('W/"')


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_answers_not_modified_to_a_cache_holding_the_same_version(
    client, service, url_name, django_assert_max_num_queries
):
    a_day_of_facts(service, created=3)
    etag = client.get(reverse(url_name))["ETag"]

    with django_assert_max_num_queries(2):
        response = client.get(reverse(url_name), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"] == CACHE_CONTROL[url_name]


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_changes_the_etag_when_the_facts_change(client, service, url_name):
    fact = a_day_of_facts(service, created=3)
    before = client.get(reverse(url_name))["ETag"]
    # A rebuild that rewrites a past day with other counts.
    DailyFact.objects.filter(pk=fact.pk).update(created=4)

    response = client.get(reverse(url_name), HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before


def test_it_shows_the_date_of_the_last_update_and_the_period(client, service):
    fact = a_day_of_facts(service, created=3)
    period = public.last_complete_months()

    response = client.get(reverse("indicators:page"), HTTP_ACCEPT_LANGUAGE="en")

    assert f"Figures updated on {fact.day:%-d %B %Y}." in response.text
    assert f"from {period.start:%-d %B %Y} to {period.end:%-d %B %Y}" in response.text


def test_it_keeps_the_page_of_a_signed_in_person_out_of_shared_caches(client, citizen):
    anonymous_etag = client.get(reverse("indicators:page"))["ETag"]
    client.force_login(citizen)

    response = client.get(reverse("indicators:page"))

    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["ETag"] != anonymous_etag


def test_it_varies_the_page_with_the_language(client):
    french = client.get(reverse("indicators:page"))
    english = client.get(reverse("indicators:page"), HTTP_ACCEPT_LANGUAGE="en")

    assert french["ETag"] != english["ETag"]
    assert "Accept-Language" in english["Vary"]


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_it_changes_the_etag_when_a_service_is_renamed(client, service, url_name):
    before = client.get(reverse(url_name))["ETag"]
    service.name = "Voirie et réseaux"
    service.save()

    response = client.get(reverse(url_name), HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert "Voirie et réseaux" in response.content.decode()
