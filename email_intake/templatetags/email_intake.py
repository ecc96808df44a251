from django import template

from ..permissions import held_visible_to, may_handle_held_mail

register = template.Library()


@register.simple_tag
def held_mail_count(user) -> int | None:
    """How many held e-mails wait for this person; None for those who do not handle them (one query)."""
    if not may_handle_held_mail(user):
        return None
    return held_visible_to(user).count()
