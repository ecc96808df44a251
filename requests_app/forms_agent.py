"""Forms of the agent workbench: they parse and check input, the workflow does the rest.

Every choice an agent can make (an assignee, a category, a merge target) is limited here to
what the agent may pick, so a forged value is a form error (HTTP 400) before any write.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.lookup import find_citizen, unverified_matches
from accounts.models import SERVICE_ROLES, User

from . import intake
from .attachments import allowed_types_display, check_uploads
from .models import OPEN_STATUSES, Category, Channel, Kind, Priority, Service, Ticket
from .permissions import tickets_visible_to_staff
from .selectors import SLA_MET, SLA_MISSED, Period, TicketFilters, local_day_start

OPEN = "open"
ANY = "any"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; checked by content and size with `check_uploads`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault(
            "help_text",
            _("Optional. Accepted: %(types)s.") % {"types": allowed_types_display()},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return check_uploads([single(upload, initial) for upload in files if upload])


def grouped_categories(exclude: Category | None = None) -> list:
    """Active categories of active services, as choices grouped under their service."""
    categories = Category.objects.filter(is_active=True, service__is_active=True).select_related("service")
    if exclude is not None:
        categories = categories.exclude(pk=exclude.pk)
    groups: dict[str, list] = {}
    for category in categories.order_by("service__name", "name"):
        groups.setdefault(category.service.name, []).append((str(category.pk), category.name))
    return list(groups.items())


def category_from_choice(value: str) -> Category | None:
    if not value:
        return None
    return Category.objects.select_related("service").get(pk=int(value))


# --- the workbench filters -----------------------------------------------------------------


# The date ranges of the filter form: field prefix → what the date is.
DATE_RANGES = ("created", "responded", "resolved", "reopened", "answered")


class DateFilterField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


class WorkbenchFilterForm(forms.Form):
    SORTS = {
        "due": ("due_date", "created_at", "pk"),
        "-created": ("-created_at", "-pk"),
        "created": ("created_at", "pk"),
    }

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A reference, or words of the subject, description or contact details."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(OPEN, _("Open requests")), (ANY, _("Any status")), *Ticket.Status.choices],
    )
    service = forms.ModelChoiceField(
        label=_("Service"), required=False, queryset=Service.objects.none(), empty_label=_("All my services")
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none(), empty_label=_("Any category")
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices])
    priority = forms.ChoiceField(
        label=_("Priority"), required=False, choices=[("", _("Any priority")), *Priority.choices]
    )
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), required=False, queryset=User.objects.none(), empty_label=_("Anybody")
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    unassigned = forms.BooleanField(label=_("Unassigned"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    # Date filters: the dashboards link every figure to the requests behind it with these.
    created_from = DateFilterField(label=_("Received from"))
    created_to = DateFilterField(label=_("Received until"))
    responded_from = DateFilterField(label=_("First answered from"))
    responded_to = DateFilterField(label=_("First answered until"))
    resolved_from = DateFilterField(label=_("Resolved from"))
    resolved_to = DateFilterField(label=_("Resolved until"))
    sla = forms.ChoiceField(
        label=_("Resolution within the commitment"),
        required=False,
        choices=[("", _("Either")), (SLA_MET, _("Within the due date")), (SLA_MISSED, _("After the due date"))],
        help_text=_("Applies to the resolutions of the period above."),
    )
    reopened_from = DateFilterField(label=_("Reopened from"))
    reopened_to = DateFilterField(label=_("Reopened until"))
    answered_from = DateFilterField(label=_("Survey answered from"))
    answered_to = DateFilterField(label=_("Survey answered until"))
    open_on = DateFilterField(
        label=_("Open at the end of"),
        help_text=_("Requests that were still open at the end of that day; “Overdue” then means overdue on that day."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("due", _("Due date, soonest first")),
            ("-created", _("Creation, newest first")),
            ("created", _("Creation, oldest first")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role in SERVICE_ROLES:
            services = user.services.filter(is_active=True)
        else:
            services = Service.objects.filter(is_active=True)
        self.fields["service"].queryset = services.order_by("name")
        self.fields["category"].queryset = (
            Category.objects.filter(service__in=services).select_related("service").order_by("service__name", "name")
        )
        self.fields["category"].label_from_instance = lambda category: f"{category.service.name} — {category.name}"
        self.fields["assignee"].queryset = (
            User.objects.filter(is_active=True, role__in=SERVICE_ROLES, services__in=services)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["q"].widget.input_type = "search"
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mine") and cleaned.get("unassigned"):
            raise forms.ValidationError(_("“Assigned to me” and “Unassigned” cannot be combined."))
        if cleaned.get("assignee") and (cleaned.get("mine") or cleaned.get("unassigned")):
            self.add_error("assignee", _("Choose a person, or “Assigned to me” or “Unassigned”, not both."))
        for prefix in DATE_RANGES:
            start, end = cleaned.get(f"{prefix}_from"), cleaned.get(f"{prefix}_to")
            if start and end and start > end:
                self.add_error(f"{prefix}_to", _("This date must not be before the start date."))
        if cleaned.get("sla") and not (cleaned.get("resolved_from") or cleaned.get("resolved_to")):
            self.add_error("sla", _("Choose the resolution dates this applies to."))
        return cleaned

    def has_date_filters(self) -> bool:
        """Whether a date filter is set, so the page shows them unfolded."""
        names = [f"{prefix}_{end}" for prefix in DATE_RANGES for end in ("from", "to")] + ["sla", "open_on"]
        return any(self.data.get(name) for name in names)

    def date_fields(self) -> list:
        names = [f"{prefix}_{end}" for prefix in DATE_RANGES for end in ("from", "to")]
        return [self[name] for name in [*names[:6], "sla", *names[6:], "open_on"]]

    def filters(self, *, user, today: datetime.date) -> TicketFilters:
        """The valid form's choices, for `selectors.select_tickets`."""
        data = self.cleaned_data
        status = data.get("status") or OPEN
        if data.get("open_on"):
            # The status then is what counts, not the status now.
            status = ANY
        statuses = {OPEN: OPEN_STATUSES, ANY: ()}.get(status, (status,))
        periods = {
            prefix: Period.of_days(data.get(f"{prefix}_from"), data.get(f"{prefix}_to")) for prefix in DATE_RANGES
        }
        open_on = data.get("open_on")
        return TicketFilters(
            statuses=statuses,
            service=data.get("service"),
            category=data.get("category"),
            kind=data.get("kind") or "",
            channel=data.get("channel") or "",
            priority=data.get("priority") or "",
            assignee=user if data.get("mine") else data.get("assignee"),
            unassigned=bool(data.get("unassigned")),
            overdue_on=(open_on or today) if data.get("overdue") else None,
            created=periods["created"],
            responded=periods["responded"],
            resolved=periods["resolved"],
            sla=data.get("sla") or "",
            reopened=periods["reopened"],
            answered=periods["answered"],
            open_at=local_day_start(open_on + datetime.timedelta(days=1)) if open_on else None,
            text=data.get("q") or "",
            ordering=self.SORTS[data.get("sort") or "due"],
        )


