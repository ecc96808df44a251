"""Each e-mail carries the row's Message-ID and says it was sent by a robot."""

from notifications import outbox
from notifications.models import Notification
from requests_app import workflow


def test_it_uses_the_message_id_of_the_row(ticket, mailoutbox):
    notification = Notification.objects.get(ticket=ticket, template="acknowledgement")

    outbox.deliver(notification.pk)

    message = mailoutbox[0].message()
    assert notification.message_id.startswith("<")
    assert message["Message-ID"] == notification.message_id


def test_it_gives_each_notification_its_own_message_id(ticket, agent):
    workflow.reply_to_ticket(ticket.pk, by=agent, body="Une équipe passera jeudi.")

    message_ids = set(Notification.objects.filter(ticket=ticket).values_list("message_id", flat=True))
    assert len(message_ids) == 2


def test_it_marks_the_email_as_automatic(ticket, mailoutbox):
    notification = Notification.objects.get(ticket=ticket, template="acknowledgement")

    outbox.deliver(notification.pk)

    message = mailoutbox[0].message()
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message["X-Relation-Citoyen-Reference"] == ticket.reference
