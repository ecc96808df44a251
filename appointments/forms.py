"""Forms of the appointment pages: they parse and check input; `booking` does the rest."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.lookup import find_citizen
from requests_app.permissions import tickets_of_citizen, tickets_visible_to_staff

from .models import Slot


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        start, end = timezone.localtime(obj.starts_at), timezone.localtime(obj.ends_at)
        return f"{date_format(start, 'l j F Y')}, {date_format(start, 'H:i')} - {date_format(end, 'H:i')}"


def _upcoming_slots(counter):
    # Every future slot of the counter is a valid choice: a full one is refused by the booking
    # itself, with a friendly message, rather than as an invalid field.
    return Slot.objects.filter(counter=counter, starts_at__gt=timezone.now()).order_by("starts_at")


class CitizenBookingForm(forms.Form):
    slot = SlotChoiceField(label=_("Time"), queryset=Slot.objects.none(), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Purpose of the appointment"), max_length=200)
    ticket = forms.ModelChoiceField(
        label=_("Related request"), queryset=None, required=False, to_field_name="reference", empty_label=_("None")
    )

    def __init__(self, *args, counter, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = _upcoming_slots(counter)
        self.fields["ticket"].queryset = tickets_of_citizen(user).order_by("-created_at")
        self.fields["ticket"].label_from_instance = lambda ticket: f"{ticket.reference} — {ticket.subject}"


class MoveForm(forms.Form):
    slot = SlotChoiceField(label=_("New time"), queryset=Slot.objects.none(), widget=forms.RadioSelect)

    def __init__(self, *args, counter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = _upcoming_slots(counter)


class AgentBookingForm(forms.Form):
    slot = SlotChoiceField(label=_("Time"), queryset=Slot.objects.none(), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Purpose of the appointment"), max_length=200)
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("If a citizen account has verified this e-mail, the appointment goes there."),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    ticket = forms.CharField(label=_("Related request (reference)"), max_length=16, required=False)

    def __init__(self, *args, counter, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = _upcoming_slots(counter)
        self.user = user

    def clean_ticket(self):
        reference = self.cleaned_data["ticket"].strip()
        if not reference:
            return None
        ticket = tickets_visible_to_staff(self.user).filter(reference=reference).first()
        if ticket is None:
            raise forms.ValidationError(_("No request with this reference in your services."))
        return ticket

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("contact_email", "contact_name", "contact_phone")):
            raise forms.ValidationError(_("Give at least the name, the e-mail or the phone of the person."))
        return data

    def person(self) -> dict:
        """The citizen account these details point to, or the bare contact details."""
        email = self.cleaned_data["contact_email"]
        phone = self.cleaned_data["contact_phone"].strip()
        # Verified details only: an account that merely claims them must not receive the booking.
        account = find_citizen(email=email, phone=phone)
        if account is not None:
            return {"citizen": account}
        return {
            "contact_email": email,
            "contact_name": self.cleaned_data["contact_name"].strip(),
            "contact_phone": phone,
        }


class AgendaForm(forms.Form):
    DAY, WEEK = "jour", "semaine"
    day = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    view = forms.ChoiceField(label=_("Show"), choices=[(DAY, _("The day")), (WEEK, _("The week"))], required=False)

    def period(self) -> tuple[datetime.date, datetime.date]:
        """First and last day shown (the week runs Monday to Sunday)."""
        day = self.cleaned_data.get("day") or timezone.localdate()
        if self.cleaned_data.get("view") == self.WEEK:
            monday = day - datetime.timedelta(days=day.weekday())
            return monday, monday + datetime.timedelta(days=6)
        return day, day
