"""The survey page's form and the follow-up's "done" form; they parse, the `surveys` module acts."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .podium import BY_CODE
from .surveys import (
    AGREEMENT_LABELS,
    COMMENT_MAX_LENGTH,
    EFFORT_LABELS,
    SATISFACTION_LABELS,
    SCORES,
    TRUST_LABELS,
)

CRITERION_PREFIX = "criterion_"


def _scale(label, labels: dict, *, required: bool, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        # Lazy: the labels are chosen in the reader's language, not the one active at import.
        choices=[(score, format_lazy("{} — {}", score, labels[score])) for score in SCORES],
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=help_text,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )


class SurveyForm(forms.Form):
    """Satisfaction is required; everything else may be left unanswered."""

    satisfaction = _scale(
        _("Overall, how satisfied are you with the handling of your request?"), SATISFACTION_LABELS, required=True
    )
    effort = _scale(_("Was it easy?"), EFFORT_LABELS, required=False)
    resolved = forms.TypedChoiceField(
        label=_("Has your request been settled?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    trust = _scale(_("How much do you trust the service that handled it?"), TRUST_LABELS, required=False)
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write personal information you would not want the service to read."),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[CRITERION_PREFIX + question.code] = _scale(
                BY_CODE[question.code].statement, AGREEMENT_LABELS, required=False
            )

    def scale_fields(self) -> list:
        return [self[name] for name in ("satisfaction", "effort", "trust")]

    def criterion_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith(CRITERION_PREFIX)]

    def criteria(self) -> dict[str, int]:
        return {
            name.removeprefix(CRITERION_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(CRITERION_PREFIX) and value is not None
        }

    @classmethod
    def initial_from(cls, survey) -> dict:
        initial = {
            "satisfaction": survey.satisfaction,
            "effort": survey.effort,
            "trust": survey.trust,
            "comment": survey.comment,
            "resolved": {True: "yes", False: "no"}.get(survey.resolved),
        }
        initial.update({CRITERION_PREFIX + code: value for code, value in survey.criteria.items()})
        return initial


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what was done before marking the follow-up done.")},
    )
