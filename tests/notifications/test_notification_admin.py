"""The outbox in the admin: read-only, filterable, and failed rows can be retried."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import Role
from notifications.models import Notification
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory, UserFactory

CHANGELIST = reverse("admin:notifications_notification_changelist")


def _failed(ticket):
    notification = Notification.objects.get(ticket=ticket, template="acknowledgement")
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550 mailbox unavailable"
    )
    return notification


def _staff_who_may(*codenames):
    user = UserFactory(email="support@mairie.example", role=Role.ADMINISTRATOR, is_staff=True)
    permissions = Permission.objects.filter(content_type__app_label="notifications", codename__in=codenames)
    user.user_permissions.set(permissions)
    return user


def test_it_lists_notifications_with_their_delivery_state(client, administrator, ticket):
    _failed(ticket)
    log_in_with_second_factor(client, administrator)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    content = response.content.decode()
    for expected in ("acknowledgement", "camille@example.fr", ticket.reference, "SMTPRecipientsRefused"):
        assert expected in content


def test_it_filters_by_status(client, administrator, category):
    failed = _failed(TicketFactory(category=category, contact_email="failed@example.fr"))
    TicketFactory(category=category, contact_email="pending@example.fr")
    log_in_with_second_factor(client, administrator)

    response = client.get(CHANGELIST, {"status__exact": "failed"})

    assert list(response.context["cl"].result_list) == [failed]


def test_it_is_read_only(client, administrator, ticket):
    notification = Notification.objects.get(ticket=ticket)
    log_in_with_second_factor(client, administrator)
    change_url = reverse("admin:notifications_notification_change", args=[notification.pk])

    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    assert client.post(change_url, {"status": "sent", "recipient_email": "x@example.fr"}).status_code == 403
    delete_url = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.get(change_url).status_code == 200
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.recipient_email == "camille@example.fr"


def test_it_retries_the_failed_notifications_selected(
    client, administrator, category, django_capture_on_commit_callbacks, mailoutbox
):
    failed = _failed(TicketFactory(category=category, contact_email="failed@example.fr"))
    pending = Notification.objects.get(ticket=TicketFactory(category=category, contact_email="pending@example.fr"))
    log_in_with_second_factor(client, administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "retry_delivery", "_selected_action": [failed.pk, pending.pk]},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert "1 notification will be delivered again." in messages
    assert "1 notification was not in failure and was left as it is." in messages
    assert [mail.to for mail in mailoutbox] == [["failed@example.fr"]]
    assert Notification.objects.get(pk=failed.pk).status == Notification.Status.SENT
    assert Notification.objects.get(pk=pending.pk).status == Notification.Status.PENDING


def test_it_lets_only_those_who_may_change_notifications_retry(
    client, ticket, django_capture_on_commit_callbacks, mailoutbox
):
    failed = _failed(ticket)
    log_in_with_second_factor(client, _staff_who_may("view_notification"))

    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "retry_delivery" not in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "retry_delivery", "_selected_action": [failed.pk]})

    assert mailoutbox == []
    assert Notification.objects.get(pk=failed.pk).status == Notification.Status.FAILED


def test_it_offers_retry_to_those_who_may_change_notifications(client, ticket):
    _failed(ticket)
    log_in_with_second_factor(client, _staff_who_may("view_notification", "change_notification"))

    response = client.get(CHANGELIST)

    assert "retry_delivery" in response.content.decode()
