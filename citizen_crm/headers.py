"""Response headers Django does not set itself: the Permissions-Policy.

Django's own middleware sends the Content-Security-Policy (`SECURE_CSP`), HSTS, the HTTPS
redirect, `X-Content-Type-Options`, the Referrer-Policy and the Cross-Origin-Opener-Policy.
"""

from django.utils.deprecation import MiddlewareMixin

# Browser features no page of the product uses, refused to every origin (the pages themselves,
# and anything an injected frame or script would bring). The request form takes an address as
# text and never asks the browser for its position, so geolocation is off too. Only features
# Chromium and Firefox recognise are named: an unknown one is reported on the console.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Adds `Permissions-Policy` to every response that does not set its own."""

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
