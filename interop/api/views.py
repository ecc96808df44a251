"""The REST API: thin views over the same permission helpers and domain functions as the UI.

Each view finds the ticket as the agent pages do (`get_ticket_for_agent`; 404 for what the caller may not
see), refuses with 403 an action the caller's role may never take on it, checks the payload
(400), then makes one call: `actions.perform` for the workflow's actions (the same dispatcher as
the agents' pages), `selectors.select_tickets` for the list (the workbench's selector),
`intake` or `appointments`; a move the workflow refuses in the ticket's current state is a 409
carrying the workflow's message.
"""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.lookup import find_citizen
from accounts.models import Role
from appointments import booking as appointments
from appointments.models import Appointment
from requests_app import intake, workflow
from requests_app.actions import perform
from requests_app.attachments import ALLOWED_TYPES, check_uploads, download_response
from requests_app.models import Category, CategoryField, Message, Service, Ticket
from requests_app.permissions import get_ticket_for_agent, tickets_visible_to_staff
from requests_app.selectors import select_tickets
from requests_app.workflow import Action, InvalidTransition

from . import serializers as s
from .permissions import IsStaffMember, WorksTickets

REFERENCE = re.compile(r"\d{4}-\d{6}")
REFERENCE_PATTERN = r"^\d{4}-\d{6}$"
A = Action
ACTION_SLUGS = s.ACTION_SLUGS

ERROR = s.ErrorSerializer
VALIDATION_ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input: messages by field.")
COMMON_ERRORS = {
    401: OpenApiResponse(ERROR, description="No key, or an invalid or revoked one."),
    403: OpenApiResponse(
        ERROR, description="Not allowed to you, or your key lacks the call's scope (`missing_scope`)."
    ),
    404: OpenApiResponse(ERROR, description="Not found in what you may see."),
    405: OpenApiResponse(ERROR, description="Method not allowed."),
    406: OpenApiResponse(ERROR, description="The response cannot be given in the accepted media types."),
    429: OpenApiResponse(ERROR, description="Too many calls: wait and retry."),
}
WRITE_ERRORS = {
    **COMMON_ERRORS,
    400: VALIDATION_ERROR,
    415: OpenApiResponse(ERROR, description="Unsupported media type."),
}
ACTION_ERRORS = {**WRITE_ERRORS, 409: OpenApiResponse(ERROR, description="Not possible in the request's state.")}
REFERENCE_PARAMETER = OpenApiParameter(
    "reference", str, OpenApiParameter.PATH, pattern=REFERENCE_PATTERN, description="e.g. 2026-000123"
)
ID_PARAMETER = OpenApiParameter("attachment_id", int, OpenApiParameter.PATH, description="The attachment's id")


class NewestFirst(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def decode_cursor(self, request):
        # DRF checks the cursor's encoding, not its position: a forged position that is not a
        # date-time would reach the database and fail there.
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and parse_position(cursor.position) is None:
            raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


POSITION = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}:\d{2}|Z)")


def parse_position(position: str):
    """The aware date-time DRF wrote into the cursor (`str(created_at)`), or None."""
    if not POSITION.fullmatch(position):
        return None
    try:
        return parse_datetime(position)
    except ValueError:
        return None


def visible_ticket(request, reference: str) -> Ticket:
    """The ticket if the caller may see it, as in the workbench; 404 otherwise (also for a malformed reference)."""
    try:
        if REFERENCE.fullmatch(reference):
            return get_ticket_for_agent(request.user, reference)
    except Http404:
        pass
    raise exceptions.NotFound(_("No such request in your services."))


def require_right(request, ticket: Ticket, action: Action) -> None:
    """403 if the caller's role may never take `action` on this ticket (whatever its status)."""
    if workflow.actor_for(request.user, ticket) not in workflow.TRANSITIONS[action].actors:
        raise exceptions.PermissionDenied(_("You may not do this on this request."))


