from django import forms
from django.utils.translation import gettext_lazy as _

from requests_app.permissions import tickets_visible_to_staff


class AttachForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the request"),
        max_length=16,
        help_text=_("For example 2026-000123."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().strip("[]")
        ticket = tickets_visible_to_staff(self.user).filter(reference=reference).first()
        if ticket is None:
            raise forms.ValidationError(_("No request with this reference in your services."), code="unknown")
        self.ticket = ticket
        return reference


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Why discard this e-mail?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
