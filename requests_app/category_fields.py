"""The extra questions of a category: validating answers and building the web form's fields.

One validator serves every channel (web form, Open311, REST API), so an answer accepted on one
is accepted on all and is stored in `Ticket.attributes` in one shape:

- string, text: the stripped text;
- number: an int when written without decimals, else a float ("12,5" is read as 12.5);
- datetime: ISO 8601 with the time zone offset; a time written without an offset (what a
  browser's date-time input sends) is read in the site's time zone;
- singlevaluelist: the key of the chosen value;
- multivaluelist: the list of the chosen keys, in the category's order.

Empty optional answers are left out. Codes the category does not ask are ignored: the raw
mapping may be a whole submitted form.
"""

import datetime
import math
import re
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from .models import CategoryField

STRING_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 10_000
NUMBER_PATTERN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")

Datatype = CategoryField.Datatype
LIST_TYPES = (Datatype.SINGLE_CHOICE, Datatype.MULTIPLE_CHOICE)


def fields_of(category) -> list[CategoryField]:
    """The questions of a category in display order (uses a prefetch when there is one)."""
    if category is None:
        return []
    return sorted(category.fields.all(), key=lambda field: (field.order, field.pk))


def value_keys(field: CategoryField) -> list[str]:
    return [str(value["key"]) for value in field.values or []]


def _raw_values(raw: Mapping, code: str) -> list[str]:
    """Every value sent for `code`, as strings (a QueryDict's list, a list, or one value)."""
    if hasattr(raw, "getlist"):
        values = raw.getlist(code)
    else:
        value = raw.get(code)
        if value is None:
            values = []
        elif isinstance(value, list | tuple):
            values = list(value)
        else:
            values = [value]
    return [value if isinstance(value, str) else str(value) for value in values if value is not None]


