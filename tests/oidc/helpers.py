"""Driving a sign-in as a browser would: to the provider and back."""

import html
from urllib.parse import urlsplit

import requests
from django.urls import reverse


def go_to_provider(client, provider: str, **data):
    """Press the login page's button: the answer is the redirect to the provider."""
    response = client.post(reverse("accounts:oidc_start", args=[provider]), data)
    assert response.status_code == 302, response.content
    return response["Location"]


def provider_answer(authorize_url: str) -> str:
    """What the provider sends the browser back to: the callback's path and query."""
    response = requests.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["Location"])
    assert location.netloc == "testserver", location
    return f"{location.path}?{location.query}"


def sign_in(client, provider: str = "franceconnect", **data):
    """The whole round trip; returns the callback's response."""
    return client.get(provider_answer(go_to_provider(client, provider, **data)))


def page_text(response) -> str:
    """The page as a reader sees it: with its entities (&#x27; for an apostrophe) decoded."""
    return html.unescape(response.content.decode())
