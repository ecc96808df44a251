"""A real worker takes the webhook delivery from the broker after commit and posts it once."""

import pytest

from interop.models import WebhookDelivery
from requests_app import intake
from requests_app.models import Channel, Kind
from tests.notifications.reliability import wait_for

from .webhook_receiver import endpoint_for, running_receiver, signature_is_valid


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_posts_through_a_real_worker(worker, category):
    with running_receiver() as receiver:
        endpoint = endpoint_for(receiver, event_kinds=["created"])
        ticket, _ = intake.open_ticket(
            intake.Filing(
                channel=Channel.WEB,
                kind=Kind.REPORT,
                category=category,
                subject="Feu tricolore en panne",
                description="Le feu du carrefour de la gare reste à l'orange clignotant.",
                contact_name="Camille Martin",
                contact_email="camille@example.fr",
            )
        )

        wait_for(lambda: WebhookDelivery.objects.filter(status="sent").exists(), message="the webhook to be sent")

    [received] = receiver.received
    assert received.json["ticket"]["reference"] == ticket.reference
    assert signature_is_valid(endpoint.secret, received)
    assert WebhookDelivery.objects.get().attempts == 1
