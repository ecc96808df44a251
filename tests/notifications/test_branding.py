"""The municipality's name, logo, colour, signature and contact details in pages and e-mails."""

import pytest
from django.conf import settings
from django.urls import reverse

from notifications import outbox
from notifications.models import Notification

DEFAULT_COLOR = "#0b3d91"


@pytest.fixture
def branding(settings):
    settings.MUNICIPALITY_NAME = "Mairie de Saint-Exemple"
    settings.MUNICIPALITY_LOGO_URL = "https://saint-exemple.example/logo.svg"
    settings.MUNICIPALITY_PRIMARY_COLOR = "#8a1538"
    settings.MUNICIPALITY_SIGNATURE = "L'équipe de l'accueil"
    settings.MUNICIPALITY_ADDRESS = "2 rue de l'Hôtel de Ville, 99000 Saint-Exemple"
    settings.MUNICIPALITY_PHONE = "01 23 45 67 89"
    settings.MUNICIPALITY_EMAIL = "accueil@saint-exemple.example"
    settings.MUNICIPALITY_OPENING_HOURS = "Lundi-vendredi 9 h-17 h"


def test_every_page_shows_the_contact_block_and_the_logo(client, db, branding):
    response = client.get(reverse("requests_app:home"))

    page = response.content.decode()
    assert "Mairie de Saint-Exemple" in page
    assert 'src="https://saint-exemple.example/logo.svg"' in page
    assert "#8a1538" in page
    assert "2 rue de l&#x27;Hôtel de Ville, 99000 Saint-Exemple" in page
    assert 'href="tel:0123456789"' in page
    assert 'href="mailto:accueil@saint-exemple.example"' in page
    assert "Lundi-vendredi 9 h-17 h" in page
    assert "<address" in page


def test_e_mails_are_signed_and_carry_the_contact_block(ticket, branding, mailoutbox):
    outbox.deliver(Notification.objects.get(ticket=ticket, template="acknowledgement").pk)

    [message] = mailoutbox
    html = message.alternatives[0].content
    for part in (message.body, html):
        assert "Mairie de Saint-Exemple" in part
        assert "01 23 45 67 89" in part
        assert "accueil@saint-exemple.example" in part
        assert "Lundi-vendredi 9 h-17 h" in part
    assert "L'équipe de l'accueil" in message.body
    assert "L&#x27;équipe de l&#x27;accueil" in html
    assert "color: #8a1538" in html
    assert 'src="https://saint-exemple.example/logo.svg"' in html


def test_empty_settings_leave_no_empty_lines_or_images(ticket, settings, mailoutbox):
    settings.MUNICIPALITY_LOGO_URL = ""
    settings.MUNICIPALITY_SIGNATURE = ""
    settings.MUNICIPALITY_ADDRESS = ""
    settings.MUNICIPALITY_PHONE = ""
    settings.MUNICIPALITY_EMAIL = ""
    settings.MUNICIPALITY_OPENING_HOURS = ""

    outbox.deliver(Notification.objects.get(ticket=ticket, template="acknowledgement").pk)

    [message] = mailoutbox
    assert "<img" not in message.alternatives[0].content
    assert "Opening hours:" not in message.body
    assert "\n\n\n" not in message.body.split("-- ")[-1]


def test_e_mails_take_the_configured_colour_not_the_default(ticket, citizen, client, branding, mailoutbox):
    outbox.deliver(Notification.objects.get(ticket=ticket, template="acknowledgement").pk)
    client.post(reverse("accounts:password_reset"), {"email": citizen.email})

    acknowledgement, password_reset = mailoutbox
    for message in (acknowledgement, password_reset):
        html = message.alternatives[0].content
        assert "background: #8a1538" in html  # the button, not only the heading
        assert DEFAULT_COLOR not in html


def test_no_e_mail_template_hard_codes_the_default_colour():
    """Every colour of the brand comes from MUNICIPALITY_PRIMARY_COLOR, in every e-mail."""
    templates = sorted((settings.BASE_DIR / "templates" / "emails").glob("*.html"))

    assert templates
    for template in templates:
        assert DEFAULT_COLOR not in template.read_text(encoding="utf-8").lower(), template.name
