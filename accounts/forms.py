from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from citizen_crm.antibot import BotCheckMixin

from .models import User
from .phone import CODE_DIGITS
from .phone_numbers import normalise_phone

EMAIL_LABEL = _("E-mail address")


def email_field(**kwargs) -> forms.EmailField:
    return forms.EmailField(
        label=EMAIL_LABEL,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none"}),
        **kwargs,
    )


class LoginForm(auth_forms.AuthenticationForm):
    """E-mail and password; citizens must have verified their address first."""

    username = email_field()

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is incorrect."),
        "unverified": _(
            "Your e-mail address is not confirmed yet. Open the link we sent you when you "
            "created your account, or ask for a new one below."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True
        # Set when the password was right but the address still needs confirming.
        self.unverified_email = ""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Staff accounts are opened by an administrator, who vouches for the address.
        if user.is_citizen and user.email_verified_at is None:
            self.unverified_email = user.email
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class TelInput(forms.TextInput):
    input_type = "tel"


PHONE_INVALID = _("Enter a valid phone number, for example 06 12 34 56 78.")

phone_validator = RegexValidator(
    r"^\+?[0-9 .()\-]{6,30}$", _("Enter a phone number made of digits, spaces and an optional leading +.")
)


def phone_in_e164(raw: str) -> str:
    """The number as lookups compare it (`+33612345678`), or a form error beside the field."""
    if not raw.strip():
        return ""
    try:
        return normalise_phone(raw)
    except ValueError:
        raise ValidationError(PHONE_INVALID, code="invalid") from None


class SignupForm(BotCheckMixin, auth_forms.SetPasswordMixin, forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = email_field(help_text=_("We will send you a link to confirm it."))
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("Once signed in, you verify it with a code we text you."),
        validators=[phone_validator],
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of our messages"),
        choices=User._meta.get_field("preferred_language").choices,
        widget=forms.Select(attrs={"autocomplete": "language"}),
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields()
    consent = forms.BooleanField(
        label=_("I agree that the town hall keeps the information of this account to handle and follow my requests."),
        error_messages={"required": _("Your agreement is needed to create an account.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_phone(self):
        return phone_in_e164(self.cleaned_data["phone"])

    def clean(self):
        cleaned_data = super().clean()
        self.validate_passwords()
        # An unsaved user, so the validators can refuse a password too close to the name.
        candidate = User(
            email=cleaned_data.get("email", ""),
            first_name=cleaned_data.get("first_name", ""),
            last_name=cleaned_data.get("last_name", ""),
        )
        self.validate_password_for_user(candidate)
        return cleaned_data

    def account_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data["email"],
            "password": data["password1"],
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "preferred_language": data["preferred_language"],
        }


class ResendVerificationForm(BotCheckMixin, forms.Form):
    email = email_field()


class PasswordResetRequestForm(BotCheckMixin, auth_forms.PasswordResetForm):
    email = email_field()

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Each person reads the message in the language they chose for their account.
        with translation.override(context["user"].preferred_language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class PhoneForm(forms.Form):
    """The account's phone number; a new one has to be verified with a texted code."""

    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=30,
        required=False,
        help_text=_("We will text a code to it. Leave it empty to remove your number."),
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )

    def clean_phone(self):
        return phone_in_e164(self.cleaned_data["phone"])


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code received by text message"),
        max_length=20,
        help_text=_("The 6 digits of the text message we sent you."),
        error_messages={"required": _("Enter the 6 digits of the code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autocapitalize": "none", "size": 8}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != CODE_DIGITS or not code.isdigit():
            raise ValidationError(_("Enter the 6 digits of the code."), code="invalid")
        return code
