"""What the phone verification tests share: reading the code the way its owner would, from the text."""

import re

from notifications.models import Notification


def last_code_texted(to: str = "+33612345678") -> str:
    """The code in the last text written for `to` in the outbox."""
    row = Notification.objects.filter(channel="sms", template="phone_code", recipient_phone=to).latest("pk")
    return row.context["code"]


def code_in_sms_file(path) -> str:
    """The code in the last line the file SMS backend wrote."""
    line = path.read_text(encoding="utf-8").splitlines()[-1]
    return re.search(r"\b(\d{6})\b", line.split("\t", 2)[2]).group(1)
