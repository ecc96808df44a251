"""What Open311 publishes about a request never includes the person who filed it."""

import pytest

from requests_app.models import Channel
from tests.factories import TicketFactory

from .conftest import BASE

pytestmark = pytest.mark.django_db

PERSONAL = ["Camille", "Martin", "camille.martin@example.fr", "06 39 98 00 17", "0639980017"]


@pytest.fixture
def tickets(category, citizen):
    web = TicketFactory(
        category=category,
        contact_name="Camille Martin",
        contact_email="camille.martin@example.fr",
        contact_phone="06 39 98 00 17",
        description="Je suis Camille Martin, joignable au 06 39 98 00 17 : trou devant chez moi.",
        address="3 impasse des Lilas, 45000 Bourg-sur-Loire",
    )
    by_account = TicketFactory(category=category, citizen=citizen, contact_email="", contact_name="")
    by_app = TicketFactory(
        category=category,
        channel=Channel.API,
        contact_name="Camille Martin",
        contact_email="camille.martin@example.fr",
        contact_phone="0639980017",
        description="Trou profond, dangereux pour les vélos.",
        media_url="https://photos.example/trou.jpg",
    )
    return web, by_account, by_app


@pytest.mark.parametrize("path", ["requests.xml", "requests.json", "servicerequestupdates.xml"])
def test_it_never_publishes_names_emails_or_phones(client, tickets, path):
    web, by_account, by_app = tickets
    body = client.get(BASE + path).content.decode()
    for reference in (web.reference, by_app.reference):
        client_body = client.get(BASE + f"requests/{reference}.json").content.decode()
        body += client_body

    for secret in [*PERSONAL, by_account.citizen.email, by_account.citizen.last_name]:
        assert secret not in body


def test_it_publishes_the_description_only_of_reports_filed_through_open311(client, tickets):
    web, _by_account, by_app = tickets

    rows = {row["service_request_id"]: row for row in client.get(BASE + "requests.json").json()}

    assert rows[web.reference]["description"] is None
    assert rows[by_app.reference]["description"] == "Trou profond, dangereux pour les vélos."
    assert rows[by_app.reference]["media_url"] == "https://photos.example/trou.jpg"
    assert rows[web.reference]["address"] == "3 impasse des Lilas, 45000 Bourg-sur-Loire"
