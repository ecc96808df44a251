"""The dashboards' period and filters: a GET form, checked against what the person may see.

A supervisor's choices are limited to their services, so a service or category of another
service is a form error (HTTP 400), never a way to read its figures.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests_app.models import Category, Channel, Kind, Service

from .stats import Filters, Period

CUSTOM = "custom"
PERIOD_CHOICES = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("365", _("Last 365 days")),
    (CUSTOM, _("Custom dates")),
]
DEFAULT_PERIOD = "30"
# A custom period longer than this would draw thousands of bars; two years is plenty.
MAX_DAYS = 731


class DashboardForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False, choices=PERIOD_CHOICES)
    start = forms.DateField(
        label=pgettext_lazy("start of a period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("With “Custom dates”."),
    )
    end = forms.DateField(
        label=pgettext_lazy("end of a period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("With “Custom dates”; today at the latest."),
    )
    service = forms.ModelChoiceField(
        label=_("Service"), required=False, queryset=Service.objects.none(), empty_label=_("All services")
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none(), empty_label=_("Any category")
    )
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])

    def __init__(self, *args, services, with_filters=True, today=None, **kwargs):
        """`services`: the services the person may see (a queryset); `with_filters=False` keeps only the period."""
        if args and args[0] is not None and not args[0].get("period"):
            # The form is always bound (the page's query string): no period means the default one.
            data = args[0].copy()
            data["period"] = DEFAULT_PERIOD
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if with_filters:
            self.fields["service"].queryset = services.order_by("name")
            self.fields["category"].queryset = (
                Category.objects.filter(service__in=services)
                .select_related("service")
                .order_by("service__name", "name")
            )
            self.fields["category"].label_from_instance = lambda category: f"{category.service.name} — {category.name}"
        else:
            for name in ("service", "category", "channel", "kind"):
                del self.fields[name]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") != CUSTOM:
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Give this date for a custom period."))
        if start and end:
            if end > self.today:
                self.add_error("end", _("The period cannot end after today."))
            elif start > end:
                self.add_error("end", _("This date must not be before the start date."))
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error("end", _("A period lasts at most %(days)d days.") % {"days": MAX_DAYS})
        return cleaned

    def get_period(self) -> Period:
        data = self.cleaned_data
        choice = data.get("period") or DEFAULT_PERIOD
        if choice == CUSTOM:
            return Period(data["start"], data["end"])
        return Period.last(int(choice), today=self.today)

    def get_filters(self, scope_ids: tuple[int, ...] | None) -> Filters:
        """The chosen filters, within `scope_ids` (None: every service)."""
        data = self.cleaned_data
        service = data.get("service")
        category = data.get("category")
        return Filters(
            services=(service.pk,) if service else scope_ids,
            categories=(category.pk,) if category else (),
            channels=(data["channel"],) if data.get("channel") else (),
            kinds=(data["kind"],) if data.get("kind") else (),
        )


def bucket_end(period: Period, bucket: datetime.date) -> datetime.date:
    """The last day of a granularity bucket, cut to the period."""
    if period.granularity == "day":
        last = bucket
    elif period.granularity == "week":
        last = bucket + datetime.timedelta(days=6)
    else:
        following = (bucket.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        last = following - datetime.timedelta(days=1)
    return min(last, period.end)
