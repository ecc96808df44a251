"""Forms of the citizen side: filing a request, answering, reopening, finding a tracking link.

Forms only parse and validate; the view hands the cleaned data to `intake` or `workflow`.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citizen_crm.antibot import BotCheckMixin

from .attachments import allowed_types_display, check_uploads
from .category_fields import answers_from_form_data, build_form_fields, fields_of, form_field_name, validate_attributes
from .models import Category, Kind, Service, Ticket

TEXT_MAX_LENGTH = 10_000
# Digits with the usual separators and an optional international prefix: 01 23 45 67 89, +33 1 23…
PHONE_PATTERN = re.compile(r"^\+?[0-9 .()\-]{6,25}$")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that accepts several files; `clean` returns a list (maybe empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [upload for item in data if (upload := super(MultipleFileField, self).clean(item, initial))]
        upload = super().clean(data, initial)
        return [upload] if upload else []


def _attachments_help() -> str:
    return gettext(
        "Optional. Up to %(count)d files of %(size)s each. Accepted: %(types)s. "
        "Do not send identity documents unless the service asks for them."
    ) % {
        "count": settings.ATTACHMENT_MAX_FILES,
        "size": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
        "types": allowed_types_display(),
    }


attachments_help = lazy(_attachments_help, str)

FILES_NOT_KEPT = _("Files cannot be kept after an error: please select them again.")


class AttachmentsMixin:
    """Checks the uploads by content and says plainly that a failed submit drops the files."""

    def clean_attachments(self):
        try:
            return check_uploads(self.cleaned_data.get("attachments") or [])
        except ValidationError as error:
            raise ValidationError([*error.error_list, ValidationError(FILES_NOT_KEPT)]) from None

    def clean(self):
        cleaned_data = super().clean()
        # The browser will not send the files again: if anything else failed, tell the person
        # next to the file input rather than let them believe the files went through.
        if self.errors and "attachments" not in self.errors and self.files.getlist(self.add_prefix("attachments")):
            self.add_error("attachments", FILES_NOT_KEPT)
        return cleaned_data


class LoadedCategoryField(forms.ModelChoiceField):
    """A category chosen among those the form has already loaded: no query to check the choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loaded: dict[str, Category] = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Category):
            value = value.pk
        category = self.loaded.get(str(value).strip())
        if category is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return category