def conflict(error: Exception) -> Response:
    return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)


def detail(request, ticket_pk: int) -> Response:
    ticket = (
        Ticket.objects.select_related("service", "category", "assignee", "duplicate_of").filter(pk=ticket_pk).first()
    )
    return Response(s.TicketDetailSerializer(ticket, context={"request": request}).data)


def validated(serializer_class, request, **context):
    serializer = serializer_class(data=request.data, context={"request": request, **context})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def checked_files(files) -> list:
    try:
        return check_uploads(files)
    except DjangoValidationError as error:
        raise exceptions.ValidationError({"files": error.messages}) from None


# --- tickets -------------------------------------------------------------------------------


class TicketList(generics.GenericAPIView):
    permission_classes = [IsStaffMember]
    pagination_class = NewestFirst
    serializer_class = s.TicketSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [WorksTickets()]
        return super().get_permissions()

    @extend_schema(
        summary="List the requests of your services",
        parameters=[s.TicketFilterSerializer],
        responses={200: s.TicketSerializer(many=True), 400: VALIDATION_ERROR, **COMMON_ERRORS},
    )
    def get(self, request):
        filters = s.TicketFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        tickets = tickets_visible_to_staff(request.user).select_related(
            "category", "service", "assignee", "duplicate_of"
        )
        tickets = select_tickets(tickets, filters.ticket_filters(user=request.user))
        page = self.paginate_queryset(tickets)
        return self.get_paginated_response(s.TicketSerializer(page, many=True).data)

    @extend_schema(
        summary="Open a request (as the quick entry does)",
        description=(
            "The request joins a citizen account only when that account has verified the e-mail "
            "address or the phone number given; `citizen` in the answer is that account, or null. "
            "Details that match an account only through unverified ones link nothing."
        ),
        request=s.TicketCreateSerializer,
        responses={201: s.TicketDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = validated(s.TicketCreateSerializer, request, api_key=request.auth)
        try:
            ticket, _token = intake.open_ticket(
                intake.Filing(
                    channel=data["channel"],
                    kind=data["kind"],
                    category=data.get("category"),
                    priority=data["priority"],
                    subject=data["subject"],
                    description=data["description"],
                    address=data["address"],
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    # Verified details only: an account cannot collect requests by claiming them.
                    citizen=find_citizen(email=data["contact_email"], phone=data["contact_phone"]),
                    attributes=data["attributes"],
                    media_url=data["media_url"],
                    entered_by=request.user,
                )
            )
        except intake.IntakeError:
            raise exceptions.ValidationError(
                {"category": [_("No triage service is set up: choose a category.")]}
            ) from None
        # The ticket just written is the one to describe: no need to read it back.
        body = s.TicketDetailSerializer(ticket, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class TicketDetail(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Read a request",
        parameters=[REFERENCE_PARAMETER],
        responses={200: s.TicketDetailSerializer, **COMMON_ERRORS},
    )
    def get(self, request, reference):
        ticket = visible_ticket(request, reference)
        return Response(s.TicketDetailSerializer(ticket, context={"request": request}).data)


class TicketActionView(APIView):
    # POST /tickets/{reference}/{action}/: one workflow function; subclassed once per action below.
    permission_classes = [IsStaffMember]
    action: Action
    payload = s.EmptySerializer

    def post(self, request, reference):
        ticket = visible_ticket(request, reference)
        require_right(request, ticket, self.action)
        data = validated(self.payload, request, ticket=ticket)
        try:
            perform(self.action, ticket.pk, by=request.user, **data)
        except InvalidTransition as refusal:
            return conflict(refusal)
        if not tickets_visible_to_staff(request.user).filter(pk=ticket.pk).exists():
            # Sent to a service the caller is not in: it left their scope.
            return Response(status=status.HTTP_204_NO_CONTENT)
        return detail(request, ticket.pk)


ACTION_PAYLOADS = {
    A.TAKE: (s.EmptySerializer, "Take the request for yourself"),
    A.ASSIGN: (s.AssignSerializer, "Assign the request to an agent of its service"),
    A.REROUTE: (s.RerouteSerializer, "Send the request to another category or service"),
    A.REPLY: (s.BodySerializer, "Reply to the citizen"),
    A.NOTE: (s.BodySerializer, "Add an internal note"),
    A.REQUEST_INFO: (s.BodySerializer, "Ask the citizen for information"),
    A.RESOLVE: (s.BodySerializer, "Resolve the request with a message to the citizen"),
    A.REJECT: (s.ReasonSerializer, "Reject the request with a reason"),
    A.MERGE: (s.MergeSerializer, "Merge the request into another one (duplicate)"),
    A.REOPEN: (s.ReasonSerializer, "Reopen a resolved or closed request"),
    A.CLOSE: (s.EmptySerializer, "Close a resolved request"),
}


def _action_view(action: Action):
    payload, summary = ACTION_PAYLOADS[action]
    view = type(
        f"{action.name.title().replace('_', '')}TicketView", (TicketActionView,), {"action": action, "payload": payload}
    )
    schema = extend_schema(
        summary=summary,
        operation_id=f"tickets_{action.value}",
        parameters=[REFERENCE_PARAMETER],
        request=None if payload is s.EmptySerializer else payload,
        responses={
            200: s.TicketDetailSerializer,
            204: OpenApiResponse(description="Done; the request has left your services."),
            **ACTION_ERRORS,
        },
    )
    return extend_schema_view(post=schema)(view)


ACTION_VIEWS = {action: _action_view(action) for action in ACTION_SLUGS}


# --- messages, timeline, attachments -------------------------------------------------------


class TicketMessages(APIView):
    permission_classes = [IsStaffMember]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="The request's messages, internal notes included",
        parameters=[REFERENCE_PARAMETER],
        responses={200: s.MessageSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request, reference):
        ticket = visible_ticket(request, reference)
        messages = ticket.messages.select_related("author").prefetch_related("attachments__uploaded_by")
        return Response(s.MessageSerializer(messages.order_by("created_at", "id"), many=True).data)

    @extend_schema(
        summary="Reply to the citizen or add an internal note, with files (multipart)",
        parameters=[REFERENCE_PARAMETER],
        request={"application/json": s.MessageCreateSerializer, "multipart/form-data": s.MessageCreateSerializer},
        responses={201: s.MessageSerializer, **ACTION_ERRORS},
    )
    def post(self, request, reference):
        ticket = visible_ticket(request, reference)
        kind = request.data.get("kind") if hasattr(request.data, "get") else None
        action = A.NOTE if kind == Message.Kind.INTERNAL_NOTE else A.REPLY
        require_right(request, ticket, action)
        data = validated(s.MessageCreateSerializer, request)
        files = checked_files(data["files"])
        try:
            message = perform(action, ticket.pk, by=request.user, body=data["body"], attachments=files)
        except InvalidTransition as refusal:
            return conflict(refusal)
        message = Message.objects.select_related("author").prefetch_related("attachments").get(pk=message.pk)
        return Response(s.MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class TicketEvents(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="The request's timeline, internal events included",
        parameters=[REFERENCE_PARAMETER],
        responses={200: s.EventSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request, reference):
        ticket = visible_ticket(request, reference)
        events = ticket.events.select_related("actor").order_by("created_at", "id")
        return Response(s.EventSerializer(events, many=True).data)


class TicketAttachments(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="The request's files",
        parameters=[REFERENCE_PARAMETER],
        responses={200: s.AttachmentSerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request, reference):
        ticket = visible_ticket(request, reference)
        attachments = ticket.attachments.select_related("uploaded_by").order_by("created_at", "id")
        return Response(s.AttachmentSerializer(attachments, many=True).data)


class AttachmentDownload(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Download a file of the request",
        parameters=[REFERENCE_PARAMETER, ID_PARAMETER],
        responses={
            **{
                (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")
                for media_type in ALLOWED_TYPES
            },
            **COMMON_ERRORS,
        },
    )
    def get(self, request, reference, attachment_id):
        ticket = visible_ticket(request, reference)
        attachment = ticket.attachments.filter(pk=attachment_id).first() if attachment_id <= s.MAX_ID else None
        if attachment is None:
            raise exceptions.NotFound(_("No such file on this request."))
        return download_response(attachment)


# --- reference data ------------------------------------------------------------------------


class CategoryList(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Active categories and their questions",
        responses={200: s.CategorySerializer(many=True), **COMMON_ERRORS},
    )
    def get(self, request):
        categories = (
            Category.objects.filter(is_active=True, service__is_active=True)
            .prefetch_related(Prefetch("fields", queryset=CategoryField.objects.order_by("order", "pk")))
            .order_by("service__name", "name")
        )
        return Response(s.CategorySerializer(categories, many=True).data)


class ServiceList(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(summary="Active services", responses={200: s.ServiceSerializer(many=True), **COMMON_ERRORS})
    def get(self, request):
        return Response(s.ServiceSerializer(Service.objects.filter(is_active=True).order_by("name"), many=True).data)


# --- appointments --------------------------------------------------------------------------


def visible_appointments(user):
    """As for tickets: agents and supervisors see their services', managers and administrators all."""
    queryset = Appointment.objects.select_related("slot__counter", "citizen", "ticket")
    if user.role in (Role.MANAGER, Role.ADMINISTRATOR):
        return queryset
    return queryset.filter(slot__counter__service__in=user.services.all())


class AppointmentList(generics.GenericAPIView):
    permission_classes = [IsStaffMember]
    pagination_class = NewestFirst
    serializer_class = s.AppointmentSerializer

    @extend_schema(
        summary="Appointments at your services' counters",
        parameters=[s.AppointmentFilterSerializer],
        responses={200: s.AppointmentSerializer(many=True), 400: VALIDATION_ERROR, **COMMON_ERRORS},
    )
    def get(self, request):
        filters = s.AppointmentFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        queryset = visible_appointments(request.user)
        conditions = Q()
        if "status" in data:
            conditions &= Q(status=data["status"])
        if "service" in data:
            conditions &= Q(slot__counter__service_id=data["service"])
        if "starts_after" in data:
            conditions &= Q(slot__starts_at__gte=data["starts_after"])
        if "starts_before" in data:
            conditions &= Q(slot__starts_at__lt=data["starts_before"])
        page = self.paginate_queryset(queryset.filter(conditions))
        return self.get_paginated_response(s.AppointmentSerializer(page, many=True).data)


class AppointmentCancel(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary="Cancel an appointment",
        parameters=[OpenApiParameter("appointment_id", int, OpenApiParameter.PATH, description="The appointment's id")],
        request=None,
        responses={200: s.AppointmentSerializer, 409: ACTION_ERRORS[409], **COMMON_ERRORS},
    )
    def post(self, request, appointment_id):
        appointment = (
            visible_appointments(request.user).filter(pk=appointment_id).first() if appointment_id <= s.MAX_ID else None
        )
        if appointment is None:
            raise exceptions.NotFound(_("No such appointment at your services' counters."))
        if not appointments.works_for_service(request.user, appointment.slot.counter.service_id):
            raise exceptions.PermissionDenied(_("You may not change this appointment."))
        try:
            appointments.cancel_appointment(appointment_id=appointment.pk, by=request.user)
        except appointments.AppointmentError as refusal:
            return conflict(refusal)
        return Response(s.AppointmentSerializer(visible_appointments(request.user).get(pk=appointment_id)).data)


# --- anything else under the API prefix ------------------------------------------------------


class NotFoundView(APIView):
    """A JSON 404 for unknown paths under the API, rather than the site's HTML page."""

    permission_classes = []
    authentication_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()