# --- one form per workflow action ----------------------------------------------------------


class ActionForm(forms.Form):
    """Base of the action forms: each knows its ticket and the person acting."""

    def __init__(self, *args, ticket: Ticket, user, **kwargs):
        self.ticket = ticket
        self.user = user
        super().__init__(*args, **kwargs)


class TakeForm(ActionForm):
    pass


class CloseForm(ActionForm):
    pass


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only active agents and supervisors of the service in charge: anyone else is refused
        # here, before the workflow is asked.
        self.fields["assignee"].queryset = (
            User.objects.filter(is_active=True, role__in=SERVICE_ROLES, services=self.ticket.service_id)
            # An integration's technical account acts on requests but is nobody's assignee.
            .filter(api_key__isnull=True)
            .exclude(pk=self.ticket.assignee_id or 0)
            .order_by("last_name", "first_name", "email")
        )
        self.fields["assignee"].error_messages["invalid_choice"] = _(
            "Choose a person who works in the service in charge of the request."
        )


class RerouteForm(ActionForm):
    category = forms.ChoiceField(label=_("New category"), choices=())
    note = forms.CharField(
        label=_("Note for the receiving service"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, internal."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = grouped_categories(exclude=self.ticket.category)
        self.fields["category"].choices = [("", _("Choose a category")), *categories]
        self.fields["category"].error_messages["invalid_choice"] = _("Choose one of the active categories listed.")

    def clean_category(self):
        return category_from_choice(self.cleaned_data["category"])


class MessageForm(ActionForm):
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class ReplyForm(MessageForm):
    attachments = MultipleFileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Reply to the citizen")
        self.fields["body"].help_text = _("The citizen receives it and sees it in the follow-up of the request.")


class NoteForm(MessageForm):
    attachments = MultipleFileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Internal note")
        self.fields["body"].help_text = _("Only staff see it.")


class RequestInfoForm(MessageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Question to the citizen")
        self.fields["body"].help_text = _("The request waits for the answer; the delay is paused meanwhile.")


class ResolveForm(MessageForm):
    attachments = MultipleFileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Resolution message")
        self.fields["body"].help_text = _("Tell the citizen what was done.")


class RejectForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The citizen receives it."),
    )


class ReopenForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Internal."),
    )


class MergeForm(ActionForm):
    into = forms.CharField(
        label=_("Reference of the request to keep"),
        max_length=16,
        help_text=_("This request is closed as its duplicate; for example 2026-000123."),
    )

    def clean_into(self):
        reference = self.cleaned_data["into"].strip()
        if reference == self.ticket.reference:
            raise forms.ValidationError(_("A request cannot be merged into itself."))
        target = tickets_visible_to_staff(self.user).filter(reference=reference).first()
        if target is None:
            raise forms.ValidationError(
                _("There is no request %(reference)s in your services.") % {"reference": reference}
            )
        return target


# --- quick entry of a request received by phone, at the counter, by mail... ---------------


class QuickEntryForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received by"), choices=[(c.value, c.label) for c in intake.AGENT_ENTRY_CHANNELS]
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.INFORMATION)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=(),
        help_text=_("Leave empty if unsure: the triage service will route the request."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    address = forms.CharField(label=_("Address concerned"), max_length=255, required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    attachments = MultipleFileField(help_text=_("Optional, for example the scanned letter."))
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("If a citizen account has verified this e-mail, the request is added to it."),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("If a citizen account has verified this number, the request is added to it."),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    # Offered only when accounts use the details given without having verified them: nothing is
    # linked to such an account unless the agent, having checked with the person, says so here.
    account = forms.ChoiceField(label=_("Citizen account"), required=False, choices=(), widget=forms.RadioSelect)

    KEEP_APART = "none"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("To be sorted by the triage service")), *grouped_categories()]
        self.fields["category"].error_messages["invalid_choice"] = _("Choose one of the active categories listed.")
        self.proposed_accounts = []
        if self.is_bound:
            self.proposed_accounts = unverified_matches(
                email=str(self.data.get("contact_email", "")), phone=str(self.data.get("contact_phone", ""))
            )
        self.fields["account"].choices = [
            (self.KEEP_APART, _("Do not link: keep the request apart from any account")),
            *(
                (
                    str(account.pk),
                    _("Link to the account of %(name)s (%(email)s, %(phone)s)")
                    % {"name": account.get_full_name() or "—", "email": account.email, "phone": account.phone or "—"},
                )
                for account in self.proposed_accounts
            ),
        ]

    def clean_category(self):
        return category_from_choice(self.cleaned_data["category"])

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("contact_email", "")
        phone = (cleaned.get("contact_phone") or "").strip()
        name = (cleaned.get("contact_name") or "").strip()
        if not (email or phone or name) and not self.has_error("contact_email"):
            raise forms.ValidationError(
                _("Give at least the person's e-mail, phone or name, so the request can be followed up.")
            )
        cleaned["citizen"] = find_citizen(email=email, phone=phone)
        cleaned["citizen_confirmed"] = False
        if cleaned["citizen"] is None and self.proposed_accounts:
            choice = cleaned.get("account") or ""
            if not choice and not self.has_error("account"):
                self.add_error(
                    "account",
                    _(
                        "An unverified account uses this phone number or e-mail address. Ask the person "
                        "whether it is theirs, then choose: link the request to it, or keep it apart."
                    ),
                )
            elif choice and choice != self.KEEP_APART:
                cleaned["citizen"] = next(a for a in self.proposed_accounts if str(a.pk) == choice)
                cleaned["citizen_confirmed"] = True
        return cleaned
