"""What identity (`accounts`) has texted through the outbox: the codes that verify a phone number."""

from . import outbox

PHONE_CODE_TEMPLATE = "phone_code"


def send_phone_code(user, number: str, code: str, minutes: int) -> bool:
    """Queue the code's text; False when the number cannot receive texts."""
    row = outbox.queue_sms(
        template=PHONE_CODE_TEMPLATE,
        to=number,
        recipient=user,
        language=user.preferred_language,
        context={"code": code, "minutes": minutes},
        # The outbox table keeps no code once the text has gone.
        secret_keys=("code",),
    )
    return row is not None
