"""The FranceConnect and ProConnect buttons of the login page, shown only when configured."""

from django import template

from accounts import oidc

register = template.Library()


@register.inclusion_tag("accounts/_oidc_buttons.html", takes_context=True)
def oidc_buttons(context, next_url=""):
    return {
        "providers": oidc.enabled_providers(),
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }
