"""What the API reads and writes. Input serializers only parse and check: the domain functions write."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import SERVICE_ROLES, User
from appointments.models import Appointment
from interop.models import ApiKey
from requests_app import workflow
from requests_app.category_fields import validate_attributes
from requests_app.intake import AGENT_ENTRY_CHANNELS
from requests_app.models import (
    Attachment,
    Category,
    CategoryField,
    Channel,
    Kind,
    Message,
    Priority,
    Service,
    Ticket,
    TicketEvent,
)
from requests_app.permissions import tickets_visible_to_staff
from requests_app.selectors import Period, TicketFilters
from requests_app.workflow import Action

# The URL segment of each action of the agents' workbench.
ACTION_SLUGS = {
    Action.TAKE: "take",
    Action.ASSIGN: "assign",
    Action.REROUTE: "reroute",
    Action.REPLY: "reply",
    Action.NOTE: "note",
    Action.REQUEST_INFO: "request-info",
    Action.RESOLVE: "resolve",
    Action.REJECT: "reject",
    Action.MERGE: "merge",
    Action.REOPEN: "reopen",
    Action.CLOSE: "close",
}
# Identifiers beyond a 64-bit integer cannot name a row: refusing them here keeps them from the database.
MAX_ID = 2**63 - 1
MAX_TEXT = 20_000
API_CHANNEL_CHOICES = [(channel.value, channel.label) for channel in (Channel.API, *AGENT_ENTRY_CHANNELS)]
NEW_MESSAGE_KIND_CHOICES = [
    (kind.value, kind.label) for kind in (Message.Kind.PUBLIC_REPLY, Message.Kind.INTERNAL_NOTE)
]


def id_field(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _has_unstorable_text(value) -> bool:
    """NUL and lone surrogates: neither PostgreSQL's JSONB nor UTF-8 can store them."""
    if isinstance(value, str):
        return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return any(_has_unstorable_text(k) or _has_unstorable_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_unstorable_text(item) for item in value)
    return False


# --- errors (for the schema) ---------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    missing_scope = serializers.CharField(
        required=False, help_text=_("On a 403 to a key: the scope the call needs and the key lacks.")
    )


# --- reference data ------------------------------------------------------------------------


class ServiceSerializer(serializers.ModelSerializer):
    email = serializers.CharField(read_only=True, help_text=_("Empty when the service has none."))

    class Meta:
        model = Service
        fields = ["id", "name", "slug", "description", "email", "is_triage"]


class CategoryFieldValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class CategoryFieldSerializer(serializers.ModelSerializer):
    values = CategoryFieldValueSerializer(many=True, read_only=True)

    class Meta:
        model = CategoryField
        fields = ["code", "label", "help_text", "datatype", "required", "order", "values"]


class CategorySerializer(serializers.ModelSerializer):
    fields = CategoryFieldSerializer(many=True, read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "description", "kind", "sla_days", "service_code", "service", "fields"]


# --- tickets -------------------------------------------------------------------------------


class TicketSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True, allow_null=True, default=None)
    service_name = serializers.CharField(source="service.name", read_only=True)
    assignee_name = serializers.SerializerMethodField()
    duplicate_of = serializers.SlugRelatedField(slug_field="reference", read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    attributes = serializers.JSONField(read_only=True)
    # Blank is a valid value of these two: outside the e-mail and URL formats.
    contact_email = serializers.CharField(read_only=True)
    media_url = serializers.CharField(read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "reference",
            "kind",
            "channel",
            "status",
            "priority",
            "category",
            "category_name",
            "service",
            "service_name",
            "subject",
            "description",
            "address",
            "latitude",
            "longitude",
            "attributes",
            "media_url",
            "contact_name",
            "contact_email",
            "contact_phone",
            "citizen",
            "assignee",
            "assignee_name",
            "duplicate_of",
            "rejection_reason",
            "created_at",
            "updated_at",
            "due_date",
            "awaiting_since",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "is_overdue",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_assignee_name(self, ticket) -> str | None:
        return str(ticket.assignee) if ticket.assignee_id else None


class TicketDetailSerializer(TicketSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "actions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, ticket) -> list[str]:
        """The actions the caller may take now, as URL segments (`request-info`...)."""
        user = self.context["request"].user
        return [ACTION_SLUGS[action] for action in workflow.available_actions(ticket, user) if action in ACTION_SLUGS]


class TicketFilterSerializer(serializers.Serializer):
    status = serializers.MultipleChoiceField(choices=Ticket.Status.choices, required=False)
    service = id_field(required=False)
    category = id_field(required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    assignee = serializers.CharField(
        required=False,
        max_length=20,
        help_text=_("A user id, “me”, or “none” for unassigned requests."),
    )
    created_after = serializers.DateTimeField(required=False)
    created_before = serializers.DateTimeField(required=False)
    updated_since = serializers.DateTimeField(required=False)
    q = serializers.CharField(required=False, max_length=200)
    reference = serializers.CharField(required=False, max_length=16)

    def validate_assignee(self, value):
        if value in ("me", "none"):
            return value
        if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
            raise serializers.ValidationError(_("Give a user id, “me” or “none”."))
        return int(value)

    def ticket_filters(self, *, user) -> TicketFilters:
        """The valid query's filters, for `selectors.select_tickets`."""
        data = self.validated_data
        assignee = data.get("assignee")
        return TicketFilters(
            statuses=tuple(data.get("status") or ()),
            service=data.get("service"),
            category=data.get("category"),
            channel=data.get("channel", ""),
            kind=data.get("kind", ""),
            reference=data.get("reference", ""),
            assignee=user if assignee == "me" else None if assignee == "none" else assignee,
            unassigned=assignee == "none",
            created=Period(data.get("created_after"), data.get("created_before")),
            updated=Period(data.get("updated_since")),
            text=data.get("q", ""),
        )


class TicketCreateSerializer(serializers.Serializer):
    category = id_field(required=False, allow_null=True, help_text=_("Omitted: the triage service sorts it."))
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.INFORMATION)
    channel = serializers.ChoiceField(choices=API_CHANNEL_CHOICES, default=Channel.API)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=MAX_TEXT)
    address = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False, allow_null=True
    )
    contact_name = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    contact_email = serializers.EmailField(
        max_length=254,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("The request joins the citizen account that has verified this address, if any."),
    )
    contact_phone = serializers.CharField(
        max_length=30,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("The request joins the citizen account that has verified this number, if any."),
    )
    media_url = serializers.URLField(max_length=500, required=False, default="", allow_blank=True)
    attributes = serializers.DictField(
        required=False, default=dict, help_text=_("Answers to the category's questions, by question code.")
    )

    def validate_category(self, value):
        if value is None:
            return None
        categories = Category.objects.filter(pk=value, is_active=True, service__is_active=True)
        key = self.context.get("api_key")
        if key is not None:
            # Whether the key may file here comes with the category, in the same query.
            key_services = ApiKey.services.through.objects.filter(apikey_id=key.pk, service_id=OuterRef("service_id"))
            categories = categories.annotate(key_may_file=Exists(key_services))
        category = categories.select_related("service").first()
        if category is None:
            raise serializers.ValidationError(_("Choose one of the active categories."))
        if key is not None and not category.key_may_file:
            raise serializers.ValidationError(_("This key may only file requests in its services' categories."))
        return category

    def validate_attributes(self, value):
        if _has_unstorable_text(value):
            raise serializers.ValidationError(_("Answers cannot contain NUL or unpaired surrogate characters."))
        return value

    def validate(self, data):
        if not (data["contact_email"] or data["contact_phone"].strip() or data["contact_name"].strip()):
            raise serializers.ValidationError(
                {"contact_email": [_("Give at least the person's e-mail, phone or name.")]}
            )
        try:
            data["attributes"] = validate_attributes(data.get("category"), data["attributes"])
        except DjangoValidationError as error:
            raise serializers.ValidationError({"attributes": error.message_dict}) from None
        return data


# --- actions -------------------------------------------------------------------------------


class AssignSerializer(serializers.Serializer):
    assignee = id_field(help_text=_("An active agent or supervisor of the service in charge."))

    def validate_assignee(self, value):
        ticket = self.context["ticket"]
        assignee = User.objects.filter(
            pk=value, is_active=True, role__in=SERVICE_ROLES, services=ticket.service_id, api_key__isnull=True
        ).first()
        if assignee is None:
            raise serializers.ValidationError(_("Choose a person who works in the service in charge of the request."))
        return assignee


class RerouteSerializer(serializers.Serializer):
    category = id_field(required=False, allow_null=True)
    service = id_field(required=False, allow_null=True)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)

    def validate(self, data):
        category_id, service_id = data.get("category"), data.get("service")
        if bool(category_id) == bool(service_id):
            raise serializers.ValidationError(_("Give either a category or a service."))
        if category_id:
            category = Category.objects.filter(pk=category_id, is_active=True, service__is_active=True).first()
            if category is None:
                raise serializers.ValidationError({"category": [_("Choose one of the active categories.")]})
            return {"category": category, "service": None, "note": data["note"]}
        service = Service.objects.filter(pk=service_id, is_active=True).first()
        if service is None:
            raise serializers.ValidationError({"service": [_("Choose one of the active services.")]})
        return {"category": None, "service": service, "note": data["note"]}


class BodySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_TEXT)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=MAX_TEXT)


class MergeSerializer(serializers.Serializer):
    into = serializers.CharField(max_length=16, help_text=_("Reference of the request to keep, e.g. 2026-000123."))

    def validate_into(self, value):
        ticket, user = self.context["ticket"], self.context["request"].user
        if value == ticket.reference:
            raise serializers.ValidationError(_("A request cannot be merged into itself."))
        target = tickets_visible_to_staff(user).filter(reference=value).first()
        if target is None:
            raise serializers.ValidationError(
                _("There is no request %(reference)s in your services.") % {"reference": value}
            )
        return target


class EmptySerializer(serializers.Serializer):
    pass


# --- a ticket's messages, timeline and files -----------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    uploaded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "is_public",
            "message",
            "uploaded_by_name",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by_name(self, attachment) -> str | None:
        return str(attachment.uploaded_by) if attachment.uploaded_by_id else None


class MessageSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    is_public = serializers.BooleanField(read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Message
        fields = ["id", "kind", "channel", "body", "author_name", "is_public", "created_at", "attachments"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author_name(self, message) -> str | None:
        return str(message.author) if message.author_id else None


class MessageCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=NEW_MESSAGE_KIND_CHOICES,
        help_text=_("A reply the citizen receives, or an internal note only staff see."),
    )
    body = serializers.CharField(max_length=MAX_TEXT)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, default=list, allow_empty=True
    )


class EventSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()
    data = serializers.JSONField(read_only=True)
    # Blank when it does not apply (no status before creation, no channel for internal events).
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True)

    class Meta:
        model = TicketEvent
        fields = [
            "id",
            "created_at",
            "kind",
            "from_status",
            "to_status",
            "channel",
            "is_public",
            "actor_name",
            "message",
            "data",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor_name(self, event) -> str | None:
        return str(event.actor) if event.actor_id else None


# --- appointments --------------------------------------------------------------------------


class AppointmentSerializer(serializers.ModelSerializer):
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    counter = serializers.CharField(source="slot.counter.name", read_only=True)
    service = serializers.IntegerField(source="slot.counter.service_id", read_only=True)
    ticket = serializers.SlugRelatedField(slug_field="reference", read_only=True, allow_null=True)
    person = serializers.SerializerMethodField()
    contact_email = serializers.CharField(read_only=True)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "status",
            "reason",
            "starts_at",
            "ends_at",
            "counter",
            "service",
            "ticket",
            "person",
            "contact_email",
            "contact_phone",
            "created_at",
            "cancelled_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_person(self, appointment) -> str:
        if appointment.citizen_id:
            return str(appointment.citizen)
        return appointment.contact_name


class AppointmentFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Appointment.Status.choices, required=False)
    service = id_field(required=False)
    starts_after = serializers.DateTimeField(required=False)
    starts_before = serializers.DateTimeField(required=False)
