from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language of messages"), choices=settings.LANGUAGES)

    class Meta:
        model = NotificationPreference
        fields = [
            "requests_email",
            "requests_sms",
            "reminders_email",
            "reminders_sms",
            "news_email",
            "news_sms",
            "opted_out",
        ]
        labels = {
            "requests_email": _("By e-mail"),
            "requests_sms": _("By SMS"),
            "reminders_email": _("By e-mail"),
            "reminders_sms": _("By SMS"),
            "news_email": _("By e-mail"),
            "news_sms": _("By SMS"),
            "opted_out": _("Send me only essential messages"),
        }
        help_texts = {
            "opted_out": _(
                "Acknowledgements of receipt, requests for information and messages about your account "
                "are always sent by e-mail."
            ),
        }
