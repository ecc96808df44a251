import functools

from .models import Notification


def unread_notifications(request):
    """The bell's count: one query, only for a signed-in user and only if a template asks.

    Templates call a callable they find in the context; the cache makes it one query per page.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @functools.cache
    def count() -> int:
        return Notification.objects.filter(
            recipient=user, channel=Notification.Channel.IN_APP, read_at__isnull=True
        ).count()

    return {"unread_notifications": count}
