"""The form of a POST requests call, checked by a DRF serializer.

Every problem of a filing is reported at once, in the order a reporter reads the form: the
location, the description, the contact, the media link, then the category's questions. So the
checks that span several parameters (lat and long together, one location among three ways to
give it, a name made of two parts) are fields reading those parameters together, instead of a
`validate()` that DRF would skip as soon as one field failed.

The category is known before the form is read (its problems, 400, 404 or 403, are answered on
their own); it comes in the context, with the API key that files.
"""

import decimal
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext
from rest_framework import serializers

from requests_app.category_fields import validate_attributes
from requests_app.models import Ticket

DESCRIPTION_MAX_LENGTH = 4000
ATTRIBUTE_PARAMETER = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
COORDINATE_PLACES = decimal.Decimal("0.000001")


def _max_length(field: str) -> int:
    return Ticket._meta.get_field(field).max_length


def attribute_arguments(params) -> dict[str, list[str]]:
    """attribute[code]=value and attribute[code][]=value (multivaluelist) → {code: [values]}."""
    answers: dict[str, list[str]] = {}
    for name in params:
        match = ATTRIBUTE_PARAMETER.match(name)
        if match:
            values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
            answers.setdefault(match.group(1), []).extend(values)
    return answers


def coordinate(raw: str, limit: int) -> decimal.Decimal | None:
    """A WGS84 coordinate within ±`limit`, to the micro-degree; None when `raw` is not one."""
    try:
        value = decimal.Decimal(raw.strip())
    except decimal.InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > limit:
        return None
    return value.quantize(COORDINATE_PLACES, rounding=decimal.ROUND_HALF_EVEN)


class ParametersField(serializers.Field):
    """Several form parameters checked together: each stripped, an absent one empty.

    Its validated value is a dict merged into the serializer's (`source="*"`); its problems are
    raised together as one list, in the order they are found.
    """

    parameters: tuple[str, ...] = ()

    def __init__(self, **kwargs):
        super().__init__(source="*", write_only=True, **kwargs)

    def get_value(self, dictionary):
        return {name: (dictionary.get(name) or "").strip() for name in self.parameters}


class LocationField(ParametersField):
    """lat and long, or an address_string, or an address_id: at least one of them."""

    parameters = ("lat", "long", "address_string", "address_id")

    def to_internal_value(self, data):
        problems = []
        latitude = longitude = None
        if data["lat"] or data["long"]:
            if not (data["lat"] and data["long"]):
                problems.append(gettext("lat and long must be sent together."))
            else:
                latitude, longitude = coordinate(data["lat"], 90), coordinate(data["long"], 180)
                for name, value, limit in (("lat", latitude, 90), ("long", longitude, 180)):
                    if value is None:
                        problems.append(
                            gettext("%(name)s must be a number between -%(limit)d and %(limit)d (WGS84).")
                            % {"name": name, "limit": limit}
                        )
        elif not data["address_string"] and not data["address_id"]:
            problems.append(gettext("A location is required: lat and long, address_string or address_id."))
        # There is no address repository here: an address_id stands for the address when it is all we have.
        address = data["address_string"] or data["address_id"]
        if len(address) > _max_length("address"):
            problems.append(gettext("address_string is too long."))
        if problems:
            raise serializers.ValidationError(problems)
        return {"latitude": latitude, "longitude": longitude, "address": address}


class ContactField(ParametersField):
    """Who reported it, all optional: an e-mail address, a phone number, a first and last name."""

    parameters = ("email", "first_name", "last_name", "phone")

    def to_internal_value(self, data):
        problems = []
        if data["email"]:
            try:
                validate_email(data["email"])
            except DjangoValidationError:
                problems.append(gettext("email is not a valid e-mail address."))
        if len(data["phone"]) > _max_length("contact_phone"):
            problems.append(gettext("phone is too long."))
        name = " ".join(part for part in (data["first_name"], data["last_name"]) if part)
        if len(name) > _max_length("contact_name"):
            problems.append(gettext("first_name and last_name are too long."))
        if problems:
            raise serializers.ValidationError(problems)
        return {"contact_name": name, "contact_email": data["email"], "contact_phone": data["phone"]}


class AttributesField(serializers.Field):
    """The answers to the category's questions: attribute[code] and attribute[code][] parameters."""

    def __init__(self, **kwargs):
        super().__init__(write_only=True, **kwargs)

    def get_value(self, dictionary):
        return attribute_arguments(dictionary)

    def to_internal_value(self, data):
        try:
            return validate_attributes(self.context["category"], data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                [
                    f"attribute[{code}]: {message}"
                    for code, messages in error.message_dict.items()
                    for message in messages
                ]
            ) from error


class FilingSerializer(serializers.Serializer):
    """A POST requests form, for the category and API key given in the context."""

    location = LocationField()
    description = serializers.CharField(default="", allow_blank=True)
    contact = ContactField()
    media_url = serializers.CharField(default="", allow_blank=True)
    attributes = AttributesField()

    def validate_description(self, value: str) -> str:
        if len(value) > DESCRIPTION_MAX_LENGTH:
            raise serializers.ValidationError(
                gettext("description may not be longer than %(limit)d characters (it has %(count)d).")
                % {"limit": DESCRIPTION_MAX_LENGTH, "count": len(value)}
            )
        return value

    def validate_media_url(self, value: str) -> str:
        if not value:
            return value
        try:
            if len(value) > _max_length("media_url"):
                raise DjangoValidationError("too long")
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise serializers.ValidationError(
                gettext("media_url must be an http or https address of at most 500 characters.")
            ) from None
        return value

    def validate(self, attrs: dict) -> dict:
        if not (attrs["contact_name"] or attrs["contact_email"] or attrs["contact_phone"]):
            # Anonymous reports are welcome: the application that sent it stands as the contact.
            name = gettext("%(application)s (Open311)") % {"application": self.context["api_key"].name}
            attrs["contact_name"] = name[: _max_length("contact_name")]
        return attrs

    @property
    def problems(self) -> list[str]:
        """Every problem found, in the order of the fields, as the Open311 error descriptions."""
        return [str(message) for messages in self.errors.values() for message in messages]