class TicketForm(BotCheckMixin, AttachmentsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What kind of request is it?"), choices=Kind.choices, widget=forms.RadioSelect)
    category = LoadedCategoryField(
        label=_("Subject area"),
        queryset=Category.objects.none(),
        help_text=_("The service in charge of this subject will handle your request."),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=Ticket._meta.get_field("subject").max_length,
        help_text=_("A few words, for example: “Broken street light rue Pasteur”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe your request as precisely as you can: what, where, since when."),
    )
    address = forms.CharField(
        label=_("Address or place"),
        required=False,
        max_length=Ticket._meta.get_field("address").max_length,
        help_text=_("Optional. Useful for a problem in a public space: street and number, or a landmark."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    attachments = MultipleFileField(label=_("Attachments"), help_text=attachments_help())

    # Asked only of people who are not signed in with a citizen account.
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=Ticket._meta.get_field("contact_name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("To receive the acknowledgement, the answers and the tracking link of your request."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=Ticket._meta.get_field("contact_phone").max_length,
        help_text=_("Give an e-mail address, a phone number, or both, so that the service can answer you."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the information above and I agree that my data be used to handle my request."),
    )

    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "consent")

    def __init__(self, *args, citizen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        if citizen is not None:
            for name in self.CONTACT_FIELDS:
                del self.fields[name]
        categories = self._load_categories()
        # Said on the form: reports in these subject areas appear in the public list (Open311).
        self.public_categories = [category for category in categories if category.is_public]
        self._set_category_choices(categories)
        self._add_category_questions(categories)

    def _load_categories(self) -> list[Category]:
        """The active categories with their service and questions, in two queries.

        Whether a reception service exists rides along on every row, so that it costs no query
        of its own; it is asked separately only when there is no category at all.
        """
        field = self.fields["category"]
        field.queryset = Category.objects.filter(is_active=True, service__is_active=True)
        triage_services = Service.objects.filter(is_active=True, is_triage=True)
        categories = list(
            field.queryset.select_related("service")
            .prefetch_related("fields")
            .annotate(triage_available=Exists(triage_services))
            .order_by("service__name", "name")
        )
        # Without a category the request goes to the reception service, if there is one.
        self.triage_available = categories[0].triage_available if categories else triage_services.exists()
        field.loaded = {str(category.pk): category for category in categories}
        return categories

    def _set_category_choices(self, categories: list[Category]):
        field = self.fields["category"]
        field.required = not self.triage_available
        empty_label = (
            _("I don't know / other (the reception service will route it)")
            if self.triage_available
            else _("Choose a subject area")
        )
        groups: dict[str, list] = {}
        for category in categories:
            groups.setdefault(category.service.name, []).append((category.pk, category.name))
        field.choices = [("", empty_label), *groups.items()]

    def _add_category_questions(self, categories: list[Category]):
        """The questions of every category, in one group each; only the chosen one's are checked.

        The page shows the group of the chosen category (a small script hides the others; without
        it, each group says which subject area it belongs to).
        """
        self.question_groups = []
        for category in categories:
            fields = build_form_fields(category)
            if fields:
                self.fields.update(fields)
                self.question_groups.append((category, list(fields)))

    @property
    def contact_fields(self):
        return [self[name] for name in self.CONTACT_FIELDS if name in self.fields]

    @property
    def question_fieldsets(self):
        """(category, bound fields) for each category that asks questions."""
        return [(category, [self[name] for name in names]) for category, names in self.question_groups]

    @property
    def request_fields(self):
        questions = {name for _category, names in self.question_groups for name in names}
        return [self[name] for name in self.fields if name not in self.CONTACT_FIELDS and name not in questions]

    def _clean_category_answers(self):
        category = self.cleaned_data.get("category")
        self.cleaned_data["attributes"] = {}
        if category is None:
            return
        try:
            self.cleaned_data["attributes"] = validate_attributes(category, answers_from_form_data(category, self.data))
        except ValidationError as error:
            by_code = {field.code: field for field in fields_of(category)}
            for code, messages in error.message_dict.items():
                self.add_error(form_field_name(category, by_code[code]), messages)

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and (not PHONE_PATTERN.match(phone) or sum(ch.isdigit() for ch in phone) < 6):
            raise ValidationError(_("Enter a phone number made of digits, for example 01 23 45 67 89."))
        return phone

    def clean(self):
        # Checked before the attachments mixin runs, so that it sees these errors too.
        self._clean_category_answers()
        if self.citizen is None:
            email_given = self.cleaned_data.get("contact_email") or "contact_email" in self.errors
            phone_given = self.cleaned_data.get("contact_phone") or "contact_phone" in self.errors
            if not email_given and not phone_given:
                self.add_error(
                    "contact_email",
                    _("Give an e-mail address or a phone number, so that the service can answer you."),
                )
        return super().clean()


class ReplyForm(AttachmentsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The service in charge will read it and answer you."),
    )
    attachments = MultipleFileField(label=_("Attachments"), help_text=attachments_help())


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the problem not solved?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your request goes back to the service in charge, with your explanation."),
    )


class FindTicketForm(BotCheckMixin, forms.Form):
    reference = forms.RegexField(
        label=_("Reference of the request"),
        regex=r"^\s*\d{4}-\d{1,6}\s*$",
        max_length=20,
        help_text=_("It is written in the acknowledgement, for example 2026-000123."),
        error_messages={"invalid": _("Enter the reference as written in the acknowledgement, like 2026-000123.")},
    )
    email = forms.EmailField(
        label=_("E-mail address given with the request"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_reference(self):
        year, number = self.cleaned_data["reference"].strip().split("-")
        return f"{year}-{int(number):06d}"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