def parse_number(text: str) -> int | float:
    """`12` → 12, `12.5` or `12,5` → 12.5; raises ValueError on anything else."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not NUMBER_PATTERN.match(text):
        raise ValueError(text)
    text = text.replace(",", ".")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def parse_datetime_answer(text: str) -> datetime.datetime:
    """ISO 8601 date-time; without an offset it is read in the current time zone."""
    try:
        value = parse_datetime(text.strip())
    except ValueError:
        value = None
    if value is None:
        raise ValueError(text)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _clean_one(field: CategoryField, values: list[str]):
    """The clean value of one answer, None when it is empty; raises ValidationError."""
    if any("\x00" in value for value in values):
        raise ValidationError(gettext("Null characters are not allowed."))
    if field.datatype == Datatype.MULTIPLE_CHOICE:
        chosen = {value.strip() for value in values if value.strip()}
        if not chosen:
            return None
        keys = value_keys(field)
        unknown = sorted(chosen - set(keys))
        if unknown:
            raise ValidationError(
                gettext("“%(value)s” is not one of the possible answers.") % {"value": ", ".join(unknown)}
            )
        return [key for key in keys if key in chosen]

    texts = [value.strip() for value in values if value.strip()]
    if not texts:
        return None
    if len(texts) > 1:
        raise ValidationError(gettext("Give only one answer to this question."))
    text = texts[0]
    if field.datatype == Datatype.STRING:
        if len(text) > STRING_MAX_LENGTH:
            raise ValidationError(
                gettext("Write at most %(limit)d characters (you wrote %(count)d).")
                % {"limit": STRING_MAX_LENGTH, "count": len(text)}
            )
        return text
    if field.datatype == Datatype.TEXT:
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                gettext("Write at most %(limit)d characters (you wrote %(count)d).")
                % {"limit": TEXT_MAX_LENGTH, "count": len(text)}
            )
        return text
    if field.datatype == Datatype.NUMBER:
        try:
            return parse_number(text)
        except ValueError:
            raise ValidationError(gettext("Enter a number, for example 3 or 2.5.")) from None
    if field.datatype == Datatype.DATETIME:
        try:
            value = parse_datetime_answer(text)
        except ValueError:
            raise ValidationError(
                gettext("Enter a date and time, for example 2026-11-23T17:30 or 2026-11-23T17:30:00+01:00.")
            ) from None
        return timezone.localtime(value).isoformat()
    if field.datatype == Datatype.SINGLE_CHOICE:
        if text not in value_keys(field):
            raise ValidationError(gettext("“%(value)s” is not one of the possible answers.") % {"value": text})
        return text
    raise ValidationError(gettext("This question cannot be answered."))


def validate_attributes(category, raw) -> dict:
    """Check the answers to a category's questions and return them clean, keyed by code.

    `raw` maps a code to a string or a list of strings (a QueryDict works: `getlist` is used).
    Raises `ValidationError({code: [messages]})` listing every problem at once.
    """
    clean: dict = {}
    errors: dict[str, list[str]] = {}
    for field in fields_of(category):
        try:
            value = _clean_one(field, _raw_values(raw, field.code))
        except ValidationError as error:
            errors[field.code] = error.messages
            continue
        if value is None:
            if field.required:
                errors[field.code] = [gettext("Answer this question: %(question)s") % {"question": field.label}]
            continue
        clean[field.code] = value
    if errors:
        raise ValidationError(errors)
    return clean


def check_values(datatype: str, values) -> list[dict]:
    """The possible answers of a question as an administrator defines them; raises ValidationError.

    List questions need at least one {"key", "name"} value with distinct keys; others need none.
    """
    if datatype not in LIST_TYPES:
        if values:
            raise ValidationError(gettext("Only questions with a list of choices have values."))
        return []
    if not isinstance(values, list) or not values:
        raise ValidationError(gettext('Give the choices as a list like [{"key": "yes", "name": "Yes"}].'))
    keys = set()
    for value in values:
        if not isinstance(value, dict) or set(value) != {"key", "name"}:
            raise ValidationError(gettext('Each choice needs exactly a "key" and a "name".'))
        key, name = str(value["key"]).strip(), str(value["name"]).strip()
        if not key or not name:
            raise ValidationError(gettext('Each choice needs exactly a "key" and a "name".'))
        if key in keys:
            raise ValidationError(gettext("The key “%(key)s” is used twice.") % {"key": key})
        keys.add(key)
    return [{"key": str(value["key"]).strip(), "name": str(value["name"]).strip()} for value in values]


# --- web form fields -------------------------------------------------------------------------


class QuestionField(forms.Field):
    """A form field that only carries the raw answer: `validate_attributes` judges it.

    The web form shows the questions of every category and checks only the chosen one's, so
    the fields themselves never refuse anything; `required` only marks them for people.
    """

    def __init__(self, *, multiple: bool = False, **kwargs):
        self.multiple = multiple
        super().__init__(**kwargs)

    def to_python(self, value):
        if self.multiple:
            return [str(item) for item in value or []]
        return value if isinstance(value, str) else ""

    def validate(self, value):
        """Nothing here: the answers of the chosen category are checked together by the form."""


def _choices(field: CategoryField) -> list[tuple[str, str]]:
    return [(str(value["key"]), str(value["name"])) for value in field.values or []]


def build_form_field(field: CategoryField) -> QuestionField:
    """The form field of one question; marked required for people, enforced by the validator."""
    if field.datatype == Datatype.TEXT:
        widget = forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX_LENGTH})
    elif field.datatype == Datatype.NUMBER:
        widget = forms.TextInput(attrs={"inputmode": "decimal"})
    elif field.datatype == Datatype.DATETIME:
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    elif field.datatype == Datatype.SINGLE_CHOICE:
        choices = _choices(field)
        if len(choices) <= 5:
            widget = forms.RadioSelect(choices=choices)
        else:
            widget = forms.Select(choices=[("", "---------"), *choices])
    elif field.datatype == Datatype.MULTIPLE_CHOICE:
        widget = forms.CheckboxSelectMultiple(choices=_choices(field))
    else:
        widget = forms.TextInput(attrs={"maxlength": STRING_MAX_LENGTH})
    return QuestionField(
        multiple=field.datatype == Datatype.MULTIPLE_CHOICE,
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        widget=widget,
    )


def form_field_name(category, field: CategoryField) -> str:
    return f"q{category.pk}-{field.code}"


def build_form_fields(category) -> dict[str, QuestionField]:
    """Form fields for a category's questions, named `q<category id>-<code>`."""
    return {form_field_name(category, field): build_form_field(field) for field in fields_of(category)}


def answers_from_form_data(category, data) -> dict[str, list[str]]:
    """The raw answers of a category's questions in submitted form data, keyed by code."""
    answers = {}
    for field in fields_of(category):
        name = form_field_name(category, field)
        answers[field.code] = data.getlist(name) if hasattr(data, "getlist") else _raw_values(data, name)
    return answers


def display_answers(ticket) -> list[tuple[str, str]]:
    """(question, answer) pairs for showing a ticket's answers to people."""
    rows = []
    if not ticket.attributes:
        return rows
    by_code = {field.code: field for field in fields_of(ticket.category)}
    for code, value in (ticket.attributes or {}).items():
        field = by_code.get(code)
        label = field.label if field else code
        if field is not None and field.datatype in LIST_TYPES:
            names = dict(_choices(field))
            items = value if isinstance(value, list) else [value]
            text = ", ".join(names.get(str(item), str(item)) for item in items)
        else:
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        rows.append((label, text))
    return rows


__all__ = [
    "QuestionField",
    "answers_from_form_data",
    "build_form_field",
    "build_form_fields",
    "check_values",
    "display_answers",
    "fields_of",
    "validate_attributes",
]
