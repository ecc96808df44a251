"""An outbox row lives and dies with the change that causes it, and is sent once committed."""

import pytest
from django.db import transaction

from notifications.models import Notification
from requests_app import intake, workflow
from requests_app.models import Channel, Kind, Ticket
from tests.factories import TicketFactory


class Interrupted(Exception):
    """Something later in the same transaction went wrong."""


ACTIONS = {
    "public_reply": lambda ticket, agent, survivor: workflow.reply_to_ticket(
        ticket.pk, by=agent, body="Une équipe passera jeudi."
    ),
    "info_requested": lambda ticket, agent, survivor: workflow.request_information(
        ticket.pk, by=agent, body="Quel est le numéro du lampadaire ?"
    ),
    "resolved": lambda ticket, agent, survivor: workflow.resolve_ticket(
        ticket.pk, by=agent, body="L'ampoule a été remplacée."
    ),
    "rejected": lambda ticket, agent, survivor: workflow.reject_ticket(
        ticket.pk, by=agent, reason="Cette voie relève du Département."
    ),
    "merged": lambda ticket, agent, survivor: workflow.merge_tickets(ticket.pk, into_id=survivor.pk, by=agent),
}


def _open(category):
    return intake.open_ticket(
        intake.Filing(
            channel=Channel.WEB,
            kind=Kind.REPORT,
            category=category,
            subject="Lampadaire éteint",
            description="Le lampadaire devant le 4 rue Victor-Hugo est éteint depuis lundi.",
            contact_name="Camille Martin",
            contact_email="camille@example.fr",
        )
    )


@pytest.fixture
def survivor(category):
    return TicketFactory(category=category, contact_email="voisin@example.fr")


def test_it_acknowledges_a_request_once_it_is_committed(category, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ticket, _ = _open(category)

    notification = Notification.objects.get(ticket=ticket)
    assert notification.template == "acknowledgement"
    assert notification.status == Notification.Status.SENT
    assert len(callbacks) == 1
    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]]


def test_it_leaves_no_acknowledgement_when_the_request_is_rolled_back(
    category, django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Interrupted),
        transaction.atomic(),
    ):
        _open(category)
        raise Interrupted

    assert not Ticket.objects.exists()
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_it_does_not_send_before_the_commit(category, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket, _ = _open(category)

    assert Notification.objects.get(ticket=ticket).status == Notification.Status.PENDING
    assert mailoutbox == []
    assert len(callbacks) == 1


@pytest.mark.parametrize("template", list(ACTIONS))
def test_it_sends_one_email_once_the_action_commits(
    template, ticket, agent, survivor, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ACTIONS[template](ticket, agent, survivor)

    notification = Notification.objects.get(ticket=ticket, template=template)
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    # Resolving also invites the citizen to the satisfaction survey: a second e-mail, after it.
    expected = 2 if template == "resolved" else 1
    assert len(callbacks) == expected
    assert [mail.to for mail in mailoutbox] == [["camille@example.fr"]] * expected
    assert notification.ticket.reference in mailoutbox[0].subject


@pytest.mark.parametrize("template", list(ACTIONS))
def test_it_leaves_no_row_when_the_action_is_rolled_back(
    template, ticket, agent, survivor, django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Interrupted),
        transaction.atomic(),
    ):
        ACTIONS[template](ticket, agent, survivor)
        assert Notification.objects.filter(ticket=ticket, template=template).exists()
        raise Interrupted

    assert not Notification.objects.filter(ticket=ticket, template=template).exists()
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.RECEIVED
    assert callbacks == []
    assert mailoutbox == []
