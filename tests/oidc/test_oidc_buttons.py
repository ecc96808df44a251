from django.urls import reverse

from .helpers import page_text

LOGIN = reverse("accounts:login")


def test_it_shows_no_button_when_no_provider_is_configured(client, db, settings):
    settings.FRANCECONNECT_DISCOVERY_URL = settings.PROCONNECT_DISCOVERY_URL = ""

    response = client.get(LOGIN)

    assert "FranceConnect" not in page_text(response)
    assert "ProConnect" not in page_text(response)
    assert client.post("/compte/franceconnect/connexion/").status_code == 404
    assert client.get("/compte/proconnect/retour/").status_code == 404


def test_it_needs_the_client_id_as_well(client, db, settings, franceconnect):
    settings.FRANCECONNECT_CLIENT_ID = ""

    assert "FranceConnect" not in client.get(LOGIN).text


def test_it_shows_the_franceconnect_button_when_configured(client, franceconnect, settings):
    settings.PROCONNECT_DISCOVERY_URL = ""

    response = client.get(LOGIN + "?next=/mon-espace/")

    assert "S'identifier avec FranceConnect" in page_text(response)
    assert 'action="/compte/franceconnect/connexion/"' in page_text(response)
    assert 'name="next" value="/mon-espace/"' in page_text(response)
    assert "ProConnect" not in page_text(response)


def test_it_shows_the_proconnect_button_when_configured(client, proconnect, settings):
    settings.FRANCECONNECT_DISCOVERY_URL = ""

    response = client.get(LOGIN)

    assert "S'identifier avec ProConnect" in page_text(response)
    assert "S'identifier avec FranceConnect" not in page_text(response)


def test_it_starts_only_on_post(client, franceconnect):
    assert client.get("/compte/franceconnect/connexion/").status_code == 405
