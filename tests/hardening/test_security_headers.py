"""Every page carries the Content-Security-Policy, the Permissions-Policy and the
Cross-Origin-Opener-Policy; HSTS and the HTTPS redirect follow their settings."""

import pytest
from django.urls import reverse

from citizen_crm.headers import PERMISSIONS_POLICY


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_it_allows_scripts_from_the_site_only_and_styles_with_the_page_nonce(client):
    response = client.get(reverse("requests_app:home"))

    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    style_self, style_nonce = policy["style-src"]
    assert style_self == "'self'"
    nonce = style_nonce.removeprefix("'nonce-").removesuffix("'")
    # The page's one inline style sheet (the town's colour) carries that nonce; nothing else is inline.
    html = response.content.decode()
    assert f'<style nonce="{nonce}">' in html
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_it_draws_a_new_nonce_for_every_answer(client):
    first = client.get(reverse("requests_app:home")).headers["Content-Security-Policy"]
    second = client.get(reverse("requests_app:home")).headers["Content-Security-Policy"]

    assert directives(first)["style-src"] != directives(second)["style-src"]


@pytest.mark.django_db
def test_it_turns_off_the_browser_features_no_page_uses(client):
    response = client.get(reverse("requests_app:new_ticket"))

    features = dict(item.split("=") for item in response.headers["Permissions-Policy"].split(", "))
    for feature in ("geolocation", "camera", "microphone", "payment", "usb"):
        assert features[feature] == "()"
    assert response.headers["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
def test_it_isolates_the_window_from_other_origins(client):
    response = client.get(reverse("requests_app:home"))

    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_it_sends_the_headers_on_errors_and_non_html_answers_too(client):
    for response in (client.get("/nowhere/"), client.get(reverse("indicators:json"))):
        assert "Content-Security-Policy" in response.headers
        assert "Permissions-Policy" in response.headers


@pytest.mark.django_db
def test_it_sends_hsts_on_https_answers_when_set(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    secure = client.get(reverse("requests_app:home"), secure=True)
    plain = client.get(reverse("requests_app:home"))

    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in plain.headers


@pytest.mark.django_db
def test_it_sends_no_hsts_by_default(client):
    assert "Strict-Transport-Security" not in client.get(reverse("requests_app:home"), secure=True).headers


@pytest.mark.django_db
def test_it_redirects_plain_http_to_https_when_set(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    plain = client.get(reverse("requests_app:new_ticket"))
    secure = client.get(reverse("requests_app:new_ticket"), secure=True)

    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://testserver" + reverse("requests_app:new_ticket")
    assert secure.status_code == 200
